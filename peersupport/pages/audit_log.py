"""The audit log (admins only): every moderator action, newest first. Read only."""

from __future__ import annotations

from typing import Any

import reflex as rx

from peersupport.components.forms import action_button
from peersupport.components.moderation_text import (
    DECISION_KEYS,
    TEMPLATE_NAME_KEYS,
    label_for,
    word_action_label,
)
from peersupport.components.moderation_widgets import message_lines, staff_only
from peersupport.components.secure_forms import secure_forms
from peersupport.components.text import t
from peersupport.layouts.page_frame import page_frame
from peersupport.pages.moderation import LOG_ROUTE
from peersupport.pages.moderation import ROUTE as MODERATION_ROUTE
from peersupport.state.audit_log import AuditLogState as S

ROUTE = LOG_ROUTE

ACTION_KEYS = {
    "claim": "moderation.log.action.claim",
    "release": "moderation.log.action.release",
    "approve": "moderation.log.action.approve",
    "edit_approve": "moderation.log.action.edit_approve",
    "reject": "moderation.log.action.reject",
    "escalate": "moderation.log.action.escalate",
    "undo": "moderation.log.action.undo",
    "suspend": "moderation.log.action.suspend",
    "unsuspend": "moderation.log.action.unsuspend",
    "watch_word": "moderation.log.action.watch_word",
    "unwatch_word": "moderation.log.action.unwatch_word",
    "lock": "moderation.log.action.lock",
    "unlock": "moderation.log.action.unlock",
    "move": "moderation.log.action.move",
    "remove": "moderation.log.action.remove",
    "keep": "moderation.log.action.keep",
    "seed_example": "moderation.log.action.seed_example",
    "pause": "queue.log.action.pause",
    "resume": "queue.log.action.resume",
}
SUBJECT_KEYS = {
    "story": "moderation.log.subject.story",
    "account": "moderation.log.subject.account",
    "word": "moderation.log.subject.word",
    "thread": "moderation.log.subject.thread",
    "reply": "moderation.log.subject.reply",
    "post": "moderation.log.subject.post",
}


def _reason(entry: Any) -> rx.Component:
    reason = rx.match(
        entry.reason_kind,
        (
            "template",
            rx.fragment(
                label_for(entry.reason_code, TEMPLATE_NAME_KEYS),
                rx.cond(entry.reason != "", rx.fragment(" — ", entry.reason)),
            ),
        ),
        ("decision", rx.fragment(label_for(entry.reason_code, DECISION_KEYS))),
        ("word_action", rx.fragment(word_action_label(entry.reason_code))),
        rx.fragment(entry.reason),
    )
    label = rx.match(
        entry.reason_kind,
        ("decision", t("moderation.log.undone")),
        ("word_action", t("moderation.log.word_action")),
        t("moderation.log.reason"),
    )
    return rx.cond(
        (entry.reason != "") | (entry.reason_code != ""),
        rx.el.p(rx.el.span(label, class_name="label"), " ", reason),
    )


def _change(line: Any) -> rx.Component:
    return rx.el.li(
        rx.cond(
            line.before,
            rx.fragment(
                rx.el.span(t("moderation.log.before"), class_name="label"),
                " ",
                rx.el.del_(line.text),
            ),
            rx.fragment(
                rx.el.span(t("moderation.log.after"), class_name="label"),
                " ",
                rx.el.ins(line.text),
            ),
        ),
        class_name=rx.cond(line.before, "mod-change mod-change--before", "mod-change"),
    )


def _account(deleted: Any, name: Any) -> rx.Component:
    """A pseudonym, or the neutral words for an account that was deleted."""
    return rx.cond(deleted, t("moderation.log.deleted_account"), rx.fragment(name))


def _entry(entry: Any) -> rx.Component:
    return rx.el.li(
        rx.el.p(
            rx.el.span(entry.at, class_name="mod-log__time"),
            " · ",
            rx.el.strong(_account(entry.actor_deleted, entry.actor)),
            class_name="muted",
        ),
        rx.el.p(
            rx.el.strong(label_for(entry.action, ACTION_KEYS)),
            ": ",
            rx.cond(
                entry.subject_kind != "",
                rx.fragment(label_for(entry.subject_kind, SUBJECT_KEYS), " "),
            ),
            _account(entry.subject_deleted, entry.subject),
        ),
        _reason(entry),
        rx.cond(
            entry.changes.length() > 0,
            rx.el.ul(rx.foreach(entry.changes, _change), class_name="mod-changes"),
        ),
        class_name="mod-log__entry",
    )


def log_view() -> rx.Component:
    return rx.el.div(
        rx.el.p(t("moderation.log.intro"), class_name="lead"),
        rx.cond(
            S.entries.length() > 0,  # type: ignore[attr-defined]
            rx.el.ol(
                rx.foreach(S.entries, _entry),
                class_name="mod-log",
                aria_label=t("moderation.log.list_label"),
            ),
            rx.el.p(t("moderation.log.empty")),
        ),
        message_lines(S.busy, S.error),
        rx.cond(
            S.has_older,
            action_button("moderation.log.older", S.older, S.busy, primary=False),
        ),
        class_name="mod-log-page",
    )


def audit_log_page() -> rx.Component:
    return page_frame(
        secure_forms(),
        staff_only(S.allowed, S.loaded, log_view(), "moderation.log.not_for_you"),
        title_key="moderation.log.title",
        current=ROUTE,
        back_to=MODERATION_ROUTE,
    )

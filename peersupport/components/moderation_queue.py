"""The queue on /moderatie, urgent items (crisis words) first, then oldest first (stories,
new threads and replies), and the item opened from it: why it is urgent, its text, what
the privacy scrubber and the watched words found, who claimed it, and what the moderator
may do with it."""

from __future__ import annotations

from typing import Any

import reflex as rx

from peersupport.components.forms import action_button
from peersupport.components.moderation_blur import hidden_text, hides_title, is_hidden
from peersupport.components.moderation_forms import edit_form, escalate_form, reject_form
from peersupport.components.moderation_signals import signals_block
from peersupport.components.moderation_text import (
    FINDING_KEYS,
    KIND_KEYS,
    LANGUAGE_KEYS,
    URGENT_REASON_KEYS,
    label_for,
    pick,
    word_action_label,
)
from peersupport.components.moderation_widgets import area_status, section
from peersupport.components.text import t
from peersupport.models.moderation import ItemKind
from peersupport.models.statuses import AccountRole
from peersupport.services.moderation import QUEUE_PAGE
from peersupport.services.stories import THEME_KEYS, WARNING_KEYS
from peersupport.state.moderation import ModerationState as S


def _marks(row: Any) -> rx.Component:
    """What it is in words, and where it goes: a story's language, a post's board."""
    return rx.el.ul(
        rx.cond(
            row.urgent_reasons.length() > 0,
            rx.el.li(t("moderation.item.urgent"), class_name="mark mod-mark--urgent"),
        ),
        rx.el.li(label_for(row.kind, KIND_KEYS), class_name="mark"),
        rx.cond(
            row.language != "",
            rx.el.li(label_for(row.language, LANGUAGE_KEYS), class_name="mark"),
        ),
        rx.cond(
            row.board != "",
            rx.el.li(
                t("moderation.item.board"), " ", pick(row.board_nl, row.board_en), class_name="mark"
            ),
        ),
        rx.cond(
            row.escalated,
            rx.el.li(t("moderation.item.escalated"), class_name="mark mod-mark--escalated"),
        ),
        rx.cond(row.own, rx.el.li(t("moderation.item.own"), class_name="mark")),
        rx.cond(
            row.overdue, rx.el.li(t("queue.overdue.mark"), class_name="mark mod-mark--overdue")
        ),
        class_name="marks",
    )


def _tag_line(codes: Any, label_key: str, keys: dict[str, str]) -> rx.Component:
    return rx.cond(
        codes.length() > 0,
        rx.el.p(
            rx.el.span(t(label_key), class_name="label"),
            " ",
            rx.foreach(codes, lambda code: rx.el.span(label_for(code, keys), class_name="mod-tag")),
            class_name="mod-line",
        ),
    )


def _alert(entries: Any, icon: str, title_key: str, entry: Any) -> rx.Component:
    return rx.cond(
        entries.length() > 0,
        rx.el.div(
            rx.el.p(
                rx.el.span(icon, aria_hidden="true", class_name="mod-alert__icon"),
                t(title_key),
                class_name="mod-alert__title",
            ),
            rx.el.ul(rx.foreach(entries, entry)),
            class_name="mod-alert",
        ),
    )


def _urgent(row: Any) -> rx.Component:
    """Why the crisis rules put it first: the reasons, never a verdict."""
    return rx.cond(
        row.urgent_reasons.length() > 0,
        rx.el.div(
            rx.el.p(t("moderation.item.urgent_title"), class_name="mod-alert__title"),
            rx.el.ul(
                rx.foreach(
                    row.urgent_reasons,
                    lambda code: rx.el.li(label_for(code, URGENT_REASON_KEYS)),
                )
            ),
            rx.el.p(t("moderation.item.urgent_explain"), class_name="mod-alert__note"),
            class_name="mod-alert mod-alert--urgent",
        ),
    )


def _details(row: Any) -> rx.Component:
    """Why it is urgent, themes, warnings, and (marked as warnings) what the privacy
    scrubber found and the watched words."""
    return rx.fragment(
        _urgent(row),
        signals_block(row),
        _tag_line(row.themes, "moderation.item.themes", THEME_KEYS),
        _tag_line(row.warnings, "moderation.item.warnings", WARNING_KEYS),
        _alert(
            row.findings,
            "⚠",
            "moderation.item.findings",
            lambda found: rx.el.li(
                rx.el.span(label_for(found.kind, FINDING_KEYS), class_name="label"),
                ": ",
                rx.el.mark(found.text),
            ),
        ),
        _alert(
            row.flags,
            "⚑",
            "moderation.item.flags",
            lambda flag: rx.el.li(rx.el.mark(flag.word), " (", word_action_label(flag.action), ")"),
        ),
    )


def _heading(row: Any) -> rx.Component:
    """The title; a reply has none of its own, so it names the thread it is in."""
    return rx.cond(
        row.kind == ItemKind.REPLY,
        rx.fragment(t("moderation.item.in_thread"), " ", row.title),
        row.title,
    )


def _claim_line(row: Any) -> rx.Component:
    return rx.cond(
        row.claimed_by_me,
        rx.el.p(t("moderation.item.claimed_by_you"), class_name="mod-claim"),
        rx.cond(
            row.claimed_by_other,
            rx.el.p(
                t("moderation.item.claimed_by"),
                " ",
                rx.el.strong(row.claimed_by),
                class_name="mod-claim",
            ),
        ),
    )


def _byline(row: Any) -> rx.Component:
    """Who wrote it, and how long it has waited."""
    return rx.el.p(
        t("moderation.item.by"),
        " ",
        rx.el.strong(row.author),
        " · ",
        pick(row.waiting_nl, row.waiting_en),
        class_name="muted",
    )


def _queue_card(row: Any) -> rx.Component:
    return rx.el.li(
        _marks(row),
        rx.el.h3(
            rx.el.button(
                rx.cond(hides_title(row), t("queue.blur.heading"), _heading(row)),
                type="button",
                on_click=S.open_item(row.id),  # type: ignore[operator]
                disabled=S.busy,
                class_name="mod-card__open",
            )
        ),
        _byline(row),
        rx.cond(is_hidden(row), hidden_text(row)),
        _details(row),
        _claim_line(row),
        class_name=rx.cond(
            row.urgent_reasons.length() > 0,
            "mod-card mod-card--urgent",
            rx.cond(
                (row.findings.length() > 0) | (row.flags.length() > 0),
                "mod-card mod-card--flagged",
                "mod-card",
            ),
        ),
        # Waited longer than the alert hours: a border of its own (see the stylesheet).
        custom_attrs={"data-overdue": rx.cond(row.overdue, "true", "false")},
    )


def queue() -> rx.Component:
    return section(
        "queue",
        "moderation.queue.title",
        rx.cond(
            S.queue.length() > 0,  # type: ignore[attr-defined]
            rx.fragment(
                rx.el.p(t("moderation.queue.explain"), class_name="muted"),
                rx.el.ul(rx.foreach(S.queue, _queue_card), class_name="mod-queue"),
                rx.cond(
                    S.queue_size > S.queue.length(),  # type: ignore[attr-defined]
                    rx.el.p(t("moderation.queue.more", n=QUEUE_PAGE), class_name="muted"),
                    rx.fragment(),
                ),
            ),
            rx.el.p(t("moderation.queue.empty"), class_name="mod-empty"),
        ),
    )


def _item_actions() -> rx.Component:
    row = S.current
    can_decide = ~row.own & (~row.escalated | (S.role == AccountRole.ADMIN)) & ~row.claimed_by_other
    return rx.fragment(
        rx.cond(row.own, rx.el.p(t("moderation.item.own_explain"), class_name="callout")),
        rx.cond(
            row.escalated & (S.role != AccountRole.ADMIN),
            rx.el.p(t("moderation.item.escalated_explain"), class_name="callout"),
        ),
        rx.cond(
            row.claimed_by_other,
            rx.el.p(t("moderation.item.claimed_explain"), class_name="callout"),
        ),
        rx.cond(
            ~row.claimed_by_other,
            rx.el.div(
                rx.cond(
                    row.claimed_by_me,
                    action_button(
                        "moderation.release",
                        S.release(row.id),  # type: ignore[operator]
                        S.busy,
                        primary=False,
                    ),
                    action_button(
                        "moderation.claim",
                        S.claim(row.id),  # type: ignore[operator]
                        S.busy,
                        primary=False,
                    ),
                ),
                class_name="actions",
            ),
        ),
        rx.el.article(
            rx.el.h3(t("moderation.item.text")),
            rx.cond(
                is_hidden(row),
                hidden_text(row),
                rx.html(S.current_body_html, class_name="story-text mod-story"),
            ),
            class_name="mod-story-box",
        ),
        rx.cond(
            can_decide & ~is_hidden(row),
            rx.el.div(
                rx.el.h3(t("moderation.item.decide")),
                rx.el.div(
                    action_button(
                        "moderation.approve",
                        S.approve(row.id),  # type: ignore[operator]
                        S.busy,
                    ),
                    class_name="actions",
                ),
                edit_form(),
                reject_form(),
                class_name="mod-decide",
            ),
        ),
        rx.cond(~row.escalated & ~row.own & ~row.claimed_by_other, escalate_form()),
    )


def item_detail() -> rx.Component:
    row = S.current
    return rx.el.section(
        rx.el.button(
            rx.el.span("←", aria_hidden="true"),
            " ",
            t("moderation.item.back"),
            type="button",
            on_click=S.close_item,
            class_name="back-link mod-back",
        ),
        rx.el.h2(
            rx.cond(hides_title(row), t("queue.blur.heading"), _heading(row)),
            id="mod-detail-title",
            tab_index=-1,
        ),
        _marks(row),
        _byline(row),
        _details(row),
        _claim_line(row),
        area_status("item"),
        _item_actions(),
        class_name="panel mod-section mod-detail",
        aria_labelledby="mod-detail-title",
    )

"""Reported board posts on /moderatie: each post with all its reports together, and the
two decisions: let it stay (the reports close, a hidden post shows again) or take it
down with a reason. The post is a member's plain text and is shown as text only."""

from __future__ import annotations

from typing import Any

import reflex as rx

from peersupport.components.moderation_reported import (
    keep_decision,
    remove_decision,
    reported_area,
    reported_card,
)
from peersupport.components.moderation_text import pick
from peersupport.components.text import t
from peersupport.services.board_moderation import REPORTED_PAGE
from peersupport.state.moderation import ModerationState as S


def _marks(post: Any) -> rx.Component:
    return rx.el.ul(
        rx.el.li(
            rx.cond(post.opening, t("moderation.kind.thread"), t("moderation.kind.reply")),
            class_name="mark",
        ),
        rx.el.li(
            t("moderation.item.board"), " ", pick(post.board_nl, post.board_en), class_name="mark"
        ),
        rx.cond(
            post.hidden,
            rx.el.li(t("moderation.reports.hidden"), class_name="mark mod-mark--escalated"),
        ),
        class_name="marks",
    )


def _remove_form(post: Any) -> rx.Component:
    return remove_decision(
        (
            "moderation.reports.remove_title",
            "moderation.reports.reason_hint",
            "moderation.reports.remove",
        ),
        ("post", post.post_id, post.thread_title),
        post.reason_field,
        S.remove_post,
        hint_id=post.reason_hint,
        note=rx.cond(
            post.opening,
            rx.el.p(t("moderation.reports.remove_opening"), class_name="field__hint"),
        ),
    )


def _reported_card(post: Any) -> rx.Component:
    return reported_card(
        post,
        _marks(post),
        rx.cond(
            post.opening,
            post.thread_title,
            rx.fragment(t("moderation.item.in_thread"), " ", post.thread_title),
        ),
        "moderation.reports.hidden_explain",
        keep_decision(
            "moderation.reports.dismiss",
            post.thread_title,
            S.dismiss_reports(post.post_id),  # type: ignore[operator]
            "moderation.reports.dismiss_explain",
        ),
        _remove_form(post),
    )


def reports() -> rx.Component:
    return reported_area(
        "reports",
        ("moderation.reports.title", "moderation.reports.explain", "moderation.reports.empty"),
        S.reported,
        _reported_card,
        REPORTED_PAGE,
    )

"""Reported board posts on /moderatie: each post with all its reports together, and the
two decisions: let it stay (the reports close, a hidden post shows again) or take it
down with a reason. The post is a member's plain text and is shown as text only."""

from __future__ import annotations

from typing import Any

import reflex as rx

from peersupport.components.moderation_reported import (
    keep_decision,
    reported_area,
    reported_item,
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
    """Taking the post down needs a reason; the form belongs to this post alone."""
    return rx.el.details(
        rx.el.summary(t("moderation.reports.remove_title"), class_name="mod-summary"),
        rx.el.form(
            # Which post: sent with the form, as one submit handler serves every post.
            rx.el.input(type="hidden", name="post", value=post.post_id),
            rx.cond(
                post.opening,
                rx.el.p(t("moderation.reports.remove_opening"), class_name="field__hint"),
            ),
            rx.el.div(
                rx.el.label(
                    t("moderation.reports.field_reason"),
                    html_for=post.reason_field,
                    class_name="field__label",
                ),
                rx.el.textarea(
                    id=post.reason_field,
                    name="reason",
                    rows=3,
                    aria_required="true",
                    aria_describedby=post.reason_hint,
                    class_name="field__input mod-textarea",
                ),
                rx.el.p(
                    t("moderation.reports.reason_hint"),
                    id=post.reason_hint,
                    class_name="field__hint",
                ),
                class_name="field",
            ),
            rx.el.button(
                t("moderation.reports.remove"),
                rx.el.span(": ", post.thread_title, class_name="visually-hidden"),
                type="submit",
                disabled=S.busy,
                class_name="button button--danger",
            ),
            key=post.post_id,
            on_submit=S.remove_post,
            class_name="mod-form",
        ),
        class_name="mod-details",
    )


def _reported_card(post: Any) -> rx.Component:
    return rx.el.li(
        _marks(post),
        rx.el.h3(
            rx.cond(
                post.opening,
                post.thread_title,
                rx.fragment(t("moderation.item.in_thread"), " ", post.thread_title),
            ),
            class_name="mod-reported__title",
        ),
        reported_item(post, "moderation.reports.hidden_explain"),
        keep_decision(
            "moderation.reports.dismiss",
            post.thread_title,
            S.dismiss_reports(post.post_id),  # type: ignore[operator]
            "moderation.reports.dismiss_explain",
        ),
        _remove_form(post),
        class_name="mod-card mod-reported",
    )


def reports() -> rx.Component:
    return reported_area(
        "reports",
        ("moderation.reports.title", "moderation.reports.explain", "moderation.reports.empty"),
        S.reported,
        _reported_card,
        REPORTED_PAGE,
    )

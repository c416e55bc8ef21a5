"""Reported board posts on /moderatie: each post with all its reports together, and the
two decisions: let it stay (the reports close, a hidden post shows again) or take it
down with a reason. The post is a member's plain text and is shown as text only."""

from __future__ import annotations

from typing import Any

import reflex as rx

from peersupport.components.moderation_text import label_for, pick
from peersupport.components.moderation_widgets import area_status, row_button, section
from peersupport.components.text import t
from peersupport.services.board_moderation import REPORTED_PAGE
from peersupport.services.boards import HIDE_AFTER_REPORTS, REPORT_REASON_KEYS
from peersupport.state.moderation import ModerationState as S

# On a wide screen the page has two columns; the reports take both, like the queue.
WIDE = {"grid_column": "1 / -1"}
# The small headings inside a card read like the item's "Tekst" heading.
SUBHEADING = {"font_size": "1rem", "font_weight": "700", "margin": "0.75rem 0 0.25rem"}


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


def _report(report: Any) -> rx.Component:
    """One report: the reason in words, when, and the reporter's own words if any."""
    return rx.el.li(
        rx.el.p(
            rx.el.strong(label_for(report.reason, REPORT_REASON_KEYS)),
            " · ",
            rx.el.span(report.at, class_name="muted", style={"white_space": "nowrap"}),
        ),
        rx.cond(report.text != "", rx.el.p(report.text, class_name="post__body")),
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
        rx.el.p(
            t("moderation.item.by"),
            " ",
            rx.el.strong(rx.cond(post.author != "", post.author, t("moderation.reports.gone"))),
            class_name="muted",
        ),
        rx.cond(
            post.hidden,
            rx.el.p(
                t("moderation.reports.hidden_explain", n=HIDE_AFTER_REPORTS), class_name="callout"
            ),
        ),
        rx.el.article(
            rx.el.h4(t("moderation.item.text"), style=SUBHEADING),
            rx.el.p(post.body, class_name="post__body"),
            class_name="mod-story-box",
        ),
        rx.el.div(
            rx.el.h4(pick(post.reports_nl, post.reports_en), class_name="mod-alert__title"),
            rx.el.ul(rx.foreach(post.reports, _report), class_name="mod-reports"),
            class_name="mod-alert",
        ),
        rx.el.div(
            row_button(
                "moderation.reports.dismiss",
                post.thread_title,
                S.dismiss_reports(post.post_id),  # type: ignore[operator]
            ),
            class_name="actions",
        ),
        rx.el.p(t("moderation.reports.dismiss_explain"), class_name="field__hint"),
        _remove_form(post),
        class_name="mod-card mod-reported",
    )


def reports() -> rx.Component:
    return rx.el.div(
        section(
            "reports",
            "moderation.reports.title",
            rx.el.p(t("moderation.reports.explain"), class_name="muted"),
            area_status("reports"),
            rx.cond(
                S.reported.length() > 0,  # type: ignore[attr-defined]
                rx.fragment(
                    rx.el.ul(rx.foreach(S.reported, _reported_card), class_name="mod-list"),
                    rx.cond(
                        S.reported.length() >= REPORTED_PAGE,  # type: ignore[attr-defined]
                        rx.el.p(t("moderation.reports.more", n=REPORTED_PAGE), class_name="muted"),
                    ),
                ),
                rx.el.p(t("moderation.reports.empty"), class_name="mod-empty"),
            ),
        ),
        class_name="mod-reports-area",
        style=WIDE,
    )

"""Reporting a published story (/verhalen/melden?nr=<id>): a reason, a few words if he
wants, and what happens next. Members only; the story page links here."""

from __future__ import annotations

import reflex as rx

from peersupport.components.forms import loading_status, status_lines
from peersupport.components.navigation import members_only_line
from peersupport.components.report_fields import report_fields
from peersupport.components.text import t
from peersupport.layouts.page_frame import page_frame
from peersupport.state.story_report import StoryReportState as S

ROUTE = "/verhalen/melden"
STORIES_ROUTE = "/verhalen"

ERRORS: dict[str, str] = {
    "unknown_story": "story_report.error.unknown_story",
    "own_story": "story_report.error.own_story",
    "already_reported": "story_report.error.already_reported",
    "too_many_reports": "boards.error.too_many_reports",
    "invalid_reason": "boards.error.invalid_reason",
    "reason_text_missing": "boards.error.reason_text_missing",
    "report_too_long": "boards.error.report_too_long",
    "suspended": "boards.error.suspended",
    "not_authorized": "error.not_authorized",
}


def _story_link(label_key: str) -> rx.Component:
    """Back to the story: a page from the server, so a plain link that replaces the entry."""
    return rx.el.a(
        t(label_key),
        href=STORIES_ROUTE + "/" + S.story_id.to_string(),  # type: ignore[attr-defined]
        custom_attrs={"data-replace": ""},
        class_name="button button--secondary",
    )


def _form() -> rx.Component:
    return rx.el.form(
        *report_fields("story_report.reason_title", "ps-story-report-text", "story_report.private"),
        status_lines(S.error, S.notice, S.busy, errors=ERRORS),
        rx.el.div(
            rx.el.button(
                t("boards.report.send"),
                type="submit",
                disabled=S.busy,
                class_name="button button--primary",
            ),
            _story_link("story_report.cancel"),
            class_name="actions",
        ),
        on_submit=S.report,
        reset_on_submit=False,
    )


def story_report_page() -> rx.Component:
    return page_frame(
        loading_status(S.view == "loading", "story_report.loading"),
        rx.cond(
            S.view == "not_found",
            rx.el.div(
                rx.el.p(t("story_report.error.unknown_story")),
                rx.el.a(
                    t("story_report.all_stories"),
                    href=STORIES_ROUTE,
                    custom_attrs={"data-replace": ""},
                    class_name="button button--secondary",
                ),
            ),
        ),
        rx.cond(
            S.view == "ready",
            rx.el.div(
                rx.el.p(t("story_report.about"), " ", rx.el.strong(S.story_title)),
                rx.cond(S.signed_in, _form(), members_only_line("story_report.members_only")),
            ),
        ),
        rx.cond(
            (S.view == "sent") | (S.view == "hidden"),
            rx.el.div(
                rx.el.p(
                    rx.cond(
                        S.view == "hidden",
                        t("story_report.sent_hidden"),
                        t("story_report.sent"),
                    ),
                    role="status",
                    class_name="callout",
                ),
                rx.el.a(
                    t("story_report.all_stories"),
                    href=STORIES_ROUTE,
                    custom_attrs={"data-replace": ""},
                    class_name="button button--secondary",
                ),
            ),
        ),
        title_key="story_report.title",
        current=ROUTE,
        back_to=STORIES_ROUTE,
    )

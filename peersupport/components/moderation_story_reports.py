"""Reported stories on /moderatie: each story with all its reports together, and the
two decisions: keep it (the reports close, a hidden story shows again) or remove it
with a reason the author reads. The story is shown as plain text only."""

from __future__ import annotations

from typing import Any

import reflex as rx

from peersupport.components.moderation_reports import SUBHEADING, WIDE, _report
from peersupport.components.moderation_text import pick
from peersupport.components.moderation_widgets import area_status, row_button, section
from peersupport.components.text import t
from peersupport.services.boards import HIDE_AFTER_REPORTS
from peersupport.services.story_reports import REPORTED_PAGE
from peersupport.state.moderation import ModerationState as S


def _remove_form(story: Any) -> rx.Component:
    """Removing the story needs a reason; the form belongs to this story alone."""
    field_id = "mod-story-reason-" + story.story_id.to_string()
    return rx.el.details(
        rx.el.summary(t("story_report.mod.remove_title"), class_name="mod-summary"),
        rx.el.form(
            rx.el.input(type="hidden", name="story", value=story.story_id),
            rx.el.div(
                rx.el.label(
                    t("moderation.reports.field_reason"),
                    html_for=field_id,
                    class_name="field__label",
                ),
                rx.el.textarea(
                    id=field_id,
                    name="reason",
                    rows=3,
                    aria_required="true",
                    class_name="field__input mod-textarea",
                ),
                rx.el.p(t("story_report.mod.reason_hint"), class_name="field__hint"),
                class_name="field",
            ),
            rx.el.button(
                t("story_report.mod.remove"),
                rx.el.span(": ", story.title, class_name="visually-hidden"),
                type="submit",
                disabled=S.busy,
                class_name="button button--danger",
            ),
            key=story.story_id,
            on_submit=S.remove_story,
            class_name="mod-form",
        ),
        class_name="mod-details",
    )


def _card(story: Any) -> rx.Component:
    return rx.el.li(
        rx.el.ul(
            rx.el.li(t("moderation.kind.story"), class_name="mark"),
            rx.cond(
                story.hidden,
                rx.el.li(t("moderation.reports.hidden"), class_name="mark mod-mark--escalated"),
            ),
            class_name="marks",
        ),
        rx.el.h3(story.title, class_name="mod-reported__title"),
        rx.el.p(
            t("moderation.item.by"),
            " ",
            rx.el.strong(rx.cond(story.author != "", story.author, t("moderation.reports.gone"))),
            class_name="muted",
        ),
        rx.cond(
            story.hidden,
            rx.el.p(
                t("story_report.mod.hidden_explain", n=HIDE_AFTER_REPORTS), class_name="callout"
            ),
        ),
        rx.el.article(
            rx.el.h4(t("moderation.item.text"), style=SUBHEADING),
            rx.el.p(story.body, class_name="post__body"),
            class_name="mod-story-box",
        ),
        rx.el.div(
            rx.el.h4(pick(story.reports_nl, story.reports_en), class_name="mod-alert__title"),
            rx.el.ul(rx.foreach(story.reports, _report), class_name="mod-reports"),
            class_name="mod-alert",
        ),
        rx.el.div(
            row_button(
                "story_report.mod.keep",
                story.title,
                S.keep_story(story.story_id),  # type: ignore[operator]
            ),
            class_name="actions",
        ),
        rx.el.p(t("story_report.mod.keep_explain"), class_name="field__hint"),
        _remove_form(story),
        class_name="mod-card mod-reported",
    )


def story_reports() -> rx.Component:
    return rx.el.div(
        section(
            "story-reports",
            "story_report.mod.title",
            rx.el.p(t("story_report.mod.explain"), class_name="muted"),
            area_status("story-reports"),
            rx.cond(
                S.reported_stories.length() > 0,  # type: ignore[attr-defined]
                rx.fragment(
                    rx.el.ul(rx.foreach(S.reported_stories, _card), class_name="mod-list"),
                    rx.cond(
                        S.reported_stories.length() >= REPORTED_PAGE,  # type: ignore[attr-defined]
                        rx.el.p(t("moderation.reports.more", n=REPORTED_PAGE), class_name="muted"),
                    ),
                ),
                rx.el.p(t("story_report.mod.empty"), class_name="mod-empty"),
            ),
        ),
        class_name="mod-reports-area",
        style=WIDE,
    )

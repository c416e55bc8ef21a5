"""Reported stories on /moderatie: each story with all its reports together, and the
two decisions: keep it (the reports close, a hidden story shows again) or remove it
with a reason the author reads. The story is shown as plain text only."""

from __future__ import annotations

from typing import Any

import reflex as rx

from peersupport.components.moderation_reported import (
    keep_decision,
    remove_decision,
    reported_area,
    reported_card,
)
from peersupport.components.text import t
from peersupport.services.story_reports import REPORTED_PAGE
from peersupport.state.moderation import ModerationState as S


def _remove_form(story: Any) -> rx.Component:
    return remove_decision(
        (
            "story_report.mod.remove_title",
            "story_report.mod.reason_hint",
            "story_report.mod.remove",
        ),
        ("story", story.story_id, story.title),
        "mod-story-reason-" + story.story_id.to_string(),
        S.remove_story,
    )


def _card(story: Any) -> rx.Component:
    return reported_card(
        story,
        rx.el.ul(
            rx.el.li(t("moderation.kind.story"), class_name="mark"),
            rx.cond(
                story.hidden,
                rx.el.li(t("moderation.reports.hidden"), class_name="mark mod-mark--escalated"),
            ),
            class_name="marks",
        ),
        story.title,
        "story_report.mod.hidden_explain",
        keep_decision(
            "story_report.mod.keep",
            story.title,
            S.keep_story(story.story_id),  # type: ignore[operator]
            "story_report.mod.keep_explain",
        ),
        _remove_form(story),
    )


def story_reports() -> rx.Component:
    return reported_area(
        "story-reports",
        ("story_report.mod.title", "story_report.mod.explain", "story_report.mod.empty"),
        S.reported_stories,
        _card,
        REPORTED_PAGE,
    )

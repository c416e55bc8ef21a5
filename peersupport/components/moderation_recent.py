"""Recent decisions on /moderatie, each with an undo button while undo is still possible."""

from __future__ import annotations

from typing import Any

import reflex as rx

from peersupport.components.moderation_text import DECISION_KEYS, label_for
from peersupport.components.moderation_widgets import area_status, row_button, section
from peersupport.components.text import t
from peersupport.services.moderation import UNDO_MINUTES
from peersupport.state.moderation import ModerationState as S


def _recent_row(decision: Any) -> rx.Component:
    return rx.el.li(
        rx.el.p(rx.el.strong(decision.title), class_name="mod-recent__title"),
        rx.el.p(
            label_for(decision.decision, DECISION_KEYS),
            " · ",
            decision.decided_at,
            " · ",
            t("moderation.recent.undo_until"),
            " ",
            decision.undo_until,
            class_name="muted",
        ),
        row_button(
            "moderation.recent.undo",
            decision.title,
            S.undo(decision.item_id),  # type: ignore[operator]
        ),
        class_name="mod-recent",
    )


def recent() -> rx.Component:
    return section(
        "recent",
        "moderation.recent.title",
        rx.el.p(t("moderation.recent.explain", minutes=UNDO_MINUTES), class_name="muted"),
        area_status("recent"),
        rx.cond(
            S.recent.length() > 0,  # type: ignore[attr-defined]
            rx.el.ul(rx.foreach(S.recent, _recent_row), class_name="mod-list"),
            rx.el.p(t("moderation.recent.empty", minutes=UNDO_MINUTES)),
        ),
    )

"""Stories whose "Dit hielp me" count jumps (peersupport/services/helped_jumps.py): shown
to moderators only when there is one, with both figures, for them to judge."""

from __future__ import annotations

from typing import Any

import reflex as rx

from peersupport.components.moderation_text import pick
from peersupport.components.moderation_widgets import section
from peersupport.components.text import t
from peersupport.state.moderation import ModerationState as S


def _jump(row: Any) -> rx.Component:
    return rx.el.li(
        # A story is a plain page from the server: a full load that replaces the entry.
        rx.el.a(
            row.title,
            href="/verhalen/" + row.story_id.to_string(),
            custom_attrs={"data-replace": ""},
        ),
        rx.el.p(pick(row.figures_nl, row.figures_en), class_name="muted"),
    )


def helped_jumps() -> rx.Component:
    return rx.cond(
        S.helped_jumps.length() > 0,  # type: ignore[attr-defined]
        section(
            "helped",
            "moderation.helped_jumps.title",
            rx.el.p(t("moderation.helped_jumps.text")),
            rx.el.ul(rx.foreach(S.helped_jumps, _jump), class_name="mod-list"),
        ),
    )

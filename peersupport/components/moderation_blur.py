"""An item hidden for the moderator's own safety (crisis or sexual content): instead of
its title and text, grey lines that say nothing and a "Toon tekst" button. The state
sends no title or text for such an item until he presses it, so there is nothing to
read, select or hear (services/queue_safety.py says which items and why)."""

from __future__ import annotations

from typing import Any

import reflex as rx

from peersupport.components.moderation_text import label_for
from peersupport.components.text import t
from peersupport.models.moderation import ItemKind
from peersupport.state.moderation import ModerationState as S

SENSITIVE_KEYS = {
    "crisis": "queue.blur.reason.crisis",
    "sexual": "queue.blur.reason.sexual",
}


def is_hidden(row: Any) -> Any:
    return (row.sensitive.length() > 0) & ~row.revealed


def hides_title(row: Any) -> Any:
    """A reply's title is its published thread's: only a story's or thread's is hidden."""
    return is_hidden(row) & (row.kind != ItemKind.REPLY)


def hidden_text(row: Any) -> rx.Component:
    """The hidden item's place: why, the blurred lines, and the button."""
    return rx.el.div(
        rx.el.p(
            t("queue.blur.title"),
            " ",
            rx.foreach(
                row.sensitive,
                lambda code: rx.el.span(label_for(code, SENSITIVE_KEYS), class_name="mod-tag"),
            ),
            class_name="mod-blur__why",
        ),
        rx.el.div(
            rx.el.span(class_name="mod-blur__line"),
            rx.el.span(class_name="mod-blur__line mod-blur__line--short"),
            rx.el.span(class_name="mod-blur__line"),
            class_name="mod-blur__lines",
            aria_hidden="true",
        ),
        rx.el.button(
            t("queue.blur.show"),
            type="button",
            on_click=S.reveal(row.id),  # type: ignore[operator]
            disabled=S.busy,
            class_name="button button--secondary mod-blur__show",
        ),
        class_name="mod-blur",
    )

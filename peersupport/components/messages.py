"""One line that answers an action: an error, a confirmation or a progress line, shown
next to the control that caused it and announced to screen readers.

Errors are `role="alert"` (read out at once), confirmations and progress `role="status"`.
Errors and confirmations carry `data-ps-message`: assets/messages.js scrolls such a line
into view, clear of the bottom bar and the quick exit, the moment it gets its text.

The one home of these lines in the Reflex pages: the forms' status lines and loading
lines (components/forms.py), saving a result as a note (components/save_note.py), the
moderators' pages and a failed autosave of a story are all made here."""

from __future__ import annotations

from typing import Any, Literal

import reflex as rx

MessageKind = Literal["error", "notice", "busy"]

_ROLE: dict[MessageKind, str] = {"error": "alert", "notice": "status", "busy": "status"}


def message_line(kind: MessageKind, shown: Any, text: Any, **props: Any) -> rx.Component:
    """The line of one kind: `text` while `shown` is true, empty (and not laid out)
    otherwise. The element stays in the page, so a screen reader hears every change."""
    attrs: dict[str, Any] = {"data-ps-message": kind} if kind != "busy" else {}
    attrs.update(props.pop("custom_attrs", {}))
    return rx.el.p(
        rx.cond(shown, text, ""),
        role=_ROLE[kind],
        class_name=rx.cond(shown, f"status status--{kind}", "status"),
        custom_attrs=attrs,
        **props,
    )

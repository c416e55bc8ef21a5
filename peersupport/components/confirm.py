"""Ask once, in plain words, before a step that cannot be undone: the first button opens
a question right below it with "yes" (the real action) and "no, keep it". Opening and
closing happen in the browser at once (assets/confirm.js): the focus moves to the
question, so a screen reader reads it; "no" or Escape close it and give the focus back
to the first button; after "yes" it closes by itself."""

from __future__ import annotations

from typing import Any

import reflex as rx

from peersupport.components.text import t


def confirm_step(
    step_id: str,
    open_label_key: str,
    question: rx.Component,
    yes: rx.Component,
    *,
    keep_key: str = "confirm.keep",
    disabled: Any = False,
    class_name: str = "",
) -> rx.Component:
    """`yes` must carry `data-confirm-yes` (see `yes_button`)."""
    ask_id, question_id = f"{step_id}-ask", f"{step_id}-question"
    return rx.el.div(
        rx.el.button(
            t(open_label_key),
            type="button",
            disabled=disabled,
            class_name="button button--danger",
            aria_expanded="false",
            aria_controls=ask_id,
            custom_attrs={"data-confirm-open": step_id},
        ),
        rx.el.div(
            rx.el.div(question, id=question_id, tab_index=-1, class_name="confirm__question"),
            rx.el.div(
                yes,
                rx.el.button(
                    t(keep_key),
                    type="button",
                    class_name="button button--secondary",
                    custom_attrs={"data-confirm-keep": step_id},
                ),
                class_name="actions",
            ),
            id=ask_id,
            role="group",
            aria_labelledby=question_id,
            hidden=True,
            class_name="confirm",
            custom_attrs={"data-confirm-step": step_id},
        ),
        class_name=f"confirm-step {class_name}".strip(),
    )


def yes_button(label_key: str, on_click: Any, disabled: Any = False, **props: Any) -> rx.Component:
    """The button that does the step, inside the question."""
    return rx.el.button(
        t(label_key),
        type="button",
        on_click=on_click,
        disabled=disabled,
        class_name="button button--danger",
        custom_attrs={"data-confirm-yes": ""},
        **props,
    )

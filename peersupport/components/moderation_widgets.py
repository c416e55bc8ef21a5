"""Building blocks of the moderators' pages: sections, announced status lines, form
fields and buttons, and the one line shown to whoever the page is not for."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import reflex as rx

from peersupport.components.forms import labelled_field
from peersupport.components.messages import message_line
from peersupport.components.moderation_text import error_text, notice_text
from peersupport.components.text import t
from peersupport.state.moderation import ModerationState as S


def staff_only(allowed: Any, loaded: Any, view: rx.Component, refused_key: str) -> rx.Component:
    """`view` for staff; anyone else gets one line, and until the state knows which,
    a loading line."""
    return rx.cond(
        allowed,
        view,
        rx.cond(
            loaded,
            rx.el.p(t(refused_key), class_name="lead"),
            message_line("busy", True, t("moderation.loading")),
        ),
    )


def message_lines(
    busy: Any, error: Any, notice: Any = None, *, lines_id: str | None = None
) -> rx.Component:
    """Busy, error and (when given) notice lines, announced where they appear."""
    lines = [
        message_line("busy", busy, t("moderation.busy")),
        message_line("error", error != "", error_text(error)),
    ]
    if notice is not None:
        lines.append(message_line("notice", notice != "", notice_text(notice)))
    return rx.el.div(*lines, id=lines_id, class_name="status-lines")


def area_status(area: str) -> rx.Component:
    """The message lines of one part of /moderatie: only what happened there shows."""
    here = S.message_area == area
    return message_lines(
        S.busy & here,
        rx.cond(here, S.error, ""),
        rx.cond(here, S.notice, ""),
        lines_id=f"mod-{area}-status",
    )


def section(slug: str, title_key: str, *children: rx.Component) -> rx.Component:
    return rx.el.section(
        rx.el.h2(t(title_key), id=f"mod-{slug}-title", tab_index=-1),
        *children,
        class_name=f"panel mod-section mod-section--{slug}",
        aria_labelledby=f"mod-{slug}-title",
    )


def _field(
    control: Callable[..., rx.Component],
    field_id: str,
    label_key: str,
    hint_key: str | None,
    **props: Any,
) -> rx.Component:
    """A labelled `control`, with its hint below it when there is one."""
    hint_id = f"{field_id}-hint"
    return labelled_field(
        field_id,
        label_key,
        control(id=field_id, aria_describedby=hint_id if hint_key else None, **props),
        rx.el.p(t(hint_key), id=hint_id, class_name="field__hint") if hint_key else rx.fragment(),
    )


def text_field(
    field_id: str, name: str, label_key: str, *, hint_key: str | None = None, **props: Any
) -> rx.Component:
    return _field(
        rx.el.input,
        field_id,
        label_key,
        hint_key,
        name=name,
        type="text",
        auto_complete="off",
        class_name="field__input",
        **props,
    )


def text_area(
    field_id: str, name: str, label_key: str, *, hint_key: str | None = None, **props: Any
) -> rx.Component:
    return _field(
        rx.el.textarea,
        field_id,
        label_key,
        hint_key,
        name=name,
        class_name="field__input mod-textarea",
        **props,
    )


def radio_choice(
    choice_id: str, name: str, value: str, label_key: str, hint_key: str, **props: Any
) -> rx.Component:
    """One labelled radio button with a line that explains it."""
    return rx.el.div(
        rx.el.input(
            id=choice_id,
            type="radio",
            name=name,
            value=value,
            class_name="check__input",
            aria_describedby=f"{choice_id}-hint",
            **props,
        ),
        rx.el.label(t(label_key), html_for=choice_id, class_name="field__label"),
        rx.el.p(t(hint_key), id=f"{choice_id}-hint", class_name="field__hint"),
        class_name="check",
    )


def submit_button(label_key: str, danger: bool = False) -> rx.Component:
    return rx.el.button(
        t(label_key),
        type="submit",
        disabled=S.busy,
        class_name="button " + ("button--danger" if danger else "button--primary"),
    )


def row_button(label_key: str, row_name: Any, on_click: Any) -> rx.Component:
    """A button in one row of a list; screen readers also hear which row it is for."""
    return rx.el.button(
        t(label_key),
        rx.el.span(": ", row_name, class_name="visually-hidden"),
        type="button",
        on_click=on_click,
        disabled=S.busy,
        class_name="button button--secondary",
    )


def chart_table(
    caption_key: str,
    column_keys: list[str],
    rows: Any,
    row: Callable[[Any], rx.Component],
    **props: Any,
) -> rx.Component:
    """A chart's figures as a table for screen readers: its caption, a header per column
    and a row per day."""
    return rx.el.table(
        rx.el.caption(t(caption_key)),
        rx.el.thead(rx.el.tr(*[rx.el.th(t(key), scope="col") for key in column_keys])),
        rx.el.tbody(rx.foreach(rows, row)),
        **props,
    )

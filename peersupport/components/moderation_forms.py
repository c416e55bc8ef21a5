"""The folded forms under the open item on /moderatie: edit then approve, reject with a
reason (templates plus free text), and pass it on to the admins."""

from __future__ import annotations

from typing import Any

import reflex as rx

from peersupport.components.moderation_text import TEMPLATE_NAME_KEYS
from peersupport.components.moderation_widgets import (
    radio_choice,
    submit_button,
    text_area,
    text_field,
)
from peersupport.components.text import t
from peersupport.models.moderation import ItemKind
from peersupport.services.moderation import REJECT_TEMPLATE_KEYS, REJECT_TEMPLATES
from peersupport.state.moderation import ModerationState as S


def _item_form(title_key: str, handler: Any, *fields: rx.Component) -> rx.Component:
    """A form about the open item, folded under its title; sent with the item's id.
    The item's id is its key, so another item gets a fresh, empty form."""
    return rx.el.details(
        rx.el.summary(t(title_key), class_name="mod-summary"),
        rx.el.form(
            *fields,
            key=S.current.id,
            on_submit=lambda form: handler(S.current.id, form),
            class_name="mod-form",
        ),
        class_name="mod-details",
    )


def edit_form() -> rx.Component:
    return _item_form(
        "moderation.edit.title",
        S.edit_and_approve,
        rx.el.p(t("moderation.edit.explain"), class_name="field__hint"),
        # A reply's title is its thread's: shown above, not changed here.
        rx.cond(
            S.current.kind != ItemKind.REPLY,
            text_field(
                "mod-edit-title",
                "title",
                "moderation.edit.field_title",
                default_value=S.current.title,
            ),
        ),
        text_area(
            "mod-edit-body",
            "body",
            "moderation.edit.field_body",
            default_value=S.current_body,
            rows=12,
        ),
        text_area(
            "mod-edit-reason",
            "reason",
            "moderation.edit.field_reason",
            hint_key="moderation.edit.reason_hint",
            rows=3,
            aria_required="true",
        ),
        submit_button("moderation.edit.submit"),
    )


def reject_form() -> rx.Component:
    return _item_form(
        "moderation.rejecting.title",
        S.reject,
        rx.el.fieldset(
            rx.el.legend(t("moderation.rejecting.choose"), class_name="field__label"),
            *[
                radio_choice(
                    f"mod-template-{code}",
                    "template",
                    code,
                    TEMPLATE_NAME_KEYS[code],
                    REJECT_TEMPLATE_KEYS[code],
                )
                for code in REJECT_TEMPLATES
            ],
            class_name="mod-fieldset",
        ),
        text_area(
            "mod-reject-text",
            "text",
            "moderation.rejecting.field_text",
            hint_key="moderation.rejecting.text_hint",
            rows=3,
        ),
        submit_button("moderation.rejecting.submit", danger=True),
    )


def escalate_form() -> rx.Component:
    return _item_form(
        "moderation.escalate.title",
        S.escalate,
        rx.el.p(t("moderation.escalate.explain"), class_name="field__hint"),
        text_area(
            "mod-escalate-reason",
            "reason",
            "moderation.escalate.field_reason",
            rows=3,
            aria_required="true",
        ),
        submit_button("moderation.escalate.submit"),
    )

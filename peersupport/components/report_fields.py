"""The fields of a report, the same for a board post and a story: the reason to choose,
a few words if he wants, and who reads them."""

from __future__ import annotations

import reflex as rx

from peersupport.components.forms import labelled_field
from peersupport.components.text import t
from peersupport.models.boards import REPORT_REASONS, REPORT_TEXT_MAX_CHARS
from peersupport.services.boards import REPORT_REASON_KEYS


def report_fields(legend_key: str, text_id: str, private_key: str) -> list[rx.Component]:
    """The reasons under `legend_key`, the text field `text_id`, and `private_key`."""
    return [
        rx.el.fieldset(
            rx.el.legend(t(legend_key)),
            *[
                rx.el.label(
                    rx.el.input(type="radio", name="reason", value=reason, required=True),
                    " ",
                    t(REPORT_REASON_KEYS[reason]),
                    class_name="choice",
                )
                for reason in REPORT_REASONS
            ],
        ),
        labelled_field(
            text_id,
            "boards.report.text",
            rx.el.textarea(
                id=text_id,
                name="text",
                rows=3,
                max_length=REPORT_TEXT_MAX_CHARS,
                class_name="field__input field__textarea field__textarea--short",
            ),
        ),
        rx.el.p(t(private_key), class_name="field__hint"),
    ]

"""Mijn verhaal in het kort (/kort): a few questions that make a short text he can copy,
show or read out when he opens a chat with Helpwanted, Fier or the Kindertelefoon, so
he does not have to tell everything again.

The fields are uncontrolled (no state, no event carries what he types) and the text is
made in the page by assets/summary.js; it works without an account and keeps nothing.
A signed-in member can keep the text as a note sealed in the browser.
"""

from __future__ import annotations

import reflex as rx

from peersupport.components.forms import labelled_field
from peersupport.components.help_route import help_route_card
from peersupport.components.save_note import SaveTexts, save_note_section
from peersupport.components.secure_forms import secure_forms
from peersupport.components.text import t
from peersupport.content import help_routes
from peersupport.layouts.page_frame import page_frame
from peersupport.state.checklists import ChecklistState

ROUTE = "/kort"
ROUTE_IDS = ("helpwanted", "fier", "kindertelefoon")
WANTS = ("stop", "remove", "report", "talk")
WANT_KEYS = {
    "stop": "summary.want.stop",
    "remove": "summary.want.remove",
    "report": "summary.want.report",
    "talk": "summary.want.talk",
}
# Each question: its field's id, label, hint (or ""), and whether it takes several lines.
QUESTIONS = (
    ("what", "summary.what", "summary.what_hint", True),
    ("since", "summary.since", "summary.since_hint", False),
    ("app", "summary.app", "", False),
    ("done", "summary.done", "summary.done_hint", True),
)
# The lines of the text, in the page's language, for the script to put together.
LINE_KEYS = {
    "opening": "summary.line.opening",
    "what": "summary.line.what",
    "since": "summary.line.since",
    "app": "summary.line.app",
    "done": "summary.line.done",
    "wants": "summary.line.wants",
}
SUMMARY_SAVE_TEXTS = SaveTexts(
    text="summary.save.text",
    button="summary.save.button",
    members="summary.save.members",
    sign_in_first="summary.error.sign_in_first",
    note_empty="summary.error.note_empty",
)


def _question(name: str, label_key: str, hint_key: str, long: bool) -> rx.Component:
    field_id = f"summary-{name}"
    hint_id = f"{field_id}-hint"
    attributes = {"data-summary-field": name}
    field = (
        rx.el.textarea(
            id=field_id,
            rows=3,
            class_name="field__input",
            aria_describedby=hint_id if hint_key else None,
            custom_attrs=attributes,
        )
        if long
        else rx.el.input(
            id=field_id,
            type="text",
            class_name="field__input",
            aria_describedby=hint_id if hint_key else None,
            custom_attrs=attributes,
        )
    )
    return labelled_field(
        field_id,
        label_key,
        rx.el.p(t(hint_key), id=hint_id, class_name="field__hint") if hint_key else rx.fragment(),
        field,
    )


def _wants() -> rx.Component:
    return rx.el.fieldset(
        rx.el.legend(t("summary.wants"), class_name="field__label"),
        rx.el.div(
            *[
                rx.el.label(
                    rx.el.input(
                        type="checkbox",
                        class_name="check__input",
                        custom_attrs={"data-summary-want": "", "data-text": t(WANT_KEYS[want])},
                    ),
                    rx.el.span(t(WANT_KEYS[want]), class_name="choice__text"),
                    class_name="choice choice__label",
                )
                for want in WANTS
            ],
            class_name="choices",
        ),
        class_name="choice-group",
    )


def _output() -> rx.Component:
    return rx.el.section(
        rx.el.h2(t("summary.output"), id="summary-output-title", tab_index=-1),
        rx.el.p(t("summary.output_hint"), id="summary-output-hint", class_name="field__hint"),
        rx.el.textarea(
            id="summary-output",
            rows=10,
            class_name="field__input",
            aria_labelledby="summary-output-title",
            aria_describedby="summary-output-hint",
            custom_attrs={"data-summary-output": ""},
        ),
        rx.el.div(
            rx.el.button(
                t("summary.copy"),
                type="button",
                class_name="button button--primary",
                custom_attrs={"data-summary-copy": ""},
            ),
            class_name="actions",
        ),
        rx.el.p(
            role="status",
            class_name="status",
            custom_attrs={
                "data-summary-copied": "",
                "data-ok": t("summary.copied"),
                "data-failed": t("summary.copy_failed"),
            },
        ),
        save_note_section(ChecklistState, SUMMARY_SAVE_TEXTS),
        secure_forms(),
        id="summary-output-section",
        class_name="panel",
        hidden=True,
        aria_labelledby="summary-output-title",
    )


def summary_page() -> rx.Component:
    routes = help_routes()
    lines = {f"data-line-{name}": t(key) for name, key in LINE_KEYS.items()}
    return page_frame(
        rx.el.p(t("summary.intro"), class_name="lead"),
        rx.el.p(t("summary.private"), class_name="callout"),
        rx.el.section(
            *[_question(*question) for question in QUESTIONS],
            _wants(),
            rx.el.div(
                rx.el.button(
                    t("summary.compose"),
                    type="button",
                    class_name="button button--primary",
                    custom_attrs={"data-summary-compose": ""},
                ),
                class_name="actions",
            ),
            rx.el.p(
                role="alert",
                class_name="status",
                custom_attrs={"data-summary-empty": "", "data-text": t("summary.empty")},
            ),
            id="ps-summary",
            class_name="panel",
            custom_attrs={**lines, "data-note-title": t("summary.title")},
        ),
        _output(),
        rx.el.h2(t("summary.routes")),
        rx.el.div(
            *[help_route_card(routes.by_id(route_id)) for route_id in ROUTE_IDS],
            class_name="route-list",
        ),
        title_key="summary.title",
        current="/hulp",
        back_to="/hulp",
    )

"""The fields of the story form (pages/write_story.py): what to keep in mind, the title,
the text, the language, the themes and the warnings, each with its hint. Their ids are
what the writer script (components/story_writer.js) reads and fills.
"""

from typing import Any

import reflex as rx

from peersupport.components.forms import labelled_field
from peersupport.components.text import t
from peersupport.models.stories import BODY_MAX_CHARS, TITLE_MAX_CHARS

LANGUAGE_KEYS: dict[str, str] = {"nl": "writing.language.nl", "en": "writing.language.en"}


def field_hint(hint_id: str, key: str) -> rx.Component:
    return rx.el.p(t(key), id=hint_id, class_name="field__hint")


def intro() -> rx.Component:
    return rx.el.section(
        rx.el.h2(t("writing.intro.title"), id="ps-story-intro"),
        rx.el.ul(
            rx.el.li(t("writing.intro.you_decide")),
            rx.el.li(t("writing.intro.no_names")),
            rx.el.li(t("writing.intro.moderator")),
            rx.el.li(t("writing.intro.withdraw")),
            rx.el.li(t("writing.intro.autosave")),
            class_name="steps",
        ),
        class_name="panel writing-intro",
        aria_labelledby="ps-story-intro",
    )


def _text_field(
    field_id: str, label_key: str, hints: dict[str, str], control: Any, **props: Any
) -> rx.Component:
    """A text field: its label, its hints (element id: text key), then `control` (an
    input or a textarea) described by them."""
    return labelled_field(
        field_id,
        label_key,
        *[field_hint(hint_id, key) for hint_id, key in hints.items()],
        control(id=field_id, aria_describedby=" ".join(hints), **props),
    )


def title_field() -> rx.Component:
    return _text_field(
        "ps-story-title",
        "writing.field.title",
        {"ps-story-title-hint": "writing.field.title_hint"},
        rx.el.input,
        type="text",
        max_length=TITLE_MAX_CHARS,
        auto_complete="off",
        class_name="field__input",
    )


def body_field() -> rx.Component:
    return _text_field(
        "ps-story-body",
        "writing.field.body",
        {
            "ps-story-body-hint": "writing.field.body_hint",
            "ps-story-body-format": "writing.field.body_format",
        },
        rx.el.textarea,
        rows=14,
        max_length=BODY_MAX_CHARS,
        class_name="field__input field__textarea writing-body",
    )


def choice(kind: str, group: str, code: str, label_key: str, **props: Any) -> rx.Component:
    """One radio button or checkbox (`kind`) of the group `group`, with its label;
    `props` such as a handler the input calls."""
    choice_id = f"ps-story-{group}-{code}"
    return rx.el.div(
        rx.el.input(
            type=kind,
            id=choice_id,
            name=f"ps-story-{group}",
            value=code,
            class_name="check__input",
            **props,
        ),
        rx.el.label(
            rx.el.span(t(label_key), class_name="choice__text"),
            html_for=choice_id,
            class_name="choice__label",
        ),
        class_name="choice",
    )


def choices(
    group: str, kind: str, legend_key: str, hint_key: str, options: dict[str, str]
) -> rx.Component:
    hint_id = f"ps-story-{group}-hint"
    return rx.el.fieldset(
        rx.el.legend(t(legend_key), class_name="field__label"),
        field_hint(hint_id, hint_key),
        rx.el.div(
            *[choice(kind, group, code, key) for code, key in options.items()],
            class_name="choices",
        ),
        class_name=f"field choice-group choice-group--{group}",
        aria_describedby=hint_id,
    )

"""Watched words on /moderatie: add a word with what it does (block, flag, or send to
the admins), and the list of words with a remove button each."""

from __future__ import annotations

from typing import Any

import reflex as rx

from peersupport.components.moderation_text import WORD_ACTION_KEYS, word_action_label
from peersupport.components.moderation_widgets import (
    area_status,
    radio_choice,
    row_button,
    section,
    submit_button,
    text_field,
)
from peersupport.components.text import t
from peersupport.models.moderation import WatchAction
from peersupport.state.moderation import ModerationState as S


def _word_choice(action: str) -> rx.Component:
    name_key, explain_key = WORD_ACTION_KEYS[action]
    return radio_choice(
        f"mod-word-{action}",
        "action",
        action,
        name_key,
        explain_key,
        default_checked=action == WatchAction.FLAG,
    )


def _word_row(word: Any) -> rx.Component:
    return rx.el.li(
        rx.el.span(word.phrase, class_name="mod-word"),
        rx.el.span(word_action_label(word.action), class_name="mark"),
        row_button(
            "moderation.words.remove",
            word.phrase,
            S.remove_watched_word(word.id),  # type: ignore[operator]
        ),
        class_name="mod-word-row",
    )


def watched_words() -> rx.Component:
    return section(
        "words",
        "moderation.words.title",
        rx.el.p(t("moderation.words.explain")),
        rx.el.form(
            text_field("mod-word-phrase", "phrase", "moderation.words.field_phrase"),
            rx.el.fieldset(
                rx.el.legend(t("moderation.words.field_action"), class_name="field__label"),
                *[_word_choice(action) for action in WORD_ACTION_KEYS],
                class_name="mod-fieldset",
            ),
            submit_button("moderation.words.submit"),
            key=S.words_round,
            on_submit=S.add_watched_word,
            class_name="mod-form",
        ),
        area_status("words"),
        rx.cond(
            S.words.length() > 0,  # type: ignore[attr-defined]
            rx.el.ul(rx.foreach(S.words, _word_row), class_name="mod-list"),
            rx.el.p(t("moderation.words.empty")),
        ),
    )

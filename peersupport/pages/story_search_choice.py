"""The author's choice whether search engines may find his story: the plain question in
the write form (default no) and the line with its button under Mijn verhalen. The
stories service keeps the choice (services/story_findability.py)."""

from __future__ import annotations

from typing import Any

import reflex as rx

from peersupport.components.text import t
from peersupport.pages.story_fields import choice
from peersupport.state.my_stories import MyStoriesState
from peersupport.state.writing import WritingState

QUESTION_HINT_ID = "ps-story-search-hint"
# The handlers, called with their arguments when the page is compiled.
CHOOSE: Any = WritingState.choose_search
SET_SEARCH: Any = MyStoriesState.set_search


def _answer(value: str, label_key: str) -> rx.Component:
    return choice("radio", "search", value, label_key, on_change=CHOOSE(value))


def search_question() -> rx.Component:
    """The question in the write form: may search engines such as Google show it? The
    page's writer script ticks the stored answer when it fills the form (as it does the
    other choices); a tick tells the state at once."""
    return rx.el.fieldset(
        rx.el.legend(t("writing.search.question"), class_name="field__label"),
        rx.el.p(t("writing.search.hint"), id=QUESTION_HINT_ID, class_name="field__hint"),
        rx.el.div(
            _answer("no", "writing.search.no"),
            _answer("yes", "writing.search.yes"),
            class_name="choices",
        ),
        class_name="field choice-group choice-group--search",
        aria_describedby=QUESTION_HINT_ID,
    )


def search_line(story: Any) -> rx.Component:
    """Under one of his stories: what search engines may do, and the button to change it."""
    return rx.el.div(
        rx.el.p(
            rx.cond(story.indexable, t("writing.search.mine_yes"), t("writing.search.mine_no")),
            class_name="muted",
        ),
        rx.el.button(
            rx.cond(story.indexable, t("writing.search.stop"), t("writing.search.allow")),
            type="button",
            on_click=SET_SEARCH(story.id, ~story.indexable),
            disabled=MyStoriesState.busy,
            class_name="button button--secondary",
            aria_describedby=story.anchor,
        ),
        class_name="my-story__search",
    )

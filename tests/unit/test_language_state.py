"""LanguageState.choose_language: the two known codes are kept, anything else is Dutch.

The state is built the way Reflex's state managers build it
(`_reflex_internal_init=True`), and the event handler's own function is called on it.
"""

from __future__ import annotations

import pytest

from peersupport.state.language import LanguageState
from tests.unit.conftest import event_fn


@pytest.fixture
def state() -> LanguageState:
    return LanguageState(_reflex_internal_init=True)  # type: ignore[call-arg]


def choose(state: LanguageState, value: object) -> str:
    event_fn(LanguageState.choose_language)(state, value)
    return state.lang


def test_a_new_visitor_starts_in_dutch(state: LanguageState) -> None:
    assert state.lang == "nl"


def test_choosing_english_switches_to_english(state: LanguageState) -> None:
    assert choose(state, "en") == "en"
    assert "lang" in state.dirty_vars


def test_choosing_dutch_after_english_switches_back(state: LanguageState) -> None:
    choose(state, "en")

    assert choose(state, "nl") == "nl"


@pytest.mark.parametrize(
    "hostile",
    ["de", "", None, 123, "<img src=x onerror=alert(1)>", "en" * 1000, "EN", "en ", ["en"]],
)
def test_anything_but_a_known_code_falls_back_to_dutch(
    state: LanguageState, hostile: object
) -> None:
    choose(state, "en")

    assert choose(state, hostile) == "nl"


def test_choose_language_is_a_registered_event_handler() -> None:
    assert LanguageState.event_handlers["choose_language"] is LanguageState.choose_language

"""The strength of a new passphrase in words as well as colour, as he types: zxcvbn-ts
with the Dutch dictionary runs in the browser, and the words are ours, in his language."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from peersupport.components.strength import WARNING_KEYS
from peersupport.translations import translate
from tests.browser.answers import photograph_answer
from tests.browser.conftest import RunningApp
from tests.browser.test_form_answers import open_in

WORDS = "#ps-new-passphrase-strength"
METER = "#ps-new-passphrase-meter"


def shown_for(page: Page, typed: str) -> str:
    page.fill("#ps-new-passphrase", typed)
    words = page.locator(WORDS)
    expect(words).not_to_have_text("", timeout=10_000)
    words.evaluate("line => line.scrollIntoView({block: 'center'})")
    return words.inner_text()


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_strength_is_said_in_words_with_a_reason(
    page: Page, running_app: RunningApp, language: str
) -> None:
    def text(key: str) -> str:
        return translate(language, key)

    open_in(page, running_app, "/aanmelden", language)
    expect(page.locator(WORDS)).to_have_attribute("aria-live", "polite")
    expect(page.locator(METER)).to_have_attribute("aria-describedby", WORDS[1:])

    assert shown_for(page, "fiets") == text("strength.too_short")

    # A passphrase many people choose, in Dutch: the dictionaries know it.
    weak = shown_for(page, "wachtwoord12")
    easy = [f"{text('strength.level')} {text(f'strength.score.{n}')}." for n in (0, 1)]
    assert any(weak.startswith(start) for start in easy), weak
    reasons = [text(key) for key in (*WARNING_KEYS.values(), "strength.tip_more_words")]
    assert any(weak.endswith(reason) for reason in reasons), weak
    assert float(page.locator(METER).evaluate("meter => meter.value")) <= 1
    photograph_answer(page, f"strength-weak-{language}")

    strong = shown_for(page, "lantaarn haven wolk spiegel")
    assert re.match(
        re.escape(text("strength.level"))
        + " ("
        + "|".join(re.escape(text(f"strength.score.{n}")) for n in (3, 4))
        + r")\.$",
        strong,
    ), strong
    assert float(page.locator(METER).evaluate("meter => meter.value")) >= 3
    photograph_answer(page, f"strength-strong-{language}")

"""Grooming signals in a text: the word lists on a corpus of our own (a tuning set and a
held-out set), every signal kind found with its words, supportive replies and retold
stories that must not count, and word lists that fail loudly when an edit breaks them."""

from __future__ import annotations

from pathlib import Path

import pytest

from peersupport.content.grooming_words import GROOMING_DIR, SIGNALS, load_grooming_words
from peersupport.services.grooming import find_grooming_signs, grooming_signals
from tests.unit.word_lists import (
    assert_broken_dutch_list_fails,
    assert_missing_english_list_fails,
    read_corpus,
    score,
)


def test_the_corpora_hold_every_signal_in_both_languages_and_are_kept_apart() -> None:
    tuning, held_out = (
        read_corpus("grooming_tuning.txt", SIGNALS),
        read_corpus("grooming_heldout.txt", SIGNALS),
    )
    assert not {row.text for row in tuning} & {row.text for row in held_out}
    for corpus in (tuning, held_out):
        assert {row.label for row in corpus} == {*SIGNALS, "calm"}
        for language in ("nl", "en"):
            assert {row.label for row in corpus if row.language == language} == {*SIGNALS, "calm"}
        assert sum(row.label == "calm" for row in corpus) >= 30


def test_the_lists_on_the_tuning_set() -> None:
    scores = score(read_corpus("grooming_tuning.txt", SIGNALS), grooming_signals)
    print(f"grooming tuning: {scores} precision {scores.precision:.3f} recall {scores.recall:.3f}")
    assert scores.recall >= 0.95
    assert scores.precision >= 0.95
    assert scores.wrong_label == 0


def test_the_lists_on_the_held_out_set() -> None:
    """Never tuned on. Batch 1 was measured once when written (precision 1.00, recall 0.88,
    see the README); one flaw it showed in how phrases were written ("i'll" is read as
    "i will", and phrases spelled "ill") was fixed in the phrase lists, so today's figures
    are no longer a clean measurement."""
    scores = score(read_corpus("grooming_heldout.txt", SIGNALS), grooming_signals)
    print(
        f"grooming held-out: {scores} precision {scores.precision:.3f} recall {scores.recall:.3f}"
    )
    assert scores.recall >= 0.85
    assert scores.precision >= 0.95
    assert scores.wrong_label == 0


@pytest.mark.parametrize(
    ("text", "signal", "words"),
    [
        ("kom naar snap", "move_or_meet", "kom naar snap"),
        ("Zullen we afspreken?", "move_or_meet", "zullen we afspreken"),
        ("dm me", "move_or_meet", "dm me"),
        ("hoe oud ben je", "asks_age", "hoe oud ben je"),
        ("zullen we afsprekn", "move_or_meet", "zullen we afsprekn"),  # a typo in a long word
        ("HOE OUD BEN JE??", "asks_age", "hoe oud ben je"),
        ("op welke school zit je", "asks_school", "op welke school"),
        ("waar woon je", "asks_place", "waar woon je"),
        ("stuur eens een foto", "asks_photos", "stuur eens een foto"),
        ("zeg het tegen niemand", "secrecy", "zeg het tegen niemand"),
        ("ons geheimpje", "secrecy", "ons geheimpje"),
        ("ik kan je skins geven", "gifts_money", "ik kan je skins geven"),
        ("wil je wat verdienen", "gifts_money", "wil je wat verdienen"),
        ("ik betaal je reiskosten", "gifts_money", "ik betaal je"),
        ("alleen ik snap jou", "isolating_flattery", "alleen ik snap jou"),
        (
            "je ouders begrijpen je toch niet",
            "isolating_flattery",
            "je ouders begrijpen je toch niet",
        ),
        ("How old r u??", "asks_age", "how old r u"),
        ("i'll pay for ur train ticket", "gifts_money", "will pay for"),
    ],
)
def test_each_signal_is_found_with_the_words_that_matched(
    text: str, signal: str, words: str
) -> None:
    found = {sign.signal: sign.words for sign in find_grooming_signs(text)}
    assert found.get(signal) == words


@pytest.mark.parametrize(
    "text",
    [
        "wat goed dat je het verteld hebt",
        # A peer asking about the past of a story: the lists ask in the present tense.
        "hoe oud was je toen het gebeurde?",
        "how old were you when it started?",
        # A boy telling what the man said or asked: his story, not a signal.
        "hij vroeg hoe oud ik ben en of ik alleen thuis was",
        "he said it was our secret",
        # Advice that uses the same words to help.
        "stuur nooit foto's naar iemand die je niet kent",
        "zeg het tegen iemand die je vertrouwt",
        "never send pics, and dont meet people from online",
    ],
)
def test_supportive_replies_and_retold_stories_are_calm(text: str) -> None:
    assert find_grooming_signs(text) == []


def test_signals_come_once_in_the_lists_order_from_title_and_text_together() -> None:
    signs = find_grooming_signs("Hoi", "Zeg het tegen niemand. Hoe oud ben je? Hoe oud ben jij?")
    assert [sign.signal for sign in signs] == ["asks_age", "secrecy"]
    assert signs[0].language == "nl"
    assert grooming_signals(None, 42, "") == ()


def test_the_word_lists_of_every_language_load() -> None:
    lists = load_grooming_words()
    assert [words.language for words in lists] == ["nl", "en"]
    for words in lists:
        assert [signal for signal, _ in words.signals] == list(SIGNALS)
        assert all(phrases for _, phrases in words.signals)
        assert words.sayings and words.reported


VALID_NL = (GROOMING_DIR / "nl.toml").read_text(encoding="utf-8")
VALID_EN = (GROOMING_DIR / "en.toml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("broken", "field"),
    [
        (
            VALID_NL.replace('  "zullen we afspreken",\n', '  "zullen ... ",\n', 1),
            "signals.move_or_meet",
        ),
        (VALID_NL.replace('"zullen we afspreken",', "42,", 1), "signals.move_or_meet"),
        (VALID_NL.replace("secrecy = [", "geheim = [", 1), "signals"),
        (VALID_NL.replace('language = "nl"', 'language = "de"', 1), "language"),
        (VALID_NL.replace("[calm]", "[kalm]", 1), "kalm"),
        (VALID_NL.replace("reported = [", "reported = []\nx = [", 1), "calm"),
        (VALID_NL + "\n[[extra]]\n", "file"),
        ("language = [", "cannot be read"),
    ],
)
def test_a_malformed_word_list_fails_naming_the_file_and_the_field(
    tmp_path: Path, broken: str, field: str
) -> None:
    assert_broken_dutch_list_fails(tmp_path, load_grooming_words, broken, VALID_EN, field)


def test_a_missing_signal_fails_naming_it(tmp_path: Path) -> None:
    assert_missing_english_list_fails(
        tmp_path, load_grooming_words, VALID_NL, VALID_EN, "signals.isolating_flattery"
    )

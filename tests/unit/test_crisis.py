"""Crisis first: the crisis rules on a corpus of our own (a tuning set and a held-out set),
sayings and past stories that must not count, typos and slang that must, and word lists
that fail loudly when an edit breaks them."""

from __future__ import annotations

from pathlib import Path

import pytest

from peersupport.content import help_routes
from peersupport.content.crisis_words import CRISIS_DIR, REASONS, load_crisis_words
from peersupport.services.crisis import crisis_reasons, find_crisis_signs
from peersupport.services.phrases import PhraseError, compile_phrase, find_phrase, sentences
from tests.unit.word_lists import (
    assert_broken_dutch_list_fails,
    assert_missing_english_list_fails,
    read_corpus,
    score,
)


def test_the_corpora_are_big_enough_and_kept_apart() -> None:
    tuning, held_out = (
        read_corpus("crisis_tuning.txt", REASONS),
        read_corpus("crisis_heldout.txt", REASONS),
    )
    everything = tuning + held_out
    assert sum(row.label != "calm" for row in everything) >= 60
    assert sum(row.label == "calm" for row in everything) >= 60
    assert not {row.text for row in tuning} & {row.text for row in held_out}
    for corpus in (tuning, held_out):
        assert {row.label for row in corpus} == {*REASONS, "calm"}
        assert {row.language for row in corpus} == {"nl", "en"}


def test_the_rules_on_the_tuning_set() -> None:
    scores = score(read_corpus("crisis_tuning.txt", REASONS), crisis_reasons)
    print(f"crisis tuning: {scores} precision {scores.precision:.3f} recall {scores.recall:.3f}")
    assert scores.recall >= 0.95
    assert scores.precision >= 0.95
    assert scores.wrong_label == 0


def test_the_rules_on_the_held_out_set() -> None:
    """Never tuned on. It grew in six batches, each measured once when it was written;
    the misses of batches 1 to 5 led to wider phrase lists (tested on the tuning set), so
    only each batch's first measurement is clean (see the README for those figures)."""
    scores = score(read_corpus("crisis_heldout.txt", REASONS), crisis_reasons)
    print(f"crisis held-out: {scores} precision {scores.precision:.3f} recall {scores.recall:.3f}")
    assert scores.recall >= 0.85
    assert scores.precision >= 0.95
    assert scores.wrong_label == 0


@pytest.mark.parametrize(
    "text",
    [
        "ik ging dood van het lachen",
        "Ik ben doodmoe",
        "ik schrok me dood",
        "I was dying laughing",
        "bored to death",
        "Vroeger wilde ik dood, nu gaat het goed.",
        "When I was 13 I used to cut myself.",
        "Ik wil niet meer naar school",
    ],
)
def test_sayings_and_past_stories_are_calm(text: str) -> None:
    assert find_crisis_signs(text) == []


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("ik wil dooood", "suicide"),
        ("ik denk aan zelfmoort", "suicide"),  # a typo
        ("ik ben suïcidaal", "suicide"),  # an accent
        ("i wanna unalive myself", "suicide"),
        ("su1c1de is all i think about", "suicide"),
        ("kms", "suicide"),
        ("Ik WIL NIET MEER.", "suicide"),
        ("Vroeger was het goed. Nu wil ik dood.", "suicide"),  # the past is one sentence only
        ("Vroeger sneed ik mezelf en nu doe ik het weer", "self_harm"),  # the past, and now
        ("ik heb mezelf weer gesneden", "self_harm"),
        ("hij staat nu voor mijn deur", "danger_now"),
        ("ik moet vanavond weer naar hem toe", "forced_tonight"),
        ("he'll kill me if i tell", "danger_now"),  # not "hell"
        ("ik wil niet meer, echt niet", "suicide"),  # a comma ends the phrase too
        ("they're making me meet another guy", "forced_tonight"),
        ("ik weet niet waar ik vannacht moet slapen", "nowhere_to_sleep"),
        ("got kicked out, nowhere to sleep", "nowhere_to_sleep"),
    ],
)
def test_crisis_words_are_found_with_their_reason(text: str, reason: str) -> None:
    assert reason in crisis_reasons(text)


def test_each_reason_is_named_once_in_the_lists_order_with_the_phrase_that_found_it() -> None:
    signs = find_crisis_signs("Ik snij mezelf. Ik wil dood. Ik wil echt dood.")
    assert [sign.reason for sign in signs] == ["suicide", "self_harm"]
    assert signs[0].language == "nl"
    assert signs[0].phrase == "wil dood"


def test_title_and_text_are_read_together_and_other_values_are_ignored() -> None:
    assert crisis_reasons("Ik wil dood", "Verder niets.") == ("suicide",)
    assert crisis_reasons(None, 42, "") == ()


def test_phrases_match_prefixes_alternatives_gaps_and_the_end_of_a_sentence() -> None:
    def matches(phrase: str, text: str) -> bool:
        return any(find_phrase(compile_phrase(phrase), words) for words in sentences(text))

    assert matches("zelfmoord*", "zelfmoordgedachten")
    assert matches("snij/sneed mezelf", "ik sneed mezelf")
    assert matches("moet ... naar hem", "ik moet vanavond weer naar hem")
    assert not matches("moet ... naar hem", "ik moet vanavond na school en daarna naar hem")
    assert matches("wil niet meer $", "ik wil niet meer!")
    assert not matches("wil niet meer $", "ik wil niet meer naar school")
    assert matches("don't want to live", "i dont want to live")


@pytest.mark.parametrize(
    ("phrase", "problem"),
    [
        ("", "is empty"),
        ("... dood", "must stand between two words"),
        ("$ dood", "may only end a phrase"),
        ("dood-moe", "characters other than"),
        ("wil/ dood", "empty alternative"),
    ],
)
def test_a_malformed_phrase_is_refused_with_why(phrase: str, problem: str) -> None:
    with pytest.raises(PhraseError, match=problem):
        compile_phrase(phrase)


def test_the_word_lists_of_every_language_load() -> None:
    lists = load_crisis_words()
    assert [words.language for words in lists] == ["nl", "en"]
    for words in lists:
        assert [reason for reason, _ in words.reasons] == list(REASONS)
        assert all(phrases for _, phrases in words.reasons)


VALID_NL = (CRISIS_DIR / "nl.toml").read_text(encoding="utf-8")
VALID_EN = (CRISIS_DIR / "en.toml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("broken", "field"),
    [
        (VALID_NL.replace('  "wil dood",\n', '  "wil ... ",\n', 1), "reasons.suicide[0]"),
        (VALID_NL.replace('"wil dood",', "42,", 1), "reasons.suicide[0]"),
        (VALID_NL.replace("nowhere_to_sleep = [", "nergens = [", 1), "reasons"),
        (VALID_NL.replace('language = "nl"', 'language = "de"', 1), "language"),
        (VALID_NL.replace("[calm]", "[kalm]", 1), "kalm"),
        (VALID_NL.replace("past = [", "past = []\nx = [", 1), "calm"),
        (VALID_NL + "\n[[extra]]\n", "file"),
        ("language = [", "cannot be read"),
    ],
)
def test_a_malformed_word_list_fails_naming_the_file_and_the_field(
    tmp_path: Path, broken: str, field: str
) -> None:
    assert_broken_dutch_list_fails(tmp_path, load_crisis_words, broken, VALID_EN, field)


def test_a_missing_reason_fails_naming_it(tmp_path: Path) -> None:
    assert_missing_english_list_fails(
        tmp_path, load_crisis_words, VALID_NL, VALID_EN, "reasons.nowhere_to_sleep"
    )


def test_the_routes_that_answer_now_are_113_the_kindertelefoon_and_112() -> None:
    routes = help_routes()
    assert routes.crisis_route_ids == ("113", "kindertelefoon", "112")
    assert [routes.by_id(route_id).tel_href for route_id in routes.crisis_route_ids] == [
        "tel:08000113",
        "tel:08000432",
        "tel:112",
    ]


def test_a_broken_word_list_stops_the_start_naming_the_file_and_the_field(
    fresh_engine_cache: Path,
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from peersupport.content import crisis_words as crisis_module
    from peersupport.database import upgrade_to_head
    from peersupport.settings import load_settings
    from peersupport.startup import check_ready_or_exit

    upgrade_to_head(load_settings().database_url)
    lists = tmp_path_factory.mktemp("crisis")
    (lists / "nl.toml").write_text(VALID_NL.replace('"wil dood",', '"wil ... ",', 1))
    (lists / "en.toml").write_text(VALID_EN)
    monkeypatch.setattr(crisis_module, "CRISIS_DIR", lists)
    crisis_module.crisis_words.cache_clear()
    try:
        with pytest.raises(SystemExit):
            check_ready_or_exit()
    finally:
        crisis_module.crisis_words.cache_clear()
    said = [line for line in capsys.readouterr().err.splitlines() if "alembic" not in line]
    assert len(said) == 1
    assert said[0].startswith("peersupport: cannot start: ")
    assert "nl.toml: reasons.suicide[0]" in said[0]

"""Pseudonyms: friendly suggestions, and refusal of anything that could carry contact
details or pass for somebody else's name."""

from __future__ import annotations

import pytest

from peersupport.services.errors import InvalidInput
from peersupport.services.pseudonyms import (
    ADJECTIVES,
    ANIMALS,
    check_pseudonym,
    suggest_pseudonym,
)

ACCEPTED = [
    ("StilleVos42", "StilleVos42"),
    ("Stille Vos", "Stille Vos"),
    ("  Stille Vos \t", "Stille Vos"),
    ("Jan-Willem", "Jan-Willem"),
    ("A.J. Smit", "A.J. Smit"),
    ("stille_vos_7", "stille_vos_7"),
    ("Jan2008", "Jan2008"),  # a year is not a phone number
    ("Vos 12 34", "Vos 12 34"),  # four digits
    ("Kikker", "Kikker"),  # "kik" inside a word
    ("Snappy", "Snappy"),
    ("Instabiel", "Instabiel"),
    ("Appel", "Appel"),
    ("Puntje", "Puntje"),
    ("Gamer.Pro", "Gamer.Pro"),
    ("Tom de Wit", "Tom de Wit"),
    ("José", "José"),
    ("Jose\u0301", "José"),  # decomposed: stored composed (NFC)
    ("Ünal", "Ünal"),
    ("Мария", "Мария"),
    ("أحمد", "أحمد"),
    ("山田たろう", "山田たろう"),
    ("मोहन", "मोहन"),
    ("Abc", "Abc"),
    ("A" * 32, "A" * 32),
]

PHONE_NUMBERS = [
    "0612345678",
    "06 12 34 56 78",
    "06-12345678",
    "06.12.34.56.78",
    "+31612345678",
    "Bel 0612345",
    "1 2 3 4 5 6 vos",
    "Jan200812",
    "０６１２３４５６７８",  # full-width digits
    "٠٦١٢٣٤٥٦٧٨",  # Arabic-Indic digits
]

REFUSED = [
    # e-mail and @handles
    ("jan@gmail", "pseudonym_contact"),
    ("@stillevos", "pseudonym_contact"),
    ("Jan＠x", "pseudonym_contact"),  # full-width @
    ("jan gmail", "pseudonym_contact"),
    # web addresses and domains
    ("www.vos", "pseudonym_contact"),
    ("http vos", "pseudonym_contact"),
    ("jan.nl", "pseudonym_contact"),
    ("vos.com", "pseudonym_contact"),
    ("Vos . nl", "pseudonym_contact"),
    ("t.me/jan", "pseudonym_contact"),
    ("jan punt nl", "pseudonym_contact"),
    ("JanDotCom", "pseudonym_contact"),
    # platforms
    ("snap", "pseudonym_contact"),
    ("Snap Jan", "pseudonym_contact"),
    ("SNAPJan", "pseudonym_contact"),
    ("snapme", "pseudonym_contact"),
    ("s n a p", "pseudonym_contact"),
    ("s.n.a.p", "pseudonym_contact"),
    ("Ｓｎａｐ", "pseudonym_contact"),  # full-width letters
    ("SnapchatVos", "pseudonym_contact"),
    ("InstaVos", "pseudonym_contact"),
    ("instagram_jan", "pseudonym_contact"),
    ("tele gram", "pseudonym_contact"),
    ("w.h.a.t.s.a.p.p", "pseudonym_contact"),
    ("App Vos", "pseudonym_contact"),
    ("kik_42", "pseudonym_contact"),
    ("TikTokJan", "pseudonym_contact"),
    ("Discord Vos", "pseudonym_contact"),
    # length
    ("ab", "pseudonym_length"),
    ("   ab   ", "pseudonym_length"),
    ("", "pseudonym_length"),
    ("A" * 33, "pseudonym_length"),
    ("x" * 5000, "pseudonym_length"),
    ("\ufdfa" * 4, "pseudonym_length"),  # four characters, 72 after NFKC
    # characters
    ("Vos!", "pseudonym_chars"),
    ("Vos<script>", "pseudonym_chars"),
    ("Stille  Vos", "pseudonym_chars"),  # shown as "Stille Vos"
    ("Stille\u00a0Vos", "pseudonym_chars"),
    ("Vos\u200b", "pseudonym_chars"),  # invisible
    ("Vos\u202eJan", "pseudonym_chars"),  # right-to-left override
    ("Vos\nJan", "pseudonym_chars"),
    ("V\u043es", "pseudonym_chars"),  # Cyrillic о among Latin letters
    ("\u0301abc", "pseudonym_chars"),
    ("e\u0301\u0302\u0303\u0304\u0305", "pseudonym_chars"),  # stacked marks
    ("123", "pseudonym_chars"),
    ("...", "pseudonym_chars"),
    ("Vos\ud800", "pseudonym_chars"),  # lone surrogate
]


@pytest.mark.parametrize(("typed", "stored"), ACCEPTED)
def test_ordinary_pseudonyms_are_accepted(typed: str, stored: str) -> None:
    assert check_pseudonym(typed) == stored


@pytest.mark.parametrize("typed", PHONE_NUMBERS)
def test_pseudonym_that_looks_like_a_phone_number_is_refused(typed: str) -> None:
    with pytest.raises(InvalidInput) as refusal:
        check_pseudonym(typed)

    assert refusal.value.code == "pseudonym_contact"


@pytest.mark.parametrize(("typed", "code"), REFUSED)
def test_pseudonyms_with_contact_details_or_misleading_characters_are_refused(
    typed: str, code: str
) -> None:
    with pytest.raises(InvalidInput) as refusal:
        check_pseudonym(typed)

    assert refusal.value.code == code


@pytest.mark.parametrize("hostile", [None, 42, 4.2, True, [], {}, b"StilleVos", ["Vos"]])
def test_a_pseudonym_that_is_not_text_is_refused(hostile: object) -> None:
    with pytest.raises(InvalidInput) as refusal:
        check_pseudonym(hostile)

    assert refusal.value.code == "invalid_input"


def test_the_word_lists_are_long_enough_for_variety() -> None:
    assert len(set(ADJECTIVES)) == len(ADJECTIVES) >= 30
    assert len(set(ANIMALS)) == len(ANIMALS) >= 30


def test_every_suggestion_the_lists_can_make_is_accepted() -> None:
    for adjective in ADJECTIVES:
        for animal in ANIMALS:
            for number in ("10", "99"):
                pseudonym = f"{adjective}{animal}{number}"
                assert check_pseudonym(pseudonym) == pseudonym


def test_a_suggestion_is_an_adjective_an_animal_and_two_digits() -> None:
    suggestions = {suggest_pseudonym() for _ in range(200)}

    assert len(suggestions) > 150
    for suggestion in suggestions:
        assert suggestion[-2:].isdigit()
        assert any(suggestion.startswith(adjective) for adjective in ADJECTIVES)
        assert any(suggestion[:-2].endswith(animal) for animal in ANIMALS)

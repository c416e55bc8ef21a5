"""The boards content file: the shipped file holds the four boards and the house rules,
and a malformed file is refused with a ContentError naming the file and the field."""

from __future__ import annotations

from pathlib import Path

import pytest

from peersupport.content.boards import (
    BOARDS_FILE,
    Board,
    BoardsContent,
    HouseRule,
    boards_content,
    parse_boards,
)

from .content_files import refusal_naming_the_file, write_content

VALID_BOARDS = """\
rules_intro = { nl = "Deze regels houden je veilig.", en = "These rules keep you safe." }

[[boards]]
key = "vragen"
nr = 1
name = { nl = "Vragen", en = "Questions" }
description = { nl = "Stel je vraag.", en = "Ask your question." }

[[boards]]
key = "herstel"
nr = 2
name = { nl = "Herstel", en = "Recovery" }
description = { nl = "Wat helpt jou?", en = "What helps you?" }

[[boards]]
key = "hulp-zoeken"
nr = 3
name = { nl = "Hulp zoeken", en = "Finding help" }
description = { nl = "Hoe was het om het te vertellen?", en = "What was it like to tell?" }

[[rules]]
text = { nl = "Geen contactgegevens.", en = "No contact details." }
why = { nl = "Zo kan niemand je benaderen.", en = "That way nobody can reach you." }

[[rules]]
text = { nl = "Wees aardig.", en = "Be kind." }
why = { nl = "Zo durft iedereen te praten.", en = "That way everyone dares to talk." }
"""

_BOARDS_ONLY = VALID_BOARDS.split("[[rules]]")[0]
_WITHOUT_BOARDS = (
    VALID_BOARDS.split("[[boards]]")[0] + "[[rules]]" + VALID_BOARDS.split("[[rules]]", 1)[1]
)


def _replace(old: str, new: str) -> str:
    """The valid file with one change; fails loudly if the template no longer holds `old`."""
    assert VALID_BOARDS.count(old) == 1, old
    return VALID_BOARDS.replace(old, new)


# Each case: the broken document and the field its error must name.
BROKEN_BOARDS: dict[str, tuple[str, str]] = {
    # Boards: languages and texts
    "board name without English": (
        _replace('name = { nl = "Hulp zoeken", en = "Finding help" }', 'name = { nl = "Hulp" }'),
        "boards[2].name.en",
    ),
    "board name with only spaces": (
        _replace('nl = "Herstel"', 'nl = "   "'),
        "boards[1].name.nl",
    ),
    "board name not a string": (
        _replace('nl = "Vragen"', "nl = 3"),
        "boards[0].name.nl",
    ),
    "board name in an unknown language": (
        _replace('en = "Questions" }', 'en = "Questions", de = "Fragen" }'),
        "boards[0].name",
    ),
    "board name as plain text instead of both languages": (
        _replace('name = { nl = "Vragen", en = "Questions" }', 'name = "Vragen"'),
        "boards[0].name",
    ),
    "board name over 40 characters": (
        _replace('en = "Questions"', f'en = "{"q" * 41}"'),
        "boards[0].name.en",
    ),
    "board description over 200 characters": (
        _replace('nl = "Hoe was het om het te vertellen?"', f'nl = "{"h" * 201}"'),
        "boards[2].description.nl",
    ),
    "board without description": (
        _replace('description = { nl = "Wat helpt jou?", en = "What helps you?" }\n', ""),
        "boards[1].description",
    ),
    # Boards: keys
    "board without key": (
        _replace('key = "herstel"\n', ""),
        "boards[1].key",
    ),
    "key not a string": (
        _replace('key = "vragen"', "key = 7"),
        "boards[0].key",
    ),
    "empty key": (
        _replace('key = "vragen"', 'key = ""'),
        "boards[0].key",
    ),
    "key with capitals": (
        _replace('key = "vragen"', 'key = "Vragen"'),
        "boards[0].key",
    ),
    "key with a space": (
        _replace('key = "hulp-zoeken"', 'key = "hulp zoeken"'),
        "boards[2].key",
    ),
    "key with a slash and dots": (
        _replace('key = "hulp-zoeken"', 'key = "../hulp"'),
        "boards[2].key",
    ),
    "key starting with a hyphen": (
        _replace('key = "herstel"', 'key = "-herstel"'),
        "boards[1].key",
    ),
    "key with a trailing newline": (
        _replace('key = "herstel"', 'key = "herstel\\n"'),
        "boards[1].key",
    ),
    "key over 32 characters": (
        _replace('key = "vragen"', f'key = "{"v" * 33}"'),
        "boards[0].key",
    ),
    # Boards: numbers (their addresses)
    "board without number": (
        _replace("nr = 2\n", ""),
        "boards[1].nr",
    ),
    "number as text": (
        _replace("nr = 1\n", 'nr = "1"\n'),
        "boards[0].nr",
    ),
    "number zero": (
        _replace("nr = 3\n", "nr = 0\n"),
        "boards[2].nr",
    ),
    "the same number twice": (
        _replace("nr = 3\n", "nr = 1\n"),
        "boards[2].nr",
    ),
    "the same key twice": (
        _replace('key = "hulp-zoeken"', 'key = "vragen"'),
        "boards[2].key",
    ),
    "a misspelt board field": (
        _replace('key = "herstel"', 'key = "herstel"\ndiscription = { nl = "x", en = "x" }'),
        "boards[1]",
    ),
    # Boards: the list
    "no boards at all": (_WITHOUT_BOARDS, "file.boards"),
    "an empty list of boards": ("boards = []\n" + _WITHOUT_BOARDS, "boards"),
    "boards as text": ('boards = "vragen"\n' + _WITHOUT_BOARDS, "file.boards"),
    # Rules
    "rule text without English": (
        _replace(
            'text = { nl = "Wees aardig.", en = "Be kind." }', 'text = { nl = "Wees aardig." }'
        ),
        "rules[1].text.en",
    ),
    "rule reason that is empty": (
        _replace('nl = "Zo kan niemand je benaderen."', 'nl = ""'),
        "rules[0].why.nl",
    ),
    "rule without a reason": (
        _replace(
            'why = { nl = "Zo durft iedereen te praten.",'
            ' en = "That way everyone dares to talk." }\n',
            "",
        ),
        "rules[1].why",
    ),
    "rule text over 100 characters": (
        _replace('nl = "Geen contactgegevens."', f'nl = "{"g" * 101}"'),
        "rules[0].text.nl",
    ),
    "rule reason over 200 characters": (
        _replace('en = "That way everyone dares to talk."', f'en = "{"t" * 201}"'),
        "rules[1].why.en",
    ),
    "a misspelt rule field": (
        _replace('text = { nl = "Wees aardig."', 'txt = { nl = "Wees aardig."'),
        "rules[1]",
    ),
    "no rules at all": (_BOARDS_ONLY, "file.rules"),
    "an empty list of rules": ("rules = []\n" + _BOARDS_ONLY, "rules"),
    # The introduction and the file itself
    "no rules introduction": (
        VALID_BOARDS.split("\n", 1)[1],
        "file.rules_intro",
    ),
    "rules introduction without English": (
        _replace(', en = "These rules keep you safe."', ""),
        "file.rules_intro.en",
    ),
    "rules introduction as plain text": (
        _replace(
            'rules_intro = { nl = "Deze regels houden je veilig.",'
            ' en = "These rules keep you safe." }',
            'rules_intro = "Deze regels houden je veilig."',
        ),
        "file.rules_intro",
    ),
    "rules introduction over 200 characters": (
        _replace('nl = "Deze regels houden je veilig."', f'nl = "{"d" * 201}"'),
        "file.rules_intro.nl",
    ),
    "a misspelt top-level field": (
        "rule_intro = 'x'\n" + VALID_BOARDS,
        "file",
    ),
}


def _both(nl: str, en: str) -> dict[str, str]:
    return {"nl": nl, "en": en}


def _write(tmp_path: Path, text: str | bytes) -> Path:
    return write_content(tmp_path / "boards.toml", text)


# The shipped file


def test_the_shipped_file_holds_the_four_boards_in_order() -> None:
    content = parse_boards(BOARDS_FILE)

    assert content.keys == ("vragen", "herstel", "hulp-zoeken", "coming-out")
    assert [board.name["nl"] for board in content.boards] == [
        "Vragen",
        "Herstel",
        "Hulp zoeken",
        "Coming out",
    ]
    assert [board.name["en"] for board in content.boards] == [
        "Questions",
        "Recovery",
        "Finding help",
        "Coming out",
    ]


def test_the_shipped_file_holds_five_or_six_house_rules() -> None:
    content = parse_boards(BOARDS_FILE)

    assert 5 <= len(content.rules) <= 6
    assert set(content.rules_intro) == {"nl", "en"}


@pytest.mark.parametrize(
    "words",
    [
        ("Snap", "Insta", "e-mail"),  # contact details
        ("meet up",),  # no meeting up
        ("somewhere else",),  # no moving the chat
        ("names", "schools", "places"),
        ("kind", "blaming"),
        ("links", "photos"),
        ("moderator reads every message",),
    ],
)
def test_the_house_rules_cover_what_keeps_a_boy_out_of_reach(words: tuple[str, ...]) -> None:
    rules = [rule.text["en"] for rule in parse_boards(BOARDS_FILE).rules]

    assert any(all(word in rule for word in words) for rule in rules), words


def test_the_rules_introduction_says_why_the_rules_exist() -> None:
    intro = parse_boards(BOARDS_FILE).rules_intro

    assert "exploit boys" in intro["en"]
    assert "uitbuiten" in intro["nl"]


def test_the_help_board_names_where_boys_can_go() -> None:
    help_board = parse_boards(BOARDS_FILE).board("hulp-zoeken")

    assert help_board is not None
    for language in ("nl", "en"):
        assert "Helpwanted" in help_board.description[language]
        assert "CSG" in help_board.description[language]


def test_boards_content_is_the_shipped_file_read_once() -> None:
    assert boards_content() == parse_boards(BOARDS_FILE)
    assert boards_content() is boards_content()


# Looking a board up


def test_a_board_is_found_by_its_key() -> None:
    board = boards_content().board("herstel")

    assert board is not None
    assert board.key == "herstel"
    assert board.name == {"nl": "Herstel", "en": "Recovery"}


@pytest.mark.parametrize(
    "key",
    ["onbekend", "", "Vragen", " vragen", "vragen/", None, 3, ["vragen"], {"key": "vragen"}],
)
def test_an_unknown_or_odd_key_finds_no_board(key: object) -> None:
    assert boards_content().board(key) is None


def test_a_board_is_found_by_the_number_in_its_address() -> None:
    board = boards_content().numbered("4")

    assert board is not None and board.key == "coming-out"
    # No address names a board's topic: every board has its own number.
    numbers = [board.number for board in boards_content().boards]
    assert sorted(numbers) == list(range(1, len(numbers) + 1))


@pytest.mark.parametrize(
    "number", ["0", "9", "", " 1", "1 ", "01x", "١", "coming-out", None, 1, 1.0]
)
def test_an_unknown_or_odd_number_finds_no_board(number: object) -> None:
    assert boards_content().numbered(number) is None


# Malformed files


def test_the_valid_template_loads_so_each_broken_case_fails_for_its_own_reason(
    tmp_path: Path,
) -> None:
    content = parse_boards(_write(tmp_path, VALID_BOARDS))

    assert content == BoardsContent(
        boards=(
            Board(
                "vragen",
                1,
                _both("Vragen", "Questions"),
                _both("Stel je vraag.", "Ask your question."),
            ),
            Board(
                "herstel",
                2,
                _both("Herstel", "Recovery"),
                _both("Wat helpt jou?", "What helps you?"),
            ),
            Board(
                "hulp-zoeken",
                3,
                _both("Hulp zoeken", "Finding help"),
                _both("Hoe was het om het te vertellen?", "What was it like to tell?"),
            ),
        ),
        rules=(
            HouseRule(
                _both("Geen contactgegevens.", "No contact details."),
                _both("Zo kan niemand je benaderen.", "That way nobody can reach you."),
            ),
            HouseRule(
                _both("Wees aardig.", "Be kind."),
                _both("Zo durft iedereen te praten.", "That way everyone dares to talk."),
            ),
        ),
        rules_intro=_both("Deze regels houden je veilig.", "These rules keep you safe."),
    )


def test_texts_and_keys_at_their_limits_load(tmp_path: Path) -> None:
    document = (
        VALID_BOARDS.replace('key = "vragen"', f'key = "{"v" * 32}"')
        .replace('en = "Questions"', f'en = "{"q" * 40}"')
        .replace('nl = "Stel je vraag."', f'nl = "{"s" * 200}"')
        .replace('nl = "Geen contactgegevens."', f'nl = "{"g" * 100}"')
        .replace('nl = "Zo kan niemand je benaderen."', f'nl = "{"z" * 200}"')
        .replace('nl = "Deze regels houden je veilig."', f'nl = "{"d" * 200}"')
    )

    content = parse_boards(_write(tmp_path, document))

    first_board, first_rule = content.boards[0], content.rules[0]
    assert len(first_board.key) == 32
    assert len(first_board.name["en"]) == 40
    assert len(first_board.description["nl"]) == 200
    assert len(first_rule.text["nl"]) == 100
    assert len(first_rule.why["nl"]) == 200
    assert len(content.rules_intro["nl"]) == 200


def test_texts_are_stripped_of_surrounding_space(tmp_path: Path) -> None:
    document = VALID_BOARDS.replace('nl = "Herstel"', 'nl = "  Herstel\\n"')

    assert parse_boards(_write(tmp_path, document)).boards[1].name["nl"] == "Herstel"


@pytest.mark.parametrize(("document", "field"), BROKEN_BOARDS.values(), ids=BROKEN_BOARDS.keys())
def test_a_broken_boards_file_is_refused_naming_file_and_field(
    tmp_path: Path, document: str, field: str
) -> None:
    refusal = refusal_naming_the_file(parse_boards, _write(tmp_path, document))

    assert f": {field}:" in refusal


UNREADABLE = {
    "not TOML": "this is = = not [toml",
    "an unclosed table": '[[boards]\nkey = "vragen"',
    "not UTF-8": b"\xff\xfe garbage \x81",
}


@pytest.mark.parametrize("document", UNREADABLE.values(), ids=UNREADABLE.keys())
def test_an_unreadable_file_is_refused_naming_the_file(
    tmp_path: Path, document: str | bytes
) -> None:
    refusal_naming_the_file(parse_boards, _write(tmp_path, document), match="cannot be read")


def test_a_missing_file_is_refused_naming_the_file(tmp_path: Path) -> None:
    refusal_naming_the_file(parse_boards, tmp_path / "gone.toml", match="cannot be read")

"""The message boards and their house rules, read from `boards.toml`.

Boards are content, not data: the list is short, fixed and written in both languages,
so it lives in a file beside the help routes. A thread stores only its board's key, so
keys are checked strictly and never repeat. Addresses carry a board's number instead
(the browser's history shows addresses, and a key such as "coming-out" names a topic);
numbers never repeat either. A malformed
file raises `ContentError` naming the file and the field, so a bad edit fails the build,
not a boy's page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from peersupport.content import CONTENT_DIR, LocalizedText, _Reader

BOARDS_FILE = CONTENT_DIR / "boards.toml"

# A key is stored on every thread (a 32-character column).
KEY_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]*")
KEY_MAX_CHARS = 32
NAME_MAX_CHARS = 40
DESCRIPTION_MAX_CHARS = 200
# House rules are read on a phone above every post form: short, with one sentence of why.
RULE_TEXT_MAX_CHARS = 100
RULE_WHY_MAX_CHARS = 200
RULES_INTRO_MAX_CHARS = 200

_FILE_FIELDS = frozenset({"rules_intro", "boards", "rules"})
_BOARD_FIELDS = frozenset({"key", "nr", "name", "description"})
_RULE_FIELDS = frozenset({"text", "why"})


@dataclass(frozen=True)
class Board:
    key: str
    number: int
    name: LocalizedText
    description: LocalizedText


@dataclass(frozen=True)
class HouseRule:
    """One rule every board shares, with why it protects the reader."""

    text: LocalizedText
    why: LocalizedText


@dataclass(frozen=True)
class BoardsContent:
    boards: tuple[Board, ...]
    rules: tuple[HouseRule, ...]
    rules_intro: LocalizedText

    def board(self, key: object) -> Board | None:
        """The board with this key; None for an unknown key or anything not a string,
        so a key straight from the browser can be passed in as it came."""
        if not isinstance(key, str):
            return None
        return next((board for board in self.boards if board.key == key), None)

    def numbered(self, number: object) -> Board | None:
        """The board whose number an address carries ("2"); None for anything else, so a
        value straight from the browser can be passed in as it came."""
        if not isinstance(number, str) or not number.isascii() or not number.isdecimal():
            return None
        return next((board for board in self.boards if str(board.number) == number), None)

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(board.key for board in self.boards)


def _refuse_unknown_fields(
    reader: _Reader, table: dict[str, Any], allowed: frozenset[str], where: str
) -> None:
    """A misspelt field would otherwise be skipped without a word."""
    unknown = set(table) - allowed
    if unknown:
        raise reader.fail(where, f"unknown fields {sorted(unknown)}")


def _bounded(
    reader: _Reader, table: dict[str, Any], field: str, where: str, limit: int
) -> LocalizedText:
    texts = reader.localized(table, field, where)
    for language, text in texts.items():
        if len(text) > limit:
            raise reader.fail(
                f"{where}.{field}.{language}", f"at most {limit} characters, not {len(text)}"
            )
    return texts


def _key(reader: _Reader, table: dict[str, Any], where: str, taken: set[str]) -> str:
    key = reader.value(table, "key", where, str)
    if not KEY_PATTERN.fullmatch(key):
        raise reader.fail(f"{where}.key", f"use lower-case letters, digits and -, not {key!r}")
    if len(key) > KEY_MAX_CHARS:
        raise reader.fail(f"{where}.key", f"at most {KEY_MAX_CHARS} characters, not {len(key)}")
    if key in taken:
        raise reader.fail(f"{where}.key", f"{key!r} is used by an earlier board")
    return key


def _number(reader: _Reader, table: dict[str, Any], where: str, taken: set[int]) -> int:
    number = reader.value(table, "nr", where, int)
    if isinstance(number, bool) or number < 1:
        raise reader.fail(f"{where}.nr", f"use a whole number of 1 or more, not {number!r}")
    if number in taken:
        raise reader.fail(f"{where}.nr", f"{number} is used by an earlier board")
    return number


def _boards(reader: _Reader) -> tuple[Board, ...]:
    boards: list[Board] = []
    for index, table in enumerate(reader.tables("boards")):
        where = f"boards[{index}]"
        _refuse_unknown_fields(reader, table, _BOARD_FIELDS, where)
        key = _key(reader, table, where, {board.key for board in boards})
        boards.append(
            Board(
                key=key,
                number=_number(reader, table, where, {board.number for board in boards}),
                name=_bounded(reader, table, "name", where, NAME_MAX_CHARS),
                description=_bounded(reader, table, "description", where, DESCRIPTION_MAX_CHARS),
            )
        )
    return tuple(boards)


def _rules(reader: _Reader) -> tuple[HouseRule, ...]:
    rules: list[HouseRule] = []
    for index, table in enumerate(reader.tables("rules")):
        where = f"rules[{index}]"
        _refuse_unknown_fields(reader, table, _RULE_FIELDS, where)
        rules.append(
            HouseRule(
                text=_bounded(reader, table, "text", where, RULE_TEXT_MAX_CHARS),
                why=_bounded(reader, table, "why", where, RULE_WHY_MAX_CHARS),
            )
        )
    return tuple(rules)


def parse_boards(path: Path) -> BoardsContent:
    """Read and check a boards file: at least one board and one rule, every text in
    every language, within its length, and no field the loader does not know.

    Raises:
        ContentError: naming the file and the field at fault.
    """
    reader = _Reader(path)
    _refuse_unknown_fields(reader, reader.data, _FILE_FIELDS, "file")
    return BoardsContent(
        boards=_boards(reader),
        rules=_rules(reader),
        rules_intro=_bounded(reader, reader.data, "rules_intro", "file", RULES_INTRO_MAX_CHARS),
    )


@cache
def boards_content() -> BoardsContent:
    """The shipped boards, read once per process."""
    return parse_boards(BOARDS_FILE)

"""The message boards and their house rules, from `boards.toml`.

Every text holds both languages. A malformed file raises `ContentError` naming the
file and the field, so a bad edit fails the build, not a boy's page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from peersupport.content import CONTENT_DIR, LocalizedText, _Reader

BOARDS_FILE = CONTENT_DIR / "boards.toml"
KEY_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,31}$")
NAME_MAX_CHARS = 40
DESCRIPTION_MAX_CHARS = 200
RULE_MAX_CHARS = 300
_BOARD_FIELDS = frozenset({"key", "name", "description"})
_RULE_FIELDS = frozenset({"text", "why"})


@dataclass(frozen=True)
class Board:
    key: str
    name: LocalizedText
    description: LocalizedText


@dataclass(frozen=True)
class HouseRule:
    text: LocalizedText
    why: LocalizedText


@dataclass(frozen=True)
class BoardsContent:
    boards: tuple[Board, ...]
    rules: tuple[HouseRule, ...]
    rules_intro: LocalizedText

    def board(self, key: object) -> Board | None:
        """The board with this key; None for an unknown key or anything not a string."""
        if not isinstance(key, str):
            return None
        return next((board for board in self.boards if board.key == key), None)

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(board.key for board in self.boards)


def _bounded(
    reader: _Reader, table: dict[str, Any], field: str, where: str, limit: int
) -> LocalizedText:
    texts = reader.localized(table, field, where)
    for language, text in texts.items():
        if len(text) > limit:
            raise reader.fail(f"{where}.{field}.{language}", f"at most {limit} characters")
    return texts


def _only(reader: _Reader, table: dict[str, Any], allowed: frozenset[str], where: str) -> None:
    unknown = set(table) - allowed
    if unknown:
        raise reader.fail(where, f"unknown fields {sorted(unknown)}")


def parse_boards(path: Path) -> BoardsContent:
    """Read and check a boards file.

    Raises:
        ContentError: naming the file and the field at fault.
    """
    reader = _Reader(path)
    _only(reader, reader.data, frozenset({"boards", "rules", "rules_intro"}), "file")
    boards: list[Board] = []
    for index, table in enumerate(reader.tables("boards")):
        where = f"boards[{index}]"
        _only(reader, table, _BOARD_FIELDS, where)
        key = reader.value(table, "key", where, str)
        if not KEY_PATTERN.fullmatch(key):
            raise reader.fail(f"{where}.key", f"must match {KEY_PATTERN.pattern}, not {key!r}")
        if any(board.key == key for board in boards):
            raise reader.fail(f"{where}.key", f"{key!r} is used twice")
        boards.append(
            Board(
                key=key,
                name=_bounded(reader, table, "name", where, NAME_MAX_CHARS),
                description=_bounded(reader, table, "description", where, DESCRIPTION_MAX_CHARS),
            )
        )
    rules: list[HouseRule] = []
    for index, table in enumerate(reader.tables("rules")):
        where = f"rules[{index}]"
        _only(reader, table, _RULE_FIELDS, where)
        rules.append(
            HouseRule(
                text=_bounded(reader, table, "text", where, RULE_MAX_CHARS),
                why=_bounded(reader, table, "why", where, RULE_MAX_CHARS),
            )
        )
    intro = _bounded(reader, reader.data, "rules_intro", "file", RULE_MAX_CHARS)
    return BoardsContent(boards=tuple(boards), rules=tuple(rules), rules_intro=intro)


@cache
def boards_content() -> BoardsContent:
    return parse_boards(BOARDS_FILE)

"""The crisis word lists, one file per language in `crisis/`, read and checked.

Each file names its language and holds, per reason (see REASONS), the phrases that
show acute risk, plus the calm lists: sayings that use such words for something else
("ik ging dood van het lachen"), the words that put a sentence in the past (a story
of before) or, overriding them, in the present, and the words that make a sentence be
about someone else or a topic ("hoe help ik een vriend die ...", "a film about ...").
Moderators extend the lists by editing the files (read at start); a malformed file
raises `ContentError` naming the file and the field, so a bad edit fails the tests and
the start, not a boy's post.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from peersupport.content import CONTENT_DIR, ContentError, _Reader
from peersupport.services.phrases import Phrase, PhraseError, compile_phrase
from peersupport.translations import LANGUAGES

CRISIS_DIR = CONTENT_DIR / "crisis"
# Kept in this order: the first reason found is the one a moderator reads first.
REASONS = ("suicide", "self_harm", "danger_now", "forced_tonight", "nowhere_to_sleep")
CALM_LISTS = ("sayings", "past", "present", "others")
_FILE_FIELDS = frozenset({"language", "reasons", "calm"})


@dataclass(frozen=True)
class CrisisWords:
    """One language's lists, compiled."""

    language: str
    reasons: tuple[tuple[str, tuple[Phrase, ...]], ...]
    sayings: tuple[Phrase, ...]
    past: tuple[Phrase, ...]
    present: tuple[Phrase, ...]
    others: tuple[Phrase, ...]


def read_phrases(
    reader: _Reader, table: dict[str, Any], field: str, where: str
) -> tuple[Phrase, ...]:
    raw = reader.value(table, field, where, list)
    if not raw:
        raise reader.fail(f"{where}.{field}", "needs at least one phrase")
    compiled = []
    for index, text in enumerate(raw):
        if not isinstance(text, str):
            raise reader.fail(f"{where}.{field}[{index}]", f"must be str, not {text!r}")
        try:
            compiled.append(compile_phrase(text))
        except PhraseError as error:
            raise reader.fail(f"{where}.{field}[{index}]", f"{text!r} {error}") from error
    return tuple(compiled)


def parse_crisis_words(path: Path) -> CrisisWords:
    reader = _Reader(path)
    unknown = set(reader.data) - _FILE_FIELDS
    if unknown:
        raise reader.fail("file", f"unknown fields {sorted(unknown)}")
    language = reader.value(reader.data, "language", "file", str)
    if language not in LANGUAGES:
        raise reader.fail("language", f"must be one of {LANGUAGES}, not {language!r}")
    if path.stem != language:
        raise reader.fail("language", f"{language!r} does not match the file name {path.name}")
    reasons_table = reader.value(reader.data, "reasons", "file", dict)
    unknown = set(reasons_table) - set(REASONS)
    if unknown:
        raise reader.fail("reasons", f"unknown reasons {sorted(unknown)}; known: {REASONS}")
    reasons = tuple(
        (reason, read_phrases(reader, reasons_table, reason, "reasons")) for reason in REASONS
    )
    calm = reader.value(reader.data, "calm", "file", dict)
    unknown = set(calm) - set(CALM_LISTS)
    if unknown:
        raise reader.fail("calm", f"unknown lists {sorted(unknown)}; known: {CALM_LISTS}")
    return CrisisWords(
        language=language,
        reasons=reasons,
        sayings=read_phrases(reader, calm, "sayings", "calm"),
        past=read_phrases(reader, calm, "past", "calm"),
        present=read_phrases(reader, calm, "present", "calm"),
        others=read_phrases(reader, calm, "others", "calm"),
    )


def load_crisis_words(folder: Path | None = None) -> tuple[CrisisWords, ...]:
    """Every language's lists; each language of the app must have its file."""
    folder = CRISIS_DIR if folder is None else folder
    loaded = tuple(parse_crisis_words(folder / f"{language}.toml") for language in LANGUAGES)
    if not loaded:
        raise ContentError(f"{folder}: no crisis word files")
    return loaded


@cache
def crisis_words() -> tuple[CrisisWords, ...]:
    return load_crisis_words()

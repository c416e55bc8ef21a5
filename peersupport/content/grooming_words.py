"""The grooming word lists, one file per language in `grooming/`, read and checked.

Each file names its language and holds, per signal (see SIGNALS), the phrases that can
point to an adult drawing a boy in, plus two calm lists: sayings that use such words to
help ("stuur nooit foto's", "zeg het tegen iemand"), and the words that make a sentence
tell what someone else said or asked ("hij vroeg hoe oud ik was"), as a boy telling his
story does. The phrase language and the checks are the crisis lists' own
(`crisis_words.read_phrases`); a malformed file raises `ContentError` naming the file
and the field, so a bad edit fails the tests and the start.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from peersupport.content import CONTENT_DIR, ContentError, _Reader
from peersupport.content.crisis_words import read_phrases
from peersupport.services.phrases import Phrase
from peersupport.translations import LANGUAGES

GROOMING_DIR = CONTENT_DIR / "grooming"
# Kept in this order: the order a moderator reads them in.
SIGNALS = (
    "move_or_meet",
    "asks_age",
    "asks_school",
    "asks_place",
    "asks_photos",
    "secrecy",
    "gifts_money",
    "isolating_flattery",
)
CALM_LISTS = ("sayings", "reported")
_FILE_FIELDS = frozenset({"language", "signals", "calm"})


@dataclass(frozen=True)
class GroomingWords:
    """One language's lists, compiled."""

    language: str
    signals: tuple[tuple[str, tuple[Phrase, ...]], ...]
    sayings: tuple[Phrase, ...]
    reported: tuple[Phrase, ...]


def parse_grooming_words(path: Path) -> GroomingWords:
    reader = _Reader(path)
    unknown = set(reader.data) - _FILE_FIELDS
    if unknown:
        raise reader.fail("file", f"unknown fields {sorted(unknown)}")
    language = reader.value(reader.data, "language", "file", str)
    if language not in LANGUAGES:
        raise reader.fail("language", f"must be one of {LANGUAGES}, not {language!r}")
    if path.stem != language:
        raise reader.fail("language", f"{language!r} does not match the file name {path.name}")
    table = reader.value(reader.data, "signals", "file", dict)
    unknown = set(table) - set(SIGNALS)
    if unknown:
        raise reader.fail("signals", f"unknown signals {sorted(unknown)}; known: {SIGNALS}")
    signals = tuple((signal, read_phrases(reader, table, signal, "signals")) for signal in SIGNALS)
    calm = reader.value(reader.data, "calm", "file", dict)
    unknown = set(calm) - set(CALM_LISTS)
    if unknown:
        raise reader.fail("calm", f"unknown lists {sorted(unknown)}; known: {CALM_LISTS}")
    return GroomingWords(
        language=language,
        signals=signals,
        sayings=read_phrases(reader, calm, "sayings", "calm"),
        reported=read_phrases(reader, calm, "reported", "calm"),
    )


def load_grooming_words(folder: Path | None = None) -> tuple[GroomingWords, ...]:
    """Every language's lists; each language of the app must have its file."""
    folder = GROOMING_DIR if folder is None else folder
    loaded = tuple(parse_grooming_words(folder / f"{language}.toml") for language in LANGUAGES)
    if not loaded:
        raise ContentError(f"{folder}: no grooming word files")
    return loaded


@cache
def grooming_words() -> tuple[GroomingWords, ...]:
    return load_grooming_words()

"""The grooming word lists, one file per language in `grooming/`, read and checked.

Each file names its language and holds, per signal (see SIGNALS), the phrases that can
point to an adult drawing a boy in, plus two calm lists: sayings that use such words to
help ("stuur nooit foto's", "zeg het tegen iemand"), and the words that make a sentence
tell what someone else said or asked ("hij vroeg hoe oud ik was"), as a boy telling his
story does. The phrase language and the checks are the crisis lists' own
(`phrase_lists.read_phrase_file`); a malformed file raises `ContentError` naming the file
and the field, so a bad edit fails the tests and the start.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from peersupport.content import CONTENT_DIR
from peersupport.content.phrase_lists import load_per_language, read_phrase_file
from peersupport.services.phrases import Phrase

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


@dataclass(frozen=True)
class GroomingWords:
    """One language's lists, compiled."""

    language: str
    signals: tuple[tuple[str, tuple[Phrase, ...]], ...]
    sayings: tuple[Phrase, ...]
    reported: tuple[Phrase, ...]


def parse_grooming_words(path: Path) -> GroomingWords:
    read = read_phrase_file(path, "signals", SIGNALS, CALM_LISTS)
    return GroomingWords(
        language=read.language,
        signals=read.kinds,
        sayings=read.calm["sayings"],
        reported=read.calm["reported"],
    )


def load_grooming_words(folder: Path | None = None) -> tuple[GroomingWords, ...]:
    """Every language's lists; each language of the app must have its file."""
    folder = GROOMING_DIR if folder is None else folder
    return load_per_language(folder, parse_grooming_words, "grooming")


@cache
def grooming_words() -> tuple[GroomingWords, ...]:
    return load_grooming_words()

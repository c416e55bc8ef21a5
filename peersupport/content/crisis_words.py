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

from peersupport.content import CONTENT_DIR
from peersupport.content.phrase_lists import load_per_language, read_phrase_file
from peersupport.services.phrases import Phrase

CRISIS_DIR = CONTENT_DIR / "crisis"
# Kept in this order: the first reason found is the one a moderator reads first.
REASONS = ("suicide", "self_harm", "danger_now", "forced_tonight", "nowhere_to_sleep")
CALM_LISTS = ("sayings", "past", "present", "others")


@dataclass(frozen=True)
class CrisisWords:
    """One language's lists, compiled."""

    language: str
    reasons: tuple[tuple[str, tuple[Phrase, ...]], ...]
    sayings: tuple[Phrase, ...]
    past: tuple[Phrase, ...]
    present: tuple[Phrase, ...]
    others: tuple[Phrase, ...]


def parse_crisis_words(path: Path) -> CrisisWords:
    read = read_phrase_file(path, "reasons", REASONS, CALM_LISTS)
    return CrisisWords(
        language=read.language,
        reasons=read.kinds,
        sayings=read.calm["sayings"],
        past=read.calm["past"],
        present=read.calm["present"],
        others=read.calm["others"],
    )


def load_crisis_words(folder: Path | None = None) -> tuple[CrisisWords, ...]:
    """Every language's lists; each language of the app must have its file."""
    return load_per_language(CRISIS_DIR if folder is None else folder, parse_crisis_words, "crisis")


@cache
def crisis_words() -> tuple[CrisisWords, ...]:
    return load_crisis_words()

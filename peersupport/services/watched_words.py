"""Watched words: phrases moderators block, flag, or send to an admin for review.

- block: the text cannot be submitted; the author is told a word is not allowed.
- flag: the item enters the queue with the word shown as a flag.
- review: as flag, and the item is escalated, so only an admin can decide it.

Matching is on whole words, case- and accent-insensitive after NFKC normalisation,
and also finds the phrase spelled with spaces or dots between its letters.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from peersupport.models import WatchedWord
from peersupport.models.moderation import WATCH_ACTIONS
from peersupport.services.errors import InvalidInput
from peersupport.services.ids import is_id

PHRASE_MAX_CHARS = 64
MAX_WATCHED_WORDS = 500


@dataclass(frozen=True)
class WatchedHit:
    phrase: str
    action: str


@dataclass(frozen=True)
class WatchedWordRow:
    id: int
    phrase: str
    action: str


def normalize_phrase(raw: object) -> str:
    """Lower case, NFKC, accents removed, single spaces.

    Raises:
        InvalidInput: "invalid_phrase" for empty, too long or non-text input.
    """
    if not isinstance(raw, str):
        raise InvalidInput("invalid_phrase", "a phrase is text")
    phrase = " ".join(_fold(raw).split())
    if not phrase or len(phrase) > PHRASE_MAX_CHARS:
        raise InvalidInput("invalid_phrase", f"a phrase has 1 to {PHRASE_MAX_CHARS} characters")
    return phrase


def list_words(session: Session) -> list[WatchedWordRow]:
    rows = session.scalars(select(WatchedWord).order_by(WatchedWord.phrase))
    return [WatchedWordRow(id=row.id, phrase=row.phrase, action=row.action) for row in rows]


def add_word(session: Session, phrase: object, action: object, now: datetime) -> WatchedWord:
    """Add a phrase or change the action of one that exists (no authorization here:
    the moderation service checks the caller and writes the audit entry)."""
    text = normalize_phrase(phrase)
    if not isinstance(action, str) or action not in WATCH_ACTIONS:
        raise InvalidInput("invalid_action", f"action is one of {WATCH_ACTIONS}")
    row = session.scalar(select(WatchedWord).where(WatchedWord.phrase == text))
    if row is None:
        if len(list_words(session)) >= MAX_WATCHED_WORDS:
            raise InvalidInput("too_many_words", f"at most {MAX_WATCHED_WORDS} watched words")
        row = WatchedWord(phrase=text, action=action, created_at=now)
        session.add(row)
    else:
        row.action = action
    session.flush()
    return row


def remove_word(session: Session, word_id: object) -> WatchedWord:
    valid = is_id(word_id)
    row = session.get(WatchedWord, word_id) if valid else None
    if row is None:
        raise InvalidInput("unknown_word", "no watched word has this id")
    session.delete(row)
    session.flush()
    return row


def find(session: Session, text: str) -> list[WatchedHit]:
    """Every watched phrase in `text` (each once), blocking ones first."""
    folded = _fold(text)
    squeezed = _squeeze(folded)
    hits = []
    for row in session.scalars(select(WatchedWord)):
        if _contains(folded, row.phrase) or _contains(squeezed, _squeeze(row.phrase)):
            hits.append(WatchedHit(phrase=row.phrase, action=row.action))
    order = {action: index for index, action in enumerate(WATCH_ACTIONS)}
    return sorted(hits, key=lambda hit: (order[hit.action], hit.phrase))


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _squeeze(text: str) -> str:
    """Letters spelled apart ("k i k", "k.i.k") joined, words kept apart."""
    return re.sub(r"(?<=\b\w)[\s.\-_*]+(?=\w\b)", "", text)


def _contains(text: str, phrase: str) -> bool:
    words = r"\s+".join(re.escape(word) for word in phrase.split())
    return re.search(rf"(?<!\w){words}(?!\w)", text) is not None

"""Grooming signals in one text: words that can point to an adult drawing a boy in.

A queued thread, reply or story is read against the grooming word lists of every
language (`peersupport/content/grooming/`): asking to move elsewhere or meet, asking his
age, school, place or photos, asking for secrecy, gifts, money and offers, flattery that
isolates. What is found is a list of named signals with the words that matched, shown to
a moderator beside the item. A signal decides nothing: it never hides, rejects or
publishes anything.

Sayings that use such words to help ("stuur nooit foto's", "tell someone") do not count,
nor does a sentence that tells what someone else said or asked ("hij vroeg hoe oud ik
was"): that is a boy telling his story. Questions about the past ("hoe oud was je toen
het gebeurde?") match no phrase: the lists ask in the present tense ("hoe oud ben je").

Plain Python, no Reflex.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from peersupport.services.phrases import (
    any_phrase,
    blank_phrases,
    first_match_per_kind,
    sentences,
)

# The most words of a text that are read: a story is at most a few thousand.
MAX_WORDS = 6_000


@dataclass(frozen=True)
class GroomingSign:
    """One signal found: its code, the language of its list, and the words that matched."""

    signal: str
    language: str
    words: str


@lru_cache(maxsize=4096)
def _signs(text: str) -> tuple[GroomingSign, ...]:
    from peersupport.content.grooming_words import SIGNALS, grooming_words

    lists = grooming_words()
    sayings = tuple(phrase for words_list in lists for phrase in words_list.sayings)
    reported = tuple(phrase for words_list in lists for phrase in words_list.reported)
    found: dict[str, GroomingSign] = {}
    read = 0
    for words in sentences(text):
        read += len(words)
        if read > MAX_WORDS:
            break
        if any_phrase(reported, words):
            continue
        usable = blank_phrases(words, sayings)
        by_language = ((words_list.language, words_list.signals) for words_list in lists)
        for match in first_match_per_kind(by_language, usable, found):
            start, end = match.span
            found[match.kind] = GroomingSign(match.kind, match.language, " ".join(words[start:end]))
    return tuple(found[signal] for signal in SIGNALS if signal in found)


def find_grooming_signs(*texts: object) -> list[GroomingSign]:
    """The signals (at most one per kind) in `texts` (title, body), in the lists' order.

    Results are kept per text: a queued item's text does not change, and the queue is
    read again after every decision.
    """
    joined = "\n".join(text for text in texts if isinstance(text, str))
    if not joined.strip():
        return []
    return list(_signs(joined))


def grooming_signals(*texts: object) -> tuple[str, ...]:
    """The signal codes found in any of `texts`, in the lists' order."""
    return tuple(sign.signal for sign in find_grooming_signs(*texts))

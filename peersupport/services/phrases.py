"""A small phrase language for word lists moderators edit, and a matcher that forgives typos.

A phrase is words separated by spaces, matched on whole words of a normalised text:

- ``zelfmoord*``  a word starting with "zelfmoord" (zelfmoordgedachten, ...);
- ``snij/sneed/snijd``  any one of these words;
- ``...``  up to GAP_WORDS other words in between;
- ``$``  the end of the sentence or a comma ("ik wil niet meer $", not "ik wil niet meer
  naar school").

Normalising lowercases, drops accents and apostrophes ("m'n" is "mn", "don't" is
"dont"), reads digits inside words as letters ("su1c1de"), and shortens letters typed
three or more times ("dooood"). Words of TYPO_MIN_CHARS letters or more also match with
one letter wrong, missing, added or swapped ("zelfmoort", "sucide").

Plain Python, no Reflex.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterable
from dataclasses import dataclass

GAP_WORDS = 4
TYPO_MIN_CHARS = 6
END = "$"
GAP = "..."

_WORD_CHARS = re.compile(r"[a-z0-9]+")
COMMA = ","
_WORD_OR_COMMA = re.compile(r"[a-z0-9]+|,")
_SENTENCE_END = re.compile(r"[.!?\n;:]+")
_REPEATED = re.compile(r"([a-z])\1{2,}")
_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a"})
_PHRASE_WORD = re.compile(r"^[a-z0-9]+(?:/[a-z0-9]+)*\*?$")


class PhraseError(ValueError):
    """A phrase does not follow the phrase language; the message says why."""


@dataclass(frozen=True)
class Word:
    """One position of a phrase: alternatives, or a prefix when `prefix`."""

    options: tuple[str, ...]
    prefix: bool


@dataclass(frozen=True)
class Phrase:
    text: str
    # Word, or GAP / END markers.
    parts: tuple[Word | str, ...]


def normalise(text: str) -> str:
    """Lower case, no accents or apostrophes, leetspeak read as letters."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    plain = re.sub(r"['’‘`´]ll\b", " will", plain)  # "he'll" is "he will", not "hell"
    plain = re.sub(r"['’‘`´]", "", plain)

    def read_word(match: re.Match[str]) -> str:
        word = match.group()
        if re.search(r"[a-z]", word) and re.search(r"[0-9@]", word):
            word = word.translate(_LEET)
        return _REPEATED.sub(r"\1\1", word)

    return re.sub(r"[a-z0-9@]+", read_word, plain)


def sentences(text: str) -> list[list[str]]:
    """The normalised words of each sentence; a comma is kept as the word COMMA, where a
    phrase may end ("ik wil niet meer, echt niet") and that no phrase word matches."""
    return [
        _WORD_OR_COMMA.findall(part)
        for part in _SENTENCE_END.split(normalise(text))
        if _WORD_CHARS.search(part)
    ]


def compile_phrase(text: str) -> Phrase:
    """Parse one phrase. Raises PhraseError when it cannot match anything sensible."""
    tokens = text.casefold().split()
    if not tokens:
        raise PhraseError("is empty")
    parts: list[Word | str] = []
    for index, token in enumerate(tokens):
        if token == GAP:
            if not parts or parts[-1] == GAP or index == len(tokens) - 1:
                raise PhraseError(f"'{GAP}' must stand between two words")
            parts.append(GAP)
            continue
        if token == END:
            if index != len(tokens) - 1 or not parts:
                raise PhraseError(f"'{END}' may only end a phrase")
            parts.append(END)
            continue
        plain = normalise(token.rstrip("*")).replace(" ", "")
        prefix = token.endswith("*")
        candidate = plain + ("*" if prefix else "")
        options = tuple(plain.split("/"))
        if not all(options):
            raise PhraseError(f"word {token!r} has an empty alternative")
        if not _PHRASE_WORD.fullmatch(candidate):
            raise PhraseError(f"word {token!r} has characters other than letters, digits, / and *")
        parts.append(Word(options=options, prefix=prefix))
    if not any(isinstance(part, Word) for part in parts):
        raise PhraseError("has no word")
    return Phrase(text=" ".join(tokens), parts=tuple(parts))


def _one_edit_apart(a: str, b: str) -> bool:
    """True when b is a with one letter replaced, added, removed or two swapped."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la == lb:
        diffs = [i for i in range(la) if a[i] != b[i]]
        if len(diffs) == 1:
            return True
        return (
            len(diffs) == 2
            and diffs[1] == diffs[0] + 1
            and a[diffs[0]] == b[diffs[1]]
            and a[diffs[1]] == b[diffs[0]]
        )
    short, long = (a, b) if la < lb else (b, a)
    i = 0
    while i < len(short) and short[i] == long[i]:
        i += 1
    return short[i:] == long[i + 1 :]


def word_matches(word: Word, typed: str) -> bool:
    if typed in word.options:
        return True
    for option in word.options:
        if word.prefix:
            if typed.startswith(option):
                return True
            if len(option) >= TYPO_MIN_CHARS and len(typed) >= len(option) - 1:
                head = typed[: len(option)]
                if _one_edit_apart(option, head) or _one_edit_apart(
                    option, typed[: len(option) - 1]
                ):
                    return True
                if _one_edit_apart(option, typed[: len(option) + 1]):
                    return True
        elif typed == option or (len(option) >= TYPO_MIN_CHARS and _one_edit_apart(option, typed)):
            return True
    return False


def find_phrase(phrase: Phrase, words: list[str]) -> tuple[int, int] | None:
    """The first (start, end) word span of `words` the phrase matches, or None."""
    first = phrase.parts[0]
    assert isinstance(first, Word)  # compile_phrase never starts a phrase with a marker
    for start, typed in enumerate(words):
        if not word_matches(first, typed):
            continue
        end = _match_from(phrase.parts, 1, words, start + 1)
        if end is not None:
            return start, end
    return None


def _match_from(parts: tuple[Word | str, ...], at: int, words: list[str], pos: int) -> int | None:
    if at == len(parts):
        return pos
    part = parts[at]
    if isinstance(part, Word):
        if pos < len(words) and word_matches(part, words[pos]):
            return _match_from(parts, at + 1, words, pos + 1)
        return None
    if part == END:
        return pos if pos == len(words) or words[pos] == COMMA else None
    for skip in range(GAP_WORDS + 1):  # GAP
        end = _match_from(parts, at + 1, words, pos + skip)
        if end is not None:
            return end
    return None


# A word a saying used up: it matches no phrase any more.
_USED = "\x00"


def blank_phrases(words: list[str], sayings: tuple[Phrase, ...]) -> list[str]:
    """`words` with every span a saying matches used up, so that no phrase matches it."""
    words = list(words)
    for saying in sayings:
        while (span := find_phrase(saying, words)) is not None:
            start, end = span
            words[start:end] = [_USED] * (end - start)
    return words


def any_phrase(phrases: tuple[Phrase, ...], words: list[str]) -> bool:
    return any(find_phrase(phrase, words) is not None for phrase in phrases)


@dataclass(frozen=True)
class KindMatch:
    """The first phrase of a kind's list (a crisis reason, a grooming signal) that matched."""

    kind: str
    language: str
    phrase: Phrase
    span: tuple[int, int]


def first_match_per_kind(
    lists: Iterable[tuple[str, tuple[tuple[str, tuple[Phrase, ...]], ...]]],
    words: list[str],
    known: Collection[str],
) -> list[KindMatch]:
    """For each kind not in `known`, the first phrase that matches `words`.

    `lists` holds each language with its lists per kind; the first language whose list
    matches names the kind's match.
    """
    found: dict[str, KindMatch] = {}
    for language, kinds in lists:
        for kind, phrases in kinds:
            if kind in known or kind in found:
                continue
            for phrase in phrases:
                span = find_phrase(phrase, words)
                if span is not None:
                    found[kind] = KindMatch(kind, language, phrase, span)
                    break
    return list(found.values())

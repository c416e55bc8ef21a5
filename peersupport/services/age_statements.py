"""Does a member sound young? Whether a text of his own says he is under 18, now.

The rule, kept simple so a moderator can check it by reading: a sentence in which he
says in the first person and the present tense that he is 10 to 17 years old ("ik ben
15", "ik ben pas 14 jaar", "im 16", "I'm fifteen", "ik ben een jongen van 16", "16 jaar
oud", "15 y/o"). A sentence about the past does not count ("toen ik 14 was", "when I was
13", "twee jaar geleden"), nor an amount ("ik ben 15 minuten te laat", "I'm 16 euros
short").

Plain Python, no Reflex.
"""

from __future__ import annotations

import re

_NUMBER_WORDS = {
    "tien": 10, "elf": 11, "twaalf": 12, "dertien": 13, "veertien": 14, "vijftien": 15,
    "zestien": 16, "zeventien": 17, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
}  # fmt: skip
_AGE = r"(?P<age>\d{1,2}|" + "|".join(_NUMBER_WORDS) + r")"
_NOT_AN_AGE = (
    r"(?!\s*(?:minuten|min|uur|euro|eur|keer|km|kilo|kg|procent|cm|dagen|weken|maanden|"
    r"minutes|mins|hours|dollars|euros|bucks|times|miles|percent|days|weeks|months|%|"
    r"jaar geleden|years ago)\b)"
)
_STATEMENTS = tuple(
    re.compile(pattern + _NOT_AN_AGE)
    for pattern in (
        r"\b(?:ik ben|ben ik|i am|im|iam)\s+(?:pas\s+|net\s+|nu\s+|bijna\s+|only\s+|just\s+|"
        r"now\s+|almost\s+)?" + _AGE + r"\b",
        r"\b(?:ik ben|i am|im)\s+(?:een\s+|a\s+)?(?:jongen|boy|guy)\s+(?:van|of)\s+" + _AGE + r"\b",
        r"\b" + _AGE + r"\s*(?:jaar oud|years old|yrs old|y/o|yo|jr oud)\b",
    )
)
_PAST = re.compile(
    r"\b(?:toen|vroeger|geleden|destijds|was|werd|were|when|ago|used to|back then|"
    r"last year|vorig jaar)\b"
)
_SENTENCE_END = re.compile(r"[.!?\n;]+")
YOUNGEST, OLDEST_YOUNG = 10, 17


def _plain(text: str) -> str:
    return re.sub(r"['’‘`´]", "", text.casefold())


def says_he_is_young(text: object) -> bool:
    """True when `text` says, now and of himself, that he is 10 to 17 years old."""
    if not isinstance(text, str):
        return False
    for sentence in _SENTENCE_END.split(_plain(text)):
        if _PAST.search(sentence):
            continue
        for pattern in _STATEMENTS:
            for match in pattern.finditer(sentence):
                raw = match.group("age")
                age = _NUMBER_WORDS.get(raw) or (int(raw) if raw.isdigit() else 0)
                if YOUNGEST <= age <= OLDEST_YOUNG:
                    return True
    return False

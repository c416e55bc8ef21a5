"""Handles for the privacy scrubber: a user name on an app boys use, with the app named
before or after it, abbreviated ("sc", "ig", "dc", "tele"), or only implied ("same name
as here", "zelfde naam als hier"); Discord's old `bas#1234` and new names, Session and
Threema IDs, Switch friend codes, Reddit's u/name, gaming tags and dating apps.

The finding covers the app's name and the handle (or the implying words), so removing
it removes the detail; a filler word alone is never a finding.

Plain Python, no Reflex. Spans always index the original text.
"""

from __future__ import annotations

import re

from peersupport.services.scrubber_common import Finding, pattern_findings, span_finding

# App names as boys type them; those that are also common words need a clearer sign.
_SPACED_NAMES = ("snapchat", "snap", "instagram", "insta", "telegram", "whatsapp", "discord")
_PLAIN_NAMES = (
    "kik", "tiktok", "tik tok", "tt", "signal", "sc", "s\\.c", "ig", "tg", "tele", "wa", "app",
    "dc", "wire", "session", "threema", "twitter", "x", "reddit", "grindr", "tinder", "romeo",
    "planetromeo", "bumble", "hinge", "badoo", "jackd", "scruff", "facebook", "fb",
    "messenger", "skype", "twitch", "psn", "playstation", "xbox", "gamertag", "steam", "epic",
    "fortnite", "minecraft", "roblox", "valorant", "riot", "battlenet", "battle\\.net",
    "switch", "nintendo", "snappie", "snapp", "bereal", "line", "viber", "wechat",
)  # fmt: skip
# Names that are everyday words: only with ":" / "=" or "mijn ... is" before a handle.
_EVERYDAY = frozenset({"x", "app", "wire", "session", "switch", "line", "signal", "epic", "riot"})
_ID_WORDS = r"(?:naam|name|username|gebruikersnaam|id|tag|gamertag|nummer|account|acc|handle)"


def _spaced(word: str) -> str:
    return r"[\s.\-_*]{0,2}".join(re.escape(ch) for ch in word)


_PLATFORM_ALT = "|".join(
    [_spaced(w) for w in _SPACED_NAMES] + sorted(_PLAIN_NAMES, key=len, reverse=True)
)
_PLATFORM = rf"(?<![^\W\d_])(?:{_PLATFORM_ALT})(?![^\W\d_])"
_NAME = r"@?[\w][\w.#\-]*[\w]|@?\w{2,}"
_LOOKS_LIKE_HANDLE = re.compile(
    r"@[\w.]+|[\w.#\-]*[\d_#][\w.#\-]*|\w+\.\w[\w.]*|[A-Za-z]+[a-z][A-Z][\w]*|[A-Z0-9]{8}"
)
_STOP_WORDS = frozenset(
    [
        "je",
        "jij",
        "u",
        "het",
        "de",
        "een",
        "is",
        "niet",
        "wel",
        "stom",
        "leeg",
        "weg",
        "prive",
        "privé",
        "dood",
        "kapot",
        "nieuw",
        "new",
        "private",
        "gone",
        "dead",
        "empty",
        "not",
        "gehackt",
        "hacked",
        "verwijderd",
        "deleted",
        "oud",
        "old",
        "en",
        "of",
        "maar",
        "and",
        "or",
        "but",
        "the",
        "a",
        "an",
        "it",
        "me",
        "mij",
        "mijn",
        "my",
        "op",
        "on",
        "via",
        "in",
        "naar",
        "to",
        "please",
        "pls",
        "ff",
        "even",
        "groep",
        "group",
        "chat",
        "van",
        "voor",
        "for",
        "school",
        "ook",
        "also",
        "too",
        "nog",
        "still",
        "dan",
        "then",
        "met",
        "with",
        "ok",
        "oke",
        "okay",
        "ik",
        "i",
        "we",
        "wij",
        "jullie",
        "they",
        "zij",
        "hij",
        "he",
        "she",
        "you",
        "zo",
        "so",
        "heel",
        "very",
        "echt",
        "really",
        "als",
        "as",
        "here",
        "hier",
        "zelfde",
        "same",
        "naam",
        "name",
        "account",
        "ben",
        "am",
        "was",
        "heb",
        "have",
        "had",
        "gaat",
        "goes",
        "geblokkeerd",
        "blocked",
        "gezien",
        "seen",
        "stuurde",
        "sent",
    ]
)

_EXPLICIT_SEP = rf"(?:\s*[:=]\s*|\s+-\s*|\s*-\s+|\s+{_ID_WORDS}\s*[:=]?\s*|\s*{_ID_WORDS}?\s*:\s*)"
_PLATFORM_EXPLICIT = re.compile(rf"({_PLATFORM})(?:\s+{_ID_WORDS})?{_EXPLICIT_SEP}({_NAME})", re.I)
_PLATFORM_LOOSE = re.compile(rf"({_PLATFORM})[\s\-,]+({_NAME})", re.IGNORECASE)
_PLATFORM_MINE = re.compile(
    rf"(?<![^\W\d_])(?:mijn|m'n|mn|my|me)\s+({_PLATFORM})(?:\s+{_ID_WORDS})?\s*(?:is|=|:)\s+({_NAME})",
    re.IGNORECASE,
)
_APP_ME = re.compile(
    rf"(?<![^\W\d_])(?:app|snap|dm|text|kik|message|msg)\s+me(?:\s*[:=\-]\s*|\s+)"
    rf"(?:op\s+|on\s+|at\s+)?({_NAME})",
    re.IGNORECASE,
)
_ADD_ME = re.compile(
    r"(?<![^\W\d_])(?:add\s+me|voeg\s+me\s+toe|voeg\s+mij\s+toe|stuur\s+me\s+een\s+dm"
    r"|send\s+me\s+a\s+dm|dm\s+me|volg\s+me|follow\s+me|zoek\s+me(?:\s+op)?|search\s+me"
    r"|find\s+me|hit\s+me\s+up)"
    rf"(?:\s+(?:op|on|via)\s+{_PLATFORM})?(?:\s*[:=\-,]\s*|\s+)(?:{_ID_WORDS}\s*[:=]?\s*)?({_NAME})",
    re.IGNORECASE,
)
# "bram2008 op snap", "add me fluffy_bunny99 on kik": the handle first.
_HANDLE_THEN_PLATFORM = re.compile(
    rf"(?<![\w@.#])({_NAME})\s+(?:op|on|via|in)\s+({_PLATFORM})", re.I
)
# "same name as here", "zelfde naam als hier", "zelfde naam op tiktok"
_IMPLIED = re.compile(
    r"(?<![^\W\d_])(?:(?:de\s+)?zelfde|dezelfde|same|zelfde)\s+(?:user\s*)?"
    r"(?:naam|name|username|gebruikersnaam|nick|handle|@)"
    rf"(?:\s+(?:als|as)\s+(?:hier|here|op\s+dit\s+forum|on\s+here|dit|this)"
    rf"|\s+(?:op|on|bij|at)\s+(?:{_PLATFORM}))",
    re.IGNORECASE,
)
_IMPLIED_REACH = 50
_DISCORD_OLD = re.compile(r"(?<![\w#])[\w.]{2,32}#\d{4}(?!\d)")
_SESSION_ID = re.compile(r"(?<![0-9a-fA-F])05[0-9a-fA-F]{64}(?![0-9a-fA-F])")
_FRIEND_CODE = re.compile(r"(?<![\w-])SW[-\s]?\d{4}[-\s]\d{4}[-\s]\d{4}(?!\d)", re.IGNORECASE)
_REDDIT_USER = re.compile(r"(?<![\w/])u/[A-Za-z0-9_-]{3,20}")
_HANDLE = re.compile(r"(?<![\w.@])@[A-Za-z0-9_][\w.]+")
_PLATFORM_WORD = re.compile(_PLATFORM, re.IGNORECASE)


def _handle_finding(
    text: str, start: int, match: re.Match[str], group: int, *, loose: bool
) -> Finding | None:
    handle = match.group(group)
    bare = handle.strip().rstrip(".,!?;:)]}'\"").lstrip("@").lower()
    if len(bare) < 2 or bare in _STOP_WORDS:
        return None
    if loose and not _LOOKS_LIKE_HANDLE.fullmatch(handle.strip().rstrip(".,!?;:)]}'\"")):
        return None
    return span_finding("platform", text, start, match.end(group))


def _everyday(word: str) -> bool:
    return re.sub(r"[\s.\-_*]", "", word.lower()) in _EVERYDAY


def platform_findings(text: str) -> list[Finding]:
    found: list[Finding | None] = []
    for m in _PLATFORM_EXPLICIT.finditer(text):
        loose = (
            _everyday(m.group(1))
            and ":" not in text[m.end(1) : m.start(2)]
            and "=" not in text[m.end(1) : m.start(2)]
        )
        found.append(_handle_finding(text, m.start(), m, 2, loose=loose))
    for m in _PLATFORM_LOOSE.finditer(text):
        if not _everyday(m.group(1)):
            found.append(_handle_finding(text, m.start(), m, 2, loose=True))
    for m in _PLATFORM_MINE.finditer(text):
        found.append(_handle_finding(text, m.start(), m, 2, loose=False))
    for m in _APP_ME.finditer(text):
        found.append(_handle_finding(text, m.start(), m, 1, loose=True))
    for m in _ADD_ME.finditer(text):
        found.append(
            _handle_finding(
                text,
                m.start(),
                m,
                1,
                loose=m.group(0).lower().startswith(("zoek", "search", "find", "hit")),
            )
        )
    for m in _HANDLE_THEN_PLATFORM.finditer(text):
        if _everyday(m.group(2)):
            continue
        handle = m.group(1)
        if handle.lower().lstrip("@") in _STOP_WORDS or not _LOOKS_LIKE_HANDLE.fullmatch(handle):
            continue
        found.append(span_finding("platform", text, m.start(1), m.end(2)))
    found += _implied(text)
    return [f for f in found if f is not None]


def _implied(text: str) -> list[Finding | None]:
    """ "hit me up on snap, same name as here": from the app's name to the end."""
    found: list[Finding | None] = []
    for m in _IMPLIED.finditer(text):
        start = m.start()
        before = text[max(0, start - _IMPLIED_REACH) : start]
        apps = [p for p in _PLATFORM_WORD.finditer(before) if not _everyday(p.group())]
        if apps and not re.search(r"[.!?\n]", before[apps[-1].end() :]):
            start = start - len(before) + apps[-1].start()
        found.append(span_finding("platform", text, start, m.end()))
    return found


def id_findings(text: str) -> list[Finding]:
    """Handles recognisable on their own, whatever app is named."""
    return (
        pattern_findings("handle", _HANDLE, text)
        + pattern_findings("handle", _DISCORD_OLD, text)
        + pattern_findings("handle", _SESSION_ID, text)
        + pattern_findings("handle", _FRIEND_CODE, text)
        + pattern_findings("handle", _REDDIT_USER, text)
    )

"""Privacy scrubber: find contact details in a text before it is posted.

Exploiters try to move boys to private channels, so phone numbers, e-mail addresses,
links, @handles, "snap me: ..." phrases, postcodes and street addresses are found here
(also when disguised: "nul zes ...", "naam [at] gmail [dot] com", "s n a p: ...").
Help lines the app itself shows (112, 113, 0800-, 0900-numbers) are never flagged.

Plain Python, no Reflex. Spans always index the original text.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

import phonenumbers

__all__ = ["Finding", "find_contact_details", "remove_contact_details"]


@dataclass(frozen=True)
class Finding:
    """One contact detail: its kind and its span (and text) in the original text."""

    kind: str  # "phone" | "email" | "url" | "handle" | "platform" | "postcode" | "address"
    start: int
    end: int
    text: str


# --- phone numbers -------------------------------------------------------------------

_HELP_PREFIXES = ("0800", "0900", "3180", "3190", "003180", "003190")
_HELP_NUMBERS = frozenset({"112", "113", "0113"})

_NUMBER_WORDS = {
    "nul": 1, "een": 1, "één": 1, "eén": 1, "twee": 1, "drie": 1, "vier": 1, "vijf": 1,
    "zes": 1, "zeven": 1, "acht": 1, "negen": 1, "zero": 1, "one": 1, "two": 1,
    "three": 1, "four": 1, "five": 1, "six": 1, "seven": 1, "eight": 1, "nine": 1,
}  # fmt: skip
_WORD_DIGITS = {
    "nul": "0", "zero": "0", "een": "1", "één": "1", "eén": "1", "one": "1", "twee": "2",
    "two": "2", "drie": "3", "three": "3", "vier": "4", "four": "4", "vijf": "5",
    "five": "5", "zes": "6", "six": "6", "zeven": "7", "seven": "7", "acht": "8",
    "eight": "8", "negen": "9", "nine": "9",
}  # fmt: skip
_WORD_ALT = "|".join(sorted(map(re.escape, _NUMBER_WORDS), key=len, reverse=True))
_TOKEN = rf"(?:\d+|(?<![^\W\d_])(?:{_WORD_ALT})(?![^\W\d_]))"
_SEP = r"[\s.\-–_,/()]{1,3}"
_DIGIT_RUN = re.compile(rf"\+?{_TOKEN}(?:{_SEP}{_TOKEN})*", re.IGNORECASE)
_DATE = re.compile(r"\d{1,2}\s*[-/.]\s*\d{1,2}\s*[-/.]\s*\d{2,4}")
_TIME = r"\d{1,2}[.:]\d{2}"
_TIME_RANGE = re.compile(rf"{_TIME}(?:\s*[-–/,]\s*{_TIME})*")
_YEAR_RANGE = re.compile(r"(?:19|20)\d{2}(?:\s*[-–/,]\s*(?:19|20)\d{2})*")
_MIN_RUN_DIGITS = 8


def _run_digits(run: str) -> str:
    parts = re.findall(rf"\d+|{_WORD_ALT}", run, re.IGNORECASE)
    return "".join(p if p.isdigit() else _WORD_DIGITS[p.lower()] for p in parts)


def _is_help_line(digits: str) -> bool:
    return digits in _HELP_NUMBERS or digits.startswith(_HELP_PREFIXES)


def _phone_findings(text: str) -> list[Finding]:
    found: list[Finding] = []
    matcher = phonenumbers.PhoneNumberMatcher(text, "NL", leniency=phonenumbers.Leniency.VALID)
    for match in matcher:
        number = match.number
        national = str(number.national_number)
        if number.country_code == 31 and national.startswith(("800", "900")):
            continue
        if _is_help_line(national):
            continue
        found.append(Finding("phone", match.start, match.end, match.raw_string))
    for m in _DIGIT_RUN.finditer(text):
        run = m.group().rstrip(" .-–_,/(")
        if _DATE.fullmatch(run) or _TIME_RANGE.fullmatch(run) or _YEAR_RANGE.fullmatch(run):
            continue
        digits = _run_digits(run)
        if len(digits) < _MIN_RUN_DIGITS or _is_help_line(digits):
            continue
        found.append(Finding("phone", m.start(), m.start() + len(run), run))
    return found


# --- e-mail, URLs, handles ---------------------------------------------------------

# "co.uk" before "co": the longer alternative must come first.
_TLDS = "nl|com|net|org|be|de|eu|io|me|app|info|gg|tv|xyz|co\\.uk|co|uk"
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.IGNORECASE)
_AT = r"(?:\s*[\[({<]\s*(?:at|@|apenstaartje)\s*[\])}>]\s*|\s+(?:at|apenstaartje)\s+|\s*@\s+)"
_DOT = r"(?:\s*[\[({<]\s*(?:dot|punt|\.)\s*[\])}>]\s*|\s+(?:dot|punt)\s+|\.)"
_OBFUSCATED_EMAIL = re.compile(
    rf"(?<![\w.+-])[\w.+-]+{_AT}[\w-]+(?:{_DOT}[\w-]+)*{_DOT}(?:{_TLDS})(?![\w-])",
    re.IGNORECASE,
)
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"']+", re.IGNORECASE)
_DOMAIN = re.compile(
    rf"(?<![\w@.-])(?:[a-z0-9][\w-]*\.)+(?:{_TLDS})(?![\w-]|\.\w)(?:/[^\s<>\"']*)?",
    re.IGNORECASE,
)
_HANDLE = re.compile(r"(?<![\w.@])@[A-Za-z0-9_][\w.]+")
_TRAILING = ".,!?;:)]}'\""
_SENTENCE_START = re.compile(r"\.[A-Z][a-z]+$")


def _simple(kind: str, pattern: re.Pattern[str], text: str) -> list[Finding]:
    found: list[Finding] = []
    for m in pattern.finditer(text):
        matched = m.group().rstrip(_TRAILING)
        if kind == "handle" and len(matched) < 3:
            continue
        if pattern is _DOMAIN and _SENTENCE_START.search(matched):
            continue  # "huis.De volgende dag": a missing space, not a domain
        if matched:
            found.append(Finding(kind, m.start(), m.start() + len(matched), matched))
    return found


# --- platform + handle ------------------------------------------------------------

_SPACED_NAMES = ("snapchat", "snap", "instagram", "insta", "telegram", "whatsapp", "discord")
_PLAIN_NAMES = ("kik", "tiktok", "signal", "sc", "ig", "tg", "wa", "app")


def _spaced(word: str) -> str:
    return r"[\s.\-_*]{0,2}".join(re.escape(ch) for ch in word)


_PLATFORM = (
    r"(?<![^\W\d_])(?:"
    + "|".join(_spaced(w) for w in _SPACED_NAMES)
    + "|"
    + "|".join(_PLAIN_NAMES)
    + r")(?![^\W\d_])"
)
_NAME = r"@?[\w][\w.]*[\w]|@?\w{2,}"
_LOOKS_LIKE_HANDLE = re.compile(r"@\w+|\w*[\d_]\w*|\w+\.\w[\w.]*")
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
        "of",
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
    ]
)
_PLATFORM_EXPLICIT = re.compile(
    rf"({_PLATFORM})(?:\s*[:=]\s*|\s+-\s*|\s*-\s+)({_NAME})", re.IGNORECASE
)
_PLATFORM_LOOSE = re.compile(rf"({_PLATFORM})[\s\-]+({_NAME})", re.IGNORECASE)
_PLATFORM_MINE = re.compile(
    rf"(?<![^\W\d_])(?:mijn|m'n|my|me)\s+({_PLATFORM})\s*(?:is|=|:)\s+({_NAME})",
    re.IGNORECASE,
)
_APP_ME = re.compile(
    rf"(?<![^\W\d_])(?:app|snap|dm|text)\s+me(?:\s*[:=\-]\s*|\s+)(?:op\s+|on\s+)?({_NAME})",
    re.IGNORECASE,
)
_ADD_ME = re.compile(
    r"(?<![^\W\d_])(?:add\s+me|voeg\s+me\s+toe|voeg\s+mij\s+toe|stuur\s+me\s+een\s+dm"
    r"|send\s+me\s+a\s+dm|dm\s+me|volg\s+me|follow\s+me)"
    rf"(?:\s+(?:op|on|via)\s+{_PLATFORM})?(?:\s*[:=\-]\s*|\s+)({_NAME})",
    re.IGNORECASE,
)


def _platform_findings(text: str) -> list[Finding]:
    found: list[Finding] = []

    def add(start: int, handle_match: re.Match[str], group: int, need_handle_look: bool) -> None:
        handle = handle_match.group(group).rstrip(_TRAILING)
        if len(handle.lstrip("@")) < 2 or handle.lower().lstrip("@") in _STOP_WORDS:
            return
        if need_handle_look and not _LOOKS_LIKE_HANDLE.fullmatch(handle):
            return
        end = handle_match.start(group) + len(handle)
        found.append(Finding("platform", start, end, text[start:end]))

    for m in _PLATFORM_EXPLICIT.finditer(text):
        add(m.start(), m, 2, need_handle_look=False)
    for m in _PLATFORM_LOOSE.finditer(text):
        add(m.start(), m, 2, need_handle_look=True)
    for m in _PLATFORM_MINE.finditer(text):
        add(m.start(), m, 2, need_handle_look=False)
    for m in _APP_ME.finditer(text):
        add(m.start(), m, 1, need_handle_look=True)
    for m in _ADD_ME.finditer(text):
        add(m.start(), m, 1, need_handle_look=False)
    return found


# --- postcodes and addresses --------------------------------------------------------

_POSTCODE = re.compile(r"\b[1-9][0-9]{3} ?(?!SS|SD|SA)[A-Z]{2}(?![A-Za-z])")
_STREET_SUFFIX = "straat|laan|weg|plein|gracht|kade|singel|dijk|steeg|hof|dreef|pad|park|baan"
_ADDRESS = re.compile(
    rf"(?<![^\W\d_])[^\W\d_][\w'-]*(?:{_STREET_SUFFIX})\s+\d{{1,5}}(?!\d)"
    r"(?:\s?[a-z](?![^\W\d_]))?(?:\s?[-/]\s?\d{1,4}[a-z]?)?"
    r"(?!\s*(?:keer|uur|jaar|jaren|minuten|min|dagen|weken|maanden|km|meter|m|euro|x|times"
    r"|years|hours|days|minutes)\b)",
    re.IGNORECASE,
)


# --- putting it together -----------------------------------------------------------


def _longest_non_overlapping(findings: list[Finding]) -> list[Finding]:
    ordered = sorted(findings, key=lambda f: (-(f.end - f.start), f.start))
    starts: list[int] = []
    chosen: list[Finding] = []  # kept sorted by start, non-overlapping
    for f in ordered:
        i = bisect.bisect_left(starts, f.start)
        if i > 0 and chosen[i - 1].end > f.start:
            continue
        if i < len(chosen) and chosen[i].start < f.end:
            continue
        starts.insert(i, f.start)
        chosen.insert(i, f)
    return chosen


def find_contact_details(text: str) -> list[Finding]:
    """Return the contact details in `text`, sorted by start, non-overlapping (longest wins)."""
    if not text:
        return []
    findings: list[Finding] = []
    findings += _phone_findings(text)
    findings += _simple("email", _EMAIL, text)
    findings += _simple("email", _OBFUSCATED_EMAIL, text)
    findings += _simple("url", _URL, text)
    findings += _simple("url", _DOMAIN, text)
    findings += _simple("handle", _HANDLE, text)
    findings += _platform_findings(text)
    findings += _simple("postcode", _POSTCODE, text)
    findings += _simple("address", _ADDRESS, text)
    return _longest_non_overlapping([f for f in findings if f.end > f.start])


def remove_contact_details(
    text: str, findings: list[Finding] | None = None, replacement: str = "[…]"
) -> str:
    """Replace every finding's span in `text` by `replacement` (finding them if not given)."""
    if findings is None:
        findings = find_contact_details(text)
    parts: list[str] = []
    position = 0
    for f in sorted(findings, key=lambda f: f.start):
        if f.start < position:
            continue
        parts.append(text[position : f.start])
        parts.append(replacement)
        position = f.end
    parts.append(text[position:])
    return "".join(parts)

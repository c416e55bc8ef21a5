"""Phone numbers for the privacy scrubber: plain, international, in words ("nul zes ..."),
in emoji digits (0️⃣6️⃣...), and split over a sentence ("06 12 en dan 34 56 78").

Help lines are never flagged: 112, 113, every 0800- and 0900-number, and the help
routes' own numbers (Helpwanted's 020-261 52 75, CoMensha's ...). Dates, times and
years are not numbers to call.

Plain Python, no Reflex. Spans always index the original text.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import phonenumbers

from peersupport.services.scrubber_common import Finding
from peersupport.services.scrubber_lists import help_numbers

_HELP_PREFIXES = ("0800", "0900", "3180", "3190", "003180", "003190")

_WORD_DIGITS = {
    "nul": "0", "zero": "0", "een": "1", "één": "1", "eén": "1", "one": "1", "twee": "2",
    "two": "2", "drie": "3", "three": "3", "vier": "4", "four": "4", "vijf": "5",
    "five": "5", "zes": "6", "six": "6", "zeven": "7", "seven": "7", "acht": "8",
    "eight": "8", "negen": "9", "nine": "9",
}  # fmt: skip
_WORD_ALT = "|".join(sorted(map(re.escape, _WORD_DIGITS), key=len, reverse=True))
_TOKEN = rf"(?:\d+|(?<![^\W\d_])(?:{_WORD_ALT})(?![^\W\d_]))"
_SEP = r"[\s.\-–_,/()]{1,3}"
_DIGIT_RUN = re.compile(rf"\+?{_TOKEN}(?:{_SEP}{_TOKEN})*", re.IGNORECASE)
_DATE = re.compile(r"\d{1,2}\s*[-/.]\s*\d{1,2}\s*[-/.]\s*\d{2,4}")
_TIME = r"\d{1,2}[.:]\d{2}"
_TIME_RANGE = re.compile(rf"{_TIME}(?:\s*[-–/,]\s*{_TIME})*")
_YEAR_RANGE = re.compile(r"(?:19|20)\d{2}(?:\s*[-–/,]\s*(?:19|20)\d{2})*")
_MIN_RUN_DIGITS = 8
# A Dutch mobile number has 10 digits; its parts may be a sentence apart.
_SPLIT_DIGITS = 10
_SPLIT_REACH = 60


def digit_view(text: str) -> tuple[str, list[int]]:
    """`text` with emoji and full-width digits as plain digits, and for each character of
    the result the index of its first character in `text` (plus one past the end)."""
    view: list[str] = []
    origin: list[int] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if "０" <= ch <= "９":
            view.append(chr(ord(ch) - ord("０") + ord("0")))
            origin.append(i)
            i += 1
            continue
        if ch.isdigit() and ch.isascii():
            j = i + 1
            while j < len(text) and text[j] in "\ufe0f\u20e3":
                j += 1
            view.append(ch)
            origin.append(i)
            i = j
            continue
        view.append(ch)
        origin.append(i)
        i += 1
    origin.append(len(text))
    return "".join(view), origin


def _run_digits(run: str) -> str:
    parts = re.findall(rf"\d+|{_WORD_ALT}", run, re.IGNORECASE)
    return "".join(p if p.isdigit() else _WORD_DIGITS[p.lower()] for p in parts)


def _is_help_line(digits: str) -> bool:
    return digits in help_numbers() or digits.startswith(_HELP_PREFIXES)


def _not_a_number(run: str) -> bool:
    return bool(_DATE.fullmatch(run) or _TIME_RANGE.fullmatch(run) or _YEAR_RANGE.fullmatch(run))


def phone_findings(text: str) -> list[Finding]:
    view, origin = digit_view(text)

    def finding(start: int, end: int) -> Finding:
        begin, stop = origin[start], origin[end - 1] + 1
        while stop < len(text) and text[stop] in "\ufe0f\u20e3":
            stop += 1
        return Finding("phone", begin, stop, text[begin:stop])

    found: list[Finding] = []
    matcher = phonenumbers.PhoneNumberMatcher(view, "NL", leniency=phonenumbers.Leniency.VALID)
    for match in matcher:
        national = str(match.number.national_number)
        if match.number.country_code == 31 and national.startswith(("800", "900")):
            continue
        raw_digits = re.sub(r"\D", "", match.raw_string)
        if _is_help_line(national) or _is_help_line(raw_digits):
            continue
        found.append(finding(match.start, match.end))
    short_runs: list[tuple[int, int, str]] = []
    for m in _DIGIT_RUN.finditer(view):
        run = m.group().rstrip(" .-–_,/(")
        if _not_a_number(run):
            continue
        digits = _run_digits(run)
        if _is_help_line(digits):
            continue
        if len(digits) >= _MIN_RUN_DIGITS:
            found.append(finding(m.start(), m.start() + len(run)))
        elif len(digits) >= 2:
            short_runs.append((m.start(), m.start() + len(run), digits))
    found += _split_numbers(short_runs, finding)
    return found


def _split_numbers(
    runs: list[tuple[int, int, str]], finding: Callable[[int, int], Finding]
) -> list[Finding]:
    """Short runs that together make one mobile number: "06 12" ... "34 56 78"."""
    found: list[Finding] = []
    for index, (start, end, digits) in enumerate(runs):
        if not digits.startswith(("06", "6")) or len(digits) >= _SPLIT_DIGITS:
            continue
        wanted = _SPLIT_DIGITS - (len(digits) if digits.startswith("0") else len(digits) + 1)
        parts, last_end = [(start, end)], end
        for next_start, next_end, next_digits in runs[index + 1 :]:
            if next_start - last_end > _SPLIT_REACH or len(next_digits) > wanted:
                break
            parts.append((next_start, next_end))
            wanted -= len(next_digits)
            last_end = next_end
            if wanted == 0:
                found += [finding(a, b) for a, b in parts]
                break
    return found

"""Privacy scrubber: find contact details in a text before it is posted.

Exploiters try to move boys to private channels and to find them offline, so this finds
what a boy really types: phone numbers (also in words, emoji digits or split over a
sentence), e-mail addresses (also "naam [at] gmail [dot] com"), links and short links
(wa.me, t.me, bit.ly), handles on every app boys use (scrubber_handles.py), and street
and number, postcodes, named schools, clubs, workplaces and full names
(scrubber_places.py). The help routes' own names, numbers and sites (113.nl, 0800-0113,
helpwanted.nl, 020-261 52 75, ...) are never flagged; neither are times, dates, ages,
amounts or school years.

A finding points at the detail itself, so that removing it removes the detail.
Plain Python, no Reflex. Spans always index the original text.
"""

from __future__ import annotations

import bisect
import itertools
import re

from peersupport.services.scrubber_common import TRAILING, Finding
from peersupport.services.scrubber_handles import id_findings, platform_findings
from peersupport.services.scrubber_lists import help_sites
from peersupport.services.scrubber_phones import phone_findings
from peersupport.services.scrubber_places import (
    address_findings,
    name_findings,
    school_club_work_findings,
)

__all__ = ["Finding", "find_contact_details", "remove_contact_details"]


# --- e-mail, URLs, handles ---------------------------------------------------------

# "co.uk" before "co": the longer alternative must come first.
_TLDS = (
    "nl|com|net|org|be|de|eu|io|me|app|info|gg|tv|xyz|co\\.uk|co|uk|ly|ee|to|link|page|cc|site"
    "|online|club|shop|ai|dev|fr|es|it|ch|at|pl|ru|us|ca|au|gl|gd|lol|fun|live|social"
)
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.IGNORECASE)
_AT = r"(?:\s*[\[({<]\s*(?:at|@|apenstaartje)\s*[\])}>]\s*|\s+(?:at|apenstaartje)\s+|\s*@\s+)"
_DOT = r"(?:\s*[\[({<]\s*(?:dot|punt|\.)\s*[\])}>]\s*|\s+(?:dot|punt)\s+|\.)"
_WORD_DOT = r"(?:\s*[\[({<]\s*(?:dot|punt)\s*[\])}>]\s*|\s+(?:dot|punt)\s+|\.)"
_OBFUSCATED_EMAIL = re.compile(
    rf"(?<![\w.+-])[\w+-]+(?:{_WORD_DOT}[\w+-]+){{0,3}}{_AT}[\w-]+(?:{_DOT}[\w-]+){{0,3}}"
    rf"{_DOT}(?:{_TLDS})(?![\w-])",
    re.IGNORECASE,
)
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"']+", re.IGNORECASE)
_DOMAIN = re.compile(
    rf"(?<![\w@.-])(?:[a-z0-9][\w-]*\.)+(?:{_TLDS})(?![\w-]|\.\w)(?:/[^\s<>\"']*)?",
    re.IGNORECASE,
)
_SENTENCE_START = re.compile(r"\.[A-Z][a-z]+$")


def _simple(kind: str, pattern: re.Pattern[str], text: str) -> list[Finding]:
    found: list[Finding] = []
    for m in pattern.finditer(text):
        matched = m.group().rstrip(TRAILING)
        if pattern is _DOMAIN and _SENTENCE_START.search(matched):
            continue  # "huis.De volgende dag": a missing space, not a domain
        if matched:
            found.append(Finding(kind, m.start(), m.start() + len(matched), matched))
    return found


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
    findings += phone_findings(text)
    findings += _simple("email", _EMAIL, text)
    # "someone at helpwanted.nl" names a help route's site, not a boy's address.
    findings += [f for f in _simple("email", _OBFUSCATED_EMAIL, text) if not _at_help_site(f.text)]
    findings += [f for f in _simple("url", _URL, text) if not _is_help_site(f.text)]
    findings += [f for f in _simple("url", _DOMAIN, text) if not _is_help_site(f.text)]
    findings += id_findings(text)
    findings += platform_findings(text)
    findings += address_findings(text)
    findings += school_club_work_findings(text)
    findings += name_findings(text)
    return _longest_non_overlapping([f for f in findings if f.end > f.start])


def _at_help_site(disguised_email: str) -> bool:
    domain = re.split(r"\s+(?:at|apenstaartje)\s+", disguised_email, flags=re.IGNORECASE)[-1]
    return domain != disguised_email and _is_help_site(domain)


def _is_help_site(url: str) -> bool:
    """113.nl, https://www.helpwanted.nl/..., fier.nl: a help route's own site."""
    host = re.sub(r"^(?:https?://)?(?:www\.)?", "", url.lower()).split("/")[0]
    return host in help_sites()


def remove_contact_details(
    text: str, findings: list[Finding] | None = None, replacement: str = ""
) -> str:
    """Remove every finding's span from `text` (finding them if not given).

    Nothing marks the place: the spaces and punctuation left behind are tidied so that
    the sentence still reads ("bel 06-12345678, groetjes" becomes "bel, groetjes"), and
    what lay only between two removed details ("06-1, 06-2 of 06-3") goes with them.
    Whatever the author typed himself, such as his own "[…]", stays. A non-empty
    `replacement` is put in each place instead, as it is.
    """
    if findings is None:
        findings = find_contact_details(text)
    spans: list[tuple[int, int]] = []
    for f in sorted(findings, key=lambda f: f.start):
        if not spans or f.start >= spans[-1][1]:
            spans.append((f.start, f.end))
    if not spans:
        return text
    if replacement:
        parts, position = [], 0
        for start, end in spans:
            parts += [text[position:start], replacement]
            position = end
        return "".join([*parts, text[position:]])
    # What only separated two details of a list goes with them.
    betweens = [
        between
        for between in (text[end:start] for (_, end), (start, _) in itertools.pairwise(spans))
        if not _LIST_SEPARATOR.fullmatch(between)
    ]
    return _joined([text[: spans[0][0]], *betweens, text[spans[-1][1] :]])


def _joined(pieces: list[str]) -> str:
    """The pieces around the removed details joined. Each join looks only at a short end
    of what came before, so a long text with many details stays fast."""
    settled: list[str] = []
    open_parens = 0  # "(" minus ")" in what is settled
    tail = pieces[0]
    for after in pieces[1:]:
        while settled and len(tail.strip()) < 2:
            previous = settled.pop()
            open_parens -= _parens(previous)
            tail = previous + tail
        joined = _join(tail, after, bool(settled), open_parens)
        head, tail = joined[:-_TAIL], joined[-_TAIL:]
        if head:
            settled.append(head)
            open_parens += _parens(head)
    return "".join([*settled, tail])


def _parens(text: str) -> int:
    return text.count("(") - text.count(")")


# What may stand between two details of one list: commas, slashes, "en", "of", ...
_LIST_SEPARATOR = re.compile(r"[\s,;/&+]*(?:(?:en|of|and|or)[\s,;/&+]*)?", re.IGNORECASE)
# "hoi, [detail] of bel me": the "of" joined the detail, so it goes with it.
_CONJUNCTION = re.compile(r"(?:en|of|and|or)\s+", re.IGNORECASE)
_CLOSING = ",.;:!?)"
_HANGING = ",;:"
_SPACES = " \t"
_TAIL = 40


def _join(before: str, after: str, text_before: bool, open_parens: int) -> str:
    """`before` and `after` a removed detail, as one text that still reads; `text_before`:
    there is more text before `before`, with `open_parens` brackets still open."""
    left, right = before.rstrip(_SPACES), after.lstrip(_SPACES)
    if not left.strip() and not text_before:
        return left + right.lstrip(_HANGING).lstrip(_SPACES)
    if not right.strip():
        return left.rstrip(_HANGING) + right
    if left.endswith("(") and right.startswith(")"):
        return _join(left[:-1], right[1:], text_before, open_parens)
    if right.startswith(")") and open_parens + _parens(left) <= 0:
        return _join(left, right[1:], text_before, open_parens)  # its "(" was in the detail
    if right[0] in ",;" and left[-1:] in (",", ";"):
        return _join(left, right[1:], text_before, open_parens)
    if right[0] in ",;" and left.endswith(":"):
        return left[:-1] + right
    if left[-1:] in (",", ";") and _CONJUNCTION.match(right):
        return _join(left, _CONJUNCTION.sub("", right, count=1), text_before, open_parens)
    if right[0] in ".!?)" and left[-1:] in (",", ";", ":"):
        return left[:-1] + right
    if right[0] in _CLOSING or left.endswith("\n") or right.startswith("\n") or not left:
        return left + right
    return f"{left} {right}"

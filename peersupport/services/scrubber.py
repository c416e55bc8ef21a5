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

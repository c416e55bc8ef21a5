"""Where a boy can be found, for the privacy scrubber: street and number, postcodes,
named schools (with a class), sports clubs, workplaces, and full names.

Names and streets are looked up in Dutch lists (scrubber_lists.py); a school, club or
workplace is found by its shape ("Stedelijk Gymnasium", "VV Katwijk") or by what is said
around it ("ik zit op De Regenboog in groep 7", "ik werk bij de Jumbo"). School years
("4 havo", "klas 3"), ages and towns on their own are not details that find a boy.

Plain Python, no Reflex. Spans always index the original text.
"""

from __future__ import annotations

import re

from peersupport.services.scrubber_common import Finding, pattern_findings, span_finding
from peersupport.services.scrubber_lists import first_names, help_names, streets, surnames

_POSTCODE = re.compile(r"(?<![\w-])[1-9][0-9]{3} ?(?!SS|SD|SA)[A-Z]{2}(?![A-Za-z])")
_STREET_SUFFIX = "straat|laan|weg|plein|gracht|kade|singel|dijk|steeg|hof|dreef|pad|park|baan|markt"
_NOT_AFTER_NUMBER = (
    r"(?!\s*(?:keer|uur|jaar|jaren|minuten|min|dagen|weken|maanden|km|meter|m|euro|x|times"
    r"|years|hours|days|minutes)\b)"
)
_HOUSE_NUMBER = r"\s+\d{1,5}(?!\d)(?:\s?[a-z](?![^\W\d_]))?(?:\s?[-/]\s?\d{1,4}[a-z]?)?"
_ADDRESS = re.compile(
    r"(?-i:(?<![^\W\d_])[A-Z][a-z]+\s+)?"
    rf"(?<![^\W\d_\s])[^\W\d_][\w'-]*(?:{_STREET_SUFFIX}){_HOUSE_NUMBER}{_NOT_AFTER_NUMBER}",
    re.IGNORECASE,
)
# "op de Kerkstraat": a named street without a number, after a word that places someone.
_STREET_NAMED = re.compile(
    rf"\b(?:op|in|aan|bij|naast)\s+(?:de|het)\s+([A-Z][\w'-]*(?:{_STREET_SUFFIX}))\b"
)
# Capitalised words then a house number: looked up in the street list ("Lange Voorhout 5").
_WORDS_AND_NUMBER = re.compile(
    rf"(?<![^\W\d_])((?:[A-Z][\w'-]*\s+){{0,2}}[A-Z][\w'-]*){_HOUSE_NUMBER}{_NOT_AFTER_NUMBER}"
)

_CAP = r"[A-Z][\w'’-]+"
_SCHOOL_WORDS = (
    r"Gymnasium|Lyceum|College|Scholengemeenschap|Montessori|Dalton|Basisschool|Mavo|Havo"
    r"|Atheneum|Vakcollege|Campus|Academie|ROC|Hogeschool|Universiteit|School|Schoolgemeenschap"
)
# A capitalised run holding a school word and at least one other name word.
_SCHOOL_NAME = re.compile(
    rf"(?<![\w])(?:(?:{_CAP}|de|van|het)\s+){{0,3}}(?:{_SCHOOL_WORDS})(?:\s+(?:{_CAP})){{0,2}}(?![\w])"
)
_SCHOOL_CONTEXT = re.compile(
    rf"(?<![^\W\d_])(?:zit|zat|ga|ging|zit\s+nu)\s+op\s+((?:(?:Het|De|het|de|'t)\s+)?{_CAP}(?:\s+{_CAP}){{0,2}})"
    r"(?=\s*,?\s*(?:in\s+)?(?:klas|groep|leerjaar|class|year)\b)",
)
_SCHOOL_LABEL = re.compile(
    rf"(?i:school|my school is|mijn school is)\s*[:=]?\s*((?:{_CAP})(?:\s+{_CAP}){{0,3}})"
)
_CLUB = re.compile(
    rf"(?<![\w])(?:VV|SV|FC|HC|HV|RKSV|AFC|SC|KV|ZV|TC|RKVV|VVV|SVV|MHC|AHC|LHC|KHC|ZPC|BC|VC)\s+{_CAP}(?:\s+{_CAP})?"
)
_CLUB_CONTEXT = re.compile(
    rf"(?<![^\W\d_])(?:speel|speelde|voetbal|hockey|train|zit|play|train)\w*\s+(?:\w+\s+)?(?:bij|at|for)\s+((?:{_CAP})(?:\s+{_CAP}){{0,2}})"
)
_WORKPLACE = re.compile(
    rf"(?<![^\W\d_])(?:werk|werkte|bijbaan|baantje|job|work|worked)\w*\s+(?:\w+\s+)?(?:bij|at|for)\s+(?:(?:de|het|the)\s+)?((?:{_CAP})(?:\s+{_CAP}){{0,2}})"
)
_INTERFIX = (
    r"(?:van\s+der|van\s+den|van\s+de|van\s+'t|in\s+'t|van|de|den|der|ter|ten|te|'t|op\s+den)"
)
_FULL_NAME = re.compile(rf"({_CAP})\s+(?:({_INTERFIX})\s+)?({_CAP})(?![\w])")
_CAPITAL_WORD = re.compile(r"(?<![\w'’-])[A-Z]")


def _not_help(finding: Finding | None) -> Finding | None:
    if finding is None or finding.text.lower() in help_names():
        return None
    return finding


def address_findings(text: str) -> list[Finding]:
    found = pattern_findings("postcode", _POSTCODE, text) + pattern_findings(
        "address", _ADDRESS, text
    )
    found += pattern_findings("address", _STREET_NAMED, text, group=1)
    known = streets()
    for m in _WORDS_AND_NUMBER.finditer(text):
        words = m.group(1).split()
        for first in range(len(words)):
            if " ".join(words[first:]).lower() in known:
                start = m.start(1) + m.group(1).index(words[first])
                finding = span_finding("address", text, start, m.end())
                if finding is not None:
                    found.append(finding)
                break
    return found


def school_club_work_findings(text: str) -> list[Finding]:
    found: list[Finding | None] = []
    for m in _SCHOOL_NAME.finditer(text):
        words = m.group().split()
        if len(words) >= 2 and sum(w[0].isupper() for w in words) >= 2:
            found.append(_not_help(span_finding("school", text, m.start(), m.end())))
    for pattern, kind in (
        (_SCHOOL_CONTEXT, "school"),
        (_SCHOOL_LABEL, "school"),
        (_CLUB_CONTEXT, "club"),
        (_WORKPLACE, "workplace"),
    ):
        for m in pattern.finditer(text):
            found.append(_not_help(span_finding(kind, text, m.start(1), m.end(1))))
    found += [_not_help(f) for f in pattern_findings("club", _CLUB, text)]
    return [f for f in found if f is not None]


def name_findings(text: str) -> list[Finding]:
    """A first name from the list, then a surname from the list, or any capitalised
    surname after "de", "van der", ... ("Jan de Vries", "Daan van den Berg")."""
    firsts, lasts = first_names(), surnames()
    found = []
    for word in _CAPITAL_WORD.finditer(text):
        m = _FULL_NAME.match(text, word.start())
        if m is None or m.group(1) not in firsts:
            continue
        if m.group(3) in lasts or m.group(2):
            finding = span_finding("name", text, m.start(1), m.end(3))
            if finding is not None:
                found.append(finding)
    return found

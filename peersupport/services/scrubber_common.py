"""What the privacy scrubber's rules share: a finding, and a finder for simple patterns.

Plain Python, no Reflex. Spans always index the original text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Characters a match may drag along at its end that are not part of the detail.
TRAILING = ".,!?;:)]}'\"…"


@dataclass(frozen=True)
class Finding:
    """One contact detail: its kind and its span (and text) in the original text."""

    # "phone" | "email" | "url" | "handle" | "platform" | "postcode" | "address" | "school"
    # | "club" | "workplace" | "name"
    kind: str
    start: int
    end: int
    text: str


def span_finding(kind: str, text: str, start: int, end: int) -> Finding | None:
    """A finding for text[start:end] without surrounding spaces and trailing punctuation."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in TRAILING):
        end -= 1
    if end <= start:
        return None
    return Finding(kind, start, end, text[start:end])


def pattern_findings(
    kind: str, pattern: re.Pattern[str], text: str, group: int = 0
) -> list[Finding]:
    found = []
    for match in pattern.finditer(text):
        finding = span_finding(kind, text, match.start(group), match.end(group))
        if finding is not None:
            found.append(finding)
    return found

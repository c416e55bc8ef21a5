"""The part of assets/app.css a server-rendered page needs, to copy into the page.

A linked stylesheet costs a round trip before any text shows on a slow connection, and
the whole file holds the rules of every page of the app. So the pages the server
renders carry the app's own stylesheet minus the rules that cannot match them: a rule
is left out only when each of its selectors names a class the page does not use.
Nothing is rewritten, so what remains styles the page exactly as the file does.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache, lru_cache

from peersupport.settings import PROJECT_ROOT

STYLESHEET = PROJECT_ROOT / "assets" / "app.css"
# At-rules whose block holds ordinary rules (pruned like the top level).
_GROUPING_AT_RULES = ("@media", "@supports", "@layer", "@container")
_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
_CLASS_ATTRIBUTE = re.compile(r'class="([^"]*)"')
# Functional pseudo-classes: a class inside one may be optional (:not(.a), :is(.a, .b)).
_FUNCTIONAL_PSEUDO = re.compile(r":(?:not|is|where|has)\(")


def _matching_close(text: str, start: int, opening: str, closing: str) -> int:
    """The index of the bracket closing the one at `start`."""
    depth = 0
    for index in range(start, len(text)):
        if text[index] == opening:
            depth += 1
        elif text[index] == closing:
            depth -= 1
            if depth == 0:
                return index
    raise ValueError(f"{STYLESHEET}: unbalanced {opening!r} after character {start}")


def _statements(css: str) -> list[tuple[str, str | None]]:
    """Top-level statements: (prelude, block) for rules, (statement, None) for `@x ...;`."""
    found: list[tuple[str, str | None]] = []
    index = 0
    while index < len(css):
        brace, semicolon = css.find("{", index), css.find(";", index)
        if brace == -1 and semicolon == -1:
            break
        if semicolon != -1 and (brace == -1 or semicolon < brace):
            found.append((css[index:semicolon].strip(), None))
            index = semicolon + 1
            continue
        close = _matching_close(css, brace, "{", "}")
        found.append((css[index:brace].strip(), css[brace + 1 : close]))
        index = close + 1
    return found


def _selectors(prelude: str) -> list[str]:
    """A selector list split at its top-level commas."""
    parts: list[str] = []
    current: list[str] = []
    depth = 0
    for char in prelude:
        depth += char == "("
        depth -= char == ")"
        if char == "," and depth == 0:
            parts.append("".join(current).strip())
            current = []
        else:
            current.append(char)
    parts.append("".join(current).strip())
    return parts


def _required_classes(selector: str) -> set[str]:
    """Classes an element must have for `selector` to match anything."""
    plain = selector
    while match := _FUNCTIONAL_PSEUDO.search(plain):
        close = _matching_close(plain, match.end() - 1, "(", ")")
        plain = plain[: match.start()] + plain[close + 1 :]
    return set(_CLASS.findall(plain))


def subset(css: str, classes: frozenset[str]) -> str:
    """`css` without the rules whose every selector needs a class not in `classes`."""
    kept = []
    for prelude, block in _statements(css):
        if block is None:
            kept.append(f"{prelude};")
        elif prelude.startswith(_GROUPING_AT_RULES):
            inner = subset(block, classes)
            if inner:
                kept.append(f"{prelude}{{{inner}}}")
        elif prelude.startswith("@"):
            kept.append(f"{prelude}{{{block.strip()}}}")
        else:
            selectors = [s for s in _selectors(prelude) if _required_classes(s) <= classes]
            if selectors:
                kept.append(f"{','.join(selectors)}{{{' '.join(block.split())}}}")
    return "".join(kept)


@cache
def _stylesheet() -> str:
    return _COMMENT.sub("", STYLESHEET.read_text(encoding="utf-8"))


@lru_cache(maxsize=64)
def _stylesheet_for(classes: frozenset[str]) -> str:
    return subset(_stylesheet(), classes).replace("</", "<\\/")


def classes_in(html: str) -> frozenset[str]:
    """Every class named in a `class` attribute of `html`."""
    return frozenset(name for value in _CLASS_ATTRIBUTE.findall(html) for name in value.split())


def stylesheet_for(html: str, added_by_scripts: Iterable[str] = ()) -> str:
    """The app's stylesheet as far as `html` (and classes scripts add) can use it."""
    return _stylesheet_for(classes_in(html) | frozenset(added_by_scripts))

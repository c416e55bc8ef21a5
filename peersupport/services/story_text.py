"""Story text: the small, safe Markdown subset authors may use, rendered to HTML or plain text.

Supported: paragraphs (blank-line separated), single newlines as line breaks, ``*em*`` /
``_em_``, ``**strong**``, bullet lists (``- `` / ``* ``), numbered lists (``1. ``),
blockquotes (``> ``) and headings (``#``/``##`` become h2, ``###`` becomes h3; the page's
h1 is the story title). Nothing else: no raw HTML, links, images or code. Every character
of the text passes through `html.escape` before emphasis is found, so no input can produce
a tag, and the only tags emitted are those in `ALLOWED_TAGS`, never with attributes.

Plain Python, no Reflex. Length is limited by the caller, not here.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["ALLOWED_TAGS", "plain_text", "reading_minutes", "render_story_html"]

ALLOWED_TAGS = frozenset({"p", "br", "em", "strong", "ul", "ol", "li", "blockquote", "h2", "h3"})

WORDS_PER_MINUTE = 200
MAX_QUOTE_DEPTH = 3  # deeper ">" markers stay literal text

_HEADING = re.compile(r"(#{1,3})[ \t]+(\S.*)")
_BULLET = re.compile(r"[-*][ \t]+(\S.*)")
_NUMBERED = re.compile(r"(\d{1,9})\.[ \t]+(\S.*)")
_QUOTE_MARKER = re.compile(r"^>[ \t]?")


# --- blocks -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Block:
    """One block: a paragraph or heading (lines), a list (items of lines) or a quote."""

    tag: str  # "p" | "h2" | "h3" | "ul" | "ol" | "blockquote"
    lines: tuple[str, ...] = ()
    items: tuple[tuple[str, ...], ...] = ()
    children: tuple[_Block, ...] = ()


def _list_item(line: str) -> tuple[str, str] | None:
    """("ul" | "ol", item text) when `line` (stripped) starts a list item."""
    if bullet := _BULLET.fullmatch(line):
        return "ul", bullet.group(1)
    if numbered := _NUMBERED.fullmatch(line):
        return "ol", numbered.group(2)
    return None


def _starts_block(line: str, depth: int, in_paragraph: bool) -> bool:
    """Whether `line` (stripped) begins a heading, quote or list instead of continuing text."""
    if _HEADING.fullmatch(line) or _BULLET.fullmatch(line):
        return True
    if line.startswith(">") and depth < MAX_QUOTE_DEPTH:
        return True
    numbered = _NUMBERED.fullmatch(line)
    # "2016. Dat jaar ..." inside a paragraph is a sentence, not a list; "1." starts one.
    return numbered is not None and (not in_paragraph or numbered.group(1) == "1")


def _parse_blocks(lines: list[str], depth: int = 0) -> tuple[_Block, ...]:
    blocks: list[_Block] = []
    index = 0
    while index < len(lines):
        line = lines[index].strip()
        if not line:
            index += 1
            continue
        if heading := _HEADING.fullmatch(line):
            tag = "h3" if len(heading.group(1)) == 3 else "h2"
            blocks.append(_Block(tag, lines=(heading.group(2).strip(),)))
            index += 1
        elif line.startswith(">") and depth < MAX_QUOTE_DEPTH:
            quoted: list[str] = []
            while index < len(lines) and lines[index].strip().startswith(">"):
                quoted.append(_QUOTE_MARKER.sub("", lines[index].strip(), count=1))
                index += 1
            blocks.append(_Block("blockquote", children=_parse_blocks(quoted, depth + 1)))
        elif (item := _list_item(line)) is not None:
            index = _parse_list(lines, index, item[0], depth, blocks)
        else:
            paragraph = [line]
            index += 1
            while index < len(lines):
                next_line = lines[index].strip()
                if not next_line or _starts_block(next_line, depth, in_paragraph=True):
                    break
                paragraph.append(next_line)
                index += 1
            blocks.append(_Block("p", lines=tuple(paragraph)))
    return tuple(blocks)


def _parse_list(lines: list[str], index: int, tag: str, depth: int, blocks: list[_Block]) -> int:
    """Collect one list of `tag` items starting at `index`; return the index after it."""
    items: list[list[str]] = []
    while index < len(lines):
        line = lines[index].strip()
        item = _list_item(line)
        if item is not None and item[0] == tag:
            items.append([item[1]])
        elif item is None and line and not _starts_block(line, depth, in_paragraph=True):
            items[-1].append(line)  # a following line continues the item
        elif line or not _next_is_item(lines, index, tag):
            break  # anything else ends the list; a blank line between two items does not
        index += 1
    blocks.append(_Block(tag, items=tuple(tuple(item) for item in items)))
    return index


def _next_is_item(lines: list[str], index: int, tag: str) -> bool:
    while index < len(lines) and not lines[index].strip():
        index += 1
    item = _list_item(lines[index].strip()) if index < len(lines) else None
    return item is not None and item[0] == tag


# --- inline emphasis --------------------------------------------------------------------

Wrap = Callable[[str, str], str]

# A closing marker follows a non-space; a single "*" or "_" is not part of a "**" / "__";
# "**" closes at the end of a "***" run, so "***x***" is strong around em.
_CLOSERS = {
    "**": re.compile(r"(?<=\S)\*\*(?!\*)"),
    "*": re.compile(r"(?<=[^\s*])\*(?!\*)"),
    "_": re.compile(r"(?<=[^\s_])_(?![\w_])"),
}
_TAGS = {"**": "strong", "*": "em", "_": "em"}
_MARKER_CHARACTER = re.compile(r"[*_]")


def _is_word_character(character: str) -> bool:
    return character.isalnum() or character == "_"


def _opening_marker(text: str, index: int) -> str | None:
    """The emphasis marker that may open at `index`: followed by a non-space character."""
    if text.startswith("**", index):
        marker = "**"
    elif text[index] == "*":
        marker = "*"
    elif text[index] == "_" and not (index > 0 and _is_word_character(text[index - 1])):
        marker = "_"
    else:
        return None
    after = index + len(marker)
    if after >= len(text) or text[after].isspace() or (marker == "_" and text[after] == "_"):
        return None
    return marker


def _emphasis(text: str, wrap: Wrap) -> str:
    """Find balanced emphasis in `text` (already escaped); unbalanced markers stay literal."""
    out: list[str] = []
    exhausted: set[str] = set()  # markers without a closer after the current position
    index = 0
    while index < len(text):
        # Only "*" and "_" can open emphasis: copy the text up to the next one at once.
        found = _MARKER_CHARACTER.search(text, index)
        if found is None:
            out.append(text[index:])
            break
        if found.start() > index:
            out.append(text[index : found.start()])
            index = found.start()
        marker = _opening_marker(text, index)
        if marker is None or marker in exhausted:
            out.append(text[index])
            index += 1
            continue
        start = index + len(marker)
        closer = _CLOSERS[marker].search(text, start + 1)
        if closer is None:
            exhausted.add(marker)
            continue  # the second star of an unclosed "**" may still open a single "*"
        out.append(wrap(_TAGS[marker], _emphasis(text[start : closer.start()], wrap)))
        index = closer.end()
    return "".join(out)


# --- rendering ------------------------------------------------------------------------


def _normalised_lines(text: str) -> list[str]:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "\ufffd")
    return text.split("\n")


def _html_wrap(tag: str, inner: str) -> str:
    return f"<{tag}>{inner}</{tag}>"


def _html_inline(lines: tuple[str, ...]) -> str:
    escaped = html.escape("\n".join(lines), quote=True)
    return _emphasis(escaped, _html_wrap).replace("\n", "<br>")


def _html_block(block: _Block) -> str:
    if block.tag == "blockquote":
        inner = "".join(_html_block(child) for child in block.children)
    elif block.tag in ("ul", "ol"):
        inner = "".join(f"<li>{_html_inline(item)}</li>" for item in block.items)
    else:
        inner = _html_inline(block.lines)
    return f"<{block.tag}>{inner}</{block.tag}>"


def render_story_html(text: str) -> str:
    """Story Markdown as HTML that is safe to set as innerHTML (see the module docstring)."""
    return "".join(_html_block(block) for block in _parse_blocks(_normalised_lines(text)))


def _plain_inline(lines: tuple[str, ...]) -> str:
    escaped = html.escape("\n".join(lines), quote=True)
    return html.unescape(_emphasis(escaped, lambda _tag, inner: inner))


def _plain_block(block: _Block) -> str:
    if block.tag == "blockquote":
        return "\n\n".join(_plain_block(child) for child in block.children)
    if block.tag in ("ul", "ol"):
        return "\n".join(_plain_inline(item) for item in block.items)
    return _plain_inline(block.lines)


def plain_text(text: str) -> str:
    """The story without Markdown markers (for search and excerpts).

    No tags, and not escaped either: show it as text, never as HTML.
    """
    return "\n\n".join(_plain_block(block) for block in _parse_blocks(_normalised_lines(text)))


def reading_minutes(text: str) -> int:
    """Minutes to read the story at 200 words a minute, rounded up, at least 1."""
    words = len(plain_text(text).split())
    return max(1, math.ceil(words / WORDS_PER_MINUTE))

"""Writing a content file for a test, and the refusal a content parser answers it with."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from peersupport.content import ContentError


def write_content(path: Path, text: str | bytes, *, dedent: bool = False) -> Path:
    """Writes TEXT (bytes as they are, a string as UTF-8, dedented if asked) to PATH."""
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(textwrap.dedent(text) if dedent else text, encoding="utf-8")
    return path


def refusal_naming_the_file(
    parse: Callable[[Path], object], path: Path, *, match: str | None = None
) -> str:
    """Parses PATH, which must be refused with a ContentError (matching MATCH if given)
    whose message names PATH; returns that message for the test's own checks."""
    with pytest.raises(ContentError, match=match) as refusal:
        parse(path)
    message = str(refusal.value)
    assert str(path) in message
    return message

"""Reading a language's phrase-list file: the shape the crisis and grooming lists share.

A file names its language, holds one list of phrases per kind (a crisis reason, a
grooming signal) under one table, and the calm lists under `[calm]`. Every phrase is
compiled; a malformed file raises `ContentError` naming the file and the field.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from peersupport.content import ContentError, _Reader
from peersupport.services.phrases import Phrase, PhraseError, compile_phrase
from peersupport.translations import LANGUAGES

Lists = TypeVar("Lists")


@dataclass(frozen=True)
class PhraseFile:
    """One language's file, compiled: the lists per kind in the kinds' order, and calm."""

    language: str
    kinds: tuple[tuple[str, tuple[Phrase, ...]], ...]
    calm: dict[str, tuple[Phrase, ...]]


def read_phrases(
    reader: _Reader, table: dict[str, Any], field: str, where: str
) -> tuple[Phrase, ...]:
    raw = reader.value(table, field, where, list)
    if not raw:
        raise reader.fail(f"{where}.{field}", "needs at least one phrase")
    compiled = []
    for index, text in enumerate(raw):
        if not isinstance(text, str):
            raise reader.fail(f"{where}.{field}[{index}]", f"must be str, not {text!r}")
        try:
            compiled.append(compile_phrase(text))
        except PhraseError as error:
            raise reader.fail(f"{where}.{field}[{index}]", f"{text!r} {error}") from error
    return tuple(compiled)


def read_phrase_file(
    path: Path, kinds_field: str, kinds: tuple[str, ...], calm_lists: tuple[str, ...]
) -> PhraseFile:
    """The file at `path`, whose table `kinds_field` holds a list for each of `kinds`."""
    reader = _Reader(path)
    unknown = set(reader.data) - {"language", kinds_field, "calm"}
    if unknown:
        raise reader.fail("file", f"unknown fields {sorted(unknown)}")
    language = reader.value(reader.data, "language", "file", str)
    if language not in LANGUAGES:
        raise reader.fail("language", f"must be one of {LANGUAGES}, not {language!r}")
    if path.stem != language:
        raise reader.fail("language", f"{language!r} does not match the file name {path.name}")
    table = reader.value(reader.data, kinds_field, "file", dict)
    unknown = set(table) - set(kinds)
    if unknown:
        raise reader.fail(kinds_field, f"unknown {kinds_field} {sorted(unknown)}; known: {kinds}")
    lists = tuple((kind, read_phrases(reader, table, kind, kinds_field)) for kind in kinds)
    calm = reader.value(reader.data, "calm", "file", dict)
    unknown = set(calm) - set(calm_lists)
    if unknown:
        raise reader.fail("calm", f"unknown lists {sorted(unknown)}; known: {calm_lists}")
    return PhraseFile(
        language=language,
        kinds=lists,
        calm={name: read_phrases(reader, calm, name, "calm") for name in calm_lists},
    )


def load_per_language(folder: Path, parse: Callable[[Path], Lists], what: str) -> tuple[Lists, ...]:
    """Every language's lists; each language of the app must have its file."""
    loaded = tuple(parse(folder / f"{language}.toml") for language in LANGUAGES)
    if not loaded:
        raise ContentError(f"{folder}: no {what} word files")
    return loaded

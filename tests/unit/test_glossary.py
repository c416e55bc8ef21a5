"""Every Dutch and English text keeps to the glossary: no word it rejects, no three dots.

The glossary is peersupport/translations/glossary.toml. The texts are every msgstr of the
catalogs and the shown texts of the content files (their nl/en fields, the checklists'
per-language files and the example stories).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from babel.messages.pofile import read_po

PACKAGE = Path(__file__).resolve().parents[2] / "peersupport"
TRANSLATIONS = PACKAGE / "translations"
CONTENT = PACKAGE / "content"
# Pattern data, not shown text: the crisis phrase lists use "..." as a wildcard and
# never_flag.toml holds host names.
NOT_SHOWN = {"never_flag.toml"}
LANGUAGES = ("nl", "en")

Text = tuple[str, str]  # (where, text)


def _glossary() -> dict[str, Any]:
    with (TRANSLATIONS / "glossary.toml").open("rb") as file:
        return tomllib.load(file)


def _rejected(language: str) -> list[str]:
    return [word for entry in _glossary()["word"] for word in entry.get(f"not_{language}", [])]


def _catalog_texts(language: str) -> Iterator[Text]:
    for path in sorted((TRANSLATIONS / language / "LC_MESSAGES").glob("*.po")):
        with path.open("rb") as file:
            catalog = read_po(file)
        for message in catalog:
            if not message.id:
                continue
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            for string in strings:
                yield f"{path.name} {message.id}", str(string)


def _language_fields(value: Any, where: str, language: str) -> Iterator[Text]:
    """The strings under a key named after the language, anywhere in a TOML value."""
    if isinstance(value, dict):
        for key, inner in value.items():
            if key == language and isinstance(inner, str):
                yield f"{where}.{key}", inner
            else:
                yield from _language_fields(inner, f"{where}.{key}", language)
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from _language_fields(inner, f"{where}[{index}]", language)


def _all_strings(value: Any, where: str) -> Iterator[Text]:
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, dict):
        for key, inner in value.items():
            yield from _all_strings(inner, f"{where}.{key}")
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from _all_strings(inner, f"{where}[{index}]")


def _content_texts(language: str) -> Iterator[Text]:
    for path in sorted(CONTENT.glob("*.toml")):
        if path.name in NOT_SHOWN:
            continue
        with path.open("rb") as file:
            data = tomllib.load(file)
        if path.name == "example_stories.toml":
            for index, story in enumerate(data["story"]):
                if story["language"] == language:
                    where = f"{path.name} story[{index}]"
                    yield f"{where}.title", story["title"]
                    yield f"{where}.body", story["body"]
            continue
        yield from _language_fields(data, path.name, language)
    for path in sorted((CONTENT / "checklists").glob(f"*.{language}.toml")):
        with path.open("rb") as file:
            yield from _all_strings(tomllib.load(file), f"checklists/{path.name}")


def texts(language: str) -> list[Text]:
    return [*_catalog_texts(language), *_content_texts(language)]


def _pattern(word: str) -> re.Pattern[str]:
    if not word[0].isalnum():
        return re.compile(re.escape(word))
    return re.compile(rf"(?<![\w-]){re.escape(word)}(?![\w-])", re.IGNORECASE)


def violations(language: str, found_in: list[Text] | None = None) -> list[str]:
    """Every text that uses a word the glossary rejects in that language, as a line."""
    allowed = _glossary()["allowed"]
    found: list[str] = []
    for where, text in texts(language) if found_in is None else found_in:
        for word in _rejected(language):
            for match in _pattern(word).finditer(text):
                if any(
                    exception["word"] == word and exception["in"] in text for exception in allowed
                ):
                    continue
                start = max(match.start() - 30, 0)
                found.append(f"{where}: {word!r} in …{text[start : match.end() + 30]!r}")
    return found


@pytest.mark.parametrize("language", LANGUAGES)
def test_texts_use_no_word_the_glossary_rejects(language: str) -> None:
    found = violations(language)
    assert not found, "\n".join(found)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_language_check_reads_catalogs_and_content(language: str) -> None:
    places = {where.split(" ")[0].split(".")[0] for where, _ in texts(language)}
    assert {"messages", "moderation", "boards", "about", "example_stories"} <= places
    assert any(where.startswith("checklists/") for where, _ in texts(language))


def test_the_language_check_finds_rejected_words_and_three_dots() -> None:
    bad = [
        ("a", "Vul je wachtwoordzin in."),
        ("b", "Alle sessies worden gewist."),
        ("c", "Eén reply op je Thread"),
        ("d", "De moderators lezen het."),
        ("e", "Even laden..."),
    ]
    found = violations("nl", bad)
    assert len(found) == 6, found
    assert violations("nl", [("f", "Je wachtzin, je reactie en de moderatoren…")]) == []


def test_every_allowed_exception_is_still_needed() -> None:
    for exception in _glossary()["allowed"]:
        assert exception["why"].strip(), exception
        language_texts = [text for language in LANGUAGES for _, text in texts(language)]
        assert any(exception["in"] in text for text in language_texts), exception

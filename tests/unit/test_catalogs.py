"""The gettext catalogs: complete, consistent between languages, and in step with the
keys the code asks for (no missing keys, no dead ones)."""

from __future__ import annotations

import ast
import re
import string
from functools import cache
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message

from peersupport.translations import (
    DEFAULT_LANGUAGE,
    DOMAINS,
    LANGUAGES,
    MissingTranslationError,
    catalog_path,
    normalize_language,
    read_domain,
    translate,
)

PACKAGE_DIR = Path(__file__).resolve().parents[2] / "peersupport"

# A catalog key: dotted lower-case words, e.g. "home.card.help.title" or "safe.exit.p1".
KEY_SHAPE = re.compile(r"^[a-z_][a-z0-9_]*(\.[a-z0-9_]+)+$")
# Dotted literals in the code that are not catalog keys.
FILE_EXTENSIONS = {
    "py",
    "js",
    "css",
    "toml",
    "ini",
    "po",
    "mo",
    "db",
    "svg",
    "png",
    "ico",
    "json",
    "html",
}
# ("meta.fictional" is a field path in a content file.)
# "board_posts.id": a table column named in a foreign key, not a catalog key.
# "file.id", "scoring.yes": field paths the checklist loader names in its errors.
OTHER_NAMESPACES = {
    "peersupport",
    "reflex",
    "sqlalchemy",
    "alembic",
    "http",
    "websocket",
    "meta",
    "board_posts",
    "file",
    "scoring",
}


@cache
def read_catalogs(language: str) -> tuple[Catalog, ...]:
    return tuple(read_domain(language, domain) for domain in DOMAINS)


def all_messages(language: str) -> list[Message]:
    return [message for catalog in read_catalogs(language) for message in catalog if message.id]


def messages(language: str) -> dict[str, str]:
    return {str(message.id): str(message.string) for message in all_messages(language)}


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_key_is_in_two_catalog_files(language: str) -> None:
    ids = [str(message.id) for message in all_messages(language)]

    assert sorted({key for key in ids if ids.count(key) > 1}) == []


def placeholders(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}


def keys_used_in_code() -> dict[str, set[str]]:
    """Every string literal in peersupport/ shaped like a catalog key, with its files."""
    used: dict[str, set[str]] = {}
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
            if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
                continue
            literal = node.value
            if not KEY_SHAPE.match(literal):
                continue
            if literal.rsplit(".", 1)[1] in FILE_EXTENSIONS:
                continue
            if literal.split(".", 1)[0] in OTHER_NAMESPACES:
                continue
            used.setdefault(literal, set()).add(str(path.relative_to(PACKAGE_DIR.parent)))
    return used


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_catalog_header_is_not_fuzzy_and_names_its_language(language: str) -> None:
    for catalog in read_catalogs(language):
        assert not catalog.fuzzy
        assert str(catalog.locale) == language


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_entry_is_fuzzy(language: str) -> None:
    fuzzy = [message.id for message in all_messages(language) if message.fuzzy]

    assert fuzzy == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_entry_is_untranslated(language: str) -> None:
    untranslated = [key for key, text in messages(language).items() if not str(text).strip()]

    assert untranslated == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_entry_is_plural_or_obsolete(language: str) -> None:
    assert [key for key, text in messages(language).items() if not isinstance(text, str)] == []
    assert [list(catalog.obsolete) for catalog in read_catalogs(language)] == [[]] * len(DOMAINS)


def test_both_languages_have_exactly_the_same_keys() -> None:
    dutch, english = set(messages("nl")), set(messages("en"))

    assert dutch - english == set(), "keys only in the Dutch catalog"
    assert english - dutch == set(), "keys only in the English catalog"


def test_every_placeholder_in_the_dutch_text_is_in_the_english_text_too() -> None:
    english = messages("en")
    mismatched = {
        key: (placeholders(text), placeholders(english.get(key, "")))
        for key, text in messages("nl").items()
        if placeholders(text) != placeholders(english.get(key, ""))
    }

    assert mismatched == {}


def test_the_placeholders_that_exist_are_filled_in_by_translate() -> None:
    assert translate("nl", "help.call", number="0800-0188") == "Bel 0800-0188"
    assert translate("en", "help.call", number="0800-0188").endswith("0800-0188")


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_text_is_its_own_key(language: str) -> None:
    shown_as_key = [key for key, text in messages(language).items() if text == key]

    assert shown_as_key == []


def test_the_key_scan_finds_keys_in_calls_keywords_and_tables() -> None:
    used = keys_used_in_code()

    assert "peersupport/pages/login.py" in used["account.forgot"]  # t("...")
    assert "peersupport/components/tab_titles.py" in used["tab.reading"]  # Enum values
    assert "peersupport/http/info_pages.py" in used["safe.traces.history"]  # SECTIONS
    assert "peersupport/components/bottom_nav.py" in used["nav.home"]  # NAV_ITEMS
    assert "help_routes.toml" not in used
    assert "http.response.start" not in used


def test_every_key_used_in_the_code_is_in_the_catalogs() -> None:
    known = set(messages(DEFAULT_LANGUAGE))
    missing = {key: sorted(files) for key, files in keys_used_in_code().items() if key not in known}

    assert missing == {}


def test_every_catalog_key_is_used_somewhere_in_the_code() -> None:
    dead = sorted(set(messages(DEFAULT_LANGUAGE)) - set(keys_used_in_code()))

    assert dead == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_unknown_key_raises_naming_the_catalog_file_and_the_key(language: str) -> None:
    with pytest.raises(MissingTranslationError) as missing:
        translate(language, "no.such.key")

    assert str(catalog_path(language).parent) in str(missing.value)
    assert "no.such.key" in str(missing.value)


def test_a_missing_translation_is_still_a_key_error_for_callers_that_expect_one() -> None:
    with pytest.raises(KeyError):
        translate("nl", "no.such.key")


@pytest.mark.parametrize("language", LANGUAGES)
def test_known_languages_are_kept(language: str) -> None:
    assert normalize_language(language) == language


@pytest.mark.parametrize("value", [None, "", "de", "EN", " en", "<script>", 5, ["en"], "en" * 1000])
def test_anything_unknown_is_read_as_dutch(value: object) -> None:
    assert normalize_language(value) == "nl"

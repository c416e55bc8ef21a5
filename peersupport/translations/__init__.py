"""Gettext catalogs (Babel .po files) for every user-facing string, Dutch first.

The .po files beside this module are the source of truth for translators. msgids are
stable dotted keys (``nav.help``); every language must translate every key.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from babel.messages.pofile import read_po

LANGUAGES: tuple[str, ...] = ("nl", "en")
DEFAULT_LANGUAGE = "nl"
CATALOG_DIR = Path(__file__).resolve().parent


class MissingTranslationError(KeyError):
    """A key is absent or untranslated in a catalog; the message names both."""


def catalog_path(language: str) -> Path:
    return CATALOG_DIR / language / "LC_MESSAGES" / "messages.po"


@cache
def load_catalog(language: str) -> dict[str, str]:
    """All translated messages of one language, keyed by msgid."""
    with catalog_path(language).open("rb") as handle:
        catalog = read_po(handle, locale=language)
    return {
        str(message.id): str(message.string)
        for message in catalog
        if message.id and message.string and not message.fuzzy
    }


def translate(language: str, key: str, **values: object) -> str:
    """The text for `key` in `language`, with ``{name}`` placeholders filled in.

    Raises:
        MissingTranslationError: if the key is not translated in that language.
    """
    try:
        text = load_catalog(language)[key]
    except KeyError:
        raise MissingTranslationError(
            f"{catalog_path(language)}: no translation for {key!r}"
        ) from None
    return text.format(**values) if values else text


def normalize_language(value: object) -> str:
    """A supported language code for any input; anything unknown means Dutch."""
    return value if isinstance(value, str) and value in LANGUAGES else DEFAULT_LANGUAGE

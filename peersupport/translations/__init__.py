"""Gettext catalogs (Babel .po files) for every user-facing string, Dutch first.

The .po files beside this module are the source of truth for translators, one file
(gettext domain) per part of the app: ``messages.po`` for the shell, accounts and
notes, ``stories.po`` for reading stories, ``writing.po`` for writing them,
``moderation.po`` for the moderators' pages, ``boards.po`` and ``checklists.po`` for
the boards and self-tests, and ``traces.po`` for what a checked phone may show (tab
titles, the offline page, removing every trace), ``first_aid.po`` for the sextortion
first aid, ``signals.po`` for grooming signals and an account's history for
moderators, ``queue.po`` for story reports, queue health and the moderators' own
safety, ``vault.po`` for the evidence vault. msgids are stable dotted keys
(``nav.help``), unique across the files; every language must translate every key.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

LANGUAGES: tuple[str, ...] = ("nl", "en")
DEFAULT_LANGUAGE = "nl"
CATALOG_DIR = Path(__file__).resolve().parent


class MissingTranslationError(KeyError):
    """A key is absent or untranslated in a catalog; the message names both."""


DOMAINS: tuple[str, ...] = (
    "messages",
    "stories",
    "writing",
    "moderation",
    "boards",
    "checklists",
    "traces",
    "first_aid",
    "signals",
    "queue",
    "vault",
)


def catalog_path(language: str, domain: str = "messages") -> Path:
    return CATALOG_DIR / language / "LC_MESSAGES" / f"{domain}.po"


def read_domain(language: str, domain: str) -> Catalog:
    """One .po file as Babel reads it."""
    with catalog_path(language, domain).open("rb") as handle:
        return read_po(handle, locale=language)


@cache
def load_catalog(language: str) -> dict[str, str]:
    """All translated messages of one language, every domain, keyed by msgid."""
    texts: dict[str, str] = {}
    for domain in DOMAINS:
        for message in read_domain(language, domain):
            if message.id and message.string and not message.fuzzy:
                texts[str(message.id)] = str(message.string)
    return texts


def translate(language: str, key: str, **values: object) -> str:
    """The text for `key` in `language`, with ``{name}`` placeholders filled in.

    Raises:
        MissingTranslationError: if the key is not translated in that language.
    """
    try:
        text = load_catalog(language)[key]
    except KeyError:
        raise MissingTranslationError(
            f"{catalog_path(language).parent}: no translation for {key!r}"
        ) from None
    return text.format(**values) if values else text


def normalize_language(value: object) -> str:
    """A supported language code for any input; anything unknown means Dutch."""
    return value if isinstance(value, str) and value in LANGUAGES else DEFAULT_LANGUAGE

"""Content data files and their validating loaders: help routes, about facts, boards and
house rules, checklists, crisis and grooming phrase lists, sensitive and never-flagged
words, and the fictional example stories.

Content lives in TOML files beside this module; every text field holds both languages
(``{nl = "...", en = "..."}``), except the made-up example stories, which each have one
language. A malformed file raises `ContentError` naming the file and the field at fault,
so a bad edit fails the build, not a boy's page.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from peersupport.models.stories import BODY_MAX_CHARS, TITLE_MAX_CHARS
from peersupport.services.stories import THEMES, WARNINGS
from peersupport.translations import LANGUAGES

CONTENT_DIR = Path(__file__).resolve().parent
HELP_ROUTES_FILE = CONTENT_DIR / "help_routes.toml"
ABOUT_FILE = CONTENT_DIR / "about.toml"
EXAMPLE_STORIES_FILE = CONTENT_DIR / "example_stories.toml"

# The example stories use the codes and limits real stories have.
EXAMPLE_THEMES = THEMES
EXAMPLE_WARNINGS = WARNINGS
EXAMPLE_TITLE_MAX = TITLE_MAX_CHARS
EXAMPLE_BODY_MAX = BODY_MAX_CHARS
_EXAMPLE_FIELDS = frozenset({"language", "title", "themes", "warnings", "body"})

_PHONE = re.compile(r"^[0-9][0-9 \-]{1,15}[0-9]$")
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")

LocalizedText = dict[str, str]


class ContentError(ValueError):
    """A content file is malformed; the message names the file and the field."""


@dataclass(frozen=True)
class HelpRoute:
    id: str
    name: str
    what: LocalizedText
    hours: LocalizedText | None
    phone: str | None
    website: str | None
    free: bool
    anonymous: bool
    always_open: bool
    note: LocalizedText | None
    checked: dt.date

    @property
    def tel_href(self) -> str | None:
        """The phone number as a tel: link (digits only)."""
        return f"tel:{re.sub(r'[^0-9+]', '', self.phone)}" if self.phone else None


@dataclass(frozen=True)
class RouteFit:
    situation: LocalizedText
    route_ids: tuple[str, ...]


@dataclass(frozen=True)
class HelpRoutes:
    list_checked: dt.date
    routes: tuple[HelpRoute, ...]
    fits: tuple[RouteFit, ...]
    # The routes that answer now, shown at once when a post has crisis words.
    crisis_route_ids: tuple[str, ...] = ()

    def by_id(self, route_id: str) -> HelpRoute:
        return next(route for route in self.routes if route.id == route_id)


@dataclass(frozen=True)
class ExampleStory:
    """A made-up story for demos and tests; `body` is in the story Markdown subset."""

    language: str
    title: str
    themes: tuple[str, ...]
    warnings: tuple[str, ...]
    body: str


@dataclass(frozen=True)
class Source:
    name: str
    url: str | None


@dataclass(frozen=True)
class Fact:
    text: LocalizedText
    sources: tuple[Source, ...]


class _Reader:
    """Typed access to one parsed file, with errors that name file and field."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            with path.open("rb") as handle:
                self.data = tomllib.load(handle)
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
            raise ContentError(f"{path}: cannot be read: {error}") from error

    def fail(self, field: str, problem: str) -> ContentError:
        return ContentError(f"{self.path}: {field}: {problem}")

    def value(self, table: dict[str, Any], field: str, where: str, kind: type) -> Any:
        if not isinstance(table, dict):
            raise self.fail(where, f"must be a table, not {table!r}")
        if field not in table:
            raise self.fail(f"{where}.{field}", "missing")
        value = table[field]
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise self.fail(f"{where}.{field}", f"must be {kind.__name__}, not {value!r}")
        if isinstance(value, str) and not value.strip():
            raise self.fail(f"{where}.{field}", "is empty")
        return value

    def optional(self, table: dict[str, Any], field: str, where: str, kind: type) -> Any:
        return self.value(table, field, where, kind) if field in table else None

    def localized(self, table: dict[str, Any], field: str, where: str) -> LocalizedText:
        texts = self.value(table, field, where, dict)
        for language in LANGUAGES:
            self.value(texts, language, f"{where}.{field}", str)
        extra = set(texts) - set(LANGUAGES)
        if extra:
            raise self.fail(f"{where}.{field}", f"unknown languages {sorted(extra)}")
        return {language: texts[language].strip() for language in LANGUAGES}

    def optional_localized(
        self, table: dict[str, Any], field: str, where: str
    ) -> LocalizedText | None:
        return self.localized(table, field, where) if field in table else None

    def url(self, table: dict[str, Any], field: str, where: str) -> str | None:
        url = self.optional(table, field, where, str)
        if url is not None and not url.startswith("https://"):
            raise self.fail(f"{where}.{field}", f"must be an https:// address, not {url!r}")
        return url

    def tables(self, field: str) -> list[dict[str, Any]]:
        tables = self.value(self.data, field, "file", list)
        if not tables or not all(isinstance(table, dict) for table in tables):
            raise self.fail(field, "must be a non-empty list of tables")
        return tables


def _help_route(reader: _Reader, table: dict[str, Any], where: str) -> HelpRoute:
    route_id = reader.value(table, "id", where, str)
    if not _ID.match(route_id):
        raise reader.fail(f"{where}.id", f"use lower-case letters, digits and -, not {route_id!r}")
    phone = reader.optional(table, "phone", where, str)
    if phone is not None and not _PHONE.match(phone):
        raise reader.fail(f"{where}.phone", f"not a phone number: {phone!r}")
    website = reader.url(table, "website", where)
    if phone is None and website is None:
        raise reader.fail(where, "needs a phone or a website")
    return HelpRoute(
        id=route_id,
        name=reader.value(table, "name", where, str),
        what=reader.localized(table, "what", where),
        hours=reader.optional_localized(table, "hours", where),
        phone=phone,
        website=website,
        free=reader.value(table, "free", where, bool),
        anonymous=reader.value(table, "anonymous", where, bool),
        always_open=reader.value(table, "always_open", where, bool),
        note=reader.optional_localized(table, "note", where),
        checked=reader.value(table, "checked", where, dt.date),
    )


def parse_help_routes(path: Path) -> HelpRoutes:
    reader = _Reader(path)
    routes = tuple(
        _help_route(reader, table, f"routes[{index}]")
        for index, table in enumerate(reader.tables("routes"))
    )
    ids = [route.id for route in routes]
    if len(set(ids)) != len(ids):
        raise reader.fail("routes", "ids must be unique")
    fits = []
    for index, table in enumerate(reader.tables("fits")):
        where = f"fits[{index}]"
        route_ids = tuple(reader.value(table, "routes", where, list))
        unknown = [route_id for route_id in route_ids if route_id not in ids]
        if not route_ids or unknown:
            raise reader.fail(f"{where}.routes", f"unknown or no route ids: {unknown}")
        fits.append(RouteFit(reader.localized(table, "situation", where), route_ids))
    crisis_ids = tuple(reader.optional(reader.data, "crisis_routes", "file", list) or ())
    unknown = [route_id for route_id in crisis_ids if route_id not in ids]
    if unknown:
        raise reader.fail("crisis_routes", f"unknown route ids: {unknown}")
    return HelpRoutes(
        list_checked=reader.value(reader.data, "list_checked", "file", dt.date),
        routes=routes,
        fits=tuple(fits),
        crisis_route_ids=crisis_ids,
    )


def parse_about_facts(path: Path) -> tuple[Fact, ...]:
    reader = _Reader(path)
    facts = []
    for index, table in enumerate(reader.tables("facts")):
        where = f"facts[{index}]"
        sources = reader.value(table, "sources", where, list)
        if not sources:
            raise reader.fail(f"{where}.sources", "every fact needs a source")
        facts.append(
            Fact(
                text=reader.localized(table, "text", where),
                sources=tuple(
                    Source(
                        name=reader.value(source, "name", f"{where}.sources[{number}]", str),
                        url=reader.url(source, "url", f"{where}.sources[{number}]"),
                    )
                    for number, source in enumerate(sources)
                ),
            )
        )
    return tuple(facts)


def _codes(
    reader: _Reader, table: dict[str, Any], field: str, where: str, allowed: tuple[str, ...]
) -> tuple[str, ...]:
    codes = reader.value(table, field, where, list)
    for number, code in enumerate(codes):
        if not isinstance(code, str) or code not in allowed:
            raise reader.fail(
                f"{where}.{field}[{number}]", f"must be one of {list(allowed)}, not {code!r}"
            )
    if len(set(codes)) != len(codes):
        raise reader.fail(f"{where}.{field}", "codes must be unique")
    return tuple(codes)


def _bounded_text(
    reader: _Reader, table: dict[str, Any], field: str, where: str, limit: int
) -> str:
    text = reader.value(table, field, where, str).strip()
    if len(text) > limit:
        raise reader.fail(f"{where}.{field}", f"at most {limit} characters, not {len(text)}")
    return text


def _example_story(reader: _Reader, table: dict[str, Any], where: str) -> ExampleStory:
    unknown = set(table) - _EXAMPLE_FIELDS
    if unknown:
        raise reader.fail(where, f"unknown fields {sorted(unknown)}")
    language = reader.value(table, "language", where, str)
    if language not in LANGUAGES:
        raise reader.fail(
            f"{where}.language", f"must be one of {list(LANGUAGES)}, not {language!r}"
        )
    themes = _codes(reader, table, "themes", where, EXAMPLE_THEMES)
    if not themes:
        raise reader.fail(f"{where}.themes", "needs at least one theme")
    return ExampleStory(
        language=language,
        title=_bounded_text(reader, table, "title", where, EXAMPLE_TITLE_MAX),
        themes=themes,
        warnings=_codes(reader, table, "warnings", where, EXAMPLE_WARNINGS),
        body=_bounded_text(reader, table, "body", where, EXAMPLE_BODY_MAX),
    )


def load_example_stories(path: Path | None = None) -> tuple[ExampleStory, ...]:
    """The made-up example stories (for demos and tests; the app never loads them itself).

    The file must say ``fictional = true`` in its ``[meta]`` table, so real stories can
    never be mistaken for examples.
    """
    reader = _Reader(EXAMPLE_STORIES_FILE if path is None else path)
    meta = reader.value(reader.data, "meta", "file", dict)
    if reader.value(meta, "fictional", "meta", bool) is not True:
        raise reader.fail("meta.fictional", "example stories must be marked fictional = true")
    return tuple(
        _example_story(reader, table, f"story[{index}]")
        for index, table in enumerate(reader.tables("story"))
    )


@cache
def help_routes() -> HelpRoutes:
    return parse_help_routes(HELP_ROUTES_FILE)


@cache
def about_facts() -> tuple[Fact, ...]:
    return parse_about_facts(ABOUT_FILE)

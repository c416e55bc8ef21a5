"""The content files (help routes, about facts): the shipped files are complete, and a
malformed file is refused with a ContentError naming the file and the field."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from peersupport.content import (
    ABOUT_FILE,
    HELP_ROUTES_FILE,
    HelpRoutes,
    parse_about_facts,
    parse_help_routes,
)
from peersupport.translations import LANGUAGES

from .content_files import refusal_naming_the_file, write_content

REQUIRED_ROUTE_IDS = {
    "112",
    "csg",
    "kindertelefoon",
    "fier",
    "helpwanted",
    "meld-misdaad-anoniem",
    "politie",
    "veilig-thuis",
    "113",
    "slachtofferhulp",
    "switchboard",
    "genderpraatjes",
    "comensha",
    "sense",
}


@pytest.fixture(scope="module")
def shipped_routes() -> HelpRoutes:
    return parse_help_routes(HELP_ROUTES_FILE)


def _fit_for(routes: HelpRoutes, english_words: str) -> tuple[str, ...]:
    matches = [fit for fit in routes.fits if english_words in fit.situation["en"]]
    assert len(matches) == 1, f"expected one situation mentioning {english_words!r}"
    return matches[0].route_ids


# The shipped files


def test_every_route_of_the_brief_is_in_the_help_routes(shipped_routes: HelpRoutes) -> None:
    ids = {route.id for route in shipped_routes.routes}

    assert REQUIRED_ROUTE_IDS - ids == set()


def test_route_ids_are_unique(shipped_routes: HelpRoutes) -> None:
    ids = [route.id for route in shipped_routes.routes]

    assert len(ids) == len(set(ids))


def test_every_route_can_be_reached_by_phone_or_website(shipped_routes: HelpRoutes) -> None:
    unreachable = [
        route.id for route in shipped_routes.routes if not (route.phone or route.website)
    ]

    assert unreachable == []


def test_every_tel_link_holds_only_digits(shipped_routes: HelpRoutes) -> None:
    bad_links = {
        route.id: route.tel_href
        for route in shipped_routes.routes
        if route.phone and not re.fullmatch(r"tel:[0-9]+", route.tel_href or "")
    }

    assert bad_links == {}


@pytest.mark.parametrize(
    ("route_id", "tel_href"),
    [("112", "tel:112"), ("csg", "tel:08000188"), ("helpwanted", "tel:0202615275")],
)
def test_a_written_phone_number_becomes_a_dialable_tel_link(
    shipped_routes: HelpRoutes, route_id: str, tel_href: str
) -> None:
    assert shipped_routes.by_id(route_id).tel_href == tel_href


def test_a_route_without_phone_has_no_tel_link(shipped_routes: HelpRoutes) -> None:
    fier = shipped_routes.by_id("fier")

    assert fier.phone is None
    assert fier.tel_href is None


def test_every_website_is_https(shipped_routes: HelpRoutes) -> None:
    insecure = [
        route.website
        for route in shipped_routes.routes
        if route.website and not route.website.startswith("https://")
    ]

    assert insecure == []


def test_every_route_text_is_given_in_both_languages(shipped_routes: HelpRoutes) -> None:
    for route in shipped_routes.routes:
        for texts in (route.what, route.hours, route.note):
            if texts is not None:
                assert set(texts) == set(LANGUAGES), route.id
                assert all(texts[language].strip() for language in LANGUAGES), route.id


def test_every_fit_names_existing_routes(shipped_routes: HelpRoutes) -> None:
    ids = {route.id for route in shipped_routes.routes}

    for fit in shipped_routes.fits:
        assert fit.route_ids, fit.situation["en"]
        assert set(fit.route_ids) <= ids, fit.situation["en"]
        assert set(fit.situation) == set(LANGUAGES)


def test_danger_right_now_points_to_112(shipped_routes: HelpRoutes) -> None:
    assert _fit_for(shipped_routes, "danger") == ("112",)


def test_thinking_about_suicide_points_to_113(shipped_routes: HelpRoutes) -> None:
    assert "113" in _fit_for(shipped_routes, "suicide")


def test_shared_images_point_to_helpwanted(shipped_routes: HelpRoutes) -> None:
    assert "helpwanted" in _fit_for(shipped_routes, "Images")


def test_the_about_facts_load_each_with_a_source_and_both_languages() -> None:
    facts = parse_about_facts(ABOUT_FILE)

    assert facts
    for fact in facts:
        assert set(fact.text) == set(LANGUAGES)
        assert fact.sources
        for source in fact.sources:
            assert source.name.strip()
            assert source.url is None or source.url.startswith("https://")


# Broken files

VALID_ROUTE = """
[[routes]]
id = "{id}"
name = "Example"
what = {{ nl = "Iets", en = "Something" }}
phone = "0800-0000"
website = "https://example.nl"
hours = {{ nl = "Altijd", en = "Always" }}
free = true
anonymous = true
always_open = true
checked = 2026-11-27
"""

VALID_FIT = """
[[fits]]
situation = { nl = "Een situatie", en = "A situation" }
routes = ["example"]
"""

VALID_HELP_ROUTES = "list_checked = 2026-11-27\n" + VALID_ROUTE.format(id="example") + VALID_FIT

VALID_ABOUT = """
[[facts]]
text = { nl = "Een feit", en = "A fact" }
sources = [{ name = "A report", url = "https://example.nl" }]
"""


def _without_line(document: str, start: str) -> str:
    return "\n".join(line for line in document.splitlines() if not line.startswith(start))


BROKEN_HELP_ROUTES = {
    "missing what": (_without_line(VALID_HELP_ROUTES, "what ="), "routes[0].what"),
    "what without en": (
        VALID_HELP_ROUTES.replace(
            'what = { nl = "Iets", en = "Something" }', 'what = { nl = "Iets" }'
        ),
        "routes[0].what.en",
    ),
    "what with an unknown language": (
        VALID_HELP_ROUTES.replace('en = "Something"', 'en = "Something", de = "Etwas"'),
        "routes[0].what",
    ),
    "what as plain text": (
        VALID_HELP_ROUTES.replace('what = { nl = "Iets", en = "Something" }', 'what = "Iets"'),
        "routes[0].what",
    ),
    "empty name": (VALID_HELP_ROUTES.replace('name = "Example"', 'name = "  "'), "routes[0].name"),
    "phone that is not a number": (
        VALID_HELP_ROUTES.replace('phone = "0800-0000"', 'phone = "call me"'),
        "routes[0].phone",
    ),
    "website over plain http": (
        VALID_HELP_ROUTES.replace("https://example.nl", "http://example.nl"),
        "routes[0].website",
    ),
    "route id with capitals": (
        VALID_HELP_ROUTES.replace('id = "example"', 'id = "Example"'),
        "routes[0].id",
    ),
    "duplicate ids": (VALID_HELP_ROUTES + VALID_ROUTE.format(id="example"), "routes"),
    "fit naming an unknown route": (
        VALID_HELP_ROUTES.replace('routes = ["example"]', 'routes = ["example", "nobody"]'),
        "fits[0].routes",
    ),
    "fit naming no route": (
        VALID_HELP_ROUTES.replace('routes = ["example"]', "routes = []"),
        "fits[0].routes",
    ),
    "route without phone and website": (
        _without_line(_without_line(VALID_HELP_ROUTES, "phone ="), "website ="),
        "routes[0]",
    ),
    "free as text": (VALID_HELP_ROUTES.replace("free = true", 'free = "yes"'), "routes[0].free"),
    "checked as text": (
        VALID_HELP_ROUTES.replace("checked = 2026-11-27", 'checked = "last week"'),
        "routes[0].checked",
    ),
    "no list_checked": (_without_line(VALID_HELP_ROUTES, "list_checked"), "file.list_checked"),
    "no routes": ("list_checked = 2026-11-27\n" + VALID_FIT, "file.routes"),
    "routes that are not tables": (
        'list_checked = 2026-11-27\nroutes = ["112"]\n' + VALID_FIT,
        "routes",
    ),
    "no fits": ("list_checked = 2026-11-27\n" + VALID_ROUTE.format(id="example"), "file.fits"),
}

BROKEN_ABOUT = {
    "fact without sources": (_without_line(VALID_ABOUT, "sources"), "facts[0].sources"),
    "fact with an empty source list": (
        VALID_ABOUT.replace(
            'sources = [{ name = "A report", url = "https://example.nl" }]', "sources = []"
        ),
        "facts[0].sources",
    ),
    "source that is a string": (
        VALID_ABOUT.replace(
            '[{ name = "A report", url = "https://example.nl" }]', '["A report name"]'
        ),
        "facts[0].sources[0]",
    ),
    "source that is a number": (
        VALID_ABOUT.replace('[{ name = "A report", url = "https://example.nl" }]', "[5]"),
        "facts[0].sources[0]",
    ),
    "source without a name": (
        VALID_ABOUT.replace('name = "A report", ', ""),
        "facts[0].sources[0].name",
    ),
    "source over plain http": (
        VALID_ABOUT.replace("https://example.nl", "http://example.nl"),
        "facts[0].sources[0].url",
    ),
    "fact text without nl": (
        VALID_ABOUT.replace(
            'text = { nl = "Een feit", en = "A fact" }', 'text = { en = "A fact" }'
        ),
        "facts[0].text.nl",
    ),
}

UNREADABLE = {
    "not TOML": "this is = = not [toml",
    "an unclosed table": "[[routes]\nid = 1",
}


def _write(tmp_path: Path, text: str | bytes) -> Path:
    return write_content(tmp_path / "content.toml", text, dedent=True)


def test_the_valid_templates_load_so_each_broken_case_fails_for_its_own_reason(
    tmp_path: Path,
) -> None:
    routes = parse_help_routes(_write(tmp_path, VALID_HELP_ROUTES))
    assert [route.id for route in routes.routes] == ["example"]

    facts = parse_about_facts(_write(tmp_path, VALID_ABOUT))
    assert [source.name for fact in facts for source in fact.sources] == ["A report"]


@pytest.mark.parametrize(("document", "field"), BROKEN_HELP_ROUTES.values(), ids=BROKEN_HELP_ROUTES)
def test_a_broken_help_routes_file_is_refused_naming_file_and_field(
    tmp_path: Path, document: str, field: str
) -> None:
    refusal = refusal_naming_the_file(parse_help_routes, _write(tmp_path, document))

    assert f": {field}" in refusal


@pytest.mark.parametrize(("document", "field"), BROKEN_ABOUT.values(), ids=BROKEN_ABOUT)
def test_a_broken_about_file_is_refused_naming_file_and_field(
    tmp_path: Path, document: str, field: str
) -> None:
    refusal = refusal_naming_the_file(parse_about_facts, _write(tmp_path, document))

    assert f": {field}" in refusal


@pytest.mark.parametrize("document", UNREADABLE.values(), ids=UNREADABLE)
def test_a_file_that_is_not_toml_is_refused_naming_the_file(tmp_path: Path, document: str) -> None:
    refusal_naming_the_file(parse_help_routes, _write(tmp_path, document), match="cannot be read")


def test_a_file_that_is_not_utf8_is_refused_naming_the_file(tmp_path: Path) -> None:
    path = _write(tmp_path, b"\xff\xfe garbage \x81")
    refusal_naming_the_file(parse_about_facts, path, match="cannot be read")


def test_a_missing_file_is_refused_naming_the_file(tmp_path: Path) -> None:
    refusal_naming_the_file(parse_help_routes, tmp_path / "gone.toml", match="cannot be read")

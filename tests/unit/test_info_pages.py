"""The public pages the server renders beside the stories (home, help, safe use, about,
the lists of self-tests and boards): in the chosen language from the first byte, every
text from the catalogs and content files, the neutral tab title, and links that leave
the router alone where the server answers."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from starlette.testclient import TestClient

from peersupport.components.navigation import is_server_page
from peersupport.content import about_facts, help_routes
from peersupport.content.boards import boards_content
from peersupport.content.checklists import checklists
from peersupport.http.info_pages import INFO_PAGES, info_document
from peersupport.http.public_routes import public_routes
from peersupport.translations import translate

EXIT_URL = "https://www.buienradar.nl/"
TITLE_KEYS = {
    "/": "home.title",
    "/hulp": "help.title",
    "/veilig": "safe.title",
    "/over": "about.title",
    "/zelftest": "checklists.title",
    "/prikbord": "boards.title",
}
TAB_KEYS = {"/zelftest": "tab.test", "/prikbord": "tab.board"}
# A catalog key left in the page instead of its text.
KEY_SHAPE = re.compile(r">\s*[a-z_]+(?:\.[a-z_]+)+\s*<")


@pytest.fixture
def client() -> Iterator[TestClient]:
    with TestClient(public_routes()) as test_client:
        yield test_client


def heading(html: str) -> str:
    found = re.search(r"<h1>([^<]*)</h1>", html)
    assert found, "no <h1>"
    return found.group(1)


def test_every_page_of_the_server_has_its_heading_in_both_languages() -> None:
    assert set(INFO_PAGES) == set(TITLE_KEYS)
    for path, key in TITLE_KEYS.items():
        for language in ("nl", "en"):
            html = info_document(path, EXIT_URL, language)
            assert heading(html) == translate(language, key).replace("'", "&#x27;"), path
            assert f'<html lang="{language}"' in html
            tab = translate(language, TAB_KEYS.get(path, "tab.home"))
            assert f"<title>{tab}</title>" in html, path
            assert not KEY_SHAPE.search(html), path


@pytest.mark.parametrize("path", list(TITLE_KEYS))
def test_the_cookie_picks_the_language_of_the_first_response(client: TestClient, path: str) -> None:
    client.cookies.set("ps-lang", "en")
    english = client.get(path).text
    client.cookies.clear()
    dutch = client.get(path).text

    assert heading(english) == translate("en", TITLE_KEYS[path]).replace("'", "&#x27;")
    assert heading(dutch) == translate("nl", TITLE_KEYS[path]).replace("'", "&#x27;")
    assert client.get(path + "?taal=en").text == english


def test_each_page_answers_with_and_without_the_slash_and_without_a_redirect(
    client: TestClient,
) -> None:
    for path in ("/hulp", "/veilig", "/over", "/zelftest", "/prikbord"):
        for asked in (path, path + "/"):
            response = client.get(asked, follow_redirects=False)
            assert response.status_code == 200, asked
            assert response.headers["content-type"].startswith("text/html")


def test_the_content_files_fill_the_pages() -> None:
    help_html = info_document("/hulp", EXIT_URL)
    for route in help_routes().routes:
        assert f'id="route-{route.id}"' in help_html
    about_html = info_document("/over", EXIT_URL, "en")
    assert about_html.count('<li class="fact">') == len(about_facts())
    boards_html = info_document("/prikbord", EXIT_URL)
    for board in boards_content().boards:
        assert f'href="/prikbord/bord?nr={board.number}" data-replace' in boards_html
    assert '<details class="house-rules" open>' in boards_html
    tests_html = info_document("/zelftest", EXIT_URL)
    for item in checklists():
        assert f'href="/zelftest/{item.order}" data-replace' in tests_html


def test_the_safe_use_page_has_the_remove_traces_confirmation_closed() -> None:
    html = info_document("/veilig", EXIT_URL)

    assert "data-remove-traces aria" not in html  # the attribute order is the markup's own
    assert 'aria-controls="remove-traces-confirm" data-remove-traces>' in html
    assert re.search(r'<div id="remove-traces-confirm" [^>]*hidden>', html)


@pytest.mark.parametrize(
    ("href", "server"),
    [
        ("/", True),
        ("/hulp", True),
        ("/hulp/", True),
        ("/verhalen", True),
        ("/verhalen/12?x=1", True),
        ("/zelftest", True),
        ("/zelftest/1", False),
        ("/prikbord", True),
        ("/prikbord/bord?nr=1", True),
        ("/prikbord/bord/schrijven?nr=1", False),
        ("/prikbord/onderwerp/reageren?id=1", False),
        ("/notities", False),
        ("/kort", False),
        ("/overig", False),
    ],
)
def test_links_know_which_pages_the_server_renders(href: str, server: bool) -> None:
    assert is_server_page(href) is server

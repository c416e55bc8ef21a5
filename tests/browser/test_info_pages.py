"""Home, help, safe use, about and the lists of self-tests and boards, rendered by the server
(peersupport/http/info_pages.py): readable without JavaScript, in the chosen language
from the first byte, and linked both ways with the Reflex pages without adding history
entries."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.browser.conftest import PHONE, RunningApp, wait_until_hydrated

# Each page: its heading and a sentence of its first paragraph, in Dutch and English.
PAGES = {
    "/": (
        ("Je bent niet de enige", "Kompas is een plek voor jongens"),
        ("You are not the only one", "Kompas is a place for boys"),
    ),
    "/hulp": (("Hulp", "Hier vind je mensen"), ("Help", "Here you find people")),
    "/veilig": (
        ("Veilig gebruiken", "Niemand hoeft te weten"),
        ("Using this safely", "Nobody needs to know"),
    ),
    "/zelftest": (
        ("Zelftest", "Weet je niet zeker"),
        ("Self-check", "Not sure what is happening"),
    ),
    "/prikbord": (
        ("Prikbord", "Stel een vraag aan andere jongens"),
        ("Message board", "Ask other boys a question"),
    ),
    "/over": (("Over Kompas", "Kompas is er voor jongens"), ("About Kompas", "Kompas is for boys")),
}


def english(context: BrowserContext, app: RunningApp) -> None:
    """The choice the language switch leaves in the browser: English."""
    context.add_cookies([{"name": "ps-lang", "value": "en", "url": app.url}])


@pytest.fixture
def without_scripts(browser: Browser, running_app: RunningApp) -> Iterator[BrowserContext]:
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    yield context
    context.close()


@pytest.mark.parametrize("path", list(PAGES))
def test_without_javascript_the_page_reads_in_dutch(
    without_scripts: BrowserContext, running_app: RunningApp, path: str
) -> None:
    page = without_scripts.new_page()
    page.goto(running_app.url + path)
    (heading, lead), _ = PAGES[path]
    expect(page.locator("main h1")).to_have_text(heading)
    expect(page.locator("main p.lead")).to_be_visible()
    expect(page.locator("main p.lead")).to_contain_text(lead)
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.locator("[data-quick-exit]")).to_be_visible()
    expect(page).to_have_title("Kompas")


@pytest.mark.parametrize("path", list(PAGES))
def test_english_is_chosen_the_first_response_is_english(
    without_scripts: BrowserContext, running_app: RunningApp, path: str
) -> None:
    english(without_scripts, running_app)
    page = without_scripts.new_page()
    response = page.goto(running_app.url + path)
    assert response is not None
    (dutch_heading, _), (heading, lead) = PAGES[path]
    document = response.text()
    assert f"<h1>{heading}</h1>" in document
    assert f"<h1>{dutch_heading}</h1>" not in document  # no Dutch first paint
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("main h1")).to_have_text(heading)
    expect(page.locator("main p.lead")).to_contain_text(lead)
    expect(page.locator("[data-quick-exit]")).to_contain_text("Quick exit")


def test_without_javascript_the_links_lead_on(
    without_scripts: BrowserContext, running_app: RunningApp
) -> None:
    page = without_scripts.new_page()
    page.goto(running_app.url + "/hulp")
    page.locator(".bottom-nav").get_by_role("link", name="Veilig").click()
    page.wait_for_url(running_app.url + "/veilig")
    expect(page.locator("main h1")).to_have_text("Veilig gebruiken")
    page.locator(".bottom-nav").get_by_role("link", name="Verhalen").click()
    page.wait_for_url(running_app.url + "/verhalen")
    expect(page.locator("main h1")).to_have_text("Verhalen")
    page.goto(running_app.url + "/hulp")
    page.get_by_role("link", name="stap voor stap").first.click()
    page.wait_for_url(running_app.url + "/stappen")


def history_length(page: Page) -> int:
    return int(page.evaluate("history.length"))


def test_between_the_app_and_these_pages_no_history_entry_is_added(
    page: Page, running_app: RunningApp
) -> None:
    page.goto(running_app.url + "/")
    wait_until_hydrated(page)
    length = history_length(page)

    page.locator("main").get_by_role("link", name="Waarom deze plek er is").click()  # a card
    page.wait_for_url(running_app.url + "/over")
    expect(page.locator("main h1")).to_have_text("Over Kompas")
    wait_until_hydrated(page)
    page.locator(".bottom-nav").get_by_role("link", name="Hulp").click()
    page.wait_for_url(running_app.url + "/hulp")
    expect(page.locator("main h1")).to_have_text("Hulp")
    page.get_by_role("link", name="Mijn verhaal in het kort").click()  # a Reflex page
    page.wait_for_url(running_app.url + "/kort/")
    wait_until_hydrated(page)
    page.locator("main .back-link").click()  # back to help, from the server again
    page.wait_for_url(running_app.url + "/hulp")
    expect(page.locator("main h1")).to_have_text("Hulp")
    wait_until_hydrated(page)
    page.locator("main .back-link").click()
    page.wait_for_url(running_app.url + "/")
    wait_until_hydrated(page)
    expect(page.locator("main h1")).to_be_visible()
    assert history_length(page) == length


def test_the_language_switch_shows_the_page_in_the_other_language_and_keeps_it(
    page: Page, running_app: RunningApp
) -> None:
    page.goto(running_app.url + "/over")
    wait_until_hydrated(page)
    page.click("button.language-switch")
    expect(page.locator("main h1")).to_have_text("About Kompas")
    page.locator(".bottom-nav").get_by_role("link", name="Home").click()
    page.wait_for_url(running_app.url + "/")
    wait_until_hydrated(page)
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.locator(".bottom-nav").get_by_role("link", name="Safety").click()
    page.wait_for_url(running_app.url + "/veilig")
    expect(page.locator("main h1")).to_have_text("Using this safely")


def test_the_boards_list_leads_to_a_board_of_the_app_and_back(
    page: Page, running_app: RunningApp
) -> None:
    page.goto(running_app.url + "/prikbord")
    wait_until_hydrated(page)
    length = history_length(page)
    page.locator("main a.card-link").first.click()
    page.wait_for_url(running_app.url + "/prikbord/bord?nr=1")
    wait_until_hydrated(page)
    expect(page.locator("h2.board-name")).to_have_text("Vragen")
    page.locator("main .back-link").click()
    page.wait_for_url(running_app.url + "/prikbord")
    expect(page.locator("main h1")).to_have_text("Prikbord")
    assert history_length(page) == length


def test_the_menu_on_a_server_page_opens_the_remove_traces_confirmation(
    page: Page, running_app: RunningApp
) -> None:
    page.goto(running_app.url + "/hulp")
    wait_until_hydrated(page)
    page.locator(".bottom-nav [data-open-remove-traces]").click()
    page.wait_for_url(running_app.url + "/veilig")
    confirmation = page.get_by_role("group", name="Alles wissen?")
    expect(confirmation).to_be_visible()
    expect(confirmation).to_be_in_viewport()
    expect(confirmation.get_by_role("heading", name="Alles wissen?")).to_be_focused()
    assert page.evaluate("sessionStorage.getItem('ps-open-traces')") is None

"""Home, help, safe use, about and the lists of self-tests and boards, rendered by the server
(peersupport/http/info_pages.py): readable without JavaScript, in the chosen language
from the first byte, and linked both ways with the Reflex pages without adding history
entries."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Locator, Page, expect

from peersupport.components.tab_titles import tab_for
from peersupport.translations import translate
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
    expect(page).to_have_title(translate("nl", tab_for(path).value))  # neutral


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
    page.locator(".bottom-nav summary").click()  # "Meer": a <details>, no script needed
    page.locator(".bottom-nav").get_by_role("link", name="Veilig").click()
    page.wait_for_url(running_app.url + "/veilig")
    expect(page.locator("main h1")).to_have_text("Veilig gebruiken")
    page.locator(".bottom-nav").get_by_role("link", name="Lezen").click()
    page.wait_for_url(running_app.url + "/verhalen")
    expect(page.locator("main h1")).to_have_text("Verhalen")
    page.goto(running_app.url + "/hulp")
    page.get_by_role("link", name="stap voor stap").first.click()
    page.wait_for_url(running_app.url + "/stappen")


def history_length(page: Page) -> int:
    return int(page.evaluate("history.length"))


def opened(page: Page, url: str) -> int:
    """Open `url` until it answers taps; the history length then."""
    page.goto(url)
    wait_until_hydrated(page)
    return history_length(page)


def tap(page: Page, link: Locator, url: str, heading: str = "") -> None:
    """Tap `link`, arrive at `url` (ready for taps) and see `heading`, if given."""
    link.click()
    page.wait_for_url(re.compile(re.escape(url.rstrip("/")) + "/?$"))  # an app page may add "/"
    wait_until_hydrated(page)
    if heading:
        expect(page.locator("main h1")).to_have_text(heading)


def test_between_the_app_and_these_pages_no_history_entry_is_added(
    page: Page, running_app: RunningApp
) -> None:
    url = running_app.url
    length = opened(page, url + "/")
    main, nav = page.locator("main"), page.locator(".bottom-nav")

    tap(page, main.get_by_role("link", name="Waarom deze plek er is"), url + "/over", "Over Kompas")
    tap(page, nav.get_by_role("link", name="Hulp"), url + "/hulp", "Hulp")
    tap(page, page.get_by_role("link", name="Mijn verhaal in het kort"), url + "/kort")
    tap(page, main.locator(".back-link"), url + "/hulp", "Hulp")  # from an app page
    tap(page, main.locator(".back-link"), url + "/")
    expect(page.locator("main h1")).to_be_visible()
    assert history_length(page) == length


def test_the_language_switch_shows_the_page_in_the_other_language_and_keeps_it(
    page: Page, running_app: RunningApp
) -> None:
    url = running_app.url
    opened(page, url + "/over")
    page.click("button.language-switch")
    expect(page.locator("main h1")).to_have_text("About Kompas")
    nav = page.locator(".bottom-nav")
    tap(page, nav.get_by_role("link", name="Home"), url + "/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    nav.locator("summary").click()  # "More", the menu's sheet on a phone
    tap(page, nav.get_by_role("link", name="Safety"), url + "/veilig", "Using this safely")


def test_the_boards_list_leads_to_a_board_of_the_app_and_back(
    page: Page, running_app: RunningApp
) -> None:
    url = running_app.url
    length = opened(page, url + "/prikbord")
    tap(page, page.locator("main a.card-link").first, url + "/prikbord/bord?nr=1")
    expect(page.locator("h2.board-name")).to_have_text("Vragen")
    tap(page, page.locator("main .back-link"), url + "/prikbord", "Prikbord")
    assert history_length(page) == length


def test_the_menu_on_a_server_page_opens_the_remove_traces_confirmation(
    page: Page, running_app: RunningApp
) -> None:
    opened(page, running_app.url + "/hulp")
    tap(page, page.locator(".bottom-nav [data-open-remove-traces]"), running_app.url + "/veilig")
    confirmation = page.get_by_role("group", name="Alles wissen?")
    expect(confirmation).to_be_visible()
    expect(confirmation).to_be_in_viewport()
    expect(confirmation.get_by_role("heading", name="Alles wissen?")).to_be_focused()
    assert page.evaluate("sessionStorage.getItem('ps-open-traces')") is None

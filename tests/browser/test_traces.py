"""What a checked phone shows: tab titles from the neutral vocabulary, nothing that names
a page after a quick exit, and "remove all traces" leaving this origin empty."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from peersupport.models import AccountSession
from peersupport.services import sessions
from tests.browser.conftest import PHONE, OtherSite, RunningApp, wait_until_hydrated
from tests.browser.test_pwa import PAGES, installed_worker
from tests.browser.test_writing import database, member_on_this_device  # noqa: F401

# Every title a tab may show (peersupport/components/tab_titles.py, both languages).
VOCABULARY = {
    "Kompas",
    "Kompas · Lezen",
    "Kompas · Reading",
    "Kompas · Prikbord",
    "Kompas · Board",
    "Kompas · Test",
    "Kompas · Notities",
    "Kompas · Notes",
    "Kompas · Schrijven",
    "Kompas · Writing",
    "Kompas · Beheer",
    "Kompas · Admin",
}
# Words that would tell a looker-on which pages were opened or what the app is about.
REVEALING = re.compile(
    r"notities|prikbord|verhalen|verhaal|zelftest|hulp|veilig|schrijven|moderatie|logboek|"
    r"beheer|inloggen|aanmelden|herstellen|onderwerp|bord|notes|stor(?:y|ies)|board|help|"
    r"checklist|grooming|sextortion|uitbuiting|exploit|abuse|misbruik|sex|seks",
    re.IGNORECASE,
)
# Everything this origin keeps in the browser, read from a file that runs no app code.
ORIGIN_CONTENTS = """async () => {
    const entries = (storage) => Object.keys(storage).map((key) => [key, storage.getItem(key)]);
    const cached = [];
    for (const name of await caches.keys()) {
        const cache = await caches.open(name);
        cached.push([name, (await cache.keys()).map((request) => request.url)]);
    }
    return {
        local: entries(localStorage),
        session: entries(sessionStorage),
        cookie: document.cookie,
        caches: cached,
        databases: (await indexedDB.databases()).map((database) => database.name),
        workers: (await navigator.serviceWorker.getRegistrations()).length,
    };
}"""


@pytest.fixture
def sw_context(browser: Browser, running_app: RunningApp) -> Iterator[BrowserContext]:
    context = browser.new_context(viewport=PHONE, service_workers="allow")
    yield context
    context.close()


def contents_of_origin(page: Page, app: RunningApp) -> dict[str, object]:
    page.goto(f"{app.url}/manifest.webmanifest")
    return dict(page.evaluate(ORIGIN_CONTENTS))


def test_every_page_title_comes_from_the_neutral_vocabulary(
    page: Page, running_app: RunningApp
) -> None:
    for language in ("nl", "en"):
        if language == "en":
            page.goto(f"{running_app.url}/")
            wait_until_hydrated(page)
            page.locator("button.language-switch").click()
            expect(page.locator("html")).to_have_attribute("lang", "en")
        for path in PAGES:
            page.goto(f"{running_app.url}{path}")
            if not path.startswith("/verhalen"):
                wait_until_hydrated(page)
            expect(page.locator("html")).to_have_attribute("lang", language)
            title = page.title()
            assert title in VOCABULARY, f"{path} ({language}): {title!r}"


def test_a_screen_reader_hears_the_new_pages_heading_after_an_in_app_link(
    page: Page, running_app: RunningApp
) -> None:
    # Between two app pages (home and the list of self-tests are pages from the server:
    # a full page load).
    page.goto(f"{running_app.url}/inloggen")
    wait_until_hydrated(page)

    page.locator("main a[href='/aanmelden']").first.click()
    page.wait_for_url(f"{running_app.url}/aanmelden")

    announcer = page.locator("[data-page-announcer]")
    expect(announcer).to_have_text("Account maken")
    assert announcer.get_attribute("aria-live") == "polite"


def test_after_quick_exit_nothing_left_in_the_browser_names_a_page_or_topic(
    sw_context: BrowserContext, running_app: RunningApp, other_site: OtherSite
) -> None:
    page = sw_context.new_page()
    scripts: list[str] = []
    page.on("request", lambda request: scripts.append(request.url))
    installed_worker(page, running_app)
    page.locator("button.language-switch").click()  # a choice that stays behind
    page.wait_for_function("document.cookie.includes('ps-lang=en')")
    for path in PAGES:
        page.goto(f"{running_app.url}{path}")

    page.locator("[data-quick-exit]").click()
    page.wait_for_url(other_site.neutral_url)
    left = contents_of_origin(page, running_app)

    # The build names its files by content only, so the browser's caches hold no page name.
    built = [url for url in scripts if "/assets/" in url]
    assert built, "no build files were loaded"
    assert [url for url in built if REVEALING.search(url.rsplit("/", 1)[1])] == []
    assert not REVEALING.search(repr(left)), left
    cookies = [(cookie["name"], cookie["value"]) for cookie in sw_context.cookies()]
    assert not REVEALING.search(repr(cookies)), cookies


def test_remove_all_traces_asks_once_then_leaves_nothing_of_the_app_in_the_browser(
    sw_context: BrowserContext,
    running_app: RunningApp,
    other_site: OtherSite,
    database: sessionmaker[Session],  # noqa: F811
) -> None:
    page = sw_context.new_page()
    installed_worker(page, running_app)
    member_on_this_device(page, running_app, database)
    token = page.evaluate("localStorage.getItem('ps-device')")
    page.goto(f"{running_app.url}/veilig")
    wait_until_hydrated(page)
    page.locator("button.language-switch").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.evaluate("indexedDB.open('left-behind')")  # IndexedDB, if anything ever uses it
    page.wait_for_function("indexedDB.databases().then(all => all.length > 0)")
    before = contents_of_origin(page, running_app)
    assert before["local"] and before["caches"] and before["workers"] and before["databases"]
    page.goto(f"{running_app.url}/veilig")
    wait_until_hydrated(page)

    button = page.locator("[data-remove-traces]")
    button.click()
    confirmation = page.get_by_role("group", name="Remove everything?")
    expect(confirmation).to_be_visible()
    expect(confirmation).to_be_in_viewport()
    expect(confirmation).to_contain_text("notes stay safe on the server")
    assert page.evaluate("document.activeElement.textContent") == "Remove everything?"
    confirmation.get_by_role("button", name="No, keep it").click()
    expect(confirmation).to_be_hidden()
    assert page.evaluate("localStorage.getItem('ps-device')") == token  # nothing was removed
    expect(button).to_be_focused()

    button.click()
    page.get_by_role("button", name="Yes, remove everything").click()
    page.wait_for_url(other_site.neutral_url)

    assert contents_of_origin(page, running_app) == {
        "local": [],
        "session": [],
        "cookie": "",
        "caches": [],
        "databases": [],
        "workers": 0,
    }
    assert [c for c in sw_context.cookies() if "localhost" in c["domain"]] == []
    with database() as db:
        hashes = set(db.scalars(select(AccountSession.token_hash)))
    assert sessions.token_hash(token) not in hashes  # the remembered sign-in is over


def test_the_menu_opens_the_remove_traces_confirmation_in_one_tap(
    page: Page, running_app: RunningApp
) -> None:
    page.goto(f"{running_app.url}/zelftest")
    wait_until_hydrated(page)
    menu = page.locator(".bottom-nav [data-open-remove-traces]")
    expect(menu).to_have_text("Sporen wissen")
    expect(menu).to_be_in_viewport()

    menu.click()
    page.wait_for_url(f"{running_app.url}/veilig")
    confirmation = page.get_by_role("group", name="Alles wissen?")
    expect(confirmation).to_be_visible()
    expect(confirmation).to_be_in_viewport()
    expect(confirmation.get_by_role("heading", name="Alles wissen?")).to_be_focused()

    confirmation.get_by_role("button", name="Nee, niet wissen").click()
    expect(confirmation).to_be_hidden()
    menu.click()  # on the safe-use page itself: it opens in place
    expect(confirmation).to_be_visible()

"""Every page, in both languages, at phone and desktop size: accessible (axe-core, zero
violations), translated (no catalog key shown as text), and with the content it promises."""

from __future__ import annotations

import functools
import re

import pytest
from playwright.sync_api import Browser, Page, ViewportSize, expect

from peersupport.content import help_routes
from peersupport.translations import load_catalog
from tests.browser.conftest import ARTIFACTS, DESKTOP, PROJECT_ROOT, RunningApp, wait_until_hydrated

AXE = PROJECT_ROOT / ".tools" / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ARTIFACTS / "screenshots"
PAGES = {
    "/": ("Je bent niet de enige", "You are not the only one"),
    "/hulp": ("Hulp", "Help"),
    "/veilig": ("Veilig gebruiken", "Using this safely"),
    "/over": ("Over Kompas", "About Kompas"),
    "/zelftest": ("Zelftest", "Self-check"),
    "/prikbord": ("Prikbord", "Message board"),
    "/notities": ("Notities", "Notes"),
    "/aanmelden": ("Account maken", "Create an account"),
    "/inloggen": ("Inloggen", "Log in"),
    "/herstellen": ("Toegang herstellen", "Recover access"),
    "/account": ("Mijn account", "My account"),
    "/kort": ("Mijn verhaal in het kort", "My story in short"),
    "/bestaat-niet": ("Pagina niet gevonden", "Page not found"),
}
CATALOG_KEYS = set(load_catalog("nl"))


def show(page: Page, app: RunningApp, path: str, language: str) -> None:
    page.goto(app.url + path)
    wait_until_hydrated(page)
    if language == "en":
        page.click("button.language-switch")
    expect(page.locator("main h1")).to_have_text(PAGES[path][0 if language == "nl" else 1])
    expect(page.locator("html")).to_have_attribute("lang", language)


@functools.cache
def _axe_source() -> str:
    return AXE.read_text(encoding="utf-8")


def axe_violations(page: Page) -> list[str]:
    # Not a <script> tag: the policy allows only the page's own inline scripts (by hash).
    # Once per document: a page checked in several states keeps the axe it was given.
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate("(source) => { (0, eval)(source); }", _axe_source())
    result = page.evaluate(
        "() => axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']}})"
    )
    return [
        f"{found['id']}: {found['help']} at {[node['target'] for node in found['nodes']]}"
        for found in result["violations"]
    ]


def shown_catalog_keys(page: Page) -> set[str]:
    text = page.evaluate("document.body.innerText + ' ' + document.title")
    return {word for word in re.findall(r"[a-z_]+(?:\.[a-z_]+)+", text) if word in CATALOG_KEYS}


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("path", list(PAGES))
def test_page_is_accessible_translated_and_photographed(
    page: Page, running_app: RunningApp, path: str, language: str
) -> None:
    show(page, running_app, path, language)
    assert axe_violations(page) == []
    assert shown_catalog_keys(page) == set()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    name = (path.strip("/") or "start") + f"-{language}"
    page.screenshot(path=str(SCREENSHOTS / f"{name}-360x740.png"))
    # Nothing sticks out sideways on a 360 px phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


@pytest.mark.parametrize("path", list(PAGES))
def test_page_is_accessible_at_desktop_size(page: Page, running_app: RunningApp, path: str) -> None:
    page.set_viewport_size(DESKTOP)
    show(page, running_app, path, "nl")
    assert axe_violations(page) == []
    page.screenshot(path=str(SCREENSHOTS / f"{path.strip('/') or 'start'}-nl-desktop.png"))


def test_language_choice_is_remembered_without_an_account(
    page: Page, running_app: RunningApp
) -> None:
    show(page, running_app, "/", "en")
    page.goto(running_app.url + "/hulp")
    wait_until_hydrated(page)
    expect(page.locator("main h1")).to_have_text("Help")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.click("button.language-switch")
    expect(page.locator("main h1")).to_have_text("Hulp")


def test_unknown_address_gets_a_friendly_404_with_quick_exit(
    page: Page, running_app: RunningApp
) -> None:
    response = page.goto(running_app.url + "/bestaat/echt/niet")
    assert response is not None and response.status == 404
    wait_until_hydrated(page)
    expect(page.locator("main h1")).to_have_text("Pagina niet gevonden")
    expect(page.locator("[data-quick-exit]")).to_be_visible()
    expect(page.get_by_role("link", name="Naar de startpagina")).to_be_visible()


def test_help_page_lists_every_route_with_working_contact_links(
    page: Page, running_app: RunningApp
) -> None:
    show(page, running_app, "/hulp", "nl")
    routes = help_routes()
    for route in routes.routes:
        card = page.locator(f"article:has(h3#route-{route.id})")
        expect(card).to_have_count(1)
        if route.tel_href:
            expect(card.locator(f"a[href='{route.tel_href}']")).to_have_text(f"Bel {route.phone}")
        if route.website:
            link = card.locator(f"a[href='{route.website}']")
            expect(link).to_have_attribute("rel", "noopener noreferrer")
    expect(page.get_by_text(routes.list_checked.strftime("%d-%m-%Y"))).to_be_visible()
    expect(page.locator(".fit")).to_have_count(len(routes.fits))


NARROWEST: ViewportSize = {"width": 320, "height": 568}
# Every main part, as the bar names it in Dutch and English, where it leads, and whether
# a phone shows it in the bar or in the "Meer" sheet.
MAIN_PARTS = (
    ("Home", "Home", "/", "bar"),
    ("Lezen", "Stories", "/verhalen", "bar"),
    ("Prikbord", "Board", "/prikbord", "bar"),
    ("Zelftest", "Self-check", "/zelftest", "bar"),
    ("Hulp", "Help", "/hulp", "bar"),
    ("Notities", "Notes", "/notities", "sheet"),
    ("Veilig", "Safety", "/veilig", "sheet"),
    ("Over", "About", "/over", "sheet"),
)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_bottom_bar_reaches_every_main_part_on_the_narrowest_phone(
    page: Page, running_app: RunningApp, language: str
) -> None:
    page.set_viewport_size(NARROWEST)
    show(page, running_app, "/", language)
    bar = page.locator(".bottom-nav")
    more = bar.locator("summary")
    for dutch, english, path, place in MAIN_PARTS:
        name = dutch if language == "nl" else english
        if place == "sheet":
            expect(bar.get_by_role("link", name=name, exact=True)).to_be_hidden()
            more.click()
            expect(more).to_have_text("Meer" if language == "nl" else "More")
        link = bar.get_by_role("link", name=name, exact=True)
        box = link.bounding_box()
        assert box is not None
        # In the screen, a thumb's size, its label on one line, not under the quick exit.
        assert box["width"] >= 44 and box["height"] >= 44, (name, box)
        assert box["x"] >= 0 and box["x"] + box["width"] <= NARROWEST["width"], (name, box)
        # The whole label, on one line (a taller bar would slide under the quick exit).
        label = link.locator(".bottom-nav__label")
        assert label.evaluate("el => el.scrollWidth <= el.clientWidth + 1"), name
        lines = "el => { const r = document.createRange(); r.selectNodeContents(el); "
        lines += "return new Set([...r.getClientRects()].map(b => Math.round(b.top))).size; }"
        assert label.evaluate(lines) == 1, name
        centre = (box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        hit = page.evaluate(
            "([x, y, name]) => document.elementFromPoint(x, y).closest('a')?.innerText.trim()",
            [*centre, name],
        )
        assert hit == name
        link.click()
        page.wait_for_url(re.compile(re.escape(running_app.url + path) + r"/?(\?.*)?$"))
        expect(page.locator("main h1")).to_be_visible()
        expect(page.locator(".bottom-nav__more[open]")).to_have_count(0)


def test_the_more_sheet_opens_and_closes_by_keyboard_and_by_a_tap_elsewhere(
    page: Page, running_app: RunningApp
) -> None:
    page.set_viewport_size(NARROWEST)
    show(page, running_app, "/hulp", "nl")
    more = page.locator(".bottom-nav summary")
    sheet_link = page.locator(".bottom-nav__sheet").get_by_role("link", name="Over")
    more.focus()
    page.keyboard.press("Enter")
    expect(sheet_link).to_be_visible()
    page.keyboard.press("Tab")
    expect(page.locator(".bottom-nav__sheet a").first).to_be_focused()
    page.keyboard.press("Escape")
    expect(sheet_link).to_be_hidden()
    expect(more).to_be_focused()
    more.click()
    expect(sheet_link).to_be_visible()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "more-sheet-nl-320x568.png"))
    page.locator("main h1").click()
    expect(sheet_link).to_be_hidden()
    # Escape once closes the sheet and leaves the page where it was.
    assert page.url.startswith(running_app.url)


def test_the_more_sheet_works_without_scripts(browser: Browser, running_app: RunningApp) -> None:
    context = browser.new_context(java_script_enabled=False, viewport=NARROWEST)
    try:
        page = context.new_page()
        page.goto(running_app.url + "/verhalen")
        page.locator(".bottom-nav summary").click()
        page.locator(".bottom-nav__sheet").get_by_role("link", name="Veilig").click()
        page.wait_for_url(re.compile(re.escape(running_app.url) + r"/veilig/?$"))
    finally:
        context.close()


def test_home_page_says_what_this_place_is_and_offers_help(
    page: Page, running_app: RunningApp
) -> None:
    show(page, running_app, "/", "nl")
    expect(page.locator(".lead")).to_contain_text("plek voor jongens")
    expect(page.locator("a[href='tel:112']")).to_be_visible()
    for label in ["Hulp zoeken", "Veilig gebruiken", "Waarom deze plek er is"]:
        expect(page.get_by_role("link", name=re.compile(label))).to_be_visible()


def test_bottom_navigation_lists_only_pages_that_exist(page: Page, running_app: RunningApp) -> None:
    show(page, running_app, "/", "nl")
    links = page.locator(".bottom-nav__list a")
    # The bar on a phone, then the parts a wide screen shows in the bar and a phone in
    # the "Meer" sheet.
    expect(page.locator(".bottom-nav__list > li > a")).to_have_text(
        ["Home", "Lezen", "Prikbord", "Zelftest", "Hulp", "Notities", "Veilig", "Over"]
    )
    expect(page.locator(".bottom-nav__sheet a")).to_have_text(["Notities", "Veilig", "Over"])
    # Beside them, in the quick exit's band: the way to remove all traces.
    expect(page.locator(".bottom-nav > a")).to_have_text(["Sporen wissen"])
    for href in links.evaluate_all("links => links.map(link => link.getAttribute('href'))"):
        response = page.request.get(running_app.url + href)
        assert response.status == 200, href
    expect(page.locator(".bottom-nav a[aria-current='page']")).to_have_text("Home")

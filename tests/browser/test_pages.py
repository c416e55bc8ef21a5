"""Every page, in both languages, at phone and desktop size: accessible (axe-core, zero
violations), translated (no catalog key shown as text), and with the content it promises."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

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


def axe_violations(page: Page) -> list[str]:
    # Not a <script> tag: the policy allows only the page's own inline scripts (by hash).
    page.evaluate("(source) => { (0, eval)(source); }", AXE.read_text(encoding="utf-8"))
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
    expect(links).to_have_text(
        ["Start", "Notities", "Hulp", "Veilig", "Verhalen", "Prikbord", "Zelftest", "Over"]
    )
    # Beside them, in the quick exit's band: the way to remove all traces.
    expect(page.locator(".bottom-nav > a")).to_have_text(["Sporen wissen"])
    for href in links.evaluate_all("links => links.map(link => link.getAttribute('href'))"):
        response = page.request.get(running_app.url + href)
        assert response.status == 200, href
    expect(page.locator(".bottom-nav a[aria-current='page']")).to_have_text("Start")

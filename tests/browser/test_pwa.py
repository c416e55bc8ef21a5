"""The installable app: its manifest and icons, what Chromium thinks of installing it, what
every page shows offline (itself or the app's offline page, never the browser's error),
and what the service worker keeps: the same few neutral entries, whatever was visited.

These tests need a context that allows service workers; the shared `context` fixture
blocks them, so each test here opens its own.
"""

from __future__ import annotations

import re
import struct
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import BrowserContext, Page, Playwright, expect

from peersupport.content import help_routes
from tests.browser.conftest import (
    ARTIFACTS,
    CHROMIUM,
    CHROMIUM_ARGS,
    PHONE,
    RunningApp,
    wait_until_hydrated,
)
from tests.browser.test_pages import axe_violations

CACHE_NAME = "kompas-v3"
# Everything the service worker may keep (SHELL_FILES and OFFLINE_PAGES in assets/sw.js).
CACHED = {
    "/app.css",
    "/quick-exit.js",
    "/shell.js",
    "/manifest.webmanifest",
    "/favicon.ico",
    "/icons/logo.svg",
    "/icons/icon-192.png",
    "/icons/icon-512.png",
    "/steps.js",
    "/offline?taal=nl",
    "/offline?taal=en",
    "/stappen?taal=nl",
    "/stappen?taal=en",
}
# Every kind of page the app has, as a boy opens them (ids of things that may not exist
# are fine: online they answer with the app's own "not found").
PAGES = (
    "/",
    "/hulp",
    "/veilig",
    "/over",
    "/verhalen",
    "/verhalen/1",
    "/prikbord",
    "/prikbord/bord?nr=1",
    "/prikbord/onderwerp?id=1",
    "/prikbord/bord/schrijven?nr=1",
    "/prikbord/onderwerp/reageren?id=1",
    "/zelftest",
    "/zelftest/1",
    "/zelftest/3",
    "/notities",
    "/inloggen",
    "/aanmelden",
    "/herstellen",
    "/account",
    "/schrijven",
    "/mijn-verhalen",
    "/moderatie",
    "/moderatie/logboek",
    "/beheer",
    "/bestaat-niet",
)
# Words that would tell a looker-on what the app is for.
REVEALING_WORDS = ("misbruik", "uitbuiting", "abuse", "exploit", "hulp", "help", "seks", "sex")
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
SW_TIMEOUT_MS = 30_000
SCREENSHOTS = ARTIFACTS / "screenshots"
# Every URL in every cache this origin holds.
CACHED_URLS = """async () => {
    const urls = [];
    for (const name of await caches.keys()) {
        const cache = await caches.open(name);
        for (const request of await cache.keys()) urls.push(request.url);
    }
    return urls;
}"""


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk (the first chunk after the signature)."""
    assert data[:8] == PNG_SIGNATURE, "not a PNG file"
    length, chunk_type = struct.unpack(">I4s", data[8:16])
    assert chunk_type == b"IHDR" and length == 13, "the first PNG chunk is not IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@pytest.fixture
def sw_page(sw_context: BrowserContext) -> Page:
    return sw_context.new_page()


def wait_for_service_worker(page: Page) -> None:
    """Wait until the service worker is active and controls this page."""
    page.wait_for_function("navigator.serviceWorker.ready.then(() => true)", timeout=SW_TIMEOUT_MS)
    page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=SW_TIMEOUT_MS)


def wait_until_cached(page: Page, path: str) -> None:
    page.wait_for_function(
        f"caches.open({CACHE_NAME!r}).then(c => c.match({path!r})).then(r => !!r)",
        timeout=SW_TIMEOUT_MS,
        polling=250,
    )


def cached_urls(page: Page) -> list[str]:
    return sorted(page.evaluate(CACHED_URLS))


def settled_cached_urls(page: Page) -> list[str]:
    """The cached URLs once the worker has stopped adding any (it stores in the background)."""
    urls = cached_urls(page)
    for _ in range(20):
        page.wait_for_timeout(500)
        again = cached_urls(page)
        if again == urls:
            return urls
        urls = again
    raise AssertionError("the service worker kept adding to its cache")


def h1_text(page: Page) -> str:
    return page.locator("h1").first.inner_text().strip()


# --- manifest ---------------------------------------------------------------------------


def test_manifest_is_complete_and_neutral(running_app: RunningApp) -> None:
    response = httpx.get(f"{running_app.url}/manifest.webmanifest", timeout=10)
    assert response.status_code == 200
    manifest = response.json()

    for key in ("name", "short_name", "theme_color"):
        assert isinstance(manifest.get(key), str) and manifest[key].strip(), key
    assert manifest["start_url"] == "/"
    assert manifest["display"] == "standalone"
    assert re.fullmatch(r"#[0-9A-Fa-f]{6}", manifest["theme_color"])

    # What the home screen and the app switcher show must not say what the app is for.
    for key in ("name", "short_name", "description"):
        text = str(manifest.get(key, "")).lower()
        found = [word for word in REVEALING_WORDS if word in text]
        assert not found, f"manifest {key} {manifest.get(key)!r} contains {found}"


def test_manifest_icons_load_and_match_their_sizes(running_app: RunningApp) -> None:
    manifest = httpx.get(f"{running_app.url}/manifest.webmanifest", timeout=10).json()
    icons = manifest["icons"]
    declared_any = {icon["sizes"] for icon in icons if "any" in icon.get("purpose", "any").split()}
    assert {"192x192", "512x512"} <= declared_any, f"icons for purpose 'any': {declared_any}"

    for icon in icons:
        assert icon["type"] == "image/png", icon
        response = httpx.get(f"{running_app.url}{icon['src']}", timeout=10)
        assert response.status_code == 200, f"{icon['src']}: {response.status_code}"
        assert response.headers["content-type"].startswith("image/png"), icon["src"]
        width, height = png_size(response.content)
        assert icon["sizes"] == f"{width}x{height}", f"{icon['src']} is {width}x{height}"


# --- installability ---------------------------------------------------------------------


@pytest.fixture
def profile_context(
    playwright_instance: Playwright, running_app: RunningApp, tmp_path: Path
) -> Iterator[BrowserContext]:
    """A context on a real (throw-away) profile: Chromium never offers to install an app
    from an incognito context, and every `browser.new_context()` is one."""
    context = playwright_instance.chromium.launch_persistent_context(
        tmp_path / "profile",
        executable_path=CHROMIUM,
        args=CHROMIUM_ARGS,
        viewport=PHONE,
        service_workers="allow",
    )
    yield context
    context.close()


def test_chromium_finds_the_app_installable(
    profile_context: BrowserContext, running_app: RunningApp
) -> None:
    page = profile_context.pages[0] if profile_context.pages else profile_context.new_page()
    page.goto(f"{running_app.url}/")
    assert page.evaluate("navigator.serviceWorker.ready.then(() => true)") is True

    cdp = profile_context.new_cdp_session(page)
    manifest = cdp.send("Page.getAppManifest")
    assert manifest["url"] == f"{running_app.url}/manifest.webmanifest"
    assert manifest["errors"] == [], manifest["errors"]
    installability = cdp.send("Page.getInstallabilityErrors")
    assert installability["installabilityErrors"] == [], installability["installabilityErrors"]


# --- offline ----------------------------------------------------------------------------


def installed_worker(page: Page, app: RunningApp) -> None:
    """Open the app once online and wait until its worker controls the page and has
    stored the offline page."""
    page.goto(f"{app.url}/")
    wait_for_service_worker(page)
    wait_until_cached(page, "/offline?taal=nl")
    wait_until_cached(page, "/offline?taal=en")


def offline_routes_in_page(page: Page) -> list[str]:
    return sorted(
        page.eval_on_selector_all("main a[href^='tel:']", "links => links.map(a => a.href)")
    )


@pytest.mark.parametrize(
    ("language", "heading", "gone"),
    [("nl", "Geen verbinding", "geen internet"), ("en", "No connection", "no internet")],
)
def test_offline_every_page_shows_the_offline_page_with_quick_exit_and_help(
    sw_context: BrowserContext,
    sw_page: Page,
    running_app: RunningApp,
    language: str,
    heading: str,
    gone: str,
) -> None:
    installed_worker(sw_page, running_app)
    if language == "en":  # chosen as a boy chooses it: the switch on a page
        wait_until_hydrated(sw_page)
        sw_page.locator("button.language-switch").click()
        sw_page.wait_for_function("document.cookie.includes('ps-lang=en')")
    for path in PAGES:  # one visit online, as a boy would have made
        sw_page.goto(f"{running_app.url}{path}")
    expected_numbers = {route.tel_href for route in help_routes().routes if route.tel_href}

    sw_context.set_offline(True)
    for path in PAGES:
        sw_page.goto(f"{running_app.url}{path}")  # raises on the browser's error page
        assert h1_text(sw_page) == heading, path
        assert gone in sw_page.locator("main").inner_text(), path
        quick_exit = sw_page.locator("[data-quick-exit]")
        assert quick_exit.is_visible(), path
        assert sw_page.evaluate("typeof window.peersupportQuickExit") == "function", path
        assert "tel:112" in offline_routes_in_page(sw_page), path
        assert expected_numbers <= set(offline_routes_in_page(sw_page)), path
        assert sw_page.title() == "Kompas", path

    # Quick exit works offline too: the tab leaves the app (for a site it cannot reach).
    sw_page.locator("[data-quick-exit]").click()
    sw_page.wait_for_url(lambda url: not url.startswith(running_app.url))


def test_the_offline_page_is_photographed_in_both_languages(
    sw_context: BrowserContext, sw_page: Page, running_app: RunningApp
) -> None:
    installed_worker(sw_page, running_app)
    wait_until_hydrated(sw_page)
    for language in ("nl", "en"):
        if language == "en":
            sw_context.set_offline(False)
            sw_page.goto(f"{running_app.url}/")
            wait_until_hydrated(sw_page)
            sw_page.locator("button.language-switch").click()
            sw_page.wait_for_function("document.cookie.includes('ps-lang=en')")
        sw_context.set_offline(True)
        sw_page.goto(f"{running_app.url}/prikbord")
        expect(sw_page.locator("html")).to_have_attribute("lang", language)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        sw_page.screenshot(path=SCREENSHOTS / f"offline-{language}.png")
        assert axe_violations(sw_page) == []
        sw_page.screenshot(path=SCREENSHOTS / f"offline-{language}-full.png", full_page=True)


# --- what the worker keeps --------------------------------------------------------------


def test_the_worker_keeps_the_same_few_neutral_entries_whatever_was_visited(
    sw_page: Page, running_app: RunningApp
) -> None:
    installed_worker(sw_page, running_app)
    before = settled_cached_urls(sw_page)
    for path in PAGES:
        sw_page.goto(f"{running_app.url}{path}")
    after = settled_cached_urls(sw_page)

    assert after == before, "the cache grew with the pages visited"
    kept = {url.removeprefix(running_app.url) for url in after}
    assert kept == CACHED
    assert sw_page.evaluate("caches.keys()") == [CACHE_NAME]

"""The installable app: its manifest and icons, what Chromium thinks of installing it, and
what the service worker keeps offline (the shell, /hulp and /veilig) and never keeps.

These tests need a context that allows service workers; the shared `context` fixture
blocks them, so each test here opens its own.
"""

from __future__ import annotations

import re
import struct
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Playwright
from playwright.sync_api import Error as PlaywrightError

from tests.browser.conftest import (
    CHROMIUM,
    CHROMIUM_ARGS,
    PHONE,
    RunningApp,
    wait_until_hydrated,
)

CACHE_NAME = "kompas-shell-v2"
OFFLINE_PAGES = {"/", "/hulp", "/veilig"}
# The shell files sw.js lists (SHELL_FILES), outside /assets/ and /icons/.
SHELL_FILES = {"/app.css", "/quick-exit.js", "/shell.js", "/manifest.webmanifest", "/favicon.ico"}
# Words that would tell a looker-on what the app is for.
REVEALING_WORDS = ("misbruik", "uitbuiting", "abuse", "exploit", "hulp", "help", "seks", "sex")
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
SW_TIMEOUT_MS = 30_000
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
def sw_context(browser: Browser, running_app: RunningApp) -> Iterator[BrowserContext]:
    """A phone-size context in which the app's service worker may run."""
    context = browser.new_context(viewport=PHONE, service_workers="allow")
    yield context
    context.close()


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


def test_help_and_safe_use_pages_work_offline(
    sw_context: BrowserContext, sw_page: Page, running_app: RunningApp
) -> None:
    sw_page.goto(f"{running_app.url}/")
    wait_for_service_worker(sw_page)
    wait_until_cached(sw_page, "/hulp")
    wait_until_cached(sw_page, "/veilig")

    sw_context.set_offline(True)

    sw_page.goto(f"{running_app.url}/hulp")
    wait_until_hydrated(sw_page)
    assert h1_text(sw_page) == "Hulp"
    emergency = sw_page.locator('a[href="tel:112"]')
    assert emergency.count() >= 1
    assert emergency.first.is_visible()

    sw_page.goto(f"{running_app.url}/veilig")
    wait_until_hydrated(sw_page)
    assert h1_text(sw_page) == "Veilig gebruiken"

    # Online the server redirects /hulp to /hulp/, so that is the address a reload uses.
    sw_page.goto(f"{running_app.url}/hulp/")
    wait_until_hydrated(sw_page)
    assert h1_text(sw_page) == "Hulp"


# --- never cached -----------------------------------------------------------------------


def is_allowed_in_cache(url: str, origin: str) -> bool:
    parts = urlsplit(url)
    if f"{parts.scheme}://{parts.netloc}" != origin or parts.query:
        return False
    path = parts.path
    return (
        path in OFFLINE_PAGES
        or path in SHELL_FILES
        or path.startswith("/assets/")
        or path.startswith("/icons/")
    )


def test_service_worker_caches_only_the_shell_and_the_offline_pages(
    sw_page: Page, running_app: RunningApp
) -> None:
    sw_page.goto(f"{running_app.url}/")
    wait_for_service_worker(sw_page)
    for path in ("/", "/hulp", "/veilig", "/over", "/nope"):
        sw_page.goto(f"{running_app.url}{path}")
        wait_until_hydrated(sw_page)
    wait_until_cached(sw_page, "/hulp")

    urls = settled_cached_urls(sw_page)
    paths = {urlsplit(url).path for url in urls}
    assert paths >= OFFLINE_PAGES, f"offline pages missing from the cache: {sorted(paths)}"
    not_allowed = [url for url in urls if not is_allowed_in_cache(url, running_app.url)]
    assert not not_allowed, f"cached but not part of the shell: {not_allowed}"
    for path in paths:
        assert path not in ("/over", "/nope"), path
        assert "/_event" not in path and "/api/" not in path, path


def test_other_pages_are_not_served_offline(
    sw_context: BrowserContext, sw_page: Page, running_app: RunningApp
) -> None:
    sw_page.goto(f"{running_app.url}/")
    wait_for_service_worker(sw_page)
    sw_page.goto(f"{running_app.url}/over")
    wait_until_hydrated(sw_page)
    assert h1_text(sw_page) == "Over Kompas"  # online it is there
    wait_until_cached(sw_page, "/hulp")

    sw_context.set_offline(True)
    with pytest.raises(PlaywrightError, match=r"ERR_INTERNET_DISCONNECTED|ERR_FAILED"):
        sw_page.goto(f"{running_app.url}/over")
    assert sw_page.get_by_role("heading", name="Over Kompas").count() == 0

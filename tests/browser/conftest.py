"""Browser test fixtures: the production build on a free port, a stand-in neutral site,
and the system Chromium driven by Playwright at phone size.

The app is built and started once per test session with a throw-away data folder. When
PEERSUPPORT_DATABASE_URL / PEERSUPPORT_REDIS_URL are set (the CI's second run), the app
runs on those servers instead of the embedded SQLite default.
"""

from __future__ import annotations

import http.server
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import (
    Browser,
    BrowserContext,
    Page,
    Playwright,
    ViewportSize,
    sync_playwright,
)

from tests.browser.harness import (
    CHROMIUM,
    CHROMIUM_ARGS,
    PROJECT_ROOT,
    free_port,
    start_app,
    stop_app,
)

ARTIFACTS = PROJECT_ROOT / "tests" / "artifacts"
PHONE: ViewportSize = {"width": 360, "height": 740}
DESKTOP: ViewportSize = {"width": 1280, "height": 800}

BEFORE_PAGE = """<!doctype html><html lang="en"><head><title>Before the app</title></head>
<body><h1>Page before the app</h1><a id="to-app" href="{app_url}">open the app</a></body></html>"""
NEUTRAL_PAGE = """<!doctype html><html lang="en"><head><title>Neutral site</title></head>
<body><h1>Neutral stand-in site</h1></body></html>"""


@dataclass(frozen=True)
class OtherSite:
    """A local site that is not the app: the page before it and the neutral exit target."""

    origin: str

    @property
    def neutral_url(self) -> str:
        return f"{self.origin}/neutral.html"

    @property
    def before_url(self) -> str:
        return f"{self.origin}/before.html"


@dataclass(frozen=True)
class RunningApp:
    url: str
    log_path: Path
    data_dir: Path


@pytest.fixture(scope="session")
def other_site(app_port: int) -> Iterator[OtherSite]:
    port = free_port()
    pages = {
        "/neutral.html": NEUTRAL_PAGE,
        "/before.html": BEFORE_PAGE.format(app_url=f"http://localhost:{app_port}/"),
    }

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = pages.get(self.path.split("?")[0])
            self.send_response(200 if body else 404)
            self.send_header("content-type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write((body or "not found").encode())

        def log_message(self, *args: object) -> None:
            return

    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield OtherSite(origin=f"http://127.0.0.1:{port}")
    server.shutdown()


@pytest.fixture(scope="session")
def app_port() -> int:
    return free_port()


@pytest.fixture(scope="session")
def app_env(
    app_port: int, other_site: OtherSite, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, str]:
    data_dir = tmp_path_factory.mktemp("app-data")
    env = dict(os.environ)
    env.update(
        PEERSUPPORT_PORT=str(app_port),
        PEERSUPPORT_DATA_DIR=str(data_dir),
        PEERSUPPORT_EXIT_URL=other_site.neutral_url,
        PEERSUPPORT_PUBLIC_URL=f"http://localhost:{app_port}",
        # A build folder of the tests' own: the exit URL is built into the pages, and
        # a `make run` elsewhere must not see the stand-in one.
        REFLEX_WEB_WORKDIR=os.environ.get(
            "PEERSUPPORT_TEST_WEB_DIR", str(PROJECT_ROOT / ".web-test")
        ),
    )
    return env


@pytest.fixture(scope="session")
def running_app(app_env: dict[str, str], app_port: int) -> Iterator[RunningApp]:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    log_path = ARTIFACTS / (f"app-{worker}.log" if worker else "app.log")
    process = start_app(app_env, log_path)
    try:
        yield RunningApp(
            url=f"http://localhost:{app_port}",
            log_path=log_path,
            data_dir=Path(app_env["PEERSUPPORT_DATA_DIR"]),
        )
    finally:
        stop_app(process)


@pytest.fixture(scope="session")
def playwright_instance() -> Iterator[Playwright]:
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright_instance: Playwright) -> Iterator[Browser]:
    browser = playwright_instance.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture
def context(browser: Browser, running_app: RunningApp) -> Iterator[BrowserContext]:
    context = browser.new_context(viewport=PHONE, service_workers="block")
    yield context
    context.close()


@pytest.fixture
def page(context: BrowserContext) -> Page:
    return context.new_page()


def wait_until_hydrated(page: Page) -> None:
    """Wait until React has taken over the prerendered page (the switch then works)."""
    page.wait_for_selector("html[data-ready='true']", state="attached")


@pytest.fixture
def sw_context(browser: Browser, running_app: RunningApp) -> Iterator[BrowserContext]:
    """A phone-size context in which the app's service worker may run."""
    context = browser.new_context(viewport=PHONE, service_workers="allow")
    yield context
    context.close()

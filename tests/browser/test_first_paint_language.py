"""A boy who chose English never sees Dutch first. The app's own pages are built in
Dutch; asked in English, their words stay hidden until his choice has arrived, while
the quick exit shows at once, in English. (The pages rendered on the server come in his
language as they are: see test_stories_reading.py.)"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, WebSocketRoute, expect

from tests.browser.conftest import RunningApp, wait_until_hydrated
from tests.browser.test_connection import EVENT_SOCKET

# The app's pages a member uses, with their heading in Dutch and in English.
APP_PAGES = {
    "/inloggen": ("Inloggen", "Log in"),
    "/aanmelden": ("Account maken", "Create an account"),
    "/notities": ("Notities", "Notes"),
}
# From the first frame on: every frame in which a Dutch heading was painted.
WATCH_PAINTS = """
(dutch) => {
  window.__dutchPainted = [];
  const look = () => {
    const heading = document.querySelector('main h1');
    if (heading && heading.checkVisibility({visibilityProperty: true})
        && heading.innerText.trim() === dutch) {
      window.__dutchPainted.push(performance.now());
    }
    if (document.documentElement.dataset.ready !== 'true' || window.__dutchPainted.length === 0) {
      requestAnimationFrame(look);
    }
  };
  requestAnimationFrame(look);
}
"""


def choose_english(page: Page, app: RunningApp) -> None:
    page.goto(f"{app.url}/")
    wait_until_hydrated(page)
    page.locator("button.language-switch").click()
    page.wait_for_function("document.cookie.includes('ps-lang=en')")


@pytest.mark.parametrize("path", list(APP_PAGES))
def test_an_app_page_asked_in_english_never_paints_dutch(
    page: Page, running_app: RunningApp, path: str
) -> None:
    dutch, english = APP_PAGES[path]
    choose_english(page, running_app)
    page.add_init_script(
        f"document.addEventListener('DOMContentLoaded', () => ({WATCH_PAINTS})({dutch!r}))"
    )
    page.goto(running_app.url + path)
    expect(page.locator("main h1")).to_have_text(english)
    expect(page.locator("main h1")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    # Watched until the English heading showed, a few frames more.
    page.wait_for_timeout(300)
    assert page.evaluate("window.__dutchPainted") == []


def test_while_the_choice_has_not_arrived_only_the_quick_exit_shows_in_english(
    page: Page, running_app: RunningApp
) -> None:
    choose_english(page, running_app)
    held: list[WebSocketRoute] = []

    def hold(socket: WebSocketRoute) -> None:
        held.append(socket)  # never connected: the page cannot learn the choice

    page.route_web_socket(EVENT_SOCKET, hold)
    page.goto(running_app.url + "/inloggen")

    expect(page.locator("html")).to_have_attribute("lang", "en")
    heading = page.locator("main h1")
    expect(heading).to_have_text("Inloggen")  # built in Dutch, and not shown
    expect(heading).to_be_hidden()
    exit_link = page.locator("[data-quick-exit]")
    expect(exit_link).to_be_visible()
    expect(exit_link).to_have_text(re.compile("Quick exit"), use_inner_text=True)
    expect(exit_link).not_to_contain_text("Snel weg", use_inner_text=True)


def test_a_visitor_who_never_chose_sees_dutch_at_once(page: Page, running_app: RunningApp) -> None:
    def hold(socket: WebSocketRoute) -> None:
        """Never connected: Dutch needs no answer from the server."""

    page.route_web_socket(EVENT_SOCKET, hold)
    page.goto(running_app.url + "/inloggen")
    expect(page.locator("main h1")).to_have_text("Inloggen")
    expect(page.locator("main h1")).to_be_visible()
    expect(page.locator("[data-quick-exit]")).to_contain_text("Snel weg", use_inner_text=True)

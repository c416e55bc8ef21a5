"""Connection state is always visible: when the websocket is refused or drops, or the
page never hears from the server, a calm banner says so in the page's language, offers
to try again, and the quick exit keeps working."""

from __future__ import annotations

import re

from playwright.sync_api import Page, WebSocketRoute, expect

from tests.browser.conftest import OtherSite, RunningApp, wait_until_hydrated
from tests.browser.test_pages import SCREENSHOTS

BANNER_WAIT_MS = 3_000 + 2_000  # "within 3 seconds", with time for a slow test machine
# The app's websocket (ws://host/_event/?EIO=4&transport=websocket).
EVENT_SOCKET = re.compile(r"/_event")


def refuse_the_websocket(page: Page) -> None:
    """As when the server is down or refuses this address: every connection is closed."""

    def refuse(socket: WebSocketRoute) -> None:
        socket.close(code=1011, reason="down")

    page.route_web_socket(EVENT_SOCKET, refuse)


def test_a_refused_connection_is_said_at_once_and_quick_exit_still_works(
    page: Page, running_app: RunningApp, other_site: OtherSite
) -> None:
    refuse_the_websocket(page)
    page.goto(f"{running_app.url}/inloggen")

    lost = page.locator("[data-connection='lost']")
    expect(lost).to_be_visible(timeout=BANNER_WAIT_MS)
    expect(lost).to_contain_text("Geen verbinding met Kompas.")
    assert lost.get_attribute("role") == "alert"
    expect(lost.get_by_role("button", name="Opnieuw proberen")).to_be_visible()
    box = lost.bounding_box()
    assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= 740
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "connection-lost-nl-360x740.png")

    page.locator("[data-quick-exit]").click()
    page.wait_for_url(other_site.neutral_url)


def test_a_connection_that_drops_later_is_said_and_try_again_reloads(
    page: Page, running_app: RunningApp
) -> None:
    server = {"down": False}
    sockets: list[WebSocketRoute] = []

    def route(socket: WebSocketRoute) -> None:
        if server["down"]:
            socket.close(code=1011, reason="down")
            return
        sockets.append(socket)
        socket.connect_to_server()

    page.route_web_socket(EVENT_SOCKET, route)
    page.goto(f"{running_app.url}/inloggen")
    wait_until_hydrated(page)
    page.wait_for_function("document.querySelector('[data-connection]') === null")

    server["down"] = True  # the server stops: the open socket closes, reconnecting fails
    for socket in sockets:
        socket.close(code=1011, reason="server stopped")
    expect(page.locator("[data-connection='lost']")).to_be_visible(timeout=BANNER_WAIT_MS)

    server["down"] = False
    page.locator("[data-connection]").get_by_role("button", name="Opnieuw proberen").click()
    page.wait_for_load_state()
    wait_until_hydrated(page)
    expect(page.locator("[data-connection]")).to_have_count(0, timeout=10_000)


def test_the_banner_speaks_the_chosen_language(page: Page, running_app: RunningApp) -> None:
    page.goto(f"{running_app.url}/")
    wait_until_hydrated(page)
    page.locator("button.language-switch").click()
    page.wait_for_function("document.cookie.includes('ps-lang=en')")

    refuse_the_websocket(page)
    page.goto(f"{running_app.url}/inloggen")
    banner = page.locator("[data-connection='lost']")
    expect(banner).to_be_visible(timeout=BANNER_WAIT_MS)
    expect(banner).to_contain_text("No connection to Kompas.")
    expect(banner.get_by_role("button", name="Try again")).to_be_visible()
    page.screenshot(path=SCREENSHOTS / "connection-lost-en-360x740.png")


def test_opened_on_an_address_the_websocket_refuses_the_page_names_the_right_one(
    page: Page, running_app: RunningApp
) -> None:
    wrong = running_app.url.replace("localhost", "127.0.0.1")
    page.goto(f"{wrong}/inloggen")

    banner = page.locator("[data-connection='lost']")
    expect(banner).to_be_visible(timeout=BANNER_WAIT_MS)
    address = banner.get_by_role("link", name=running_app.url)
    expect(address).to_have_attribute("href", running_app.url)

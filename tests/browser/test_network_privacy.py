"""The app talks to its own host only, sends its security headers on every answer, breaks
none of its own Content-Security-Policy, and lets no other site open its event socket."""

from __future__ import annotations

import base64
import hashlib
import os
import re
import socket
from urllib.parse import urlsplit

import httpx
import pytest
from playwright.sync_api import BrowserContext, ConsoleMessage, Page, Request

from tests.browser.conftest import RunningApp, wait_until_hydrated

PAGES = ["/", "/hulp", "/veilig", "/over", "/inloggen", "/does-not-exist"]
# Pages the server renders: plain HTML and a small script, no event websocket.
SERVER_PAGES = {"/", "/hulp", "/veilig", "/over"}
FOREIGN_ORIGIN = "http://evil.example"
WS_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"  # RFC 6455, for Sec-WebSocket-Accept
# Schemes that never reach a host.
LOCAL_SCHEMES = {"data", "blob"}


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def foreign_urls(urls: list[str], app_url: str) -> list[str]:
    """Every recorded URL that would reach some host other than the app's own."""
    parts = urlsplit(app_url)
    own = {f"http://{parts.netloc}", f"ws://{parts.netloc}"}
    return [
        url
        for url in urls
        if urlsplit(url).scheme not in LOCAL_SCHEMES and origin_of(url) not in own
    ]


def use_page(page: Page, app_url: str, path: str) -> None:
    """Load a page, let React take over and switch the language once (a websocket event)."""
    page.goto(f"{app_url}{path}")
    wait_until_hydrated(page)
    before = page.evaluate("document.documentElement.lang")
    page.locator("button.language-switch").first.click()
    page.wait_for_function("lang => document.documentElement.lang !== lang", arg=before)


# --- only our own host ------------------------------------------------------------------


@pytest.mark.parametrize("path", PAGES)
def test_a_page_contacts_only_its_own_host(
    context: BrowserContext, page: Page, running_app: RunningApp, path: str
) -> None:
    urls: list[str] = []
    context.on("request", lambda request: urls.append(request.url))
    page.on("websocket", lambda websocket: urls.append(websocket.url))

    use_page(page, running_app.url, path)
    page.wait_for_load_state("networkidle")

    sockets = [url for url in urls if url.startswith("ws://")]
    if path in SERVER_PAGES:
        assert sockets == [], f"{path} opened a websocket"
    else:
        assert sockets, "the event websocket was not seen"
    assert not foreign_urls(urls, running_app.url), (
        f"{path} contacted other hosts: {foreign_urls(urls, running_app.url)}"
    )


def test_the_service_worker_contacts_only_its_own_host(
    sw_context: BrowserContext, running_app: RunningApp
) -> None:
    requests: list[Request] = []
    sw_context.on("request", lambda request: requests.append(request))
    page = sw_context.new_page()
    page.goto(f"{running_app.url}/")
    page.wait_for_function("navigator.serviceWorker.ready.then(() => true)")
    page.wait_for_function(
        "caches.open('kompas-shell-v2').then(c => c.match('/veilig')).then(r => !!r)",
        polling=250,
    )

    from_worker = [request.url for request in requests if request.service_worker]
    assert from_worker, "the service worker's own fetches were not seen"
    urls = [request.url for request in requests]
    assert not foreign_urls(urls, running_app.url), foreign_urls(urls, running_app.url)


# --- security headers -------------------------------------------------------------------


def home_page_asset(app_url: str) -> str:
    """A build file an app page loads (the home page itself comes from the server)."""
    html = httpx.get(f"{app_url}/inloggen", timeout=10).text
    found = re.search(r"/assets/[A-Za-z0-9._\-/]+\.js", html)
    assert found, "the login page references no /assets/ file"
    return found.group(0)


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/hulp",
        "/veilig",
        "/over",
        "/manifest.webmanifest",
        "/sw.js",
        "/app.css",
        "/api/health",
        "<asset>",
        "/does-not-exist",
    ],
)
def test_every_answer_carries_the_security_headers(running_app: RunningApp, path: str) -> None:
    if path == "<asset>":
        path = home_page_asset(running_app.url)
    response = httpx.get(f"{running_app.url}{path}", timeout=10, follow_redirects=True)
    expected_status = 404 if path == "/does-not-exist" else 200
    assert response.status_code == expected_status, f"{path}: {response.status_code}"

    # Redirects too (/hulp answers with one to /hulp/): every hop carries the headers.
    for hop in [*response.history, response]:
        headers = hop.headers
        where = f"{hop.request.url} ({hop.status_code})"
        csp = [part.strip() for part in headers.get("content-security-policy", "").split(";")]
        assert "frame-ancestors 'none'" in csp, where
        assert "default-src 'self'" in csp, where
        assert headers.get("x-frame-options") == "DENY", where
        assert headers.get("x-content-type-options") == "nosniff", where
        assert headers.get("referrer-policy") == "no-referrer", where
        permissions = headers.get("permissions-policy", "")
        for feature in ("camera=()", "microphone=()", "geolocation=()"):
            assert feature in permissions, f"{where}: {feature} missing from {permissions!r}"
        if headers.get("content-type", "").startswith("text/html") or hop.is_redirect:
            assert headers.get("cache-control") == "no-store", where

    if path.startswith("/assets/"):
        assert response.headers.get("cache-control") != "no-store"
    elif path in PAGES:
        assert response.headers["content-type"].startswith("text/html")


# --- Content-Security-Policy in the browser ---------------------------------------------

CSP_WORDS = ("Content Security Policy", "Content-Security-Policy", "Refused to")
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective}: ${event.blockedURI}`);
});
"""


@pytest.mark.parametrize("path", PAGES)
def test_a_page_breaks_none_of_its_content_security_policy(
    page: Page, running_app: RunningApp, path: str
) -> None:
    errors: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            errors.append(message.text)

    page.on("console", on_console)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.add_init_script(RECORD_VIOLATIONS)

    use_page(page, running_app.url, path)
    page.wait_for_load_state("networkidle")

    csp_errors = [text for text in errors if any(word in text for word in CSP_WORDS)]
    assert not csp_errors, csp_errors
    assert page.evaluate("window.__cspViolations") == []


# --- the event websocket ----------------------------------------------------------------


def websocket_handshake(port: int, origin: str) -> tuple[int, bytes]:
    """Open the engine.io websocket at /_event/ by hand; the HTTP status and what follows.

    The browser's `Origin` header is the only thing that tells the server which site opened
    a socket, so a plain client sending a foreign one stands in for a page on that site.
    """
    key = base64.b64encode(os.urandom(16)).decode()
    request = (
        "GET /_event/?EIO=4&transport=websocket HTTP/1.1\r\n"
        f"Host: localhost:{port}\r\n"
        "Upgrade: websocket\r\n"
        "Connection: Upgrade\r\n"
        f"Sec-WebSocket-Key: {key}\r\n"
        "Sec-WebSocket-Version: 13\r\n"
        f"Origin: {origin}\r\n"
        "\r\n"
    )
    with socket.create_connection(("localhost", port), timeout=10) as connection:
        connection.sendall(request.encode())
        received = b""
        while b"\r\n\r\n" not in received:
            chunk = connection.recv(4096)
            if not chunk:
                break
            received += chunk
        head, _, rest = received.partition(b"\r\n\r\n")
        status_line, *header_lines = head.decode("latin-1").split("\r\n")
        status = int(status_line.split(" ", 2)[1])
        if status == 101:
            headers = dict(line.lower().split(": ", 1) for line in header_lines)
            digest = hashlib.sha1((key + WS_GUID).encode()).digest()  # noqa: S324 - RFC 6455
            assert headers.get("sec-websocket-accept") == base64.b64encode(digest).decode().lower()
            # The first frame: engine.io's "open" packet. An unmasked text frame (0x81)
            # whose payload is short enough for a one-byte length.
            while len(rest) < 2 or len(rest) < 2 + (rest[1] & 0x7F):
                chunk = connection.recv(4096)
                if not chunk:
                    break
                rest += chunk
            assert rest[0] == 0x81 and rest[1] & 0x7F < 126, rest[:4]
            rest = rest[2 : 2 + (rest[1] & 0x7F)]
        return status, rest


def test_the_event_socket_opens_for_the_apps_own_origin(
    running_app: RunningApp, app_port: int
) -> None:
    status, first_packet = websocket_handshake(app_port, running_app.url)
    assert status == 101
    assert first_packet.startswith(b'0{"sid":'), first_packet  # engine.io "open"


def test_the_event_socket_refuses_a_foreign_origin(running_app: RunningApp, app_port: int) -> None:
    status, _ = websocket_handshake(app_port, FOREIGN_ORIGIN)
    assert status in (400, 403), status


def test_the_event_socket_refuses_a_lookalike_origin(
    running_app: RunningApp, app_port: int
) -> None:
    # Same host name, other port: another site as far as the browser is concerned.
    status, _ = websocket_handshake(app_port, f"http://localhost:{app_port + 1}")
    assert status in (400, 403), status

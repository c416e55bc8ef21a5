"""The server keeps no trace of who visits: after pages are opened with a known user
agent and known address headers, and a socket is opened from a known address, neither
the frames sent to the browser, nor the app's log, nor Redis (when the tabs' state is
kept there, as in CI's second run) hold any of them."""

from __future__ import annotations

import asyncio
import json
import os
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from typing import Any
from urllib.parse import urlsplit

import websockets
from playwright.sync_api import Browser, WebSocket

from tests.browser.conftest import PHONE, RunningApp, wait_until_hydrated

USER_AGENT = "KompasSpoorProef/7.3 (trace-probe 3f9c)"
# Documentation addresses (RFC 5737), never a real visitor's.
FORWARDED_ADDRESS = "203.0.113.77"
REAL_IP_ADDRESS = "198.51.100.23"
# A loopback address of its own: the socket below connects from here, so the peer
# address the server sees is known and differs from every other test's 127.0.0.1.
PEER_ADDRESS = "127.0.0.77"
TRACES = (USER_AGENT, "KompasSpoorProef", FORWARDED_ADDRESS, REAL_IP_ADDRESS, PEER_ADDRESS)
ADDRESS_HEADERS = {
    "X-Forwarded-For": FORWARDED_ADDRESS,
    "X-Real-IP": REAL_IP_ADDRESS,
    "Forwarded": f"for={FORWARDED_ADDRESS}",
}
# The writing page of a board is a Reflex page: it opens the socket these tests watch.
PAGES = ["/", "/hulp", "/prikbord", "/prikbord/bord/schrijven?nr=1", "/zelftest", "/veilig"]


def traces_in(text: str) -> list[str]:
    return [trace for trace in TRACES if trace in text]


def visit_pages(browser: Browser, app_url: str) -> tuple[list[str], list[str]]:
    """Open the pages as a phone with the known user agent and address headers; every
    page switches the language once (an event on its socket). Returns the frames the
    server sent and those the page sent."""
    received: list[str] = []
    sent: list[str] = []

    def on_socket(socket: WebSocket) -> None:
        socket.on("framereceived", lambda frame: received.append(str(frame)))
        socket.on("framesent", lambda frame: sent.append(str(frame)))

    context = browser.new_context(
        viewport=PHONE,
        service_workers="block",
        user_agent=USER_AGENT,
        extra_http_headers=ADDRESS_HEADERS,
    )
    try:
        page = context.new_page()
        assert page.evaluate("navigator.userAgent") == USER_AGENT
        page.on("websocket", on_socket)
        for path in PAGES:
            page.goto(f"{app_url}{path}")
            wait_until_hydrated(page)
            before = page.evaluate("document.documentElement.lang")
            page.locator("button.language-switch").first.click()
            page.wait_for_function("lang => document.documentElement.lang !== lang", arg=before)
        page.wait_for_timeout(500)
    finally:
        context.close()
    return received, sent


async def open_socket_from_known_address(
    app_url: str, connect_packet: str, token: str
) -> list[str]:
    """Connect to the event socket from PEER_ADDRESS, as the page does (the page's own
    CONNECT packet carries the hydrate event), and keep the frames until the state."""
    parts = urlsplit(app_url)
    frames: list[str] = []
    async with websockets.connect(
        f"ws://127.0.0.1:{parts.port}/_event/?token={token}&EIO=4&transport=websocket",
        origin=websockets.Origin(app_url),
        subprotocols=[websockets.Subprotocol(_reflex_version())],
        user_agent_header=USER_AGENT,
        additional_headers=ADDRESS_HEADERS,
        local_addr=(PEER_ADDRESS, 0),
        open_timeout=30,
        max_size=2**24,
    ) as socket:
        frames.append(str(await asyncio.wait_for(socket.recv(), 30)))
        await socket.send(connect_packet)
        while not any(_is_state(frame) for frame in frames):
            frame = str(await asyncio.wait_for(socket.recv(), 30))
            if frame == "2":
                await socket.send("3")
            frames.append(frame)
    return frames


def _reflex_version() -> str:
    from reflex import constants

    return str(constants.Reflex.VERSION)


def _is_state(frame: str) -> bool:
    """A frame with the tab's whole state, as hydration sends it."""
    return frame.startswith("42/_event,") and "rx_router_session" in frame


def redis_dump(url: str, written_key: str) -> bytes:
    """Every key and value in Redis, whatever its type, as one blob to search, once
    `written_key` is there (a tab's state is written after its update is sent)."""
    import redis

    client: Any = redis.Redis.from_url(url)  # the sync client; its stubs also allow async
    deadline = time.monotonic() + 15
    while not client.exists(written_key) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert client.exists(written_key), f"{written_key} was never written to Redis"
    blob: list[bytes] = []
    for key in client.scan_iter(count=500):
        blob.append(key)
        kind = client.type(key)
        values: Any
        if kind == b"string":
            values = [client.get(key)]
        elif kind == b"hash":
            values = [item for pair in client.hgetall(key).items() for item in pair]
        elif kind == b"list":
            values = client.lrange(key, 0, -1)
        elif kind == b"set":
            values = list(client.smembers(key))
        elif kind == b"zset":
            values = client.zrange(key, 0, -1)
        elif kind == b"stream":
            values = [json.dumps(entry, default=repr).encode() for entry in client.xrange(key)]
        else:
            values = []
        blob.extend(value for value in values if isinstance(value, bytes))
    client.close()
    return b"\n".join(blob)


def test_no_address_or_user_agent_is_kept_sent_or_logged(
    browser: Browser, running_app: RunningApp
) -> None:
    received, sent = visit_pages(browser, running_app.url)
    connect_packet = next(frame for frame in sent if frame.startswith("40/_event,"))
    token = str(uuid.uuid4())
    # In a thread of its own: Playwright's event loop runs in this one.
    with ThreadPoolExecutor(1) as thread:
        socket_frames = thread.submit(
            asyncio.run, open_socket_from_known_address(running_app.url, connect_packet, token)
        ).result()

    # The frames hold the tabs' whole state (the router's part too), so a trace kept in
    # the state would show here, whichever state manager keeps it.
    assert any(_is_state(frame) for frame in received), "no state reached the pages"
    assert any(_is_state(frame) for frame in socket_frames), "no state reached the socket"
    found = {
        "frames to the pages": traces_in("\n".join(received)),
        "frames to the socket": traces_in("\n".join(socket_frames)),
        "app log": traces_in(running_app.log_path.read_text(errors="replace")),
    }
    redis_url = os.environ.get("PEERSUPPORT_REDIS_URL")
    if redis_url:
        dump = redis_dump(redis_url, f"{token}_reflex___state____state")
        found["redis"] = traces_in(dump.decode("utf-8", errors="replace"))
    assert found == {place: [] for place in found}

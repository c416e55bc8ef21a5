"""AnonymousRequestsMiddleware: no HTTP route and no tab state learns the visitor's
address or user agent, and the event socket still gets what it needs.

The socket case runs the scope through what Reflex really does with it: engine.io's
translation into an environ, Reflex's connection data and the router data every tab
state keeps (pickled into Redis, serialized to the browser)."""

from __future__ import annotations

import json
import pickle
from typing import Any

import httpx
from engineio.async_drivers.asgi import translate_request
from reflex.app import EventNamespace
from reflex.istate.data import RouterData
from reflex_base.utils.format import json_dumps
from starlette.types import Message, Receive, Scope, Send

from peersupport.http.anonymous_requests import AnonymousRequestsMiddleware, anonymous_scope

USER_AGENT = "KompasSpoorProef/7.3 (trace-probe 3f9c)"
FORWARDED_ADDRESS = "203.0.113.77"
PEER_ADDRESS = "127.0.0.77"
TRACES = (USER_AGENT, FORWARDED_ADDRESS, PEER_ADDRESS)
ORIGIN = "http://kompas.test"


def socket_scope() -> Scope:
    """The event socket's handshake as the server hands it to the app."""
    headers = {
        "host": "kompas.test",
        "origin": ORIGIN,
        "upgrade": "websocket",
        "connection": "Upgrade",
        "sec-websocket-protocol": "0.10.1",
        "sec-websocket-key": "dGhlIHNhbXBsZSBub25jZQ==",
        "sec-websocket-version": "13",
        "user-agent": USER_AGENT,
        "accept-language": "nl-NL,nl;q=0.9",
        "cookie": "ps-lang=en",
        "x-forwarded-for": FORWARDED_ADDRESS,
        "x-real-ip": FORWARDED_ADDRESS,
    }
    return {
        "type": "websocket",
        "path": "/_event/",
        "query_string": b"token=tab&EIO=4&transport=websocket",
        "headers": [(name.encode(), value.encode()) for name, value in headers.items()],
        "client": (PEER_ADDRESS, 50123),
        "subprotocols": ["0.10.1"],
    }


async def router_data_of(scope: Scope) -> dict[str, Any]:
    """What a tab's state keeps of this handshake: Reflex's connection data."""

    async def receive() -> Message:
        return {"type": "websocket.connect"}

    async def send(message: Message) -> None:
        raise AssertionError("nothing is sent while reading the handshake")

    environ = await translate_request(scope, receive, send)
    # The method reads only its arguments: no namespace needs to run for it.
    return EventNamespace._build_static_router_data(None, "sid", environ)  # type: ignore[arg-type]


def kept_and_sent(router_data: dict[str, Any]) -> str:
    """The router data as stored (pickled, as in Redis) and as sent to the browser."""
    router = RouterData.from_router_data(router_data)
    stored = pickle.dumps((router_data, router.session, router.headers))
    sent = json_dumps({"session": router.session, "headers": router.headers})
    return stored.decode("latin-1") + sent


async def test_without_the_wrapper_the_tab_state_would_hold_every_trace() -> None:
    """The check below sees what it looks for: Reflex alone keeps all three."""
    found = kept_and_sent(await router_data_of(socket_scope()))

    assert [trace for trace in TRACES if trace in found] == list(TRACES)


async def test_the_tab_state_holds_no_address_and_no_user_agent() -> None:
    router_data = await router_data_of(anonymous_scope(socket_scope()))
    found = kept_and_sent(router_data)

    assert [trace for trace in TRACES if trace in found] == []
    router = RouterData.from_router_data(router_data)
    assert router.session.client_ip == ""
    assert router.headers.user_agent == router.headers.cookie == ""
    assert dict(router.headers.raw_headers) == {
        "host": "kompas.test",
        "origin": ORIGIN,
        "upgrade": "websocket",
        "connection": "Upgrade",
        "sec-websocket-protocol": "0.10.1",
    }
    # The page's address is still known: the origin and the path.
    assert router.url.origin == ORIGIN


async def test_an_http_route_sees_no_address_and_no_user_agent_but_its_other_headers() -> None:
    seen: list[Scope] = []

    async def inner(scope: Scope, receive: Receive, send: Send) -> None:
        seen.append(scope)
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})

    transport = httpx.ASGITransport(
        app=AnonymousRequestsMiddleware(inner), client=(PEER_ADDRESS, 50123)
    )
    async with httpx.AsyncClient(transport=transport, base_url="http://kompas.test") as client:
        response = await client.get(
            "/verhalen",
            headers={
                "user-agent": USER_AGENT,
                "x-forwarded-for": FORWARDED_ADDRESS,
                "forwarded": f"for={FORWARDED_ADDRESS}",
                "cookie": "ps-lang=en",
                "accept-encoding": "gzip",
            },
        )

    assert response.status_code == 200
    (scope,) = seen
    headers = {name.decode(): value.decode() for name, value in scope["headers"]}
    assert [trace for trace in TRACES if trace in json.dumps([headers, scope["client"]])] == []
    assert scope["client"] == ("", 0)
    assert headers["cookie"] == "ps-lang=en"  # the language choice still reaches the page
    assert headers["accept-encoding"] == "gzip"


async def test_other_scopes_pass_unchanged() -> None:
    scope: Scope = {"type": "lifespan", "asgi": {"version": "3.0"}}

    assert anonymous_scope(scope) is scope

"""An ASGI wrapper that takes the visitor's address and user agent out of every request
before the app sees it, so no state, state update or log line can hold them.

Reflex copies the event socket's handshake into every tab's state (`router.headers`:
host, origin, user agent, every raw header; `router.session.client_ip`: the peer
address, or X-Forwarded-For behind a trusted proxy). That state lives in memory or in
Redis and is sent to the browser. The app reads none of it: the origin check happens in
the socket server before Reflex (from the Origin header, which is kept), pages and
events learn who is signed in from the session token, and the language comes from the
page itself. So the socket's handshake keeps only the headers a websocket needs
(SOCKET_HEADERS) and every HTTP request loses the headers that name a device or an
address (IDENTIFYING_HEADERS).

The peer address becomes an empty string rather than nothing: Reflex reads
`scope["client"][0]`, and without a client it would store engine.io's made-up
"127.0.0.1" instead.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Receive, Scope, Send

# What the event socket still needs: the socket server checks Origin against the
# allowed origins and Upgrade/Connection for the transport; Reflex compares the
# subprotocol (its version) with its own. Host is the app's own name.
SOCKET_HEADERS = frozenset(
    {b"host", b"origin", b"upgrade", b"connection", b"sec-websocket-protocol"}
)

# Headers that tell who or where a visitor is; no HTTP route of the app reads them.
IDENTIFYING_HEADERS = frozenset(
    {
        b"user-agent",
        b"x-forwarded-for",
        b"x-real-ip",
        b"forwarded",
        b"true-client-ip",
        b"cf-connecting-ip",
        b"x-client-ip",
        b"x-cluster-client-ip",
        b"fastly-client-ip",
        b"x-original-forwarded-for",
        b"sec-ch-ua",
        b"sec-ch-ua-mobile",
        b"sec-ch-ua-platform",
    }
)

NO_ADDRESS = ("", 0)


def anonymous_scope(scope: Scope) -> Scope:
    """The scope as the app may see it: no peer address, no identifying header."""
    if scope["type"] == "websocket":
        headers = [
            (name, value) for name, value in scope["headers"] if name.lower() in SOCKET_HEADERS
        ]
    elif scope["type"] == "http":
        headers = [
            (name, value)
            for name, value in scope["headers"]
            if name.lower() not in IDENTIFYING_HEADERS
        ]
    else:
        return scope
    return {**scope, "client": NO_ADDRESS, "headers": headers}


class AnonymousRequestsMiddleware:
    """Passes every HTTP request and websocket on with `anonymous_scope`."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await self.app(anonymous_scope(scope), receive, send)

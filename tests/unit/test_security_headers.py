"""SecurityHeadersMiddleware: every HTTP answer carries the security headers, pages stay
out of caches, hashed assets keep theirs, and websockets pass through untouched."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from peersupport.http.security_headers import SecurityHeadersMiddleware

ASSET_CACHE = "public, max-age=31536000, immutable"


def inner_app(headers: list[tuple[bytes, bytes]] | None = None) -> ASGIApp:
    """A tiny ASGI app answering 200 "hello" with the given headers."""

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        assert scope["type"] == "http"
        await send(
            {
                "type": "http.response.start",
                "status": 200,
                "headers": [(b"content-type", b"text/plain"), *(headers or [])],
            }
        )
        await send({"type": "http.response.body", "body": b"hello"})

    return app


async def get(
    path: str, *, https: bool = False, headers: list[tuple[bytes, bytes]] | None = None
) -> httpx.Response:
    app = SecurityHeadersMiddleware(inner_app(headers), https=https)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://kompas.test") as client:
        return await client.get(path)


def csp_directives(response: httpx.Response) -> dict[str, list[str]]:
    policies = response.headers.get_list("content-security-policy")
    assert len(policies) == 1
    directives = {}
    for directive in policies[0].split(";"):
        name, *sources = directive.split()
        directives[name] = sources
    return directives


@pytest.fixture(params=["/", "/hulp", "/api/health", "/assets/x-abc123.js"])
def any_path(request: pytest.FixtureRequest) -> Iterator[str]:
    yield request.param


async def test_the_body_and_status_of_the_inner_app_are_kept(any_path: str) -> None:
    response = await get(any_path)

    assert response.status_code == 200
    assert response.text == "hello"
    assert response.headers["content-type"] == "text/plain"


async def test_every_response_gets_a_locked_down_content_security_policy(any_path: str) -> None:
    directives = csp_directives(await get(any_path))

    assert directives["default-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["base-uri"] == ["'none'"]


async def test_the_content_security_policy_allows_no_other_host(any_path: str) -> None:
    for https in (False, True):
        directives = csp_directives(await get(any_path, https=https))
        sources = [source for values in directives.values() for source in values]

        assert sources, "the policy lists sources"
        assert not [s for s in sources if s.startswith(("http:", "https:", "ws:", "wss:"))]
        assert not [s for s in sources if "://" in s or "*" in s or "." in s]


async def test_every_response_gets_the_other_security_headers(any_path: str) -> None:
    response = await get(any_path)

    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"
    assert response.headers["x-frame-options"] == "DENY"
    permissions = {part.strip() for part in response.headers["permissions-policy"].split(",")}
    assert {"camera=()", "microphone=()", "geolocation=()"} <= permissions


@pytest.mark.parametrize("path", ["/", "/hulp", "/veilig", "/api/health", "/assetsx/a.js"])
async def test_a_page_is_never_cached_even_if_the_inner_app_allows_it(path: str) -> None:
    response = await get(path, headers=[(b"Cache-Control", b"public, max-age=600")])

    assert response.headers.get_list("cache-control") == ["no-store"]


async def test_a_page_without_its_own_cache_header_gets_no_store() -> None:
    response = await get("/over")

    assert response.headers.get_list("cache-control") == ["no-store"]


async def test_a_hashed_asset_keeps_its_own_cache_header() -> None:
    response = await get("/assets/x-abc123.js", headers=[(b"cache-control", ASSET_CACHE.encode())])

    assert response.headers.get_list("cache-control") == [ASSET_CACHE]


async def test_over_https_browsers_are_told_to_stay_on_https() -> None:
    response = await get("/", https=True)

    assert response.headers["strict-transport-security"].startswith("max-age=")
    assert int(response.headers["strict-transport-security"].split("=")[1]) >= 31536000
    assert "upgrade-insecure-requests" in csp_directives(response)


async def test_over_plain_http_there_is_no_https_upgrade() -> None:
    response = await get("/", https=False)

    assert "strict-transport-security" not in response.headers
    assert "upgrade-insecure-requests" not in csp_directives(response)


async def test_headers_of_the_inner_app_with_the_same_names_are_replaced_not_duplicated() -> None:
    response = await get(
        "/",
        https=True,
        headers=[
            (b"X-Frame-Options", b"ALLOWALL"),
            (b"content-security-policy", b"default-src *"),
            (b"Referrer-Policy", b"unsafe-url"),
            (b"strict-transport-security", b"max-age=0"),
            (b"x-custom", b"kept"),
        ],
    )

    assert response.headers.get_list("x-frame-options") == ["DENY"]
    assert response.headers.get_list("referrer-policy") == ["no-referrer"]
    assert response.headers.get_list("strict-transport-security") == ["max-age=31536000"]
    assert csp_directives(response)["default-src"] == ["'self'"]
    assert response.headers["x-custom"] == "kept"


@pytest.mark.parametrize("scope_type", ["websocket", "lifespan"])
async def test_non_http_scopes_pass_through_untouched(scope_type: str) -> None:
    calls: list[tuple[Scope, Receive, Send]] = []

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        calls.append((scope, receive, send))
        await send({"type": "websocket.accept", "headers": [(b"x-inner", b"1")]})

    sent: list[Message] = []

    async def receive() -> Message:
        return {"type": "websocket.connect"}

    async def send(message: Message) -> None:
        sent.append(message)

    scope = {"type": scope_type, "path": "/_event"}
    await SecurityHeadersMiddleware(app, https=True)(scope, receive, send)

    assert calls == [(scope, receive, send)]
    assert sent == [{"type": "websocket.accept", "headers": [(b"x-inner", b"1")]}]


# --- inline scripts: allowed by hash, never as 'unsafe-inline' -------------------------------

PAGE = (
    b"<!doctype html><html><head><script>window.a = 1;</script>"
    b'<script src="/shell.js" defer></script>'
    b'<script type="module">import "/assets/x.js";</script></head>'
    b"<body><script>window.a = 1;</script></body></html>"
)


def sha256_source(text: bytes) -> str:
    import base64
    import hashlib

    return "'sha256-" + base64.b64encode(hashlib.sha256(text).digest()).decode() + "'"


def html_app(body: bytes, encoding: str = "", chunks: int = 1) -> ASGIApp:
    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        headers = [(b"content-type", b"text/html; charset=utf-8")]
        if encoding:
            headers.append((b"content-encoding", encoding.encode()))
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        size = -(-len(body) // chunks)
        for index in range(chunks):
            part = body[index * size : (index + 1) * size]
            await send(
                {"type": "http.response.body", "body": part, "more_body": index < chunks - 1}
            )

    return app


async def page_response(app: ASGIApp) -> httpx.Response:
    transport = httpx.ASGITransport(app=SecurityHeadersMiddleware(app, https=False))
    async with httpx.AsyncClient(transport=transport, base_url="http://kompas.test") as client:
        return await client.get("/inloggen")


@pytest.mark.parametrize("chunks", [1, 3])
async def test_a_page_allows_exactly_its_own_inline_scripts_by_hash(chunks: int) -> None:
    response = await page_response(html_app(PAGE, chunks=chunks))

    script_src = csp_directives(response)["script-src"]
    assert response.content == PAGE
    assert "'unsafe-inline'" not in script_src
    assert script_src == [
        "'self'",
        "'unsafe-eval'",
        "'wasm-unsafe-eval'",
        sha256_source(b"window.a = 1;"),
        sha256_source(b'import "/assets/x.js";'),
    ]


async def test_a_gzipped_page_is_read_for_its_scripts_and_sent_as_it_was() -> None:
    import gzip

    compressed = gzip.compress(PAGE)
    response = await page_response(html_app(compressed, encoding="gzip", chunks=2))

    assert response.content == PAGE  # httpx un-gzips: the bytes sent were the gzip ones
    assert sha256_source(b"window.a = 1;") in csp_directives(response)["script-src"]


async def test_a_page_that_cannot_be_read_falls_back_to_unsafe_inline() -> None:
    response = await page_response(html_app(b"\x00not brotli", encoding="br"))

    assert "'unsafe-inline'" in csp_directives(response)["script-src"]


async def test_what_is_not_a_page_allows_no_inline_script() -> None:
    script_src = csp_directives(await get("/api/health"))["script-src"]

    assert script_src == ["'self'", "'unsafe-eval'", "'wasm-unsafe-eval'"]

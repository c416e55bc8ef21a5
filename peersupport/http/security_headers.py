"""An ASGI wrapper that puts security headers on every HTTP response: pages, assets, API.

Content-Security-Policy: every source is 'self' or 'none', no third-party host can be
reached, and no inline script runs unless the page itself carries it. For an HTML
answer this wrapper reads the page (un-gzipping it if need be) and allows exactly its
inline scripts by their SHA-256 hashes: the prerendered pages' bootstrap scripts
(React Router's hydration data and module loader, React's streaming helpers, the
colour-scheme and scroll-restoration snippets, the quick-exit script) and the story
pages' head script. So script-src has no 'unsafe-inline', and a script injected into
a page would not run. What is left, and why each source is needed:
- script-src 'unsafe-eval': Reflex 0.10 runs every `rx.call_script` (the secure form
  flows, the device token) and its callbacks with `eval` in the browser
  (.web/utils/state.js, `_call_script`); there is no nonce or hash for eval'd code.
  The code we send is built from fixed text and JSON-encoded arguments (flows.flow_call),
  never from strings a user typed.
- script-src 'wasm-unsafe-eval': Argon2id (hash-wasm) runs as WebAssembly.
- style-src 'unsafe-inline': React renders `style` attributes and Reflex emits inline
  <style> for component styles; style attributes cannot be hashed.
- img-src data: blob:: the build inlines a few small images as data: URLs; the evidence
  vault shows a member's decrypted images from memory as blob: URLs (never fetched).
- worker-src 'self': the proof-of-work solver's Web Workers (a built file in /assets/).
An HTML answer in an encoding this wrapper cannot read (none is configured: the build
and the story pages use gzip) falls back to 'unsafe-inline' rather than break the page.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import re
import zlib
from collections.abc import Iterable, Sequence
from pathlib import Path

from starlette.types import ASGIApp, Message, Receive, Scope, Send

SCRIPT_SRC = "script-src 'self' 'unsafe-eval' 'wasm-unsafe-eval'"
CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        SCRIPT_SRC,
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self'",
        "connect-src 'self'",
        "manifest-src 'self'",
        "worker-src 'self'",
        "media-src 'none'",
        "object-src 'none'",
        "frame-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)

PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "camera",
        "microphone",
        "geolocation",
        "payment",
        "usb",
        "interest-cohort",
        "browsing-topics",
    )
)

# Built files under /assets/ carry a content hash in their name: safe to cache.
_IMMUTABLE_PREFIX = "/assets/"
# An inline script: a <script> element without src, and its text as the browser hashes it.
_SCRIPT = re.compile(rb"<script\b(?P<attributes>[^>]*)>(?P<text>.*?)</script\s*>", re.I | re.S)
_SRC_ATTRIBUTE = re.compile(rb"\ssrc\s*=", re.I)


def inline_script_hashes(html: bytes) -> list[str]:
    """The CSP hash source of every inline script in a page, in order, without repeats."""
    hashes: list[str] = []
    for match in _SCRIPT.finditer(html):
        if _SRC_ATTRIBUTE.search(match.group("attributes")):
            continue
        digest = base64.b64encode(hashlib.sha256(match.group("text")).digest()).decode()
        source = f"'sha256-{digest}'"
        if source not in hashes:
            hashes.append(source)
    return hashes


def content_security_policy(https: bool, script_hashes: Sequence[str] | None = ()) -> str:
    """The policy, allowing these inline scripts; None means "unknown": 'unsafe-inline'."""
    extra = " 'unsafe-inline'" if script_hashes is None else "".join(f" {h}" for h in script_hashes)
    policy = CONTENT_SECURITY_POLICY.replace(SCRIPT_SRC, SCRIPT_SRC + extra)
    return policy + ("; upgrade-insecure-requests" if https else "")


def security_headers(https: bool) -> list[tuple[bytes, bytes]]:
    """Every header but the Content-Security-Policy, which depends on the answer."""
    headers = [
        ("x-content-type-options", "nosniff"),
        ("referrer-policy", "no-referrer"),
        ("x-frame-options", "DENY"),
        ("permissions-policy", PERMISSIONS_POLICY),
        ("cross-origin-opener-policy", "same-origin"),
        ("cross-origin-resource-policy", "same-origin"),
    ]
    if https:
        headers.append(("strict-transport-security", "max-age=31536000"))
    return [(name.encode(), value.encode()) for name, value in headers]


class SecurityHeadersMiddleware:
    """Adds the headers above; pages and API answers are also kept out of caches."""

    def __init__(self, app: ASGIApp, *, https: bool) -> None:
        self.app = app
        self.https = https
        self.headers = security_headers(https)
        self.names = {name for name, _ in self.headers} | {
            b"cache-control",
            b"content-security-policy",
        }

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        cacheable = str(scope.get("path", "")).startswith(_IMMUTABLE_PREFIX)
        start: Message | None = None
        page: list[bytes] | None = None  # an HTML answer's body, held until complete

        def with_headers(message: Message, policy: str) -> Message:
            kept: Iterable[tuple[bytes, bytes]] = (
                (name, value)
                for name, value in message.get("headers", [])
                if name.lower() not in self.names
                or (cacheable and name.lower() == b"cache-control")
            )
            headers = [*kept, *self.headers, (b"content-security-policy", policy.encode())]
            if not cacheable:
                # No copy of a page in the browser's HTTP cache (a trace on the
                # device); this also keeps pages out of the back-forward cache.
                headers.append((b"cache-control", b"no-store"))
            return {**message, "headers": headers}

        async def send_with_headers(message: Message) -> None:
            nonlocal start, page
            if message["type"] == "http.response.start":
                if _header(message, b"content-type").startswith(b"text/html"):
                    start, page = message, []
                    return
                await send(with_headers(message, content_security_policy(self.https)))
                return
            if page is None or start is None:
                await send(message)
                return
            if message["type"] == "http.response.pathsend":  # a file the server sends itself
                body = Path(message["path"]).read_bytes()
                hashes = _page_hashes(body, _header(start, b"content-encoding"))
                await send(with_headers(start, content_security_policy(self.https, hashes)))
                await send(message)
                return
            if message["type"] != "http.response.body":
                await send(message)
                return
            page.append(message.get("body", b""))
            if message.get("more_body", False):
                return
            body = b"".join(page)
            hashes = _page_hashes(body, _header(start, b"content-encoding"))
            await send(with_headers(start, content_security_policy(self.https, hashes)))
            await send({"type": "http.response.body", "body": body, "more_body": False})

        await self.app(scope, receive, send_with_headers)


def _header(message: Message, name: bytes) -> bytes:
    for key, value in message.get("headers", []):
        if key.lower() == name:
            return bytes(value).lower()
    return b""


def _page_hashes(body: bytes, encoding: bytes) -> list[str] | None:
    """The inline scripts' hashes of a page as sent; None when it cannot be read."""
    if encoding in (b"", b"identity"):
        return inline_script_hashes(body)
    if encoding == b"gzip":
        try:
            return inline_script_hashes(gzip.decompress(body))
        except (OSError, EOFError, zlib.error):
            return None
    return None

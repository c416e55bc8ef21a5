"""An ASGI wrapper that puts security headers on every HTTP response: pages, assets, API.

Content-Security-Policy, relaxations and why each is needed:
- script-src 'unsafe-inline': Reflex's prerendered pages carry inline bootstrap
  scripts (React Router's hydration data and module loader) with no nonce support.
- script-src 'unsafe-eval': Reflex evaluates `rx.call_script` code and some event
  specs with `eval`/`Function` in the browser; the notes cryptography runs that way.
- script-src 'wasm-unsafe-eval': Argon2id for the notes runs as WebAssembly.
- style-src 'unsafe-inline': React renders `style` attributes and Reflex emits
  inline <style> for component styles.
- img-src data:: the build inlines a few small images as data: URLs.
Everything else is 'self' or 'none': no third-party host can be reached.
"""

from __future__ import annotations

from collections.abc import Iterable

from starlette.types import ASGIApp, Message, Receive, Scope, Send

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self' 'unsafe-inline' 'unsafe-eval' 'wasm-unsafe-eval'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
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


def security_headers(https: bool) -> list[tuple[bytes, bytes]]:
    csp = CONTENT_SECURITY_POLICY + ("; upgrade-insecure-requests" if https else "")
    headers = [
        ("content-security-policy", csp),
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
        self.headers = security_headers(https)
        self.names = {name for name, _ in self.headers} | {b"cache-control"}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        cacheable = str(scope.get("path", "")).startswith(_IMMUTABLE_PREFIX)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                kept: Iterable[tuple[bytes, bytes]] = (
                    (name, value)
                    for name, value in message.get("headers", [])
                    if name.lower() not in self.names
                    or (cacheable and name.lower() == b"cache-control")
                )
                headers = [*kept, *self.headers]
                if not cacheable:
                    # No copy of a page in the browser's HTTP cache (a trace on the
                    # device); this also keeps pages out of the back-forward cache.
                    headers.append((b"cache-control", b"no-store"))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)

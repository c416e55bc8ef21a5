"""A calm banner, in the page's language, whenever the page has no working connection.

The pages read fine from their prerendered HTML, but buttons and lists need the
websocket. Without this banner a list stayed on "Bezig met laden…" and buttons did
nothing, without a word, also after a dropped connection that Reflex did not manage to
make again. assets/socket-watch.js (inlined in the head) counts the page's open
websockets (`/_event`) and assets/shell.js shows this banner
- "waiting" when no connection is open 3 seconds after the page was opened,
- "lost" when the connection was refused, or dropped and is not back within a moment,
  with the address to use when the page was opened on another one (the websocket only
  accepts the app's own public address, PEERSUPPORT_PUBLIC_URL),
and hides it as soon as a connection is open. "Opnieuw proberen" reloads the page. The
quick exit is a plain link and keeps working without any connection.

Its texts are in the page in both languages: without a connection the page never
learns the boy's choice from the server, so the script shows the language of his
choice as the browser keeps it (the `ps-lang` cookie or localStorage).
"""

from __future__ import annotations

import reflex as rx

from peersupport.settings import PROJECT_ROOT, load_settings
from peersupport.translations import LANGUAGES, translate


def _texts(language: str, public_url: str) -> list[rx.Component]:
    def said(state: str, key: str, *extra: rx.Component | str) -> rx.Component:
        return rx.el.p(
            translate(language, key),
            *extra,
            lang=language,
            custom_attrs={"data-connection-text": state},
        )

    address = rx.el.a(public_url, href=public_url, class_name="connection-banner__address")
    return [
        said("waiting", "connection.waiting"),
        said("lost", "connection.lost"),
        said("elsewhere", "connection.wrong_address", " ", address),
        rx.el.button(
            translate(language, "connection.retry"),
            type="button",
            lang=language,
            class_name="button button--secondary connection-banner__retry",
            custom_attrs={"data-reload": ""},
        ),
    ]


def socket_watch_script() -> str:
    """assets/socket-watch.js, for an inline <script> in the head of the app's pages."""
    return (PROJECT_ROOT / "assets" / "socket-watch.js").read_text(encoding="utf-8")


def connection_banner() -> rx.Component:
    public_url = load_settings().public_url
    return rx.el.div(
        *[text for language in LANGUAGES for text in _texts(language, public_url)],
        role="status",
        class_name="connection-banner",
        hidden=True,
        custom_attrs={"data-connection-banner": "", "data-public-url": public_url},
    )

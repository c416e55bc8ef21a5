"""A calm banner, in the page's language, whenever the page has no working connection.

The pages read fine from their prerendered HTML, but buttons and lists need the
websocket. Without this banner a list stayed on "Bezig met laden…" and buttons did
nothing, without a word. It shows
- when the connection failed, dropped or was refused (Reflex's `connectErrors`), with
  the address to use when the page was opened on another one (the websocket only
  accepts the app's own public address);
- when the page has not heard from the server 3 seconds after it was opened (a CSS
  delay, so a fast connection never shows it).
"Opnieuw proberen" reloads the page (assets/shell.js, `data-reload`). The quick exit
is a plain link and keeps working without any connection.
"""

from __future__ import annotations

import json

import reflex as rx
from reflex.components.core.banner import has_connection_errors
from reflex.vars.base import Var

from peersupport.components.text import t
from peersupport.settings import load_settings


def _retry() -> rx.Component:
    return rx.el.button(
        t("connection.retry"),
        type="button",
        class_name="button button--secondary connection-banner__retry",
        custom_attrs={"data-reload": ""},
    )


def connection_banner() -> rx.Component:
    public_url = load_settings().public_url
    elsewhere = Var(
        _js_expr=(
            "(typeof window !== 'undefined' && "
            f"window.location.origin !== new URL({json.dumps(public_url)}).origin)"
        )
    ).to(bool)
    lost = rx.el.div(
        rx.el.p(t("connection.lost")),
        rx.cond(
            elsewhere,
            rx.el.p(
                t("connection.wrong_address"),
                " ",
                rx.el.a(public_url, href=public_url, class_name="connection-banner__address"),
            ),
        ),
        _retry(),
        role="alert",
        class_name="connection-banner",
        custom_attrs={"data-connection": "lost"},
    )
    waiting = rx.el.div(
        rx.el.p(t("connection.waiting")),
        _retry(),
        role="status",
        class_name="connection-banner connection-banner--waiting",
        custom_attrs={"data-connection": "waiting"},
    )
    return rx.cond(has_connection_errors, lost, rx.cond(~rx.State.is_hydrated, waiting))

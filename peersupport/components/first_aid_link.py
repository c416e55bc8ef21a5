"""The way into the sextortion first aid (/stappen, peersupport/http/first_aid.py) from
the home page and the sextortion self-test's result, and the card link they are made of.
(The help page, rendered by the server, has the same cards: html_frame.card_link.)

The steps are a plain page from the server: `app_link` makes a full page load that
replaces the history entry (assets/shell.js handles `data-replace`), not a router link.
"""

from __future__ import annotations

import reflex as rx

from peersupport.components.navigation import app_link
from peersupport.components.text import t

FIRST_AID_HREF = "/stappen"


def card_content(title_key: str, text_key: str, icon: str) -> tuple[rx.Component, ...]:
    """The inside of a card link (icon, title, one line), as on the home page."""
    return (
        rx.el.img(src=icon, alt="", width=32, height=32, class_name="card-link__icon"),
        rx.el.span(
            rx.el.span(t(title_key), class_name="card-link__title"),
            rx.el.span(t(text_key), class_name="card-link__text"),
            class_name="card-link__body",
        ),
    )


def first_aid_link() -> rx.Component:
    return app_link(
        *card_content("first_aid.open", "first_aid.open_text", "/icons/nav-safe.svg"),
        href=FIRST_AID_HREF,
        class_name="card-link card-link--first-aid",
    )

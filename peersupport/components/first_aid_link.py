"""The ways into the sextortion first aid (/stappen, peersupport/http/first_aid.py) from
the home page, the help page and the sextortion self-test's result, and into "Mijn
verhaal in het kort" (/kort) from the help page.

The steps are a plain page from the server: a full page load that replaces the history
entry (assets/shell.js handles `data-replace`), not a router link.
"""

from __future__ import annotations

import reflex as rx

from peersupport.components.navigation import app_link
from peersupport.components.text import t

FIRST_AID_HREF = "/stappen"
SUMMARY_HREF = "/kort"


def _card_body(icon: str, title_key: str, text_key: str) -> tuple[rx.Component, ...]:
    return (
        rx.el.img(src=icon, alt="", width=32, height=32, class_name="card-link__icon"),
        rx.el.span(
            rx.el.span(t(title_key), class_name="card-link__title"),
            rx.el.span(t(text_key), class_name="card-link__text"),
            class_name="card-link__body",
        ),
    )


def first_aid_link() -> rx.Component:
    return rx.el.a(
        *_card_body("/icons/nav-safe.svg", "first_aid.open", "first_aid.open_text"),
        href=FIRST_AID_HREF,
        class_name="card-link card-link--first-aid",
        custom_attrs={"data-replace": ""},
    )


def summary_link() -> rx.Component:
    """ "Mijn verhaal in het kort", a page of the app (a router link)."""
    return app_link(
        *_card_body("/icons/nav-notes.svg", "summary.open", "summary.open_text"),
        href=SUMMARY_HREF,
        class_name="card-link",
    )

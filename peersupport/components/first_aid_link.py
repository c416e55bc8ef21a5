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


def first_aid_link() -> rx.Component:
    return rx.el.a(
        rx.el.img(
            src="/icons/nav-safe.svg", alt="", width=32, height=32, class_name="card-link__icon"
        ),
        rx.el.span(
            rx.el.span(t("first_aid.open"), class_name="card-link__title"),
            rx.el.span(t("first_aid.open_text"), class_name="card-link__text"),
            class_name="card-link__body",
        ),
        href=FIRST_AID_HREF,
        class_name="card-link card-link--first-aid",
        custom_attrs={"data-replace": ""},
    )


def summary_link() -> rx.Component:
    """ "Mijn verhaal in het kort", a page of the app (a router link)."""
    return app_link(
        rx.el.img(
            src="/icons/nav-notes.svg", alt="", width=32, height=32, class_name="card-link__icon"
        ),
        rx.el.span(
            rx.el.span(t("summary.open"), class_name="card-link__title"),
            rx.el.span(t("summary.open_text"), class_name="card-link__text"),
            class_name="card-link__body",
        ),
        href=SUMMARY_HREF,
        class_name="card-link",
    )

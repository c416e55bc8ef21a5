"""The frame around every page: quick exit first, header, main content, bottom navigation."""

from __future__ import annotations

import reflex as rx

from peersupport.components.bottom_nav import bottom_nav
from peersupport.components.connection import connection_banner
from peersupport.components.language import LanguageEffects, language_switch
from peersupport.components.navigation import app_link, back_link
from peersupport.components.quick_exit import quick_exit_button
from peersupport.components.tab_titles import tab_for
from peersupport.components.text import t


def page_title(path: str) -> rx.Var[str]:
    """The tab title of the page at `path`: a word of the neutral vocabulary
    (components/tab_titles.py), never the page's own heading."""
    return t(tab_for(path).value)


def page_frame(
    *content: rx.Component,
    title_key: str,
    current: str,
    back_to: str | None = "/",
) -> rx.Component:
    """Wrap a page's content; `back_to=None` hides the back arrow (the home page).

    The tab title follows `current`, the address of the app's part the page is in.
    """
    return rx.fragment(
        rx.el.header(
            quick_exit_button(),
            rx.el.a(
                t("skip.to_content"),
                href="#main",
                class_name="skip-link",
                custom_attrs={"data-focus-target": "main"},
            ),
            app_link(
                rx.el.img(src="/icons/logo.svg", alt="", width=28, height=28),
                rx.el.span(t("app.name")),
                href="/",
                class_name="app-header__name",
            ),
            language_switch(),
            class_name="app-header",
        ),
        connection_banner(),
        rx.el.main(
            back_link(back_to) if back_to else rx.fragment(),
            rx.el.h1(t(title_key)),
            *content,
            id="main",
            tab_index=-1,
            class_name="page",
        ),
        bottom_nav(current),
        LanguageEffects.create(page_title=page_title(current)),
    )

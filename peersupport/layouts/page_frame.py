"""The frame around every page: quick exit first, header, main content, bottom navigation."""

from __future__ import annotations

import reflex as rx

from peersupport.components.bottom_nav import bottom_nav
from peersupport.components.language import LanguageEffects, language_switch
from peersupport.components.navigation import app_link, back_link
from peersupport.components.quick_exit import quick_exit_button
from peersupport.components.text import t


def page_title(title_key: str) -> rx.Var[str]:
    """The tab title: the page's name after the app's neutral name."""
    return t("app.name") + " · " + t(title_key)  # type: ignore[operator]


def page_frame(
    *content: rx.Component,
    title_key: str,
    current: str,
    back_to: str | None = "/",
    tab_title_key: str | None = None,
) -> rx.Component:
    """Wrap a page's content; `back_to=None` hides the back arrow (the home page).

    `tab_title_key` names the page in the browser tab when its heading should not.
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
        rx.el.main(
            back_link(back_to) if back_to else rx.fragment(),
            rx.el.h1(t(title_key)),
            *content,
            id="main",
            tab_index=-1,
            class_name="page",
        ),
        bottom_nav(current),
        LanguageEffects.create(page_title=page_title(tab_title_key or title_key)),
    )

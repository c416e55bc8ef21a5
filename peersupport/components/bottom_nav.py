"""The bottom navigation on phones (a top bar on wide screens).

Only features that exist are listed; a feature joins this list when it is built.
"""

from __future__ import annotations

from typing import NamedTuple

import reflex as rx

from peersupport.components.navigation import app_link
from peersupport.components.text import t


class NavItem(NamedTuple):
    route: str
    label_key: str
    icon: str


NAV_ITEMS: tuple[NavItem, ...] = (
    NavItem("/", "nav.home", "/icons/nav-home.svg"),
    NavItem("/notities", "nav.notes", "/icons/nav-notes.svg"),
    NavItem("/hulp", "nav.help", "/icons/nav-help.svg"),
    NavItem("/veilig", "nav.safe", "/icons/nav-safe.svg"),
    NavItem("/over", "nav.about", "/icons/nav-about.svg"),
)


def _nav_item(item: NavItem, current: str) -> rx.Component:
    is_current = item.route == current
    return rx.el.li(
        app_link(
            rx.el.img(src=item.icon, alt="", class_name="bottom-nav__icon", width=24, height=24),
            rx.el.span(t(item.label_key), class_name="bottom-nav__label"),
            href=item.route,
            class_name="bottom-nav__link",
            aria_current="page" if is_current else None,
        )
    )


def bottom_nav(current: str) -> rx.Component:
    return rx.el.nav(
        rx.el.ul(*[_nav_item(item, current) for item in NAV_ITEMS], class_name="bottom-nav__list"),
        class_name="bottom-nav",
        aria_label=t("nav.label"),
    )

"""The bottom navigation on phones (a top bar on wide screens).

Only features that exist are listed; a feature joins this list when it is built.
The server-rendered reading pages (peersupport/http/html_frame.py) show the same list.
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
    # Shown in the top bar of wide screens only: a phone keeps five items.
    wide_only: bool = False


NAV_ITEMS: tuple[NavItem, ...] = (
    NavItem("/", "nav.home", "/icons/nav-home.svg"),
    NavItem("/notities", "nav.notes", "/icons/nav-notes.svg"),
    NavItem("/hulp", "nav.help", "/icons/nav-help.svg"),
    NavItem("/veilig", "nav.safe", "/icons/nav-safe.svg"),
    NavItem("/verhalen", "nav.stories", "/icons/nav-stories.svg"),
    # The boards, the checklists and the about page are also linked from the home page.
    NavItem("/prikbord", "nav.boards", "/icons/nav-boards.svg", wide_only=True),
    NavItem("/zelftest", "nav.checklists", "/icons/nav-checklists.svg", wide_only=True),
    NavItem("/over", "nav.about", "/icons/nav-about.svg", wide_only=True),
)


def _nav_item(item: NavItem, current: str) -> rx.Component:
    is_current = item.route == current
    children = (
        rx.el.img(src=item.icon, alt="", class_name="bottom-nav__icon", width=24, height=24),
        rx.el.span(t(item.label_key), class_name="bottom-nav__label"),
    )
    # A page the server renders is never the current one of a Reflex page.
    link = app_link(
        *children,
        href=item.route,
        class_name="bottom-nav__link",
        aria_current="page" if is_current else None,
    )
    return rx.el.li(link, class_name="bottom-nav__item--wide" if item.wide_only else None)


# "Remove all traces" from the menu, on phones in the bar's band beside the quick exit:
# it opens the safe-use page (a page from the server) with its confirmation open
# (assets/shell.js).
REMOVE_TRACES_ROUTE = "/veilig"


def bottom_nav(current: str) -> rx.Component:
    return rx.el.nav(
        app_link(
            t("traces.menu"),
            href=REMOVE_TRACES_ROUTE,
            class_name="bottom-nav__traces",
            custom_attrs={"data-open-remove-traces": ""},
        ),
        rx.el.ul(*[_nav_item(item, current) for item in NAV_ITEMS], class_name="bottom-nav__list"),
        class_name="bottom-nav",
        aria_label=t("nav.label"),
    )

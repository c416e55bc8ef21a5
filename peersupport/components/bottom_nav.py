"""The bottom navigation on phones (a top bar on wide screens).

Only features that exist are listed; a feature joins this list when it is built.
The server-rendered reading pages (peersupport/http/html_frame.py) show the same list.
On a phone the bar holds the five parts a boy comes for and "Meer", a sheet with the
rest (a <details>: it opens without scripts, by thumb or keyboard); from 900 px wide
every part stands in the bar itself.
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
    # On phones in the "Meer" sheet, on wide screens in the bar with the others.
    in_more: bool = False


NAV_ITEMS: tuple[NavItem, ...] = (
    NavItem("/", "nav.home", "/icons/nav-home.svg"),
    NavItem("/verhalen", "nav.stories", "/icons/nav-stories.svg"),
    NavItem("/prikbord", "nav.boards", "/icons/nav-boards.svg"),
    NavItem("/zelftest", "nav.checklists", "/icons/nav-checklists.svg"),
    NavItem("/hulp", "nav.help", "/icons/nav-help.svg"),
    NavItem("/notities", "nav.notes", "/icons/nav-notes.svg", in_more=True),
    NavItem("/veilig", "nav.safe", "/icons/nav-safe.svg", in_more=True),
    NavItem("/over", "nav.about", "/icons/nav-about.svg", in_more=True),
)
MORE_ICON = "/icons/nav-more.svg"


def _icon(src: str) -> rx.Component:
    return rx.el.img(src=src, alt="", class_name="bottom-nav__icon", width=24, height=24)


def _nav_link(item: NavItem, current: str) -> rx.Component:
    is_current = item.route == current
    children = (
        _icon(item.icon),
        rx.el.span(t(item.label_key), class_name="bottom-nav__label"),
    )
    # A page the server renders is never the current one of a Reflex page.
    return app_link(
        *children,
        href=item.route,
        class_name="bottom-nav__link",
        aria_current="page" if is_current else None,
    )


def _more(current: str) -> rx.Component:
    """The "Meer" sheet of a phone: the parts that do not fit in the bar."""
    return rx.el.li(
        rx.el.details(
            rx.el.summary(
                _icon(MORE_ICON),
                rx.el.span(t("nav.more"), class_name="bottom-nav__label"),
                class_name="bottom-nav__link",
            ),
            rx.el.ul(
                *[rx.el.li(_nav_link(item, current)) for item in NAV_ITEMS if item.in_more],
                class_name="bottom-nav__sheet",
            ),
            class_name="bottom-nav__more",
        ),
        class_name="bottom-nav__item--phone",
    )


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
        rx.el.ul(
            *[
                rx.el.li(
                    _nav_link(item, current),
                    class_name="bottom-nav__item--wide" if item.in_more else None,
                )
                for item in NAV_ITEMS
            ],
            _more(current),
            class_name="bottom-nav__list",
        ),
        class_name="bottom-nav",
        aria_label=t("nav.label"),
    )

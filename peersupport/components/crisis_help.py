"""Crisis first: the calm message an author sees at once when his words show acute risk.

It lies over the page (below the quick exit, which stays in reach) and names the help
routes that answer now, from `crisis_routes` in the help-routes data, with tel: links;
it first says honestly what happens to his words (a moderator reads them soon, nothing
is passed on to anyone), so that the quick exit never hides it. It never says that
someone was alerted.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import reflex as rx

from peersupport.components.help_route import call_button, website_button
from peersupport.components.text import language_pair, t
from peersupport.content import HelpRoute, help_routes
from peersupport.state.crisis_message import CRISIS_TITLE_ID


def _host(url: str) -> str:
    """The site as a boy would type it: "113.nl", not "https://www.113.nl"."""
    host = urlsplit(url).hostname or url
    return host.removeprefix("www.")


def _route(route: HelpRoute) -> rx.Component:
    actions = []
    if route.phone:
        actions.append(call_button(route, "crisis-help__call"))
    if route.website and route.id != "112":
        actions.append(website_button(route.website, t("crisis.chat", site=_host(route.website))))
    return rx.el.li(
        rx.el.p(rx.el.strong(route.name), class_name="crisis-help__name"),
        rx.el.p(language_pair(route.what), class_name="crisis-help__what"),
        rx.el.div(*actions, class_name="actions crisis-help__actions"),
        class_name="crisis-help__route",
    )


def crisis_help(shown: Any, sent: Any, on_close: Any) -> rx.Component:
    routes = help_routes()
    return rx.cond(
        shown,
        rx.el.div(
            rx.el.section(
                rx.el.h2(t("crisis.title"), id=CRISIS_TITLE_ID, tab_index=-1),
                rx.el.p(
                    rx.cond(sent, t("crisis.sent"), t("crisis.not_sent")),
                    class_name="crisis-help__after",
                ),
                rx.el.p(t("crisis.intro")),
                rx.el.ul(
                    *[_route(routes.by_id(route_id)) for route_id in routes.crisis_route_ids],
                    class_name="crisis-help__routes",
                ),
                rx.el.button(
                    t("crisis.close"),
                    type="button",
                    on_click=on_close,
                    class_name="button button--secondary",
                ),
                class_name="crisis-help",
                role="dialog",
                aria_labelledby=CRISIS_TITLE_ID,
            ),
            class_name="crisis-help__backdrop",
        ),
    )

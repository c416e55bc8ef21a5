"""Help: every help route from the content file, and which route fits which situation."""

import reflex as rx

from peersupport.components.first_aid_link import first_aid_link, summary_link
from peersupport.components.help_route import help_route_card, route_fit_guide
from peersupport.components.text import t
from peersupport.content import help_routes
from peersupport.layouts.page_frame import page_frame

ROUTE = "/hulp"


def help_page() -> rx.Component:
    routes = help_routes()
    return page_frame(
        rx.el.p(t("help.intro"), class_name="lead"),
        rx.el.div(first_aid_link(), summary_link(), class_name="card-list"),
        route_fit_guide(routes),
        rx.el.h2(t("help.all_routes"), id="alle-hulp"),
        rx.el.ul(
            *[rx.el.li(help_route_card(route)) for route in routes.routes],
            class_name="route-list",
        ),
        rx.el.p(
            t("help.checked", date=routes.list_checked.strftime("%d-%m-%Y")),
            class_name="muted",
        ),
        title_key="help.title",
        current=ROUTE,
    )

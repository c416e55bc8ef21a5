"""A help route as a card (call, website, hours, marks), on the self-test results and the
summary page; the help page shows the same card from the server (http/html_pieces.py)."""

from __future__ import annotations

import reflex as rx

from peersupport.components.navigation import external_link
from peersupport.components.text import language_pair, t
from peersupport.content import HelpRoute


def _mark(key: str) -> rx.Component:
    return rx.el.li(t(key), class_name="mark")


def call_button(route: HelpRoute, extra_class: str = "") -> rx.Component:
    """Call the route now: a tel: link that says its number."""
    return rx.el.a(
        t("help.call", number=route.phone),
        href=route.tel_href,
        class_name=f"button button--primary {extra_class}".rstrip(),
    )


def website_button(website: str, label: rx.Component | rx.Var) -> rx.Component:
    """A help route's website in a new tab (which screen readers hear)."""
    return external_link(
        label,
        rx.el.span(t("help.opens_new_tab"), class_name="visually-hidden"),
        href=website,
        class_name="button button--secondary",
    )


def help_route_card(route: HelpRoute) -> rx.Component:
    marks = [
        _mark(key)
        for key, applies in (
            ("help.mark.free", route.free),
            ("help.mark.anonymous", route.anonymous),
            ("help.mark.always_open", route.always_open),
        )
        if applies
    ]
    actions = []
    if route.phone:
        actions.append(call_button(route))
    if route.website:
        actions.append(website_button(route.website, t("help.website")))
    return rx.el.article(
        rx.el.h3(route.name, id=f"route-{route.id}"),
        rx.el.p(language_pair(route.what)),
        rx.el.ul(*marks, class_name="marks", aria_label=t("help.marks_label")) if marks else None,
        rx.el.p(
            rx.el.span(t("help.hours"), class_name="label"),
            " ",
            language_pair(route.hours),
        )
        if route.hours
        else None,
        rx.el.p(language_pair(route.note), class_name="note") if route.note else None,
        rx.el.div(*actions, class_name="actions"),
        class_name="route-card",
        aria_labelledby=f"route-{route.id}",
    )

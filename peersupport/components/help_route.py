"""A help route as a card (call, website, hours, marks) and the "which route fits" guide."""

from __future__ import annotations

import reflex as rx

from peersupport.components.navigation import external_link
from peersupport.components.text import language_pair, t
from peersupport.content import HelpRoute, HelpRoutes


def _mark(key: str) -> rx.Component:
    return rx.el.li(t(key), class_name="mark")


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
        actions.append(
            rx.el.a(
                t("help.call", number=route.phone),
                href=route.tel_href,
                class_name="button button--primary",
            )
        )
    if route.website:
        actions.append(
            external_link(
                t("help.website"),
                rx.el.span(t("help.opens_new_tab"), class_name="visually-hidden"),
                href=route.website,
                class_name="button button--secondary",
            )
        )
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


def route_fit_guide(routes: HelpRoutes) -> rx.Component:
    return rx.el.section(
        rx.el.h2(t("help.fits.title"), id="wat-past"),
        rx.el.ul(
            *[
                rx.el.li(
                    rx.el.span(language_pair(fit.situation), class_name="fit__situation"),
                    rx.el.span(
                        ", ".join(routes.by_id(route_id).name for route_id in fit.route_ids),
                        class_name="fit__routes",
                    ),
                    class_name="fit",
                )
                for fit in routes.fits
            ],
            class_name="fit-list",
        ),
        class_name="panel",
        aria_labelledby="wat-past",
    )

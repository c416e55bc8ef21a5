"""Links inside the app. They replace the current history entry instead of adding
one, so the whole app stays one entry: after a quick exit, Back leads to the page
from before the app, never into it."""

from __future__ import annotations

import reflex as rx
from reflex_components_core.react_router.dom import ReactRouterLink

from peersupport.components.text import t


def app_link(
    *children: rx.Component | rx.Var | str, href: str | rx.Var[str], **props: object
) -> rx.Component:
    """An in-app link that never adds a browser history entry."""
    return ReactRouterLink.create(*children, to=href, replace=True, **props)


def back_link(href: str = "/") -> rx.Component:
    """The page's own visible back arrow (the browser's Back would leave the app)."""
    return app_link(
        rx.el.span("←", aria_hidden="true", class_name="back-link__arrow"),
        t("nav.back"),
        href=href,
        class_name="back-link",
    )


def external_link(
    *children: rx.Component | rx.Var | str, href: str, **props: object
) -> rx.Component:
    """A link to another site: new tab, no referrer, so the other site learns nothing."""
    return rx.el.a(*children, href=href, target="_blank", rel="noopener noreferrer", **props)

"""Links inside the app. They replace the current history entry instead of adding
one, so the whole app stays one entry: after a quick exit, Back leads to the page
from before the app, never into it.

Some pages are plain pages from the server, outside the Reflex router (peersupport/http/:
home, the stories, the first aid steps, help, safe use, about, the lists of self-tests
and boards, reading a board or a thread): a link to one is a full page load that
replaces the history entry (assets/shell.js handles `data-replace`); a router link would
look the route up in the app and show its 404 page."""

from __future__ import annotations

import reflex as rx
from reflex_components_core.react_router.dom import ReactRouterLink

from peersupport.components.text import t

# The addresses the server renders itself, and those whose pages under them it renders
# too (each story); the self-tests under /zelftest and writing on a board or in a thread
# (/prikbord/bord/schrijven, /prikbord/onderwerp/reageren) are Reflex pages.
HOME_ROUTE = "/"
SERVER_PAGE_ROUTES = frozenset(
    {
        HOME_ROUTE,
        "/verhalen",
        "/stappen",
        "/hulp",
        "/veilig",
        "/over",
        "/zelftest",
        "/prikbord",
        "/prikbord/bord",
        "/prikbord/onderwerp",
    }
)
SERVER_PAGE_TREES = ("/verhalen/",)


def is_server_page(href: str) -> bool:
    """Whether `href` ("/", "/hulp", "/verhalen/3?x=1") is a page the server renders."""
    path = href.split("?", 1)[0].split("#", 1)[0].rstrip("/") or HOME_ROUTE
    return path in SERVER_PAGE_ROUTES or path.startswith(SERVER_PAGE_TREES)


def leave_for_home() -> str:
    """A script for `rx.call_script`: load the home page (a page from the server) in
    place of this one, as its links do."""
    return f"window.location.replace({HOME_ROUTE!r})"


def app_link(
    *children: rx.Component | rx.Var | str, href: str | rx.Var[str], **props: object
) -> rx.Component:
    """An in-app link that never adds a browser history entry."""
    if isinstance(href, str) and is_server_page(href):
        given = props.pop("custom_attrs", None)
        custom_attrs = {**(given if isinstance(given, dict) else {}), "data-replace": ""}
        return rx.el.a(*children, href=href, custom_attrs=custom_attrs, **props)
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


def account_buttons() -> rx.Component:
    """For a visitor on a members' page: sign up (the main way) or log in."""
    return rx.el.div(
        app_link(t("account.signup.title"), href="/aanmelden", class_name="button button--primary"),
        app_link(t("account.login.title"), href="/inloggen", class_name="button button--secondary"),
        class_name="actions",
    )


def members_only_line(intro_key: str) -> rx.Component:
    """A visitor where only members act: the sentence `intro_key`, then log in · sign up."""
    return rx.el.p(
        t(intro_key),
        " ",
        app_link(t("boards.log_in"), href="/inloggen"),
        " · ",
        app_link(t("boards.sign_up"), href="/aanmelden"),
        class_name="callout",
    )

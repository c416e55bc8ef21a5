"""The public pages a boy reads before anything else, rendered on the server as plain
HTML: home (/), help (/hulp), safe use (/veilig), about (/over), and the lists of
self-tests (/zelftest) and boards (/prikbord) from peersupport/http/list_pages.py (each
self-test, board and thread is a Reflex page).

Why not Reflex pages: a Reflex page shows its words only after its JavaScript bundle
loaded; these pages hold only text from the catalogs and content files, so the server
sends them ready to read, in the visitor's language (`ps-lang`, or `?taal=`), inside the
frame every server page shares (peersupport/http/html_frame.py). They read fine without
JavaScript; "remove all traces" on the safe-use page works once /shell.js is there.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from peersupport.content import Fact, HelpRoutes, Source, about_facts, help_routes
from peersupport.http.html_frame import (
    attr,
    back_link,
    card_link,
    html_page,
    i18n_attrs,
    rendering_in,
    text,
    tr,
)
from peersupport.http.html_pieces import help_route_html, pair
from peersupport.http.list_pages import (
    BOARDS_ROUTE,
    SELF_TESTS_ROUTE,
    boards_main_html,
    self_tests_main_html,
)
from peersupport.http.story_pages import html_response, page_language
from peersupport.settings import load_settings

HELP_ROUTE = "/hulp"
SAFE_USE_ROUTE = "/veilig"
ABOUT_ROUTE = "/over"
HOME_ROUTE = "/"
FIRST_AID_HREF = "/stappen"
SUMMARY_HREF = "/kort"


def _heading(title_key: str) -> str:
    """The back arrow and the page's heading, as on every app page."""
    return f"{back_link(HOME_ROUTE)}<h1>{tr(text(title_key))}</h1>"


def _paragraphs(*keys: str) -> str:
    return "".join(f"<p>{tr(text(key))}</p>" for key in keys)


# --- home ------------------------------------------------------------------------------

# What this place is, in two sentences, with help one tap away: (address, title key,
# text key, icon, extra class) of each card.
HOME_CARDS = (
    ("/verhalen", "stories.home_card.title", "stories.home_card.text", "nav-stories", "stories"),
    (FIRST_AID_HREF, "first_aid.open", "first_aid.open_text", "nav-safe", "first-aid"),
    (
        SELF_TESTS_ROUTE,
        "home.card.checklists.title",
        "home.card.checklists.text",
        "nav-checklists",
        "",
    ),
    (BOARDS_ROUTE, "home.card.boards.title", "home.card.boards.text", "nav-boards", ""),
    (HELP_ROUTE, "home.card.help.title", "home.card.help.text", "nav-help", ""),
    (SAFE_USE_ROUTE, "home.card.safe.title", "home.card.safe.text", "nav-safe", ""),
    (ABOUT_ROUTE, "home.card.about.title", "home.card.about.text", "nav-about", ""),
)


def home_main_html() -> str:
    cards = "".join(
        card_link(
            href,
            text(title_key),
            text(text_key),
            f"/icons/{icon}.svg",
            f"card-link--{modifier}" if modifier else "",
        )
        for href, title_key, text_key, icon, modifier in HOME_CARDS
    )
    return (
        f"<h1>{tr(text('home.title'))}</h1>"
        f'<p class="lead">{tr(text("home.intro"))}</p>'
        f'<p class="callout">{tr(text("home.not_your_fault"))}</p>'
        f'<nav class="card-list" {i18n_attrs(aria_label=text("home.cards_label"))}>{cards}</nav>'
        f'<p class="urgent">{tr(text("home.urgent"))} '
        f'<a href="tel:112" class="inline-tel">{tr(text("home.urgent_call"))}</a></p>'
        f'<p class="muted">{tr(text("home.exit_tip"))}</p>'
    )


# --- help ------------------------------------------------------------------------------


def _fit_guide(routes: HelpRoutes) -> str:
    """Which route fits which situation."""
    items = "".join(
        '<li class="fit">'
        f'<span class="fit__situation">{tr(pair(fit.situation))}</span>'
        '<span class="fit__routes">'
        f"{attr(', '.join(routes.by_id(route_id).name for route_id in fit.route_ids))}</span>"
        "</li>"
        for fit in routes.fits
    )
    return (
        '<section class="panel" aria-labelledby="wat-past">'
        f'<h2 id="wat-past">{tr(text("help.fits.title"))}</h2>'
        f'<ul class="fit-list">{items}</ul></section>'
    )


def help_main_html() -> str:
    routes = help_routes()
    cards = card_link(
        FIRST_AID_HREF,
        text("first_aid.open"),
        text("first_aid.open_text"),
        "/icons/nav-safe.svg",
        "card-link--first-aid",
    ) + card_link(
        SUMMARY_HREF,
        text("summary.open"),
        text("summary.open_text"),
        "/icons/nav-notes.svg",
    )
    all_routes = "".join(f"<li>{help_route_html(route)}</li>" for route in routes.routes)
    checked = text("help.checked", date=routes.list_checked.strftime("%d-%m-%Y"))
    return (
        _heading("help.title")
        + f'<p class="lead">{tr(text("help.intro"))}</p>'
        + f'<div class="card-list">{cards}</div>'
        + _fit_guide(routes)
        + f'<h2 id="alle-hulp">{tr(text("help.all_routes"))}</h2>'
        + f'<ul class="route-list">{all_routes}</ul>'
        + f'<p class="muted">{tr(checked)}</p>'
    )


# --- safe use --------------------------------------------------------------------------

# Each section: a heading and its paragraphs or steps, all from the catalogs. Every
# sentence is checked against what a browser really keeps (tests/browser/
# test_history_list.py, test_traces.py, test_pwa.py).
SAFE_SECTIONS: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("safe.exit.title", ("safe.exit.p1", "safe.exit.p2"), ()),
    (
        "safe.traces.title",
        ("safe.traces.p1",),
        (
            "safe.traces.history",
            "safe.traces.back",
            "safe.traces.language",
            "safe.traces.offline",
            "safe.traces.remembered",
            "safe.traces.helped",
            "safe.traces.installed",
        ),
    ),
    (
        "safe.history.title",
        ("safe.history.p1",),
        (
            "safe.history.android",
            "safe.history.iphone",
            "safe.history.one_entry",
        ),
    ),
    (
        "safe.sitedata.title",
        ("safe.sitedata.p1",),
        ("safe.sitedata.android", "safe.sitedata.iphone"),
    ),
    ("safe.private.title", ("safe.private.p1",), ("safe.private.android", "safe.private.iphone")),
    ("safe.installed.title", ("safe.installed.p1",), ()),
    ("safe.shared.title", ("safe.shared.p1", "safe.shared.p2"), ()),
    ("safe.we_keep.title", ("safe.we_keep.p1", "safe.we_keep.p2"), ()),
)
# The remove-traces panel comes after this many sections.
_SECTIONS_BEFORE_REMOVING = 4


def _safe_section(
    title_key: str, paragraph_keys: tuple[str, ...], item_keys: tuple[str, ...]
) -> str:
    slug = title_key.split(".")[1]
    steps = (
        '<ul class="steps">' + "".join(f"<li>{tr(text(key))}</li>" for key in item_keys) + "</ul>"
        if item_keys
        else ""
    )
    return (
        f'<section class="panel" aria-labelledby="safe-{slug}">'
        f'<h2 id="safe-{slug}">{tr(text(title_key))}</h2>'
        f"{_paragraphs(*paragraph_keys)}{steps}</section>"
    )


def remove_traces_panel(panel_id: str = "remove-traces") -> str:
    """ "Remove all traces": one button that opens a plain confirmation in place, next to
    it; "yes" clears everything the app put in this browser and leaves like the quick
    exit. The behaviour is in assets/shell.js."""
    confirm_id = f"{panel_id}-confirm"
    return (
        f'<section id="{panel_id}" class="panel" aria-labelledby="{panel_id}-title">'
        f'<h2 id="{panel_id}-title">{tr(text("traces.remove.title"))}</h2>'
        f"<p>{tr(text('traces.remove.text'))}</p>"
        '<button type="button" class="button button--secondary" aria-expanded="false" '
        f'aria-controls="{confirm_id}" data-remove-traces>{tr(text("traces.remove.button"))}'
        "</button>"
        f'<div id="{confirm_id}" role="group" aria-labelledby="{confirm_id}-title" '
        'class="callout remove-traces__confirm" hidden>'
        f'<h3 id="{confirm_id}-title" tabindex="-1">{tr(text("traces.confirm.title"))}</h3>'
        f"<p>{tr(text('traces.confirm.text'))}</p>"
        '<div class="actions">'
        '<button type="button" class="button button--primary" data-remove-traces-yes>'
        f"{tr(text('traces.confirm.yes'))}</button>"
        '<button type="button" class="button button--secondary" data-remove-traces-no>'
        f"{tr(text('traces.confirm.no'))}</button>"
        "</div></div></section>"
    )


def safe_use_main_html() -> str:
    before = SAFE_SECTIONS[:_SECTIONS_BEFORE_REMOVING]
    after = SAFE_SECTIONS[_SECTIONS_BEFORE_REMOVING:]
    return (
        _heading("safe.title")
        + f'<p class="lead">{tr(text("safe.intro"))}</p>'
        + "".join(_safe_section(*section) for section in before)
        + remove_traces_panel()
        + "".join(_safe_section(*section) for section in after)
    )


# --- about -----------------------------------------------------------------------------


def _source(source: Source) -> str:
    if source.url:
        return (
            f'<li><a href="{attr(source.url)}" target="_blank" rel="noopener noreferrer">'
            f"{attr(source.name)}</a></li>"
        )
    return f"<li>{attr(source.name)}</li>"


def _fact(fact: Fact) -> str:
    sources = "".join(_source(source) for source in fact.sources)
    return (
        '<li class="fact">'
        f"<p>{tr(pair(fact.text))}</p>"
        f'<p class="label">{tr(text("about.source"))}</p>'
        f'<ul class="sources">{sources}</ul></li>'
    )


def about_main_html() -> str:
    facts = "".join(_fact(fact) for fact in about_facts())
    return (
        _heading("about.title")
        + f'<p class="lead">{tr(text("about.intro"))}</p>'
        + _paragraphs("about.why_silent", "about.not_alone")
        + f'<h2 id="feiten">{tr(text("about.facts.title"))}</h2>'
        + f'<ul class="fact-list">{facts}</ul>'
        + f'<h2 id="privacy">{tr(text("about.privacy.title"))}</h2>'
        + _paragraphs("about.privacy.p1")
    )


# --- documents and routes --------------------------------------------------------------

INFO_PAGES: dict[str, Callable[[], str]] = {
    HOME_ROUTE: home_main_html,
    HELP_ROUTE: help_main_html,
    SAFE_USE_ROUTE: safe_use_main_html,
    ABOUT_ROUTE: about_main_html,
    SELF_TESTS_ROUTE: self_tests_main_html,
    BOARDS_ROUTE: boards_main_html,
}


@lru_cache(maxsize=32)
def info_document(route: str, exit_url: str, language: str = "nl") -> str:
    """The whole page at `route` (one of INFO_PAGES) in `language`: the same for every
    visitor, so it is built once."""
    with rendering_in(language):
        return html_page(main_html=INFO_PAGES[route](), current=route, exit_url=exit_url)


def info_routes() -> list[BaseRoute]:
    """Each page at its address with and without the "/" a Reflex page had."""

    def serve(route: str) -> Callable[[Request], Response]:
        def page(request: Request) -> Response:
            document = info_document(route, load_settings().exit_url, page_language(request))
            return html_response(request, document)

        return page

    return [
        Route(path, serve(route), methods=["GET"])
        for route in INFO_PAGES
        for path in dict.fromkeys((route, route.rstrip("/") + "/"))
    ]

"""The public reading pages, rendered on the server as plain HTML, and "this helped me".

Reading needs no account and must be fast on a cheap phone over a slow connection: the
story text is in the first response, with no JavaScript bundle and no websocket. The
pages share the frame of every other page (peersupport/http/html_frame.py).

- GET /verhalen: published stories, newest first; ?thema=<theme>&taal=<nl|en>&na=<cursor>
- GET /verhalen/{id}: one published story, its content warnings first
- POST /api/verhalen/{id}/hielp: {"key": <browser key>} -> {"count": n, "counted": bool}

All rules (what is published, what a valid theme, cursor or browser key is) live in
peersupport/services/stories.py; this module only turns requests into calls and answers
into HTML or JSON.
"""

from __future__ import annotations

import asyncio
import gzip
import json
import logging
from collections.abc import Callable, Iterable, Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass
from html import escape
from urllib.parse import urlencode

from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from peersupport.content import HelpRoute, help_routes
from peersupport.database import session_scope
from peersupport.http.html_frame import (
    Bilingual,
    app_href,
    attr,
    back_link,
    html_page,
    i18n_attrs,
    join,
    language_of,
    rendering_in,
    same,
    tab_title,
    text,
    tr,
    tr_html,
)
from peersupport.services import stories
from peersupport.services.errors import InvalidInput
from peersupport.services.stories import PublishedStory, StoryCard
from peersupport.settings import Settings, load_settings, server_secret

ROUTE = "/verhalen"
THEME_PARAM, LANGUAGE_PARAM, CURSOR_PARAM = "thema", "taal", "na"
MAX_HELPED_BODY_BYTES = 1024
# Help shown under every story: anonymous talk first; 113 joins for stories about self-harm.
STORY_HELP_ROUTE_IDS = ("fier", "kindertelefoon", "helpwanted")
SELF_HARM_HELP_ROUTE_ID = "113"
HELP_ROUTE = "/hulp"
LANGUAGE_KEYS = {"nl": "stories.language.nl", "en": "stories.language.en"}

SessionScope = Callable[[], AbstractContextManager[Session]]

log = logging.getLogger(__name__)


# --- pieces --------------------------------------------------------------------------------


def pair(texts: Mapping[str, str]) -> Bilingual:
    """A text from a content file entry shaped ``{nl = "...", en = "..."}``."""
    return Bilingual(texts["nl"], texts["en"])


def theme_names(codes: Iterable[str]) -> list[Bilingual]:
    return [text(stories.THEME_KEYS[code]) for code in codes if code in stories.THEME_KEYS]


def warning_names(codes: Iterable[str]) -> Bilingual:
    keys = stories.WARNING_KEYS
    return join([text(keys[code]) for code in codes if code in keys])


def _marks(names: list[Bilingual], label: Bilingual) -> str:
    if not names:
        return ""
    items = "".join(f'<li class="mark">{tr(name)}</li>' for name in names)
    return f'<ul class="marks" {i18n_attrs(aria_label=label)}>{items}</ul>'


def _story_meta(card: StoryCard) -> str:
    return (
        '<p class="story-meta">'
        f"{tr(text('stories.reading_time', minutes=card.reading_minutes))}"
        '<span aria-hidden="true"> · </span>'
        f'<span class="visually-hidden">, </span>{tr(text(LANGUAGE_KEYS[card.language]))}'
        "</p>"
    )


def story_card_html(card: StoryCard) -> str:
    """A story in a list: title (the link), reading time, themes and content warnings."""
    heading_id = f"story-{card.id}"
    warning = ""
    if card.warnings:
        warning = (
            '<p class="story-card__warning"><span aria-hidden="true">⚠ </span>'
            f"{tr(text('stories.card.warning', warnings=warning_names(card.warnings)))}</p>"
        )
    return (
        f'<article class="story-card" aria-labelledby="{heading_id}">'
        f'<h3 class="story-card__title" id="{heading_id}">'
        f'<a href="{ROUTE}/{card.id}" data-replace lang="{attr(card.language)}">'
        f"{escape(card.title)}</a></h3>"
        f"{_story_meta(card)}"
        f"{_marks(theme_names(card.themes), text('stories.card.themes_label'))}"
        f"{warning}"
        "</article>"
    )


def _story_list(cards: Iterable[StoryCard]) -> str:
    items = "".join(f"<li>{story_card_html(card)}</li>" for card in cards)
    return f'<ul class="story-list">{items}</ul>'


def help_route_html(route: HelpRoute) -> str:
    """A help route as on the help page (peersupport/components/help_route.py)."""
    marks = [
        text(key)
        for key, applies in (
            ("help.mark.free", route.free),
            ("help.mark.anonymous", route.anonymous),
            ("help.mark.always_open", route.always_open),
        )
        if applies
    ]
    parts = [
        f'<h3 id="route-{attr(route.id)}">{escape(route.name)}</h3>',
        f"<p>{tr(pair(route.what))}</p>",
        _marks(marks, text("help.marks_label")),
    ]
    if route.hours:
        parts.append(
            f'<p><span class="label">{tr(text("help.hours"))}</span> {tr(pair(route.hours))}</p>'
        )
    if route.note:
        parts.append(f'<p class="note">{tr(pair(route.note))}</p>')
    actions = []
    if route.phone and route.tel_href:
        actions.append(
            f'<a class="button button--primary" href="{attr(route.tel_href)}">'
            f"{tr(text('help.call', number=route.phone))}</a>"
        )
    if route.website:
        actions.append(
            f'<a class="button button--secondary" href="{attr(route.website)}" target="_blank" '
            f'rel="noopener noreferrer">{tr(text("help.website"))}'
            f'<span class="visually-hidden">{tr(text("help.opens_new_tab"))}</span></a>'
        )
    parts.append(f'<div class="actions">{"".join(actions)}</div>')
    return (
        f'<article class="route-card" aria-labelledby="route-{attr(route.id)}">'
        f"{''.join(parts)}</article>"
    )


def _button_link(href: str, label: Bilingual, kind: str = "secondary") -> str:
    return f'<a class="button button--{kind}" href="{attr(href)}" data-replace>{tr(label)}</a>'


# --- the list --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ListQuery:
    """The list's query parameters as sent; the stories service validates them."""

    theme: str | None = None
    language: str | None = None
    cursor: str | None = None

    @classmethod
    def from_params(cls, params: Mapping[str, str]) -> ListQuery:
        def value(name: str) -> str | None:
            return params.get(name) or None

        return cls(value(THEME_PARAM), value(LANGUAGE_PARAM), value(CURSOR_PARAM))

    @property
    def filtered(self) -> bool:
        return self.theme is not None or self.language is not None

    def url(self, cursor: str | None = None) -> str:
        """The list with these filters, at `cursor` (None: the newest stories)."""
        params = {
            name: value
            for name, value in (
                (THEME_PARAM, self.theme),
                (LANGUAGE_PARAM, self.language),
                (CURSOR_PARAM, cursor),
            )
            if value
        }
        return f"{ROUTE}?{urlencode(params)}" if params else ROUTE


def _option(value: str, label: Bilingual, chosen: str | None) -> str:
    selected = " selected" if value == (chosen or "") else ""
    return f'<option value="{attr(value)}"{selected}>{tr(label)}</option>'


def _filter_form(query: ListQuery) -> str:
    themes = [_option("", text("stories.filter.theme_all"), query.theme)] + [
        _option(code, text(key), query.theme) for code, key in stories.THEME_KEYS.items()
    ]
    languages = [_option("", text("stories.filter.language_all"), query.language)] + [
        _option(code, text(key), query.language) for code, key in LANGUAGE_KEYS.items()
    ]
    return (
        f'<form class="story-filter" method="get" action="{ROUTE}" data-replace '
        'aria-labelledby="filter-title">'
        f'<h2 id="filter-title" class="visually-hidden">{tr(text("stories.filter.title"))}</h2>'
        '<div class="story-filter__fields">'
        '<div class="field"><label class="field__label" for="filter-theme">'
        f"{tr(text('stories.filter.theme'))}</label>"
        f'<select class="field__input" id="filter-theme" name="{THEME_PARAM}">'
        f"{''.join(themes)}</select></div>"
        '<div class="field"><label class="field__label" for="filter-language">'
        f"{tr(text('stories.filter.language'))}</label>"
        f'<select class="field__input" id="filter-language" name="{LANGUAGE_PARAM}">'
        f"{''.join(languages)}</select></div>"
        "</div>"
        '<button type="submit" class="button button--secondary">'
        f"{tr(text('stories.filter.submit'))}</button>"
        "</form>"
    )


def list_main_html(cards: list[StoryCard], next_cursor: str | None, query: ListQuery) -> str:
    """The list page's content: intro, filter, stories (or why there are none), paging."""
    parts = [
        back_link("/"),
        f"<h1>{tr(text('stories.title'))}</h1>",
        f'<p class="lead">{tr(text("stories.intro"))}</p>',
    ]
    if not cards and not query.filtered and query.cursor is None:
        parts += [
            f"<h2>{tr(text('stories.empty.title'))}</h2>",
            f"<p>{tr(text('stories.empty.text'))}</p>",
            f"<p>{_button_link(app_href(HELP_ROUTE), text('stories.empty.help'), 'primary')}</p>",
        ]
        return "".join(parts)
    parts.append(_filter_form(query))
    if not cards:
        parts += [
            f"<h2>{tr(text('stories.no_match.title'))}</h2>",
            f"<p>{tr(text('stories.no_match.text'))}</p>",
            f"<p>{_button_link(ROUTE, text('stories.no_match.clear'))}</p>",
        ]
        return "".join(parts)
    parts += [
        f'<h2 id="story-list-title">{tr(text("stories.list.title"))}</h2>',
        _story_list(cards),
    ]
    paging = []
    if next_cursor:
        paging.append(_button_link(query.url(next_cursor), text("stories.more"), "primary"))
    if query.cursor:
        paging.append(_button_link(query.url(), text("stories.back_to_newest")))
    if paging:
        parts.append(f'<div class="actions story-paging">{"".join(paging)}</div>')
    return "".join(parts)


# --- one story -------------------------------------------------------------------------------


def _caution(card: StoryCard) -> str:
    return (
        '<section class="story-caution" aria-labelledby="caution-title">'
        '<h2 id="caution-title"><span aria-hidden="true">⚠ </span>'
        f"{tr(text('stories.caution.title'))}</h2>"
        f"<p>{tr(text('stories.caution.about', warnings=warning_names(card.warnings)))}</p>"
        f"<p>{tr(text('stories.caution.choice'))}</p>"
        '<div class="actions" data-read-choice>'
        '<button type="button" class="button button--primary" data-read-anyway '
        'aria-controls="story-reading" aria-expanded="false">'
        f"{tr(text('stories.caution.read_anyway'))}</button>"
        f"{_button_link(ROUTE, text('stories.caution.not_now'))}"
        "</div></section>"
    )


def _helped(story: PublishedStory) -> str:
    count = f"<span data-helped-count>{story.helped_count}</span>"
    marker = "\x00count\x00"
    messages = "".join(
        f'<template data-message="{name}">{tr(text(key))}</template>'
        for name, key in (
            ("sending", "stories.helped.sending"),
            ("thanks", "stories.helped.thanks"),
            ("already", "stories.helped.already"),
            ("failed", "stories.helped.failed"),
        )
    )
    return (
        '<section class="panel story-helped" data-helped-box aria-labelledby="helped-title">'
        f'<h2 id="helped-title">{tr(text("stories.helped.title"))}</h2>'
        f"<p>{tr(text('stories.helped.text'))}</p>"
        f'<p class="story-helped__count">'
        f"{tr_html(text('stories.helped.count', count=marker), marker, count)}</p>"
        '<button type="button" class="button button--primary" '
        f'data-helped="/api{ROUTE}/{story.card.id}/hielp">'
        f"{tr(text('stories.helped.button'))}</button>"
        '<p class="story-helped__status" data-helped-status role="status" aria-live="polite">'
        f"</p>{messages}</section>"
    )


def _story_help(card: StoryCard) -> str:
    wanted = STORY_HELP_ROUTE_IDS + (
        (SELF_HARM_HELP_ROUTE_ID,) if "self_harm" in card.warnings else ()
    )
    routes = [route for route in help_routes().routes if route.id in wanted]
    routes.sort(key=lambda route: wanted.index(route.id))
    items = "".join(f"<li>{help_route_html(route)}</li>" for route in routes)
    return (
        '<section class="story-help" aria-labelledby="story-help-title">'
        f'<h2 id="story-help-title">{tr(text("stories.help.title"))}</h2>'
        f"<p>{tr(text('stories.help.text'))}</p>"
        f'<ul class="route-list">{items}</ul>'
        f'<p class="urgent">{tr(text("home.urgent"))} '
        f'<a class="inline-tel" href="tel:112">{tr(text("home.urgent_call"))}</a></p>'
        f"<p>{_button_link(app_href(HELP_ROUTE), text('stories.help.all'))}</p>"
        "</section>"
    )


def story_main_html(story: PublishedStory) -> str:
    """The story page's content. `body_html` comes from the stories service, which
    builds it from escaped text; it is the only HTML inserted as is."""
    card = story.card
    warned = bool(card.warnings)
    parts = [
        back_link(ROUTE),
        f'<h1 id="story-title" lang="{attr(card.language)}">{escape(card.title)}</h1>',
        _story_meta(card),
        _marks(theme_names(card.themes), text("stories.card.themes_label")),
        _caution(card) if warned else "",
        f'<div id="story-reading" class="story-reading" tabindex="-1"'
        f"{' data-warned' if warned else ''}>"
        f'<div class="story-text" lang="{attr(card.language)}">{story.body_html}</div>'
        f"{_helped(story)}</div>",
    ]
    if story.related:
        parts.append(
            '<section class="story-related" aria-labelledby="related-title">'
            f'<h2 id="related-title">{tr(text("stories.related.title"))}</h2>'
            f"{_story_list(story.related)}</section>"
        )
    parts.append(_story_help(card))
    return "".join(parts)


def message_main_html(title_key: str, text_key: str) -> str:
    """A short page saying what went wrong, with the way back to the stories."""
    return (
        f"{back_link(ROUTE)}"
        f"<h1>{tr(text(title_key))}</h1>"
        f'<p class="lead">{tr(text(text_key))}</p>'
        f"<p>{_button_link(ROUTE, text('stories.all_stories'), 'primary')}</p>"
    )


# --- whole documents -----------------------------------------------------------------------


# Each in `language` ("en" or "nl"; anything else is Dutch).


def list_document(
    cards: list[StoryCard],
    next_cursor: str | None,
    query: ListQuery,
    exit_url: str,
    language: str = "nl",
) -> str:
    with rendering_in(language):
        return html_page(
            title=tab_title(text("stories.title")),
            main_html=list_main_html(cards, next_cursor, query),
            current=ROUTE,
            exit_url=exit_url,
        )


def story_document(story: PublishedStory, exit_url: str, language: str = "nl") -> str:
    with rendering_in(language):
        return html_page(
            title=tab_title(same(story.card.title)),
            main_html=story_main_html(story),
            current=ROUTE,
            exit_url=exit_url,
        )


def message_document(title_key: str, text_key: str, exit_url: str, language: str = "nl") -> str:
    with rendering_in(language):
        return html_page(
            title=tab_title(text(title_key)),
            main_html=message_main_html(title_key, text_key),
            current=ROUTE,
            exit_url=exit_url,
        )


# --- routes --------------------------------------------------------------------------------


def html_response(request: Request, document: str, status: int = 200) -> Response:
    """A page as `text/html; charset=utf-8`, gzipped when the browser accepts it: a
    story page then fits in the first few packets of a slow connection."""
    body = document.encode("utf-8")
    headers = {"vary": "accept-encoding, cookie"}
    if "gzip" in request.headers.get("accept-encoding", "").lower():
        body = gzip.compress(body, compresslevel=6)
        headers["content-encoding"] = "gzip"
    return Response(body, status_code=status, media_type="text/html", headers=headers)


def _message_response(request: Request, status: int, title_key: str, text_key: str) -> Response:
    document = message_document(
        title_key, text_key, load_settings().exit_url, language_of(request.cookies)
    )
    return html_response(request, document, status)


def _unavailable(request: Request, error: SQLAlchemyError) -> Response:
    log.warning("stories: the database did not answer (%s)", type(error).__name__)
    return _message_response(request, 503, "stories.unavailable.title", "stories.unavailable.text")


def _json_error(status: int, code: str) -> JSONResponse:
    return JSONResponse({"error": code}, status_code=status)


async def _body_within(request: Request, limit: int) -> bytes | None:
    """The request body, or None as soon as it is longer than `limit` bytes."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        return None
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            return None
    return body


def story_routes(sessions: SessionScope = session_scope) -> list[BaseRoute]:
    """The reading pages and "this helped me"; `sessions` opens one unit of work."""

    def read_list(query: ListQuery) -> tuple[list[StoryCard], str | None]:
        with sessions() as session:
            return stories.list_published(
                session, theme=query.theme, language=query.language, cursor=query.cursor
            )

    def read_story(story_id: int) -> PublishedStory | None:
        with sessions() as session:
            return stories.get_published(session, story_id)

    def mark_helped(story_id: int, key: object, settings: Settings) -> tuple[int, bool]:
        secret = server_secret(settings)
        for attempt in (1, 2):
            try:
                with sessions() as session:
                    return stories.mark_helped(session, story_id, key, secret)
            except IntegrityError:
                # The same browser counted at the same moment in another request: the
                # second attempt finds that mark and counts nothing.
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    async def story_list(request: Request) -> Response:
        query = ListQuery.from_params(request.query_params)
        try:
            cards, next_cursor = await asyncio.to_thread(read_list, query)
        except InvalidInput:
            return _message_response(
                request, 400, "stories.bad_request.title", "stories.bad_request.text"
            )
        except SQLAlchemyError as error:
            return _unavailable(request, error)
        document = list_document(
            cards, next_cursor, query, load_settings().exit_url, language_of(request.cookies)
        )
        return html_response(request, document)

    async def story_page(request: Request) -> Response:
        try:
            story = await asyncio.to_thread(read_story, request.path_params["story_id"])
        except SQLAlchemyError as error:
            return _unavailable(request, error)
        if story is None:
            return _message_response(
                request, 404, "stories.not_found.title", "stories.not_found.text"
            )
        document = story_document(story, load_settings().exit_url, language_of(request.cookies))
        return html_response(request, document)

    async def helped(request: Request) -> JSONResponse:
        settings = load_settings()
        origin = request.headers.get("origin")
        if origin is not None and origin != settings.public_origin:
            return _json_error(403, "origin")
        media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if media_type != "application/json":
            return _json_error(415, "content_type")
        body = await _body_within(request, MAX_HELPED_BODY_BYTES)
        if body is None:
            return _json_error(413, "too_large")
        try:
            payload = json.loads(body)
        except ValueError:
            return _json_error(400, "invalid_json")
        if not isinstance(payload, dict):
            return _json_error(400, "invalid_json")
        try:
            count, counted = await asyncio.to_thread(
                mark_helped, request.path_params["story_id"], payload.get("key"), settings
            )
        except InvalidInput as error:
            if error.code == "not_found":
                return _json_error(404, "not_found")
            return _json_error(400, error.code)
        except SQLAlchemyError as error:
            log.warning("stories: the database did not answer (%s)", type(error).__name__)
            return _json_error(503, "unavailable")
        return JSONResponse({"count": count, "counted": counted})

    return [
        Route(ROUTE, story_list, methods=["GET"]),
        Route(f"{ROUTE}/", story_list, methods=["GET"]),
        Route(ROUTE + "/{story_id:int}", story_page, methods=["GET"]),
        Route("/api" + ROUTE + "/{story_id:int}/hielp", helped, methods=["POST"]),
    ]

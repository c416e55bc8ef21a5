"""The public reading pages, rendered on the server as plain HTML, and "this helped me".

Reading needs no account and must be fast on a cheap phone over a slow connection: the
story text is in the first response, with no JavaScript bundle and no websocket. The
pages share the frame of every other page (peersupport/http/html_frame.py).

- GET /verhalen: published stories, newest first; ?thema=<theme number>&taal=<nl|en>&na=<cursor>
- GET /verhalen/{id}: one published story, its content warnings first
- POST /api/verhalen/{id}/hielp: {"key": <browser key>} -> {"count": n, "counted": bool}

All rules (what is published, what a valid theme, cursor or browser key is) live in
peersupport/services/stories.py; this module only turns requests into calls and answers
into HTML (built by peersupport/http/story_html.py) or JSON.
"""

from __future__ import annotations

import asyncio
import gzip
import json
import logging
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import UTC, datetime

from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from peersupport.database import read_scope, session_scope
from peersupport.http.html_frame import (
    language_of,
)
from peersupport.http.story_html import (
    ROUTE,
    ListQuery,
    list_document,
    message_document,
    story_document,
)
from peersupport.services import helped_tokens
from peersupport.services.errors import InvalidInput
from peersupport.services.stories import PublishedStory, StoryCard
from peersupport.settings import load_settings, server_secret
from peersupport.usecases import reading
from peersupport.usecases.door import Door

MAX_HELPED_BODY_BYTES = 1024

SessionScope = Callable[[], AbstractContextManager[Session]]

log = logging.getLogger(__name__)

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


def page_language(request: Request) -> str:
    """The language a page is asked in: `?taal=` (the copies the service worker keeps for
    offline use ask for each), else the visitor's cookie."""
    asked = request.query_params.get("taal")
    return asked if asked in ("nl", "en") else language_of(request.cookies)


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


def _same_origin(request: Request, public_origin: str) -> bool:
    """A POST from our own pages: its Origin is ours, or (without one) the browser says
    Sec-Fetch-Site: same-origin. A request with neither comes from a script, not a page."""
    origin = request.headers.get("origin")
    if origin is not None:
        return origin == public_origin
    return request.headers.get("sec-fetch-site") == "same-origin"


def story_routes(
    sessions: SessionScope = session_scope, reads: SessionScope = read_scope
) -> list[BaseRoute]:
    """The reading pages and "this helped me"; `sessions` opens one unit of work, `reads`
    one that only reads (the pages)."""

    door = Door(writes=sessions, reads=reads)

    def read_list(query: ListQuery) -> tuple[list[StoryCard], str | None]:
        return door.call_now(reading.published_page, "", query.theme, query.language, query.cursor)

    def read_story(story_id: int) -> PublishedStory | None:
        return door.call_now(reading.published_story, "", story_id)

    def mark_helped(story_id: int, key: object, token: object) -> tuple[int, bool]:
        for attempt in (1, 2):
            try:
                return door.call_now(reading.mark_helped, "", story_id, key, token)
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
        settings = load_settings()
        token = helped_tokens.issue(server_secret(settings), story.card.id, datetime.now(UTC))
        document = story_document(
            story, settings.exit_url, language_of(request.cookies), helped_token=token
        )
        return html_response(request, document)

    async def helped(request: Request) -> JSONResponse:
        settings = load_settings()
        if not _same_origin(request, settings.public_origin):
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
                mark_helped,
                request.path_params["story_id"],
                payload.get("key"),
                payload.get("token"),
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

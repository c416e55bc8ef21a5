"""Reading the message boards, rendered on the server as plain HTML:

- GET /prikbord/bord?nr=<board number>&na=<cursor>: a board's published threads
- GET /prikbord/onderwerp?id=<thread id>&na=<cursor>: a thread's published posts

The text is in the first response, with no JavaScript bundle and no websocket, so a
board reads fast on a cheap phone and with scripts off. The pages only read, as a
visitor: what a member may write, and his own waiting posts, are on the Reflex pages
they link to. Every rule (what is published, what a valid id or cursor is) lives in
peersupport/services/boards.py; the HTML is built by peersupport/http/board_html.py.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.exc import SQLAlchemyError
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from peersupport.content.boards import boards_content
from peersupport.database import read_scope
from peersupport.http.board_html import (
    CURSOR_PARAM,
    board_document,
    not_found_document,
    thread_document,
)
from peersupport.http.story_pages import SessionScope, html_response, page_language
from peersupport.pages.boards import BOARD_ROUTE, THREAD_ROUTE
from peersupport.services.errors import InvalidInput
from peersupport.services.ids import address_id
from peersupport.settings import load_settings
from peersupport.usecases import boards as cases
from peersupport.usecases.door import Door

log = logging.getLogger(__name__)
R = TypeVar("R")


def board_routes(reads: SessionScope = read_scope) -> list[BaseRoute]:
    """The two reading pages; `reads` opens a unit of work that only reads."""

    door = Door(reads=reads)

    def message(
        request: Request, status: int, text_key: str, path: str, own_thread_id: int | None = None
    ) -> Response:
        document = not_found_document(
            text_key, path, load_settings().exit_url, page_language(request), own_thread_id
        )
        return html_response(request, document, status)

    async def read_at_cursor(
        request: Request, path: str, read: Callable[[str | None], R]
    ) -> tuple[R, str | None] | Response:
        """Read one page from the cursor in the address (`na`), off the event loop; a
        cursor the services reject is a 400, a database that does not answer a 503."""
        cursor = request.query_params.get(CURSOR_PARAM) or None
        try:
            return await asyncio.to_thread(read, cursor), cursor
        except InvalidInput:
            return message(request, 400, "boards.error.invalid_cursor", path)
        except SQLAlchemyError as error:
            log.warning("boards: the database did not answer (%s)", type(error).__name__)
            return message(request, 503, "boards.read.unavailable", path)

    async def board_page(request: Request) -> Response:
        board = boards_content().numbered(request.query_params.get("nr"))
        if board is None:
            return message(request, 404, "boards.error.unknown_board", BOARD_ROUTE)
        read = await read_at_cursor(
            request,
            BOARD_ROUTE,
            lambda cursor: door.call_now(cases.thread_page, "", board.key, cursor),
        )
        if isinstance(read, Response):
            return read
        page, cursor = read
        document = board_document(
            board, page, cursor, load_settings().exit_url, page_language(request)
        )
        return html_response(request, document)

    async def thread_page(request: Request) -> Response:
        thread_id = address_id(request.query_params.get("id"))
        if thread_id is None:
            return message(request, 404, "boards.error.unknown_thread", THREAD_ROUTE)
        read = await read_at_cursor(
            request,
            THREAD_ROUTE,
            lambda cursor: door.call_now(cases.thread, "", thread_id, cursor),
        )
        if isinstance(read, Response):
            return read
        view, cursor = read
        if view is None:
            return message(request, 404, "boards.error.unknown_thread", THREAD_ROUTE, thread_id)
        document = thread_document(view, cursor, load_settings().exit_url, page_language(request))
        return html_response(request, document)

    return [
        Route(path, page, methods=["GET"])
        for route, page in ((BOARD_ROUTE, board_page), (THREAD_ROUTE, thread_page))
        for path in (route, f"{route}/")
    ]

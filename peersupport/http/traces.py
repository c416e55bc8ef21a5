"""What the app leaves in a browser: the offline page, and removing every trace at once.

- GET /offline: the page the service worker (assets/sw.js) shows for any page of the app
  while there is no connection: the quick exit, a line saying the connection is gone,
  and every help route with its phone number. It is a plain page from the server with
  its stylesheet, icons and quick-exit script inside, so the cached copy needs nothing
  else. `?taal=en` renders it in English (the worker keeps both).
- POST /api/wissen: "remove all traces". The answer carries `Clear-Site-Data: "cache",
  "cookies", "storage"`, so the browser itself drops this origin's cookies, storage,
  caches and service worker; assets/shell.js also clears what it can reach before it
  leaves like the quick exit. A remembered device's sign-in token, when the page sends
  it (header `X-Kompas-Device`), is ended on the server too, so a copy of it is useless.
  Only a same-origin request is answered: another site cannot make a boy's browser
  forget his sign-in.
"""

from __future__ import annotations

import asyncio
import logging

from sqlalchemy.exc import SQLAlchemyError
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from peersupport.content import help_routes
from peersupport.http.html_frame import html_page, rendering_in, text, tr
from peersupport.http.html_pieces import help_route_html
from peersupport.http.story_pages import SessionScope, html_response, page_language
from peersupport.settings import load_settings
from peersupport.usecases import accounts
from peersupport.usecases.door import Door

OFFLINE_ROUTE = "/offline"
REMOVE_TRACES_ROUTE = "/api/wissen"
DEVICE_TOKEN_HEADER = "x-kompas-device"  # noqa: S105 - a header name, no secret
CLEAR_SITE_DATA = '"cache", "cookies", "storage"'

log = logging.getLogger(__name__)


def offline_main_html() -> str:
    """The offline page's content: what happened, what still works, every help route."""
    routes = "".join(f"<li>{help_route_html(route)}</li>" for route in help_routes().routes)
    return (
        f"<h1>{tr(text('offline.title'))}</h1>"
        f'<p class="lead" role="status">{tr(text("offline.text"))}</p>'
        '<p><button type="button" class="button button--primary" data-reload>'
        f"{tr(text('offline.retry'))}</button></p>"
        f'<p class="urgent">{tr(text("home.urgent"))} '
        f'<a class="inline-tel" href="tel:112">{tr(text("home.urgent_call"))}</a></p>'
        f"<h2>{tr(text('offline.routes'))}</h2>"
        f"<p>{tr(text('offline.routes_text'))}</p>"
        f'<ul class="route-list">{routes}</ul>'
    )


def offline_document(exit_url: str, language: str = "nl") -> str:
    with rendering_in(language):
        return html_page(
            main_html=offline_main_html(), current="/", exit_url=exit_url, path=OFFLINE_ROUTE
        )


def is_same_origin(request: Request, public_origin: str) -> bool:
    """Sent by one of the app's own pages: the browser says so (Sec-Fetch-Site), or,
    where it does not send that header, the Origin is the app's own."""
    site = request.headers.get("sec-fetch-site")
    if site is not None:
        return site == "same-origin"
    return request.headers.get("origin") == public_origin


def trace_routes(sessions_scope: SessionScope) -> list[BaseRoute]:
    door = Door(writes=sessions_scope)

    def end_device_session(token: str) -> None:
        door.call_now(accounts.log_out, token)

    async def offline(request: Request) -> Response:
        language = page_language(request)
        return html_response(request, offline_document(load_settings().exit_url, language))

    async def remove_traces(request: Request) -> Response:
        if not is_same_origin(request, load_settings().public_origin):
            return Response(status_code=403)
        token = request.headers.get(DEVICE_TOKEN_HEADER)
        if token:
            try:
                await asyncio.to_thread(end_device_session, token)
            except SQLAlchemyError as error:
                # The browser forgets the token all the same; the session ends by itself.
                log.warning("traces: the database did not answer (%s)", type(error).__name__)
        return Response(
            status_code=204,
            headers={"clear-site-data": CLEAR_SITE_DATA, "cache-control": "no-store"},
        )

    return [
        Route(OFFLINE_ROUTE, offline, methods=["GET"]),
        Route(REMOVE_TRACES_ROUTE, remove_traces, methods=["POST"]),
    ]

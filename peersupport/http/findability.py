"""GET /robots.txt and GET /sitemap.xml: what search engines may read and find.

Both follow components/page_meta.py: the sitemap lists the pages meant to be found
(the first aid in both languages, since its address carries the language: ?taal=en;
the other pages choose their language in the browser and are listed once) and the
published stories whose authors chose to share them (services/story_findability.py),
with absolute addresses from PEERSUPPORT_PUBLIC_URL. robots.txt closes the sections with
members' words and accounts to crawlers and names the sitemap. Story pages stay open to
crawlers: one that is not shared says `noindex` itself, which a crawler only reads when
it may fetch the page.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from contextlib import AbstractContextManager
from xml.sax.saxutils import escape

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import BaseRoute, Route

from peersupport.components.page_meta import INDEXABLE_PAGES, PRIVATE_SECTIONS
from peersupport.content.checklists import checklists
from peersupport.http.first_aid import FIRST_AID_ROUTE
from peersupport.pages.checklists import checklist_route
from peersupport.services.story_findability import SharedStory
from peersupport.settings import load_settings
from peersupport.usecases import reading
from peersupport.usecases.door import Door

SessionScope = Callable[[], AbstractContextManager[Session]]

ROBOTS_ROUTE = "/robots.txt"
SITEMAP_ROUTE = "/sitemap.xml"
# Pages whose address says their language: listed once more with ?taal=en.
BILINGUAL_ADDRESSES = (FIRST_AID_ROUTE,)

log = logging.getLogger(__name__)


def robots_txt(public_url: str) -> str:
    lines = ["User-agent: *"]
    lines += [f"Disallow: {section}" for section in PRIVATE_SECTIONS]
    lines += ["", f"Sitemap: {public_url.rstrip('/')}{SITEMAP_ROUTE}", ""]
    return "\n".join(lines)


def sitemap_paths(stories: list[SharedStory]) -> list[tuple[str, str | None]]:
    """Every address to list, with its last change (a date) where one is known."""
    paths: list[tuple[str, str | None]] = [(path, None) for path in INDEXABLE_PAGES]
    paths += [(f"{path}?taal=en", None) for path in BILINGUAL_ADDRESSES]
    paths += [(checklist_route(checklist), None) for checklist in checklists()]
    paths += [(f"/verhalen/{story.id}", story.published_at.date().isoformat()) for story in stories]
    return paths


def sitemap_xml(public_url: str, stories: list[SharedStory]) -> str:
    base = public_url.rstrip("/")
    entries = []
    for path, last_change in sitemap_paths(stories):
        modified = f"<lastmod>{last_change}</lastmod>" if last_change else ""
        entries.append(f"<url><loc>{escape(base + path)}</loc>{modified}</url>")
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        + "\n".join(entries)
        + "\n</urlset>\n"
    )


def findability_routes(reads: SessionScope) -> list[BaseRoute]:
    door = Door(reads=reads)

    def read_shared() -> list[SharedStory]:
        return door.call_now(reading.shared_in_search, "")

    async def robots(request: Request) -> Response:
        return PlainTextResponse(robots_txt(load_settings().public_url))

    async def sitemap(request: Request) -> Response:
        try:
            stories = await asyncio.to_thread(read_shared)
        except SQLAlchemyError as error:
            log.warning("sitemap: the database did not answer (%s)", type(error).__name__)
            return PlainTextResponse("", status_code=503)
        document = sitemap_xml(load_settings().public_url, stories)
        return Response(document, media_type="application/xml")

    return [
        Route(ROBOTS_ROUTE, robots, methods=["GET"]),
        Route(SITEMAP_ROUTE, sitemap, methods=["GET"]),
    ]

"""The routes served beside the Reflex app and matched before its own: the health check,
the server-rendered reading pages with "this helped me", reading a board and a thread,
help, safe use and about, the offline page, removing every trace, the sextortion first
aid, robots.txt with the sitemap, and the evidence vault's encrypted files."""

from __future__ import annotations

from starlette.applications import Starlette

from peersupport.database import read_scope, session_scope
from peersupport.http.board_pages import board_routes
from peersupport.http.findability import findability_routes
from peersupport.http.first_aid import first_aid_routes
from peersupport.http.health import health_routes
from peersupport.http.info_pages import info_routes
from peersupport.http.story_pages import SessionScope, story_routes
from peersupport.http.traces import trace_routes
from peersupport.http.vault import vault_routes


def public_routes(
    sessions: SessionScope = session_scope, reads: SessionScope = read_scope
) -> Starlette:
    """A small Starlette app; Reflex mounts its own app inside it (after these routes)."""
    return Starlette(
        routes=[
            *health_routes().routes,
            *story_routes(sessions, reads),
            *board_routes(reads),
            *trace_routes(sessions),
            *first_aid_routes(),
            *findability_routes(reads),
            *info_routes(),
            *vault_routes(),
        ]
    )

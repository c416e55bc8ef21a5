"""GET /api/health: is the app up, and can it reach its migrated database?"""

from __future__ import annotations

import asyncio

from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from peersupport.database import DatabaseNotMigratedError, ensure_migrated, get_engine
from peersupport.settings import load_settings


def _database_ready() -> bool:
    engine = get_engine()
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        ensure_migrated(engine, load_settings().database_url)
    except (SQLAlchemyError, DatabaseNotMigratedError):
        return False
    return True


async def health(_request: Request) -> JSONResponse:
    ready = await asyncio.to_thread(_database_ready)
    return JSONResponse(
        {"status": "ok" if ready else "unavailable", "database": "ok" if ready else "error"},
        status_code=200 if ready else 503,
    )


def health_routes() -> Starlette:
    """A small Starlette app; Reflex mounts its own app inside it."""
    return Starlette(routes=[Route("/api/health", health, methods=["GET"])])

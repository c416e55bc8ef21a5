"""GET /api/health: is the app up, can it reach its migrated database, and, where Redis
keeps the tabs' state, can it reach Redis?"""

from __future__ import annotations

import asyncio

import redis.asyncio as redis
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from peersupport.database import DatabaseNotMigratedError, ensure_migrated, get_engine
from peersupport.settings import load_settings

# A health check answers within a few seconds, or the proxy asking counts it as down.
REDIS_TIMEOUT_SECONDS = 2.0


def _database_ready() -> bool:
    engine = get_engine()
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        ensure_migrated(engine, load_settings().database_url)
    except (SQLAlchemyError, DatabaseNotMigratedError):
        return False
    return True


async def _redis_ready(url: str) -> bool:
    client = redis.from_url(
        url,
        socket_connect_timeout=REDIS_TIMEOUT_SECONDS,
        socket_timeout=REDIS_TIMEOUT_SECONDS,
    )
    try:
        return bool(await client.execute_command("PING"))
    except (redis.RedisError, OSError):
        return False
    finally:
        await client.aclose()


async def health(_request: Request) -> JSONResponse:
    """200 while the pages can be served; "degraded" when only Redis is missing.

    Without Redis the pages and story pages still load (nothing interactive answers), so
    a proxy keeps sending readers here; monitoring sees "redis": "error".
    """
    database = await asyncio.to_thread(_database_ready)
    body = {
        "status": "ok" if database else "unavailable",
        "database": "ok" if database else "error",
    }
    redis_url = load_settings().redis_url
    if redis_url is not None:
        reachable = await _redis_ready(redis_url)
        body["redis"] = "ok" if reachable else "error"
        if database and not reachable:
            body["status"] = "degraded"
    return JSONResponse(body, status_code=200 if database else 503)


def health_routes() -> Starlette:
    """A small Starlette app; Reflex mounts its own app inside it."""
    return Starlette(routes=[Route("/api/health", health, methods=["GET"])])

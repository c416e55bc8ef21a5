"""GET /api/health: 200 when the database is reachable and migrated, 503 otherwise;
where Redis is configured, whether it answers too; never more detail than "ok" or
"error"."""

from __future__ import annotations

import os
from pathlib import Path

import httpx
import pytest

from peersupport.database import upgrade_to_head
from peersupport.http.health import health_routes
from peersupport.settings import load_settings

# CI's second run has a real Redis; the tests below set the variable themselves.
CONFIGURED_REDIS = os.environ.get("PEERSUPPORT_REDIS_URL", "")


@pytest.fixture(autouse=True)
def without_redis(monkeypatch: pytest.MonkeyPatch) -> None:
    # One worker: more than one needs Redis (the settings refuse it otherwise).
    monkeypatch.delenv("PEERSUPPORT_REDIS_URL", raising=False)
    monkeypatch.delenv("PEERSUPPORT_WORKERS", raising=False)


async def get_health(method: str = "GET") -> httpx.Response:
    transport = httpx.ASGITransport(app=health_routes())
    async with httpx.AsyncClient(transport=transport, base_url="http://kompas.test") as client:
        return await client.request(method, "/api/health")


async def test_a_migrated_database_answers_200_ok(fresh_engine_cache: Path) -> None:
    upgrade_to_head(load_settings().database_url)

    response = await get_health()

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


async def test_the_health_check_uses_the_configured_data_folder(fresh_engine_cache: Path) -> None:
    upgrade_to_head(load_settings().database_url)

    await get_health()

    assert (fresh_engine_cache / "peersupport.db").exists()


async def test_an_unmigrated_database_answers_503(fresh_engine_cache: Path) -> None:
    response = await get_health()

    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "error"}


async def test_an_unreachable_database_answers_503_without_details(
    fresh_engine_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PEERSUPPORT_DATABASE_URL", "postgresql://nobody:secret@127.0.0.1:1/x")

    response = await get_health()

    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "error"}
    assert "secret" not in response.text
    assert "127.0.0.1" not in response.text


async def test_only_get_is_answered(fresh_engine_cache: Path) -> None:
    response = await get_health("POST")

    assert response.status_code == 405


async def test_an_unreachable_redis_is_reported_while_the_pages_stay_served(
    fresh_engine_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    upgrade_to_head(load_settings().database_url)
    monkeypatch.setenv("PEERSUPPORT_REDIS_URL", "redis://:secret@127.0.0.1:1/0")

    response = await get_health()

    assert response.status_code == 200
    assert response.json() == {"status": "degraded", "database": "ok", "redis": "error"}
    assert "secret" not in response.text


async def test_a_reachable_redis_is_reported_ok(
    fresh_engine_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not CONFIGURED_REDIS:
        pytest.skip("needs a Redis server (CI's second run)")
    upgrade_to_head(load_settings().database_url)
    monkeypatch.setenv("PEERSUPPORT_REDIS_URL", CONFIGURED_REDIS)

    response = await get_health()

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "redis": "ok"}

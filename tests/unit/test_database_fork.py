"""Database connections: a forked backend worker gets its own, never its parent's, and
the pool holds one for every thread that does database work, and PostgreSQL plans a
query run often on a connection once."""

from __future__ import annotations

import os
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import cast

import pytest
from sqlalchemy import Engine, event, text
from sqlalchemy.pool import QueuePool

from peersupport.database import WORK_THREADS, make_engine
from tests.unit.conftest import configured_database_url


def _in_child(report: int, engine_checked_in: int) -> None:
    os.write(report, str(engine_checked_in).encode())
    os._exit(0)


def checked_in(engine: Engine) -> int:
    """Connections resting in the engine's pool now (a new pool after a fork)."""
    return cast(QueuePool, engine.pool).checkedin()


def test_a_forked_process_starts_with_an_empty_pool(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'fork.db'}")
    with engine.connect() as connection:
        connection.execute(text("SELECT 1"))
    assert checked_in(engine) == 1  # the parent keeps its connection pooled
    read_end, write_end = os.pipe()
    child = os.fork()
    if child == 0:
        _in_child(write_end, checked_in(engine))
    os.close(write_end)
    _, status = os.waitpid(child, 0)
    inherited = int(os.read(read_end, 16).decode())
    os.close(read_end)
    assert os.waitstatus_to_exitcode(status) == 0
    assert inherited == 0
    # The parent's own connection is untouched and still works.
    assert checked_in(engine) == 1
    with engine.connect() as connection:
        assert connection.execute(text("SELECT 1")).scalar_one() == 1
    engine.dispose()


def test_units_of_work_on_every_executor_thread_reuse_pooled_connections(tmp_path: Path) -> None:
    """As many units of work at once as asyncio's default executor runs never open a
    connection beyond the pool: each new PostgreSQL connection costs a process."""
    url = configured_database_url() or f"sqlite:///{tmp_path / 'pool.db'}"
    engine = make_engine(url)
    opened = []
    event.listen(engine, "connect", lambda *_: opened.append(1))
    all_busy = threading.Barrier(WORK_THREADS)

    def unit_of_work(_: int) -> None:
        with engine.connect() as connection:
            all_busy.wait(timeout=10)  # every thread holds a connection at the same time
            connection.execute(text("SELECT 1"))

    try:
        with ThreadPoolExecutor(max_workers=WORK_THREADS) as threads:
            for _ in range(5):
                list(threads.map(unit_of_work, range(WORK_THREADS)))
    finally:
        engine.dispose()
    assert len(opened) == WORK_THREADS


def test_postgresql_plans_a_query_run_often_on_a_connection_once(tmp_path: Path) -> None:
    """The board and thread queries run thousands of times a minute; planning each again
    would cost PostgreSQL more CPU than running it. The driver prepares them."""
    url = configured_database_url()
    if not url.startswith("postgresql"):
        pytest.skip("prepared statements are a PostgreSQL matter (CI's second run)")
    engine = make_engine(url)
    query = text("SELECT count(*) FROM pg_class WHERE relkind = :kind")
    try:
        with engine.connect() as connection:
            for _ in range(6):
                connection.execute(query, {"kind": "r"})
            prepared = connection.execute(
                text("SELECT statement FROM pg_prepared_statements WHERE NOT from_sql")
            ).scalars()
            statements = list(prepared)
    finally:
        engine.dispose()
    assert any("relkind = $1" in statement for statement in statements), statements

"""A forked backend worker gets its own database connections, never its parent's."""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import text

from peersupport.database import make_engine


def _in_child(report: int, engine_checked_in: int) -> None:
    os.write(report, str(engine_checked_in).encode())
    os._exit(0)


def test_a_forked_process_starts_with_an_empty_pool(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'fork.db'}")
    with engine.connect() as connection:
        connection.execute(text("SELECT 1"))
    assert engine.pool.checkedin() == 1  # the parent keeps its connection pooled
    read_end, write_end = os.pipe()
    child = os.fork()
    if child == 0:
        _in_child(write_end, engine.pool.checkedin())
    os.close(write_end)
    _, status = os.waitpid(child, 0)
    inherited = int(os.read(read_end, 16).decode())
    os.close(read_end)
    assert os.waitstatus_to_exitcode(status) == 0
    assert inherited == 0
    # The parent's own connection is untouched and still works.
    assert engine.pool.checkedin() == 1
    with engine.connect() as connection:
        assert connection.execute(text("SELECT 1")).scalar_one() == 1
    engine.dispose()

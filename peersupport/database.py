"""Database engine, sessions and the migration check that guards start-up."""

from __future__ import annotations

import os
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from alembic.config import Config as AlembicConfig
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine.interfaces import DBAPICursor, ExecutionContext
from sqlalchemy.orm import Session, sessionmaker

from peersupport.settings import PROJECT_ROOT, load_settings

ALEMBIC_INI = PROJECT_ROOT / "alembic.ini"

# Every unit of work runs in a thread of asyncio's default executor, which has this many
# threads (Python's own default). The pool keeps one PostgreSQL connection per thread:
# a smaller pool closes a connection after every unit of work beyond it and opens a new
# one for the next, and each new connection costs PostgreSQL a process and an
# authentication (under load that was a third of the machine's CPU).
WORK_THREADS = min(32, (os.cpu_count() or 1) + 4)
# A few more for a moment when every thread is busy and something else needs one too.
POOL = {"pool_size": WORK_THREADS, "max_overflow": 4}


class DatabaseNotMigratedError(RuntimeError):
    """The database schema is not at the newest migration."""


def _enable_sqlite_wal(dbapi_connection: object, _record: object) -> None:
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def _forget_connections_after_fork(engine: Engine) -> None:
    """A forked process must never use its parent's pooled connections.

    The production server checks the database and loads the app once, then forks its
    backend workers from that process. Without this, two workers would talk over one
    inherited PostgreSQL socket and corrupt each other's results ("lost synchronization
    with server"). `dispose(close=False)` drops the child's references to them without
    closing what the parent still uses.
    """
    reference = weakref.ref(engine)

    def forget() -> None:
        if (alive := reference()) is not None:
            alive.dispose(close=False)

    os.register_at_fork(after_in_child=forget)


def make_engine(database_url: str) -> Engine:
    """Create an engine; SQLite files get WAL mode and enforced foreign keys."""
    if database_url.startswith("sqlite"):
        path = database_url.removeprefix("sqlite:///")
        in_memory = not path or path == ":memory:"
        if not in_memory:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        # An in-memory database is one connection per thread, with no pool to size.
        engine = create_engine(database_url, **({} if in_memory else POOL))
        event.listen(engine, "connect", _enable_sqlite_wal)
    else:
        engine = create_engine(database_url, pool_pre_ping=True, **POOL)
    _forget_connections_after_fork(engine)
    return engine


@cache
def get_engine() -> Engine:
    """The process-wide engine for the configured database."""
    return make_engine(load_settings().database_url)


@cache
def _session_factory(engine: Engine) -> sessionmaker[Session]:
    # Made once per engine: a new sessionmaker per unit of work set up its event
    # dispatch again every time.
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def session_scope() -> Iterator[Session]:
    """One unit of work: commit on success, roll back on any error."""
    session = _session_factory(get_engine())()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


class WriteInReadScopeError(RuntimeError):
    """A statement other than SELECT was sent in a `read_scope`."""


def _refuse_writes(
    _connection: object,
    _cursor: DBAPICursor,
    statement: str,
    _parameters: object,
    _context: ExecutionContext | None,
    _executemany: bool,
) -> None:
    if statement.lstrip()[:6].upper() != "SELECT":
        raise WriteInReadScopeError(f"a read scope only runs SELECT, not: {statement[:40]!r}")


@cache
def _read_engine(engine: Engine) -> Engine:
    """The same pool, each statement on its own (no BEGIN and COMMIT), SELECT only."""
    reading = engine.execution_options(isolation_level="AUTOCOMMIT")
    event.listen(reading, "before_cursor_execute", _refuse_writes)
    return reading


@contextmanager
def read_scope() -> Iterator[Session]:
    """A unit of work that only reads, such as a visitor's page of a board.

    Its statements run without a transaction around them: on PostgreSQL that saves the
    BEGIN and COMMIT round trips of every page, and at READ COMMITTED each statement
    sees the newest committed data either way. A statement other than SELECT raises
    `WriteInReadScopeError` before it reaches the database, so nothing can be written
    half-way here.
    """
    session = _session_factory(_read_engine(get_engine()))()
    try:
        yield session
    finally:
        session.close()


def alembic_config(database_url: str) -> AlembicConfig:
    config = AlembicConfig(str(ALEMBIC_INI))
    config.set_main_option("script_location", str(PROJECT_ROOT / "alembic"))
    config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    return config


def head_revision(database_url: str) -> str | None:
    return ScriptDirectory.from_config(alembic_config(database_url)).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def ensure_migrated(engine: Engine, database_url: str) -> None:
    """Refuse to run on a database whose schema is not at the newest migration.

    Raises:
        DatabaseNotMigratedError: with the one-line remedy for the operator.
    """
    current, head = current_revision(engine), head_revision(database_url)
    if current != head:
        raise DatabaseNotMigratedError(
            f"the database is at migration {current or 'none'}, the app needs {head}; "
            "run `make migrate` (or `python -m peersupport migrate`) first"
        )


def upgrade_to_head(database_url: str) -> None:
    from alembic import command

    command.upgrade(alembic_config(database_url), "head")

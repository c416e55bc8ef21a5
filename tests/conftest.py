"""What every test run shares: when pytest-xdist runs the suite in several worker
processes (`make unit`/`make browser` start TEST_WORKERS of them), each worker gets a
database and a build folder of its own, so that no test sees another worker's rows and
two app builds never write into one folder.

- SQLite (the default): every data folder is already a temporary one per test or per
  worker, so nothing changes.
- A configured server database (CI's PostgreSQL run): the worker uses the database of
  the same name with `_<worker>` added (`peersupport_gw0`), created on first use.
- The browser tests' build folder (PEERSUPPORT_TEST_WEB_DIR, `.web-test` by default)
  gets `-<worker>` added: the app's port and exit address are built into the pages.

The workers share Redis: Reflex keeps each tab's state under that tab's own token.
"""

from __future__ import annotations

import os

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from peersupport.settings import PROJECT_ROOT, load_settings

WEB_DIR_VARIABLE = "PEERSUPPORT_TEST_WEB_DIR"
DATABASE_VARIABLE = "PEERSUPPORT_DATABASE_URL"


def worker_name() -> str:
    """The xdist worker this process is ("gw0", "gw1", ...), or "" when run alone."""
    return os.environ.get("PYTEST_XDIST_WORKER", "")


def worker_database_url(configured: str, worker: str) -> str:
    """`configured` (a server database) with the worker's name added to the database,
    created when it is not there yet."""
    url = make_url(configured)
    name = f"{url.database}_{worker}"
    if not name.replace("_", "").isalnum():
        raise pytest.UsageError(f"unexpected database name {url.database!r}")
    server = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with server.connect() as connection:
            exists = connection.execute(
                text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": name}
            ).first()
            if exists is None:
                connection.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        server.dispose()
    return url.set(database=name).render_as_string(hide_password=False)


def pytest_configure(config: pytest.Config) -> None:
    worker = worker_name()
    if not worker:
        return
    web_dir = os.environ.get(WEB_DIR_VARIABLE, str(PROJECT_ROOT / ".web-test"))
    os.environ[WEB_DIR_VARIABLE] = f"{web_dir}-{worker}"
    configured = os.environ.get(DATABASE_VARIABLE, "").strip()
    if configured:
        url = load_settings(env={DATABASE_VARIABLE: configured}).database_url
        if url.startswith("postgresql"):
            os.environ[DATABASE_VARIABLE] = worker_database_url(url, worker)

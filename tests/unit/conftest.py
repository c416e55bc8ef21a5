"""Shared fixtures for the unit tests: a clean environment, throw-away data folders,
and a helper that runs the project's own entry points in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
SUBPROCESS_TIMEOUT_S = 120


def environment_without_settings(**settings: str) -> dict[str, str]:
    """The current environment minus every PEERSUPPORT_* variable, plus `settings`.

    CI sets PEERSUPPORT_DATABASE_URL / PEERSUPPORT_REDIS_URL for its second run; tests
    that mean the embedded SQLite default must not inherit them.
    """
    env = {name: value for name, value in os.environ.items() if not name.startswith("PEERSUPPORT_")}
    env.update(settings)
    return env


RunPython = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def run_python() -> RunPython:
    """Run `.venv/bin/python *arguments` in the project folder with only `settings` set."""

    def run(*arguments: str, **settings: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [PYTHON, *arguments],
            cwd=PROJECT_ROOT,
            env=environment_without_settings(**settings),
            capture_output=True,
            text=True,
            timeout=SUBPROCESS_TIMEOUT_S,
            check=False,
        )

    return run


@pytest.fixture(autouse=True, scope="session")
def _data_dir_outside_the_project(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Anything in this process that falls back to the default data folder lands in a
    throw-away folder, never in the project's own data/."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PEERSUPPORT_DATA_DIR", str(tmp_path_factory.mktemp("session-data")))
        yield


@pytest.fixture
def fresh_engine_cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Path]:
    """Point the process-wide engine at an empty SQLite file in `tmp_path`.

    `get_engine()` is cached and `load_settings()` reads os.environ, so the cache is
    cleared before the test (to pick up this data folder) and after it (so no other
    test inherits this engine). Yields the data folder.
    """
    from peersupport.database import get_engine

    monkeypatch.setenv("PEERSUPPORT_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("PEERSUPPORT_DATABASE_URL", raising=False)
    get_engine.cache_clear()
    yield tmp_path
    if get_engine.cache_info().currsize:
        get_engine().dispose()
    get_engine.cache_clear()

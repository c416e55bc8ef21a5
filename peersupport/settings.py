"""Reads and validates every PEERSUPPORT_* setting from the environment, in one place.

A broken setting stops start-up with one line naming the variable and the value at
fault (see `SettingsError`); nothing else in the project reads the environment.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

PROJECT_ROOT = Path(__file__).resolve().parent.parent

# A neutral site to leave for: a weather forecast says nothing about what was open before.
DEFAULT_EXIT_URL = "https://www.buienradar.nl/"
DEFAULT_PORT = 3000


class SettingsError(ValueError):
    """A PEERSUPPORT_* setting is missing or malformed; the message names it."""


@dataclass(frozen=True)
class Settings:
    """The validated configuration of one running app."""

    port: int
    host: str
    data_dir: Path
    database_url: str
    redis_url: str | None
    exit_url: str
    public_url: str
    workers: int

    @property
    def uses_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    @property
    def public_origin(self) -> str:
        parts = urlsplit(self.public_url)
        return f"{parts.scheme}://{parts.netloc}"


def _is_ascii_number(raw: str) -> bool:
    # str.isdigit() alone accepts "²" or "٣", which int() then rejects or misreads.
    return raw.isascii() and raw.isdigit()


def _port(env: Mapping[str, str]) -> int:
    raw = env.get("PEERSUPPORT_PORT", str(DEFAULT_PORT)).strip()
    if not _is_ascii_number(raw) or not 1 <= int(raw) <= 65535:
        raise SettingsError(f"PEERSUPPORT_PORT must be a port number 1-65535, not {raw!r}")
    return int(raw)


def _workers(env: Mapping[str, str], redis_url: str | None) -> int:
    raw = env.get("PEERSUPPORT_WORKERS", "1").strip()
    if not _is_ascii_number(raw) or not 1 <= int(raw) <= 64:
        raise SettingsError(f"PEERSUPPORT_WORKERS must be a whole number 1-64, not {raw!r}")
    if int(raw) > 1 and redis_url is None:
        raise SettingsError(
            "PEERSUPPORT_WORKERS above 1 needs PEERSUPPORT_REDIS_URL "
            "(workers share their state through Redis)"
        )
    return int(raw)


def _http_url(name: str, raw: str) -> str:
    parts = urlsplit(raw)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise SettingsError(f"{name} must be an absolute http(s) URL, not {raw!r}")
    return raw


def _database_url(env: Mapping[str, str], data_dir: Path) -> str:
    raw = env.get("PEERSUPPORT_DATABASE_URL", "").strip()
    if not raw:
        return f"sqlite:///{data_dir / 'peersupport.db'}"
    scheme = urlsplit(raw).scheme
    if scheme not in ("sqlite", "postgresql", "postgresql+psycopg2"):
        raise SettingsError(
            "PEERSUPPORT_DATABASE_URL must start with sqlite:// or postgresql://, "
            f"not {scheme + '://' if scheme else repr(raw)}"
        )
    if scheme == "postgresql":
        # SQLAlchemy 2.1 reads a bare postgresql:// as psycopg 3, which is not installed;
        # the driver this project ships is psycopg2.
        return "postgresql+psycopg2" + raw[len(scheme) :]
    return raw


def _redis_url(env: Mapping[str, str]) -> str | None:
    raw = env.get("PEERSUPPORT_REDIS_URL", "").strip()
    if not raw:
        return None
    if urlsplit(raw).scheme not in ("redis", "rediss", "unix"):
        raise SettingsError("PEERSUPPORT_REDIS_URL must start with redis:// or rediss://")
    return raw


def load_settings(env: Mapping[str, str] | None = None) -> Settings:
    """Build `Settings` from `env` (the process environment by default).

    Raises:
        SettingsError: naming the first variable that is malformed.
    """
    env = os.environ if env is None else env
    port = _port(env)
    data_dir = Path(env.get("PEERSUPPORT_DATA_DIR", "").strip() or PROJECT_ROOT / "data")
    if not data_dir.is_absolute():
        data_dir = PROJECT_ROOT / data_dir
    redis_url = _redis_url(env)
    exit_url = _http_url(
        "PEERSUPPORT_EXIT_URL", env.get("PEERSUPPORT_EXIT_URL", "").strip() or DEFAULT_EXIT_URL
    )
    public_url = _http_url(
        "PEERSUPPORT_PUBLIC_URL",
        env.get("PEERSUPPORT_PUBLIC_URL", "").strip() or f"http://localhost:{port}",
    )
    host = env.get("PEERSUPPORT_HOST", "").strip() or "127.0.0.1"
    return Settings(
        port=port,
        host=host,
        data_dir=data_dir,
        database_url=_database_url(env, data_dir),
        redis_url=redis_url,
        exit_url=exit_url,
        public_url=public_url,
        workers=_workers(env, redis_url),
    )

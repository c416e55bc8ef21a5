"""Reads and validates every PEERSUPPORT_* setting from the environment, in one place.

A broken setting stops start-up with one line naming the variable and the value at
fault (see `SettingsError`); nothing else in the project reads the environment.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

PROJECT_ROOT = Path(__file__).resolve().parent.parent

# A neutral site to leave for: a weather forecast says nothing about what was open before.
DEFAULT_EXIT_URL = "https://www.buienradar.nl/"
DEFAULT_PORT = 3000
MIN_SECRET_KEY_CHARS = 32
SECRET_KEY_BYTES = 32
# postgresql:// and the driver-specific spellings a PEERSUPPORT_DATABASE_URL may use.
POSTGRESQL_SCHEMES = ("postgresql", "postgresql+psycopg", "postgresql+psycopg2")


class SettingsError(ValueError):
    """A PEERSUPPORT_* setting is missing or malformed; the message names it."""


@dataclass(frozen=True)
class PostingLimits:
    """How much one account may post on the boards and report.

    Accounts younger than `new_account_days` get the `new_*` limits: someone who makes
    accounts to reach boys is slowed down most where it matters, at the start.
    """

    new_account_days: int = 7
    new_threads_per_day: int = 3
    new_replies_per_day: int = 10
    new_seconds_between_posts: int = 30
    threads_per_day: int = 10
    replies_per_day: int = 50
    seconds_between_posts: int = 10
    reports_per_day: int = 10


MIB = 1024 * 1024


@dataclass(frozen=True)
class VaultLimits:
    """How much the evidence vault keeps: bytes a file, and bytes an account in all."""

    file_bytes: int = 10 * MIB
    account_bytes: int = 100 * MIB


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
    posting_limits: PostingLimits = field(default_factory=PostingLimits)
    vault_limits: VaultLimits = field(default_factory=VaultLimits)
    # PEERSUPPORT_SECRET_KEY; None means "the key file in the data folder", which
    # `server_secret` reads or creates (reading settings never writes anything).
    secret_key: bytes | None = field(default=None, repr=False)
    # PEERSUPPORT_QUEUE_ALERT_HOURS: an item waiting longer is highlighted in the queue.
    queue_alert_hours: int = 12

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
    if scheme not in ("sqlite", *POSTGRESQL_SCHEMES):
        raise SettingsError(
            "PEERSUPPORT_DATABASE_URL must start with sqlite:// or postgresql://, "
            f"not {scheme + '://' if scheme else repr(raw)}"
        )
    if scheme in POSTGRESQL_SCHEMES:
        # The driver this project ships is psycopg 3, which prepares the statements it
        # runs often, so PostgreSQL plans them once per connection instead of every time.
        # A URL written for psycopg2 (which earlier versions shipped) keeps working.
        return "postgresql+psycopg" + raw[len(scheme) :]
    return raw


def _limit_triple(
    env: Mapping[str, str], name: str, default: tuple[int, int, int]
) -> tuple[int, int, int]:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    parts = raw.split("/")
    if len(parts) != 3 or not all(_is_ascii_number(p.strip()) for p in parts):
        raise SettingsError(
            f"{name} must be threads/replies per day and seconds between posts, "
            f"like 3/10/30, not {raw!r}"
        )
    threads, replies, seconds = (int(p) for p in parts)
    if threads > 10_000 or replies > 10_000 or seconds > 86_400:
        raise SettingsError(f"{name} is out of range: {raw!r}")
    return threads, replies, seconds


def _mebibytes(env: Mapping[str, str], name: str, default: int, most: int) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    if not _is_ascii_number(raw) or not 1 <= int(raw) <= most:
        raise SettingsError(f"{name} must be a number of MiB 1-{most}, not {raw!r}")
    return int(raw) * MIB


def _vault_limits(env: Mapping[str, str]) -> VaultLimits:
    # One file is sealed in memory whole (no chunks in v1): 64 MiB is the most a phone takes.
    file_bytes = _mebibytes(env, "PEERSUPPORT_VAULT_FILE_MIB", VaultLimits.file_bytes, 64)
    account_bytes = _mebibytes(
        env, "PEERSUPPORT_VAULT_ACCOUNT_MIB", VaultLimits.account_bytes, 100_000
    )
    if account_bytes < file_bytes:
        raise SettingsError(
            "PEERSUPPORT_VAULT_ACCOUNT_MIB must be at least PEERSUPPORT_VAULT_FILE_MIB"
        )
    return VaultLimits(file_bytes=file_bytes, account_bytes=account_bytes)


def _posting_limits(env: Mapping[str, str]) -> PostingLimits:
    base = PostingLimits()
    new = _limit_triple(
        env,
        "PEERSUPPORT_NEW_ACCOUNT_LIMITS",
        (base.new_threads_per_day, base.new_replies_per_day, base.new_seconds_between_posts),
    )
    old = _limit_triple(
        env,
        "PEERSUPPORT_ACCOUNT_LIMITS",
        (base.threads_per_day, base.replies_per_day, base.seconds_between_posts),
    )
    raw = env.get("PEERSUPPORT_REPORTS_PER_DAY", str(base.reports_per_day)).strip()
    if not _is_ascii_number(raw) or not 1 <= int(raw) <= 10_000:
        raise SettingsError(f"PEERSUPPORT_REPORTS_PER_DAY must be a number 1-10000, not {raw!r}")
    return PostingLimits(
        new_threads_per_day=new[0],
        new_replies_per_day=new[1],
        new_seconds_between_posts=new[2],
        threads_per_day=old[0],
        replies_per_day=old[1],
        seconds_between_posts=old[2],
        reports_per_day=int(raw),
    )


def _queue_alert_hours(env: Mapping[str, str]) -> int:
    raw = env.get("PEERSUPPORT_QUEUE_ALERT_HOURS", "12").strip()
    if not _is_ascii_number(raw) or not 1 <= int(raw) <= 720:
        raise SettingsError(f"PEERSUPPORT_QUEUE_ALERT_HOURS must be a number 1-720, not {raw!r}")
    return int(raw)


def _redis_url(env: Mapping[str, str]) -> str | None:
    raw = env.get("PEERSUPPORT_REDIS_URL", "").strip()
    if not raw:
        return None
    if urlsplit(raw).scheme not in ("redis", "rediss", "unix"):
        raise SettingsError("PEERSUPPORT_REDIS_URL must start with redis:// or rediss://")
    return raw


def _secret_key(env: Mapping[str, str]) -> bytes | None:
    raw = env.get("PEERSUPPORT_SECRET_KEY", "").strip()
    if not raw:
        return None
    if len(raw) < MIN_SECRET_KEY_CHARS:
        raise SettingsError(
            f"PEERSUPPORT_SECRET_KEY must have at least {MIN_SECRET_KEY_CHARS} characters, "
            f"not {len(raw)} (the value is not shown)"
        )
    return raw.encode("utf-8")


def server_secret(settings: Settings) -> bytes:
    """The server's secret key: PEERSUPPORT_SECRET_KEY, else `<data_dir>/secret.key`.

    The file holds 32 random bytes as hex, readable by the owner only (0600), and is
    created on first use. Several workers on one data folder share it; workers on
    several machines need PEERSUPPORT_SECRET_KEY set to one value.

    Raises:
        SettingsError: naming the key file when it exists but is malformed.
    """
    if settings.secret_key is not None:
        return settings.secret_key
    path = (settings.data_dir / "secret").with_suffix(".key")
    if not path.exists():
        _create_secret_key_file(path)
    try:
        key = bytes.fromhex(path.read_text(encoding="ascii").strip())
    except (UnicodeDecodeError, ValueError):
        key = b""
    if len(key) != SECRET_KEY_BYTES:
        raise SettingsError(
            f"{path} must hold {SECRET_KEY_BYTES} bytes as hex; "
            "delete it to create a new one, or set PEERSUPPORT_SECRET_KEY"
        )
    return key


def _create_secret_key_file(path: Path) -> None:
    """Write a new key file atomically; if another process was first, keep its file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    draft = path.with_name(f".{path.name}.{secrets.token_hex(8)}")
    descriptor = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "w", encoding="ascii") as file:
            file.write(secrets.token_hex(SECRET_KEY_BYTES) + "\n")
        os.link(draft, path)  # fails if the file appeared meanwhile: that one wins
    except FileExistsError:
        pass
    finally:
        draft.unlink(missing_ok=True)


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
        posting_limits=_posting_limits(env),
        vault_limits=_vault_limits(env),
        secret_key=_secret_key(env),
        queue_alert_hours=_queue_alert_hours(env),
    )

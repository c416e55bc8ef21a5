"""Shared fixtures for the unit tests: a clean environment, throw-away data folders,
a helper that runs the project's own entry points in a subprocess, and for accounts and
notes a migrated database, a fixed clock and the keys a browser would hold."""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

import pytest
from argon2 import PasswordHasher
from sqlalchemy import Engine, delete, or_
from sqlalchemy.orm import Session, sessionmaker

from peersupport.database import make_engine, upgrade_to_head
from peersupport.models import Account, AccountSession, LoginThrottle, ModerationItem
from peersupport.services.notes_protocol import (
    AAD_DK_PASSPHRASE,
    AAD_DK_RECOVERY,
    b64u_encode,
    new_kdf_params,
    new_recovery_code,
    recovery_keys,
    seal,
)
from peersupport.settings import load_settings

if TYPE_CHECKING:
    from reflex.state import BaseState

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


# --- Accounts and notes: a migrated database, a fixed clock, keys a browser would hold ---

NOW = datetime(2026, 11, 27, 12, 0, 30, tzinfo=UTC)
SERVER_SECRET = b"k" * 32


def configured_database_url() -> str:
    """PEERSUPPORT_DATABASE_URL read the way the app reads it, or "" when unset (CI sets
    it to a PostgreSQL server for its second run)."""
    configured = os.environ.get("PEERSUPPORT_DATABASE_URL", "").strip()
    if not configured:
        return ""
    return load_settings(env={"PEERSUPPORT_DATABASE_URL": configured}).database_url


@pytest.fixture(scope="session")
def migrated_database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The configured database, or else a SQLite file, migrated to head once per run."""
    url = (
        configured_database_url() or f"sqlite:///{tmp_path_factory.mktemp('migrated')}/template.db"
    )
    upgrade_to_head(url)
    return url


@pytest.fixture
def db(migrated_database_url: str, tmp_path: Path) -> Iterator[Session]:
    """A session on an empty, migrated database, configured like `session_scope`'s.

    SQLite: a fresh copy of the migrated file (the app's engine: WAL, foreign keys on).
    PostgreSQL: one transaction rolled back at the end; the services' own commits
    (throttle failures, expired sessions) then only release a savepoint.
    """
    if migrated_database_url.startswith("sqlite"):
        path = tmp_path / "peersupport.db"
        shutil.copyfile(migrated_database_url.removeprefix("sqlite:///"), path)
        engine = make_engine(f"sqlite:///{path}")
        session = sessionmaker(engine, expire_on_commit=False)()
        yield session
        session.close()
        engine.dispose()
        return
    engine = make_engine(migrated_database_url)
    with engine.connect() as connection:
        transaction = connection.begin()
        session = Session(
            bind=connection, expire_on_commit=False, join_transaction_mode="create_savepoint"
        )
        yield session
        session.close()
        transaction.rollback()
    engine.dispose()


@pytest.fixture
def cheap_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Server-side Argon2 with tiny costs, so that a test logging in ten times stays fast.

    The dummy hash for unknown pseudonyms keeps the real costs; one test checks that the
    production hasher uses argon2-cffi's defaults.
    """
    from peersupport.services import credentials

    monkeypatch.setattr(
        credentials, "PASSWORD_HASHER", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    )


@pytest.fixture
def cheap_proofs(monkeypatch: pytest.MonkeyPatch) -> None:
    """Proof-of-work levels a few counters wide, so that tests solve them in Python at
    once; everything else about the challenges is real."""
    from peersupport.services import proof_of_work

    monkeypatch.setattr(
        proof_of_work, "LEVEL_COUNTERS", {level: 2 * level for level in range(1, 7)}
    )


def solve_proof(challenge: dict[str, Any]) -> str:
    """What the browser sends back for a challenge: ALTCHA's payload, solved."""
    import base64
    import json

    import altcha

    solution = altcha.solve_challenge(altcha.Challenge.from_dict(challenge))
    assert solution is not None
    payload = {"challenge": challenge, "solution": solution.to_dict()}
    return base64.b64encode(json.dumps(payload).encode("utf-8")).decode("ascii")


@dataclass(frozen=True)
class BrowserKeys:
    """What a browser holds after sign-up, and the bundle it sends.

    The KEK stands in for the Argon2id output (the services cannot tell: they never see
    the passphrase); every other step is the protocol's real one, so tests can unwrap
    the data key the server hands back.
    """

    pseudonym: str
    kek: bytes
    dk: bytes
    rc: bytes
    bundle: dict[str, Any]

    @property
    def auth_key(self) -> str:
        return str(self.bundle["auth_key"])

    @property
    def recovery_auth(self) -> str:
        return str(self.bundle["recovery_auth"])


def browser_keys(pseudonym: str, dk: bytes | None = None) -> BrowserKeys:
    """A registration bundle as the browser builds it, without the slow Argon2 step."""
    kek, rc = secrets.token_bytes(32), new_recovery_code()
    dk = secrets.token_bytes(32) if dk is None else dk
    recovery = recovery_keys(rc)
    bundle = {
        "kdf": new_kdf_params().to_json(),
        "auth_key": b64u_encode(secrets.token_bytes(32)),
        "wrapped_dk": seal(kek, dk, AAD_DK_PASSPHRASE),
        "recovery_auth": recovery.recovery_auth,
        "wrapped_dk_rc": seal(recovery.rk, dk, AAD_DK_RECOVERY),
    }
    return BrowserKeys(pseudonym=pseudonym, kek=kek, dk=dk, rc=rc, bundle=bundle)


def sign_up(db: Session, pseudonym: str, now: datetime = NOW) -> tuple[Account, BrowserKeys]:
    """Register a member the way the sign-up page does; returns the account and keys."""
    from peersupport.services.accounts import register

    keys = browser_keys(pseudonym)
    account = register(db, pseudonym, keys.bundle, now)
    db.commit()
    return account, keys


def add_account(db: Session, pseudonym: str, role: str = "member") -> Account:
    """An account row without usable credentials, for tests that never log in."""
    from datetime import date

    from peersupport.services.notes_protocol import normalize_pseudonym

    account = Account(
        pseudonym=pseudonym,
        pseudonym_key=normalize_pseudonym(pseudonym),
        role=role,
        kdf_params="{}",
        auth_hash="-",
        wrapped_dk="-",
        recovery_auth_hash="-",
        wrapped_dk_rc="-",
        created_month=date(2026, 11, 1),
    )
    db.add(account)
    db.flush()
    return account


# --- The accounts most service tests act as (a module may define its own) --------------


@pytest.fixture
def author(db: Session) -> Account:
    return add_account(db, "Schrijver")


@pytest.fixture
def reader(db: Session) -> Account:
    return add_account(db, "Lezer")


@pytest.fixture
def moderator(db: Session) -> Account:
    return add_account(db, "Moderator", role="moderator")


@pytest.fixture
def mod(moderator: Account) -> Account:
    """The moderator, under the short name the older tests use."""
    return moderator


@pytest.fixture
def admin(db: Session) -> Account:
    return add_account(db, "Beheerder", role="admin")


# --- Attempts from many threads at once: an engine every thread shares ------------------


class CountingHasher(PasswordHasher):
    """A cheap Argon2 hasher that counts its verifications (thread-safe)."""

    def __init__(self) -> None:
        super().__init__(time_cost=1, memory_cost=8, parallelism=1)
        self.verifications = 0
        self._lock = threading.Lock()

    def verify(self, hash: str | bytes, password: str | bytes) -> Literal[True]:
        with self._lock:
            self.verifications += 1
        return super().verify(hash, password)


@pytest.fixture
def shared_engine(migrated_database_url: str, tmp_path: Path) -> Iterator[Engine]:
    """An engine whose commits every thread sees: a fresh SQLite copy, or the configured
    PostgreSQL database, cleaned of what these tests wrote."""
    from peersupport.services import throttle

    if migrated_database_url.startswith("sqlite"):
        path = tmp_path / "race.db"
        shutil.copyfile(migrated_database_url.removeprefix("sqlite:///"), path)
        engine = make_engine(f"sqlite:///{path}")
        yield engine
        engine.dispose()
        return
    engine = make_engine(migrated_database_url)
    yield engine
    with Session(engine) as session:
        session.execute(delete(AccountSession))
        session.execute(delete(Account).where(Account.pseudonym.startswith("race")))
        session.execute(
            delete(LoginThrottle).where(
                or_(LoginThrottle.key == throttle.GLOBAL_BUCKET, LoginThrottle.key.contains(":"))
            )
        )
        session.commit()
    engine.dispose()


@pytest.fixture
def hasher(monkeypatch: pytest.MonkeyPatch) -> CountingHasher:
    from peersupport.services import credentials

    counting = CountingHasher()
    monkeypatch.setattr(credentials, "PASSWORD_HASHER", counting)
    # The dummy hash (unknown pseudonyms) must verify with the cheap hasher too.
    monkeypatch.setattr(credentials, "DUMMY_HASH", counting.hash(secrets.token_hex(16)))
    return counting


# --- The public HTTP routes (story pages, offline page, removing traces) ----------------


@pytest.fixture
def client(db: Session) -> Iterator[Any]:
    """The public routes on the test database, as the app serves them."""
    from contextlib import contextmanager

    from starlette.testclient import TestClient

    from peersupport.http.public_routes import public_routes

    @contextmanager
    def sessions() -> Iterator[Session]:
        try:
            yield db
            db.commit()
        except BaseException:
            db.rollback()
            raise

    with TestClient(public_routes(sessions, reads=sessions)) as test_client:
        yield test_client


# --- Reflex states in unit tests ---------------------------------------------------------

StateT = TypeVar("StateT", bound="BaseState")


def event_fn(handler: object) -> Callable[..., Any]:
    """The plain function behind a Reflex event handler (Reflex's stubs hide `.fn`)."""
    return cast(Any, handler).fn


def account_state(state: Any) -> Any:
    """The AccountState a page state hangs under, as the app builds it."""
    assert state.parent_state is not None
    return state.parent_state


def new_tab(state_class: type[StateT]) -> StateT:
    """The state `state_class` of a browser tab just opened: its own fresh root state."""
    from peersupport.state.account import AccountState

    root = AccountState.get_root_state()(_reflex_internal_init=True)
    state = root.get_substate(state_class.get_full_name().split(".")[1:])
    assert isinstance(state, state_class)
    return state


def signed_in_tab(state_class: type[StateT], token: str) -> StateT:
    """`state_class` of a new tab whose AccountState holds `token` (signed in unless empty)."""
    from peersupport.state.account import AccountState

    state = new_tab(state_class)
    account: Any = state
    while type(account) is not AccountState:
        account = account.parent_state
        assert account is not None
    account._token, account.signed_in = token, bool(token)
    return state


# --- Members signed in on the app's own database (the states open their own sessions) ---


@pytest.fixture
def app_database(fresh_engine_cache: Path) -> None:
    """The app's own database in a fresh data folder, migrated to the newest revision."""
    upgrade_to_head(load_settings().database_url)


def tab_token(db: Session, account: Account, now: datetime) -> str:
    """The session token a browser tab holds once `account` logged in (not remembered)."""
    from peersupport.services import sessions

    return sessions.create_session(db, account, False, now)


@dataclass(frozen=True)
class NoteOwners:
    """Two signed-in members: the owner has one note, the other would like to touch it."""

    owner_token: str
    other_token: str
    owner_keys: BrowserKeys
    note_id: str
    envelope: str


@pytest.fixture
def note_owners(app_database: None) -> NoteOwners:
    """EersteLid with one note ('van mij') and TweedeLid, both signed in."""
    import uuid

    from peersupport.database import session_scope
    from peersupport.services import notes
    from peersupport.services.notes_protocol import seal_note

    now = datetime.now(UTC)
    with session_scope() as db:
        owner, owner_keys = sign_up(db, "EersteLid", now)
        other, _ = sign_up(db, "TweedeLid", now)
        note_id = str(uuid.uuid4())
        envelope = seal_note(owner_keys.dk, note_id, {"title": "van mij", "body": "privé"})
        notes.save_note(db, owner, note_id, envelope, now)
        tokens = [tab_token(db, member, now) for member in (owner, other)]
    return NoteOwners(tokens[0], tokens[1], owner_keys, note_id, envelope)


# --- Stories waiting in the moderation queue ----------------------------------------------


def queue_story(
    db: Session,
    author: Account,
    title: str,
    body: str,
    now: datetime = NOW,
    *,
    keep_findings: bool = True,
    **fields: object,
) -> ModerationItem:
    """`author` writes a Dutch story about online grooming and sends it: its queue item.
    `fields` change the draft's other fields (language, themes, warnings)."""
    from peersupport.services import stories

    draft: dict[str, Any] = {"language": "nl", "themes": ["online_grooming"], "warnings": []}
    draft.update(fields)
    own = stories.save_draft(db, author, None, title=title, body=body, now=now, **draft)
    return stories.submit_story(db, author, own.id, keep_findings=keep_findings, now=now)


# --- Two members with real keys, for the notes and the vault's files --------------------


@pytest.fixture
def jan(db: Session) -> tuple[Account, BrowserKeys]:
    return sign_up(db, "StilleVos42")


@pytest.fixture
def piet(db: Session) -> tuple[Account, BrowserKeys]:
    return sign_up(db, "RustigeUil7")

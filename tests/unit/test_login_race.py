"""Fifty attempts at the same moment: only the free ones reach Argon2.

Each attempt runs in its own thread with its own connection and unit of work, as the
app's workers do, on SQLite and (when PEERSUPPORT_DATABASE_URL points there, as in
CI's second run) on PostgreSQL. A counting wrapper around the hasher's verify shows
how many Argon2 checks really ran.
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from peersupport.models import Account
from peersupport.services import accounts, passphrases, throttle
from peersupport.services.errors import LoginFailed, ProofRequired, ServiceError, Throttled

from .conftest import NOW, SERVER_SECRET, BrowserKeys, CountingHasher, browser_keys

ATTEMPTS = 50


def member(engine: Engine) -> tuple[Account, BrowserKeys]:
    keys = browser_keys("race" + "".join(secrets.choice("bcdfghjk") for _ in range(6)))
    with Session(engine, expire_on_commit=False) as session:
        account = accounts.register(session, keys.pseudonym, keys.bundle, NOW)
        session.commit()
    return account, keys


def at_once(engine: Engine, attempt: Callable[[Session], Any]) -> list[type[BaseException]]:
    """Run `attempt` ATTEMPTS times in parallel, each in a unit of work like the app's;
    returns the class of what each raised."""
    start = threading.Barrier(ATTEMPTS)

    def one(_: int) -> type[BaseException]:
        start.wait()
        with Session(engine, expire_on_commit=False) as session:
            try:
                attempt(session)
                session.commit()
            except ServiceError as error:
                session.rollback()
                return type(error)
        return type(None)  # type: ignore[return-value]

    with ThreadPoolExecutor(max_workers=ATTEMPTS) as pool:
        return list(pool.map(one, range(ATTEMPTS)))


def wrong_key() -> str:
    return browser_keys("x").auth_key


def test_fifty_wrong_logins_at_once_run_only_the_free_argon2_checks(
    shared_engine: Engine, hasher: CountingHasher
) -> None:
    _account, keys = member(shared_engine)

    outcomes = at_once(
        shared_engine,
        lambda session: accounts.login(
            session, keys.pseudonym, wrong_key(), False, SERVER_SECRET, NOW
        ),
    )

    assert hasher.verifications == throttle.PSEUDONYM_FREE_ATTEMPTS
    assert outcomes.count(LoginFailed) == throttle.PSEUDONYM_FREE_ATTEMPTS
    assert outcomes.count(ProofRequired) == ATTEMPTS - throttle.PSEUDONYM_FREE_ATTEMPTS


def test_fifty_unknown_pseudonym_logins_at_once_run_only_the_free_checks(
    shared_engine: Engine, hasher: CountingHasher
) -> None:
    outcomes = at_once(
        shared_engine,
        lambda session: accounts.login(
            session, "racenobody", wrong_key(), False, SERVER_SECRET, NOW
        ),
    )

    assert hasher.verifications == throttle.PSEUDONYM_FREE_ATTEMPTS
    assert outcomes.count(ProofRequired) == ATTEMPTS - throttle.PSEUDONYM_FREE_ATTEMPTS


def test_fifty_recovery_codes_at_once_run_only_the_free_checks(
    shared_engine: Engine, hasher: CountingHasher
) -> None:
    _account, keys = member(shared_engine)

    outcomes = at_once(
        shared_engine,
        lambda session: passphrases.recovery_begin(
            session, keys.pseudonym, wrong_key(), NOW, secret=SERVER_SECRET
        ),
    )

    assert hasher.verifications == throttle.PSEUDONYM_FREE_ATTEMPTS
    assert outcomes.count(ProofRequired) == ATTEMPTS - throttle.PSEUDONYM_FREE_ATTEMPTS


def test_fifty_signed_in_confirmations_at_once_run_only_the_free_checks(
    shared_engine: Engine, hasher: CountingHasher
) -> None:
    account, keys = member(shared_engine)
    new_bundle = {
        name: browser_keys(keys.pseudonym).bundle[name] for name in passphrases.PASSPHRASE_FIELDS
    }

    outcomes = at_once(
        shared_engine,
        lambda session: passphrases.change_passphrase(
            session,
            session.get_one(Account, account.id),
            wrong_key(),
            new_bundle,
            NOW,
            keep_token="",
            secret=SERVER_SECRET,
        ),
    )

    assert hasher.verifications == throttle.PSEUDONYM_FREE_ATTEMPTS
    assert outcomes.count(Throttled) == ATTEMPTS - throttle.PSEUDONYM_FREE_ATTEMPTS

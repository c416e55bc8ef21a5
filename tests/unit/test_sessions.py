"""Login sessions with a controlled clock: hashed tokens, expiry, inactivity, logout."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from peersupport.models import Account, AccountSession
from peersupport.services import sessions
from peersupport.services.errors import NotAuthorized

from .conftest import NOW, sign_up


@pytest.fixture
def account(db: Session, cheap_password_hashing: None) -> Account:
    return sign_up(db, "StilleVos42")[0]


def session_count(db: Session) -> int:
    return int(db.scalar(select(func.count()).select_from(AccountSession)) or 0)


def test_a_new_session_token_authenticates_its_account(db: Session, account: Account) -> None:
    token = sessions.create_session(db, account, False, NOW)

    assert sessions.authenticate(db, token, NOW + timedelta(minutes=1)).id == account.id


def test_only_the_hash_of_the_token_is_stored(db: Session, account: Account) -> None:
    token = sessions.create_session(db, account, False, NOW)

    stored = db.scalars(select(AccountSession.token_hash)).one()

    assert len(token) >= 43  # 256 random bits
    assert stored == hashlib.sha256(token.encode()).hexdigest()
    assert token not in stored


def test_every_session_gets_its_own_token(db: Session, account: Account) -> None:
    tokens = {sessions.create_session(db, account, False, NOW) for _ in range(5)}

    assert len(tokens) == 5


@pytest.mark.parametrize(
    ("remember", "last_activity", "attempt", "still_valid"),
    [
        # tab session: 30 minutes of inactivity, 12 hours at most
        (False, timedelta(0), timedelta(minutes=29, seconds=59), True),
        (False, timedelta(0), timedelta(minutes=30), False),
        (False, timedelta(hours=11, minutes=50), timedelta(hours=11, minutes=59), True),
        (False, timedelta(hours=11, minutes=50), timedelta(hours=12), False),
        # remembered device: 7 days of inactivity, 30 days at most
        (True, timedelta(0), timedelta(days=6, hours=23), True),
        (True, timedelta(0), timedelta(days=7), False),
        (True, timedelta(days=29, hours=23), timedelta(days=29, hours=23, minutes=30), True),
        (True, timedelta(days=29, hours=23), timedelta(days=30), False),
    ],
)
def test_expired_and_idle_sessions_are_refused(
    db: Session,
    account: Account,
    remember: bool,
    last_activity: timedelta,
    attempt: timedelta,
    still_valid: bool,
) -> None:
    token = sessions.create_session(db, account, remember, NOW)
    # Active every few minutes (tab) or every few days (remembered) until last_activity.
    step = timedelta(days=6) if remember else timedelta(minutes=20)
    moment = NOW
    while moment + step < NOW + last_activity:
        moment += step
        sessions.authenticate(db, token, moment)
    sessions.authenticate(db, token, NOW + last_activity)

    if still_valid:
        assert sessions.authenticate(db, token, NOW + attempt).id == account.id
    else:
        with pytest.raises(NotAuthorized):
            sessions.authenticate(db, token, NOW + attempt)
        assert session_count(db) == 0  # deleted, and the deletion committed
        with pytest.raises(NotAuthorized):
            sessions.authenticate(db, token, NOW + last_activity)


def test_activity_is_written_at_most_once_a_minute(db: Session, account: Account) -> None:
    token = sessions.create_session(db, account, False, NOW)
    row = db.scalars(select(AccountSession)).one()

    sessions.authenticate(db, token, NOW + timedelta(seconds=59))
    assert row.last_seen_at == NOW

    sessions.authenticate(db, token, NOW + timedelta(seconds=60))
    assert row.last_seen_at == NOW + timedelta(seconds=60)


@pytest.mark.parametrize(
    "hostile",
    [None, 0, 1.5, True, [], {}, ["token"], {"token": "x"}, b"token", "", "x" * 101, "é" * 43],
)
def test_hostile_tokens_are_refused(db: Session, account: Account, hostile: object) -> None:
    sessions.create_session(db, account, False, NOW)

    with pytest.raises(NotAuthorized):
        sessions.authenticate(db, hostile, NOW)
    sessions.end_session(db, hostile)  # ignored, not an error

    assert session_count(db) == 1


def test_an_unknown_token_is_refused(db: Session, account: Account) -> None:
    token = sessions.create_session(db, account, False, NOW)

    with pytest.raises(NotAuthorized):
        sessions.authenticate(db, token[:-1] + ("A" if token[-1] != "A" else "B"), NOW)


def test_logout_ends_only_that_session(db: Session, account: Account) -> None:
    phone = sessions.create_session(db, account, True, NOW)
    tab = sessions.create_session(db, account, False, NOW)

    sessions.end_session(db, tab)

    with pytest.raises(NotAuthorized):
        sessions.authenticate(db, tab, NOW)
    assert sessions.authenticate(db, phone, NOW).id == account.id


def test_logout_everywhere_ends_every_session_of_the_account_only(
    db: Session, account: Account
) -> None:
    other = sign_up(db, "RustigeUil7")[0]
    tokens = [sessions.create_session(db, account, remember, NOW) for remember in (True, False)]
    others_token = sessions.create_session(db, other, False, NOW)

    sessions.end_all_sessions(db, account)

    for token in tokens:
        with pytest.raises(NotAuthorized):
            sessions.authenticate(db, token, NOW)
    assert sessions.authenticate(db, others_token, NOW).id == other.id


def test_logout_everywhere_else_keeps_the_session_in_use(db: Session, account: Account) -> None:
    in_use = sessions.create_session(db, account, False, NOW)
    elsewhere = sessions.create_session(db, account, True, NOW)

    sessions.end_all_sessions(db, account, except_token=in_use)

    assert sessions.authenticate(db, in_use, NOW).id == account.id
    with pytest.raises(NotAuthorized):
        sessions.authenticate(db, elsewhere, NOW)


def test_starting_a_session_clears_away_everyones_ended_sessions(
    db: Session, account: Account
) -> None:
    sessions.create_session(db, account, False, NOW)
    remembered = sessions.create_session(db, account, True, NOW)

    sessions.create_session(db, account, False, NOW + timedelta(hours=1))

    assert session_count(db) == 2  # the idle tab session is gone
    assert sessions.authenticate(db, remembered, NOW + timedelta(hours=1)).id == account.id


def test_a_suspended_account_still_authenticates(db: Session, account: Account) -> None:
    token = sessions.create_session(db, account, False, NOW)
    account.suspended = True
    db.commit()

    assert sessions.authenticate(db, token, NOW).suspended

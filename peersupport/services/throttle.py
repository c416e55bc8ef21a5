"""Attempt counting: a few free guesses per pseudonym, then a rising cost, never a lockout.

Every passphrase, recovery-code or signed-in confirmation check is first *reserved*:
one statement adds the attempt to its pseudonym's bucket and returns the new count
(`INSERT ... ON CONFLICT DO UPDATE ... RETURNING`, on SQLite and PostgreSQL alike), and
the count decides before any Argon2 work whether this attempt is free or must carry a
proof of work (see proof_of_work.py). However many attempts arrive at once, each gets
its own number, so no more than the free ones run without a proof. A success gives its
reservation back.

Pseudonyms are public, so a limit that refused would let anyone lock a boy out: past
the free attempts the level of the proof an attempt must carry rises with the failures
(and, while the whole server sees more failures than its level, for everyone), up to a
ceiling a mid-range phone solves in a few seconds. The signed-in bucket (changing the
passphrase, deleting the account) can only be filled by his own session, so it still
refuses.

Logging in uses the pseudonym's "passphrase" bucket; recovery codes use their own
bucket. Unknown pseudonyms get buckets too, exactly like known ones: the cost says
nothing about whether an account exists. Bucket names are HMACs under the server
secret, so the table never holds a pseudonym someone typed. Windows are fixed: they
start at the first attempt and last their full length.
"""

from __future__ import annotations

import hashlib
import hmac
import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum

from sqlalchemy import case, delete, literal, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from peersupport.models import LoginThrottle
from peersupport.models.types import UtcDateTime
from peersupport.services.errors import Throttled

PSEUDONYM_FREE_ATTEMPTS = 5
PSEUDONYM_WINDOW = timedelta(minutes=15)
# Server-wide: above this many attempts a minute, every attempt carries a proof.
GLOBAL_LEVEL = 200
GLOBAL_WINDOW = timedelta(minutes=1)
GLOBAL_BUCKET = "global"
# Each further GLOBAL_STEP attempts over the level raise the server-wide cost one level.
GLOBAL_STEP = 50
# Sign-up answers whether a pseudonym is taken, so probes are counted server-wide:
# past SIGNUP_FREE a minute each costs a proof, one level more per SIGNUP_STEP.
SIGNUP_BUCKET = "n:signup"
SIGNUP_FREE = 30
SIGNUP_STEP = 30
SIGNUP_WINDOW = timedelta(minutes=1)
# The highest cost level (see proof_of_work.LEVEL_COUNTERS): reached after a few
# failures, and never higher, so the owner always gets in within seconds.
MAX_LEVEL = 6


class Purpose(Enum):
    """What kind of secret was tried; each has its own bucket per pseudonym."""

    PASSPHRASE = "p"  # noqa: S105 - a bucket prefix, no secret
    RECOVERY = "r"
    SIGNED_IN = "s"


@dataclass(frozen=True)
class Reservation:
    """One reserved attempt: its number in the pseudonym's window and the server's."""

    bucket: str
    attempt: int
    server_attempt: int
    window_start: datetime

    @property
    def pseudonym_level(self) -> int:
        """0 while free, then one level more per attempt, up to MAX_LEVEL."""
        return min(max(self.attempt - PSEUDONYM_FREE_ATTEMPTS, 0), MAX_LEVEL)

    @property
    def server_level(self) -> int:
        """0 up to GLOBAL_LEVEL attempts a minute, then one level more per GLOBAL_STEP."""
        over = self.server_attempt - GLOBAL_LEVEL
        return 0 if over <= 0 else min(math.ceil(over / GLOBAL_STEP), MAX_LEVEL)

    @property
    def level(self) -> int:
        return max(self.pseudonym_level, self.server_level)


def free_attempts_left(reservation: Reservation) -> int:
    """How many attempts after this one the window still allows without a proof (or,
    signed in, before a refusal): the real count, whoever else used the bucket."""
    return max(PSEUDONYM_FREE_ATTEMPTS - reservation.attempt, 0)


def bucket_for(secret: bytes, purpose: Purpose, pseudonym_key: str) -> str:
    """The bucket of one pseudonym key: "p:", "r:" or "s:" + HMAC-SHA256(secret, key) in hex."""
    digest = hmac.new(secret, pseudonym_key.encode("utf-8"), hashlib.sha256).hexdigest()
    return f"{purpose.value}:{digest}"


def reserve(session: Session, bucket: str, now: datetime) -> Reservation:
    """Count this attempt in its bucket and server-wide, and COMMIT the session.

    The commit makes the number visible to every other worker at once, and keeps it
    when the unit of work around a failed attempt rolls back. Call it before anything
    else was changed in the session.
    """
    attempt, window_start = _count(session, bucket, PSEUDONYM_WINDOW, now)
    server_attempt, _ = _count(session, GLOBAL_BUCKET, GLOBAL_WINDOW, now)
    session.commit()
    return Reservation(bucket, attempt, server_attempt, window_start)


def reserve_signup(session: Session, now: datetime) -> int:
    """Count one sign-up attempt server-wide and COMMIT; returns the proof level it needs."""
    attempt, _ = _count(session, SIGNUP_BUCKET, SIGNUP_WINDOW, now)
    session.commit()
    over = attempt - SIGNUP_FREE
    return 0 if over <= 0 else min(math.ceil(over / SIGNUP_STEP), MAX_LEVEL)


def refuse_past_free(reservation: Reservation, now: datetime) -> None:
    """For the signed-in bucket, which only his own session fills: refuse past the free
    attempts (until the window is over) instead of asking for a proof."""
    if reservation.attempt > PSEUDONYM_FREE_ATTEMPTS:
        window_end = reservation.window_start + PSEUDONYM_WINDOW
        retry_after_s = max(math.ceil((window_end - now).total_seconds()), 1)
        raise Throttled(
            f"attempt {reservation.attempt} since {reservation.window_start}",
            retry_after_s=retry_after_s,
        )


def give_back(session: Session, reservation: Reservation, *, server_only: bool = False) -> None:
    """Undo a reservation that ran no check (or one that succeeded): the counts drop by
    one, never below zero. `server_only` keeps the pseudonym's count: an attempt that
    came without the proof it needed still raises that pseudonym's cost."""
    keys = [GLOBAL_BUCKET] if server_only else [GLOBAL_BUCKET, reservation.bucket]
    session.execute(
        update(LoginThrottle)
        .where(LoginThrottle.key.in_(keys), LoginThrottle.failures > 0)
        .values(failures=LoginThrottle.failures - 1)
    )
    if not server_only:  # a pseudonym whose attempts all succeeded leaves no row behind
        session.execute(
            delete(LoginThrottle).where(
                LoginThrottle.key == reservation.bucket, LoginThrottle.failures <= 0
            )
        )


def reset(session: Session, bucket: str) -> None:
    """Forget the bucket's attempts (after recovery, or when the account is deleted)."""
    session.execute(delete(LoginThrottle).where(LoginThrottle.key == bucket))


def _count(session: Session, bucket: str, window: timedelta, now: datetime) -> tuple[int, datetime]:
    """Add an attempt in one statement and return the new count and the window's start,
    so concurrent workers never share a number."""
    dialect = session.get_bind().dialect.name
    insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
    # Every expression in SET sees the row as it was, so both read the old window.
    window_over = LoginThrottle.window_start <= literal(now - window, UtcDateTime())
    statement = (
        insert(LoginThrottle)
        .values(key=bucket, window_start=now, failures=1)
        .on_conflict_do_update(
            index_elements=[LoginThrottle.key],
            set_={
                "window_start": case(
                    (window_over, literal(now, UtcDateTime())), else_=LoginThrottle.window_start
                ),
                "failures": case((window_over, 1), else_=LoginThrottle.failures + 1),
            },
        )
        .returning(LoginThrottle.failures, LoginThrottle.window_start)
    )
    row = session.execute(statement).one()
    return int(row.failures), row.window_start


def mark_once(session: Session, marker: str, expires: datetime, now: datetime) -> bool:
    """Store a used-marker (a proof's or a token's) until `expires`, and COMMIT; False
    when it was there already. Markers whose time is over are dropped on the way."""
    prefix = marker.split(":", 1)[0] + ":"
    session.execute(
        delete(LoginThrottle).where(
            LoginThrottle.key.startswith(prefix, autoescape=True), LoginThrottle.window_start < now
        )
    )
    dialect = session.get_bind().dialect.name
    insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
    statement = (
        insert(LoginThrottle)
        .values(key=marker, window_start=expires, failures=0)
        .on_conflict_do_nothing(index_elements=[LoginThrottle.key])
        .returning(LoginThrottle.key)
    )
    inserted = session.execute(statement).first() is not None
    session.commit()
    return inserted

"""Login throttling with a controlled clock: per pseudonym, per purpose, and server-wide."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from peersupport.models import LoginThrottle
from peersupport.services import throttle
from peersupport.services.errors import Throttled
from peersupport.services.throttle import Purpose

from .conftest import NOW, SERVER_SECRET

BUCKET = throttle.bucket_for(SERVER_SECRET, Purpose.PASSPHRASE, "stillevos42")


def fail(db: Session, times: int, bucket: str = BUCKET, start: datetime = NOW) -> None:
    for _ in range(times):
        throttle.record_failure(db, bucket, start)


def test_five_failures_in_fifteen_minutes_are_allowed(db: Session) -> None:
    for minute in range(4):
        fail(db, 1, start=NOW + timedelta(minutes=minute))

    throttle.check(db, BUCKET, NOW + timedelta(minutes=5))  # the fifth attempt may run


def test_sixth_failure_in_fifteen_minutes_is_throttled(db: Session) -> None:
    for minute in range(5):
        throttle.check(db, BUCKET, NOW + timedelta(minutes=minute))
        fail(db, 1, start=NOW + timedelta(minutes=minute))

    with pytest.raises(Throttled) as refusal:
        throttle.check(db, BUCKET, NOW + timedelta(minutes=14, seconds=30))

    assert refusal.value.code == "throttled"
    assert refusal.value.retry_after_s == 30


def test_the_throttle_lifts_when_the_window_is_over(db: Session) -> None:
    fail(db, 5)

    with pytest.raises(Throttled):
        throttle.check(db, BUCKET, NOW + timedelta(minutes=15) - timedelta(seconds=1))
    throttle.check(db, BUCKET, NOW + timedelta(minutes=15))


def test_a_failure_after_the_window_starts_a_new_count(db: Session) -> None:
    fail(db, 5)
    later = NOW + timedelta(minutes=16)

    fail(db, 1, start=later)

    row = db.get(LoginThrottle, BUCKET)
    assert row is not None
    assert (row.failures, row.window_start) == (1, later)
    throttle.check(db, BUCKET, later)


def test_a_success_resets_the_pseudonyms_count(db: Session) -> None:
    fail(db, 4)

    throttle.reset(db, BUCKET)
    fail(db, 4)

    throttle.check(db, BUCKET, NOW)


def test_failures_are_committed_so_the_rollback_after_a_refusal_keeps_them(db: Session) -> None:
    fail(db, 5)

    db.rollback()  # what session_scope does when LoginFailed leaves it

    with pytest.raises(Throttled):
        throttle.check(db, BUCKET, NOW)


def test_pseudonyms_and_purposes_are_counted_apart(db: Session) -> None:
    fail(db, 5)
    other_pseudonym = throttle.bucket_for(SERVER_SECRET, Purpose.PASSPHRASE, "rustigeuil7")
    recovery = throttle.bucket_for(SERVER_SECRET, Purpose.RECOVERY, "stillevos42")

    throttle.check(db, other_pseudonym, NOW)
    throttle.check(db, recovery, NOW)


def test_two_hundred_failures_a_minute_throttle_every_pseudonym(db: Session) -> None:
    for index in range(200):
        bucket = throttle.bucket_for(SERVER_SECRET, Purpose.PASSPHRASE, f"guess{index}")
        fail(db, 1, bucket=bucket, start=NOW + timedelta(seconds=index * 0.2))

    never_tried = throttle.bucket_for(SERVER_SECRET, Purpose.PASSPHRASE, "nobody-tried-me")
    with pytest.raises(Throttled):
        throttle.check(db, never_tried, NOW + timedelta(seconds=59))
    throttle.check(db, never_tried, NOW + timedelta(seconds=61))


def test_no_pseudonym_is_stored_only_a_keyed_hash(db: Session) -> None:
    fail(db, 1)

    keys = set(db.scalars(select(LoginThrottle.key)))

    assert keys == {BUCKET, "global"}
    assert "stillevos42" not in BUCKET
    assert BUCKET.startswith("p:") and len(BUCKET) == 2 + 64
    assert (
        throttle.bucket_for(b"another secret of 32 characters!", Purpose.PASSPHRASE, "stillevos42")
        != BUCKET
    )

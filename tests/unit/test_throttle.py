"""Attempt counting with a controlled clock: per pseudonym, per purpose, and server-wide."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from peersupport.models import LoginThrottle
from peersupport.services import throttle
from peersupport.services.errors import Throttled
from peersupport.services.throttle import Purpose, Reservation

from .conftest import NOW, SERVER_SECRET

BUCKET = throttle.bucket_for(SERVER_SECRET, Purpose.PASSPHRASE, "stillevos42")


def attempt(db: Session, times: int, bucket: str = BUCKET, start: datetime = NOW) -> Reservation:
    reservation = throttle.reserve(db, bucket, start)
    for _ in range(times - 1):
        reservation = throttle.reserve(db, bucket, start)
    return reservation


def test_five_attempts_in_fifteen_minutes_are_free(db: Session) -> None:
    for minute in range(4):
        attempt(db, 1, start=NOW + timedelta(minutes=minute))

    fifth = attempt(db, 1, start=NOW + timedelta(minutes=5))

    assert (fifth.attempt, fifth.level) == (5, 0)


def test_each_attempt_past_the_free_ones_costs_one_level_more_up_to_the_ceiling(
    db: Session,
) -> None:
    attempt(db, 5)

    levels = [attempt(db, 1, start=NOW + timedelta(minutes=1)).level for _ in range(9)]

    assert levels == [1, 2, 3, 4, 5, 6, 6, 6, 6]
    assert throttle.MAX_LEVEL == 6


def test_the_cost_lifts_when_the_window_is_over(db: Session) -> None:
    attempt(db, 8)

    assert attempt(db, 1, start=NOW + timedelta(minutes=15) - timedelta(seconds=1)).level == 4
    assert attempt(db, 1, start=NOW + timedelta(minutes=30)).level == 0


def test_an_attempt_after_the_window_starts_a_new_count(db: Session) -> None:
    attempt(db, 5)
    later = NOW + timedelta(minutes=16)

    reservation = attempt(db, 1, start=later)

    row = db.get(LoginThrottle, BUCKET)
    assert row is not None
    assert (row.failures, row.window_start) == (1, later)
    assert (reservation.attempt, reservation.window_start) == (1, later)


def test_giving_back_undoes_one_attempt_and_leaves_no_empty_row(db: Session) -> None:
    reservation = attempt(db, 1)

    throttle.give_back(db, reservation)

    assert db.get(LoginThrottle, BUCKET) is None
    global_row = db.get(LoginThrottle, throttle.GLOBAL_BUCKET)
    assert global_row is not None and global_row.failures == 0


def test_giving_back_server_only_keeps_the_pseudonyms_count(db: Session) -> None:
    reservation = attempt(db, 6)

    throttle.give_back(db, reservation, server_only=True)

    assert attempt(db, 1).attempt == 7
    global_row = db.get(LoginThrottle, throttle.GLOBAL_BUCKET)
    assert global_row is not None and global_row.failures == 6


def test_reservations_are_committed_so_the_rollback_after_a_failure_keeps_them(
    db: Session,
) -> None:
    attempt(db, 5)

    db.rollback()  # what session_scope does when LoginFailed leaves it

    assert attempt(db, 1).level == 1


def test_pseudonyms_and_purposes_are_counted_apart(db: Session) -> None:
    attempt(db, 5)
    other_pseudonym = throttle.bucket_for(SERVER_SECRET, Purpose.PASSPHRASE, "rustigeuil7")
    recovery = throttle.bucket_for(SERVER_SECRET, Purpose.RECOVERY, "stillevos42")

    assert attempt(db, 1, bucket=other_pseudonym).level == 0
    assert attempt(db, 1, bucket=recovery).level == 0


def test_over_two_hundred_attempts_a_minute_cost_every_pseudonym_a_proof(db: Session) -> None:
    for index in range(200):
        bucket = throttle.bucket_for(SERVER_SECRET, Purpose.PASSPHRASE, f"guess{index}")
        attempt(db, 1, bucket=bucket, start=NOW + timedelta(seconds=index * 0.2))

    never_tried = throttle.bucket_for(SERVER_SECRET, Purpose.PASSPHRASE, "nobody-tried-me")
    flooded = attempt(db, 1, bucket=never_tried, start=NOW + timedelta(seconds=59))
    assert (flooded.pseudonym_level, flooded.server_level) == (0, 1)
    assert attempt(db, 1, bucket=never_tried, start=NOW + timedelta(seconds=61)).level == 0


def test_the_signed_in_bucket_refuses_past_its_free_attempts(db: Session) -> None:
    signed_in = throttle.bucket_for(SERVER_SECRET, Purpose.SIGNED_IN, "stillevos42")
    throttle.refuse_past_free(attempt(db, 5, bucket=signed_in), NOW)

    with pytest.raises(Throttled) as refusal:
        throttle.refuse_past_free(attempt(db, 1, bucket=signed_in), NOW + timedelta(minutes=14))

    assert refusal.value.retry_after_s == 60


def test_no_pseudonym_is_stored_only_a_keyed_hash(db: Session) -> None:
    attempt(db, 1)

    keys = set(db.scalars(select(LoginThrottle.key)))

    assert keys == {BUCKET, "global"}
    assert "stillevos42" not in BUCKET
    assert BUCKET.startswith("p:") and len(BUCKET) == 2 + 64
    assert (
        throttle.bucket_for(b"another secret of 32 characters!", Purpose.PASSPHRASE, "stillevos42")
        != BUCKET
    )

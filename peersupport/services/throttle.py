"""Login throttling: few guesses per pseudonym, and a ceiling on failures server-wide.

Logging in uses the pseudonym's "passphrase" bucket; recovery codes use their own
bucket, so a boy who forgot his passphrase and got locked out of logging in can still
recover. A signed-in boy confirming his passphrase (change passphrase, delete account)
uses a third, "signed-in" bucket: someone guessing at his pseudonym on the login page
cannot lock him out of his own account settings, and only his own session can fill it. Unknown
pseudonyms get buckets too, exactly like known ones: being throttled says nothing about
whether an account exists. Bucket names are HMACs under the server secret, so the table
never holds a pseudonym someone typed.

Windows are fixed: they start at the first failure and last their full length.
"""

from __future__ import annotations

import hashlib
import hmac
import math
from datetime import datetime, timedelta
from enum import Enum

from sqlalchemy import case, delete, literal, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from peersupport.models import LoginThrottle
from peersupport.models.types import UtcDateTime
from peersupport.services.errors import Throttled

PSEUDONYM_MAX_FAILURES = 5
PSEUDONYM_WINDOW = timedelta(minutes=15)
GLOBAL_MAX_FAILURES = 200
GLOBAL_WINDOW = timedelta(minutes=1)
GLOBAL_BUCKET = "global"


class Purpose(Enum):
    """What kind of secret was tried; each has its own bucket per pseudonym."""

    PASSPHRASE = "p"  # noqa: S105 - a bucket prefix, no secret
    RECOVERY = "r"
    SIGNED_IN = "s"


def bucket_for(secret: bytes, purpose: Purpose, pseudonym_key: str) -> str:
    """The bucket of one pseudonym key: "p:", "r:" or "s:" + HMAC-SHA256(secret, key) in hex."""
    digest = hmac.new(secret, pseudonym_key.encode("utf-8"), hashlib.sha256).hexdigest()
    return f"{purpose.value}:{digest}"


def check(session: Session, bucket: str, now: datetime) -> None:
    """Raise Throttled if this bucket, or the server as a whole, has failed too often."""
    _refuse_when_full(session, bucket, PSEUDONYM_MAX_FAILURES, PSEUDONYM_WINDOW, now)
    _refuse_when_full(session, GLOBAL_BUCKET, GLOBAL_MAX_FAILURES, GLOBAL_WINDOW, now)


def record_failure(session: Session, bucket: str, now: datetime) -> None:
    """Count one failure in the bucket and globally, and COMMIT the session.

    The caller raises right after this, and the unit of work around it rolls back on
    an exception: without the commit, failures would never be counted. Call it before
    anything else was changed in the session.
    """
    _count(session, bucket, PSEUDONYM_WINDOW, now)
    _count(session, GLOBAL_BUCKET, GLOBAL_WINDOW, now)
    session.commit()


def reset(session: Session, bucket: str) -> None:
    """Forget the bucket's failures after a success (the global count stays)."""
    session.execute(delete(LoginThrottle).where(LoginThrottle.key == bucket))


def _refuse_when_full(
    session: Session, bucket: str, max_failures: int, window: timedelta, now: datetime
) -> None:
    row = session.execute(
        select(LoginThrottle.window_start, LoginThrottle.failures).where(
            LoginThrottle.key == bucket
        )
    ).one_or_none()
    if row is None:
        return
    window_end = row.window_start + window
    if row.failures >= max_failures and now < window_end:
        retry_after_s = math.ceil((window_end - now).total_seconds())
        raise Throttled(
            f"{max_failures} failures since {row.window_start}", retry_after_s=retry_after_s
        )


def _count(session: Session, bucket: str, window: timedelta, now: datetime) -> None:
    """Add a failure in one statement, so concurrent workers never lose a count."""
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
    )
    session.execute(statement)

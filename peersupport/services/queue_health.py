"""How the queue is doing over time: the waiting time of the last days' decisions (for
the moderators' chart) and an honest expected wait for an author who just sent
something.

Waiting time is from queueing to decision (approved, edited or rejected). The chart is
for moderators only; the expected wait is public knowledge about the queue as a whole
(a median over many items), never about one member, and it is only given when there
are enough decisions to say something true: otherwise it is None and the author is
told that honestly.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from peersupport.models import Account, ModerationItem
from peersupport.models.moderation import ItemState
from peersupport.services.moderation import CHART_DAYS, LOCAL_TIME, require_staff

# The expected wait looks at the decisions of the last EXPECTED_WAIT_DAYS days, and says
# nothing unless there are at least MIN_DECISIONS of them.
EXPECTED_WAIT_DAYS = 7
MIN_DECISIONS = 5


@dataclass(frozen=True)
class WaitDay:
    """One Dutch day of the chart: how long the items decided that day had waited."""

    day: date
    decided: int
    median_hours: float  # 0 when nothing was decided that day
    longest_hours: float


def _hours(span: timedelta) -> float:
    return max(0.0, span.total_seconds() / 3600)


def wait_days(session: Session, actor: Account, now: datetime) -> tuple[WaitDay, ...]:
    """The last CHART_DAYS Dutch days, oldest first (one query)."""
    require_staff(actor)
    first_day = now.astimezone(LOCAL_TIME).date() - timedelta(days=CHART_DAYS - 1)
    start = datetime.combine(first_day, time.min, tzinfo=LOCAL_TIME)
    waits: dict[date, list[float]] = {first_day + timedelta(days=n): [] for n in range(CHART_DAYS)}
    for queued_at, decided_at in session.execute(
        select(ModerationItem.queued_at, ModerationItem.decided_at).where(
            ModerationItem.decided_at >= start, ModerationItem.decided_at.is_not(None)
        )
    ):
        day = decided_at.astimezone(LOCAL_TIME).date() if decided_at is not None else None
        if day is not None and day in waits and decided_at is not None:
            waits[day].append(_hours(decided_at - queued_at))
    return tuple(
        WaitDay(
            day=day,
            decided=len(hours),
            median_hours=statistics.median(hours) if hours else 0.0,
            longest_hours=max(hours) if hours else 0.0,
        )
        for day, hours in waits.items()
    )


def expected_wait(session: Session, now: datetime) -> timedelta | None:
    """The median wait of the decisions of the last EXPECTED_WAIT_DAYS days, or None
    when there were fewer than MIN_DECISIONS (too few to say anything true)."""
    rows = session.execute(
        select(ModerationItem.queued_at, ModerationItem.decided_at).where(
            ModerationItem.decided_at >= now - timedelta(days=EXPECTED_WAIT_DAYS),
            ModerationItem.decided_at.is_not(None),
        )
    ).all()
    seconds = [
        (decided_at - queued_at).total_seconds()
        for queued_at, decided_at in rows
        if decided_at is not None
    ]
    if len(seconds) < MIN_DECISIONS:
        return None
    return timedelta(seconds=max(0.0, statistics.median(seconds)))


def overdue(queued_at: datetime, now: datetime, alert_hours: int) -> bool:
    """Has an item waited longer than the configured hours?"""
    return now - queued_at > timedelta(hours=alert_hours)


def overdue_count(session: Session, actor: Account, now: datetime, alert_hours: int) -> int:
    """How many pending items have waited longer than the alert hours (one query)."""
    require_staff(actor)
    count = session.scalar(
        select(func.count()).where(
            ModerationItem.state == ItemState.PENDING,
            ModerationItem.queued_at < now - timedelta(hours=alert_hours),
        )
    )
    return int(count or 0)

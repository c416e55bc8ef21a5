"""Queue health: the waiting time per day for the moderators' chart (drawn as SVG on
the server), items waiting past the alert hours, and the expected wait an author reads,
which says honestly when there are too few decisions to know."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy.orm import Session

from peersupport.models import Account, ModerationItem
from peersupport.services import queue_health
from peersupport.services.errors import NotAuthorized
from peersupport.settings import SettingsError, load_settings
from peersupport.state.expected_wait import wait_sentence, wait_texts
from peersupport.state.moderation_extras import wait_chart_svg, wait_rows

from .conftest import NOW


def decided(db: Session, author: Account, waited: timedelta, days_ago: float = 0) -> None:
    decided_at = NOW - timedelta(days=days_ago)
    db.add(
        ModerationItem(
            kind="story",
            author_id=author.id,
            state="approved",
            queued_at=decided_at - waited,
            original_body="tekst",
            decision="approved",
            decided_at=decided_at,
        )
    )
    db.flush()


def waiting(db: Session, author: Account, hours: float) -> None:
    db.add(
        ModerationItem(
            kind="story",
            author_id=author.id,
            state="pending",
            queued_at=NOW - timedelta(hours=hours),
            original_body="tekst",
        )
    )
    db.flush()


def test_only_staff_read_the_chart_and_the_overdue_count(db: Session, author: Account) -> None:
    with pytest.raises(NotAuthorized):
        queue_health.wait_days(db, author, NOW)
    with pytest.raises(NotAuthorized):
        queue_health.overdue_count(db, author, NOW, 12)


def test_each_day_has_the_median_and_longest_wait_of_its_decisions(
    db: Session, moderator: Account, author: Account
) -> None:
    for hours in (1, 3, 20):
        decided(db, author, timedelta(hours=hours))
    decided(db, author, timedelta(hours=6), days_ago=3)
    decided(db, author, timedelta(hours=50), days_ago=30)  # before the chart: left out
    days = queue_health.wait_days(db, moderator, NOW)
    assert len(days) == 14
    today, three_days_ago = days[-1], days[-4]
    assert (today.decided, today.median_hours, today.longest_hours) == (3, 3.0, 20.0)
    assert (three_days_ago.decided, three_days_ago.median_hours) == (1, 6.0)
    assert sum(day.decided for day in days) == 4


def test_the_chart_is_an_svg_of_numbers_and_shapes_with_the_limit_line(
    db: Session, moderator: Account, author: Account
) -> None:
    decided(db, author, timedelta(hours=2))
    decided(db, author, timedelta(hours=30), days_ago=1)
    days = queue_health.wait_days(db, moderator, NOW)
    svg = wait_chart_svg(days, alert_hours=12)
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert 'aria-hidden="true"' in svg
    assert svg.count("<rect") == 2
    assert svg.count("wait-chart__bar--over") == 1  # the day with 30 hours
    assert svg.count("wait-chart__alert") == 1
    assert "<script" not in svg and "href" not in svg
    rows = wait_rows(days, alert_hours=12)
    assert [row.median for row in rows[-2:]] == ["30.0", "2.0"]
    assert [row.over for row in rows[-2:]] == [True, False]
    assert rows[0].median == "" and rows[0].decided == 0


def test_items_waiting_past_the_alert_hours_are_counted(
    db: Session, moderator: Account, author: Account
) -> None:
    waiting(db, author, 13)
    waiting(db, author, 11)
    waiting(db, author, 40)
    assert queue_health.overdue_count(db, moderator, NOW, 12) == 2
    assert queue_health.overdue_count(db, moderator, NOW, 48) == 0
    assert queue_health.overdue(NOW - timedelta(hours=13), NOW, 12)
    assert not queue_health.overdue(NOW - timedelta(hours=11), NOW, 12)


def test_the_expected_wait_needs_enough_recent_decisions(db: Session, author: Account) -> None:
    for hours in (1, 2, 3, 4):
        decided(db, author, timedelta(hours=hours), days_ago=1)
    decided(db, author, timedelta(hours=99), days_ago=8)  # older than a week: left out
    assert queue_health.expected_wait(db, NOW) is None
    nl, en = wait_texts(db, NOW)
    assert "te weinig" in nl and "too few" in en
    assert not any(char.isdigit() for char in nl.replace("7", ""))  # no made-up figure
    decided(db, author, timedelta(hours=5), days_ago=2)
    assert queue_health.expected_wait(db, NOW) == timedelta(hours=3)
    nl, en = wait_texts(db, NOW)
    assert "binnen 3 uur" in nl and "within 3 hours" in en


@pytest.mark.parametrize(
    ("wait", "dutch", "english"),
    [
        (timedelta(minutes=20), "20 minuten", "20 minutes"),
        (timedelta(minutes=59, seconds=1), "1 uur", "1 hour"),
        (timedelta(hours=2, minutes=10), "3 uur", "3 hours"),
        (timedelta(hours=47), "47 uur", "47 hours"),
        (timedelta(hours=50), "3 dagen", "3 days"),
    ],
)
def test_the_expected_wait_is_rounded_up_never_down(
    wait: timedelta, dutch: str, english: str
) -> None:
    assert f"binnen {dutch} " in wait_sentence("nl", wait)
    assert f"within {english}." in wait_sentence("en", wait)


def test_the_alert_hours_are_a_setting() -> None:
    assert load_settings({}).queue_alert_hours == 12
    assert load_settings({"PEERSUPPORT_QUEUE_ALERT_HOURS": "24"}).queue_alert_hours == 24
    for broken in ("0", "721", "twaalf", "-3", "1.5"):
        with pytest.raises(SettingsError, match="PEERSUPPORT_QUEUE_ALERT_HOURS"):
            load_settings({"PEERSUPPORT_QUEUE_ALERT_HOURS": broken})

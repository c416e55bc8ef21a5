"""Times in his own zone and language, from Babel's formats."""

from __future__ import annotations

import datetime as dt

import pytest

from peersupport.components import local_time

WINTER = dt.datetime(2026, 3, 3, 14, 5, tzinfo=dt.UTC)
SUMMER = dt.datetime(2026, 7, 31, 22, 30, tzinfo=dt.UTC)


def test_dutch_and_english_day_month_and_time_in_the_home_zone() -> None:
    assert local_time.date_time(WINTER, "nl") == "3 mrt 2026 15:05"
    assert local_time.date_time(WINTER, "en") == "3 Mar 2026 15:05"
    assert local_time.day(WINTER, "nl") == "3 mrt 2026"
    assert local_time.month(WINTER.date(), "en") == "Mar 2026"
    assert local_time.time_of_day(WINTER, "nl") == "15:05"


def test_summer_time_moves_the_day_in_his_zone() -> None:
    assert local_time.day(SUMMER, "nl") == "1 aug 2026"
    assert local_time.time_of_day(SUMMER, "en") == "00:30"
    tokyo = local_time.zone_named("Asia/Tokyo")
    assert local_time.date_time(SUMMER, "nl", tokyo) == "1 aug 2026 07:30"
    london = local_time.zone_named("Europe/London")
    assert local_time.date_time(SUMMER, "en", london) == "31 Jul 2026 23:30"


@pytest.mark.parametrize(
    "hostile", [None, 3, "", "Mars/Olympus", "../../etc/passwd", "Europe/Amsterdam" * 5, ["UTC"]]
)
def test_a_zone_the_browser_made_up_is_the_home_zone(hostile: object) -> None:
    assert local_time.zone_name(hostile) == "Europe/Amsterdam"


def test_an_unknown_language_reads_dutch() -> None:
    assert local_time.day(WINTER, "xx") == "3 mrt 2026"

"""Page cursors: what a page hands out comes back as the same place in the list, and
anything else the browser sends instead is refused with "invalid_cursor"."""

from __future__ import annotations

import base64
from datetime import UTC, datetime, timedelta, timezone

import pytest

from peersupport.services.cursors import (
    CURSOR_MAX_CHARS,
    id_cursor,
    moment_cursor,
    parse_id_cursor,
    parse_moment_cursor,
)
from peersupport.services.errors import InvalidInput
from peersupport.services.ids import MAX_ID


def _b64(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


@pytest.mark.parametrize("item_id", [1, 42, MAX_ID])
def test_a_moment_cursor_reads_back_as_the_same_moment_and_id(item_id: int) -> None:
    at = datetime(2026, 3, 3, 14, 5, 6, 789, tzinfo=timezone(timedelta(hours=1)))

    cursor = moment_cursor(at, item_id)

    assert parse_moment_cursor(cursor) == (at, item_id)
    assert parse_moment_cursor(cursor)[0].utcoffset() == timedelta(0)  # type: ignore[index]
    assert len(cursor) <= CURSOR_MAX_CHARS and "=" not in cursor


@pytest.mark.parametrize("item_id", [1, 7, MAX_ID])
def test_an_id_cursor_reads_back_as_the_same_id(item_id: int) -> None:
    assert parse_id_cursor(id_cursor(item_id)) == item_id


@pytest.mark.parametrize("first", [None, ""])
def test_no_cursor_is_the_first_page(first: object) -> None:
    assert parse_moment_cursor(first) is None
    assert parse_id_cursor(first) == 0


@pytest.mark.parametrize(
    "hostile",
    [
        "not-a-cursor",
        "x" * (CURSOR_MAX_CHARS + 1),
        ["a"],
        12,
        True,
        b"abc",
        "\x00",
        _b64("2026-11-27T12:00:30|1"),  # a time without a zone
        _b64("2026-11-27T12:00:30+00:00|0"),
        _b64("2026-11-27T12:00:30+00:00|-1"),
        _b64(f"2026-11-27T12:00:30+00:00|{MAX_ID + 1}"),
        _b64("2026-11-27T12:00:30+00:00|1|2"),
        _b64("2026-11-27T12:00:30+00:00|1.5"),
        _b64("gisteren|1"),
        base64.urlsafe_b64encode(b"\xff\xfe|1").decode(),
    ],
)
def test_a_hostile_moment_cursor_is_refused(hostile: object) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_moment_cursor(hostile)
    assert refused.value.code == "invalid_cursor"


@pytest.mark.parametrize(
    "hostile",
    ["abc", "0", "-1", "+1", "1.5", " 1", "٣", "9" * 20, str(MAX_ID + 1), ["1"], 5, True],
)
def test_a_hostile_id_cursor_is_refused(hostile: object) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_id_cursor(hostile)
    assert refused.value.code == "invalid_cursor"


def test_the_moment_cursor_is_in_utc_whatever_zone_it_was_made_in() -> None:
    at = datetime(2026, 3, 3, 15, 5, tzinfo=UTC)
    amsterdam = at.astimezone(timezone(timedelta(hours=1)))
    assert moment_cursor(at, 3) == moment_cursor(amsterdam, 3)

"""Page cursors: the short string a page of a list hands the browser so it can ask for
the next page, and the one parser that reads it back. A cursor returns from the browser,
so it is hostile: anything but a cursor made here is refused with "invalid_cursor".

Two kinds: a moment cursor ("after this moment and id", for lists newest first: a
board's threads, the published stories) and an id cursor ("after this id", for posts
oldest first).
"""

from __future__ import annotations

import base64
import binascii
from datetime import UTC, datetime

from peersupport.services.errors import InvalidInput
from peersupport.services.ids import MAX_ID, is_id

CURSOR_MAX_CHARS = 100
# The longest id a cursor carries: ten digits (MAX_ID has ten).
ID_MAX_DIGITS = len(str(MAX_ID))


def _refused() -> InvalidInput:
    return InvalidInput("invalid_cursor", "a cursor is the string a page returned")


def moment_cursor(at: datetime, item_id: int) -> str:
    """The cursor of the page after the item `item_id` listed at `at`."""
    raw = f"{at.astimezone(UTC).isoformat()}|{item_id}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def parse_moment_cursor(cursor: object) -> tuple[datetime, int] | None:
    """(moment, id) from a moment cursor; None for the first page (None or "").

    Raises: InvalidInput "invalid_cursor" for anything `moment_cursor` did not make.
    """
    if cursor is None or cursor == "":
        return None
    if not isinstance(cursor, str) or len(cursor) > CURSOR_MAX_CHARS:
        raise _refused()
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        at_text, id_text = raw.split("|")
        at, item_id = datetime.fromisoformat(at_text), int(id_text)
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise _refused() from None
    if at.tzinfo is None or not is_id(item_id):
        raise _refused()
    return at, item_id


def id_cursor(item_id: int) -> str:
    """The cursor of the page after the item `item_id`."""
    return str(item_id)


def parse_id_cursor(cursor: object) -> int:
    """The id after which the page starts; 0 for the first page (None or "").

    Raises: InvalidInput "invalid_cursor" for anything but the digits of an id.
    """
    if cursor is None or cursor == "":
        return 0
    if (
        isinstance(cursor, str)
        and cursor.isascii()
        and cursor.isdigit()
        and len(cursor) <= ID_MAX_DIGITS
        and is_id(int(cursor))
    ):
        return int(cursor)
    raise _refused()

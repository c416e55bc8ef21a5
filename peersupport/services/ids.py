"""Ids from hostile input: one parser for every id a browser, an address or a form
sends (an event argument, `?nr=12` in the address bar), so each service and state
agrees on what an id is: a positive 32-bit integer, never a bool, never a sign or a
leading zero."""

from __future__ import annotations

import re

MAX_ID = 2**31 - 1
# Digits only, no sign, no leading zero, at most ten of them.
ADDRESS_ID = re.compile(r"[1-9][0-9]{0,9}")


def is_id(raw: object) -> bool:
    """True for a positive integer that fits a database id (a bool is not an id)."""
    return isinstance(raw, int) and not isinstance(raw, bool) and 0 < raw <= MAX_ID


def event_id(raw: object) -> int | None:
    """An id sent as an event argument, or None when it is anything else."""
    return raw if is_id(raw) else None  # type: ignore[return-value]


def address_id(raw: object) -> int | None:
    """An id from the address bar or a form field (a string of digits), or None."""
    if not isinstance(raw, str) or not ADDRESS_ID.fullmatch(raw):
        return None
    value = int(raw)
    return value if value <= MAX_ID else None

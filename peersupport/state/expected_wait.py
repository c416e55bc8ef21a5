"""The honest expected wait an author reads after sending a post, reply or story: how
quickly the last days' items were read (a median over all of them), or, with too few
decisions to say that truly, a plain sentence saying so. Never a made-up figure."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from peersupport.services import queue_health
from peersupport.translations import translate


def _duration(language: str, wait: dt.timedelta) -> str:
    minutes = max(1, int(-(-wait.total_seconds() // 60)))  # rounded up: never promise less
    if minutes < 60:
        return translate(language, "queue.wait.minutes", n=minutes)
    hours = -(-minutes // 60)
    if hours < 48:
        return translate(language, "queue.wait.hour" if hours == 1 else "queue.wait.hours", n=hours)
    return translate(language, "queue.wait.days", n=-(-hours // 24))


def wait_sentence(language: str, wait: dt.timedelta | None) -> str:
    if wait is None:
        return translate(language, "queue.wait.unknown", days=queue_health.EXPECTED_WAIT_DAYS)
    return translate(
        language,
        "queue.wait.expected",
        days=queue_health.EXPECTED_WAIT_DAYS,
        duration=_duration(language, wait),
    )


def wait_texts(session: Session, at: dt.datetime) -> tuple[str, str]:
    """The sentence in Dutch and in English, read in the caller's unit of work."""
    wait = queue_health.expected_wait(session, at)
    return wait_sentence("nl", wait), wait_sentence("en", wait)

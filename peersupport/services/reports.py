"""What reports about board posts and about stories share: the checks on a report's
reason and words, counting who reported an item, and listing and closing its open
reports.

Plain Python, no Reflex.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import InstrumentedAttribute, Session

from peersupport.models import PostReport, StoryReport
from peersupport.models.boards import REPORT_REASONS, REPORT_TEXT_MAX_CHARS
from peersupport.services.errors import InvalidInput

# A report about a board post or about a story, and the column naming its item.
ReportModel = type[PostReport] | type[StoryReport]
ItemColumn = InstrumentedAttribute[int]


@dataclass(frozen=True)
class Report:
    reason: str
    text: str
    at: datetime


def report_words(reason: object, text: object) -> str:
    """The reporter's own words, stripped, once `reason` and `text` are valid.

    Raises: InvalidInput "invalid_reason", "report_too_long", "reason_text_missing"
    ("other" needs words).
    """
    if not isinstance(reason, str) or reason not in REPORT_REASONS:
        raise InvalidInput("invalid_reason", f"reason is one of {REPORT_REASONS}")
    words = "" if text is None else text
    if not isinstance(words, str) or len(words) > REPORT_TEXT_MAX_CHARS:
        raise InvalidInput("report_too_long", f"at most {REPORT_TEXT_MAX_CHARS} characters")
    words = words.strip()
    if reason == "other" and not words:
        raise InvalidInput("reason_text_missing", "say what is wrong")
    return words


def already_reported(
    session: Session, model: ReportModel, item: ItemColumn, item_id: int, reporter_id: int
) -> bool:
    """Whether this member has reported this item before (open or closed)."""
    found = session.scalar(
        select(model.id).where(item == item_id, model.reporter_id == reporter_id)
    )
    return bool(found)


def open_reporters(session: Session, model: ReportModel, item: ItemColumn, item_id: int) -> int:
    """How many different members have an open report about this item."""
    count = session.scalar(
        select(func.count(func.distinct(model.reporter_id))).where(item == item_id, model.open)
    )
    return int(count or 0)


def open_reports(
    session: Session, model: ReportModel, item: ItemColumn, ids: list[int]
) -> dict[int, list[Report]]:
    """The open reports about each of the items `ids`, oldest first."""
    reports: dict[int, list[Report]] = {item_id: [] for item_id in ids}
    rows: Any = session.scalars(
        select(model).where(model.open, item.in_(ids)).order_by(model.created_at, model.id)
    )
    for row in rows:
        reports[getattr(row, item.key)].append(Report(row.reason, row.text, row.created_at))
    return reports


def close_reports(session: Session, model: ReportModel, item: ItemColumn, item_id: int) -> int:
    """Close this item's open reports; how many there were."""
    result = session.execute(
        update(model)
        .where(item == item_id, model.open)
        .values(open=False)
        .execution_options(synchronize_session=False)
    )
    return int(getattr(result, "rowcount", 0) or 0)

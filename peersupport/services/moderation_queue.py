"""Reading the moderation queue: the pending items as a moderator sees them (urgent ones
first, then oldest first), the queue's figures per Dutch day, and the decisions he can
still undo. Moderators and admins only; the text of each item comes from its kind
(services/moderation_kinds.py)."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session, aliased

from peersupport.models import Account, ModerationItem
from peersupport.models.moderation import ItemKind, ItemState
from peersupport.services.moderation_kinds import KINDS, ItemText
from peersupport.services.moderation_rules import (
    CHART_DAYS,
    LOCAL_TIME,
    QUEUE_PAGE,
    UNDO_MINUTES,
    claim_holder,
    codes,
    require_staff,
)


@dataclass(frozen=True)
class QueueItem:
    """A pending item as a moderator sees it."""

    id: int
    kind: str
    title: str
    body: str
    body_html: str
    language: str
    themes: tuple[str, ...]
    warnings: tuple[str, ...]
    author: str
    queued_at: datetime
    findings: tuple[tuple[str, str], ...]  # (kind, text)
    flags: tuple[tuple[str, str], ...]  # (word, action)
    escalated: bool
    # Crisis words were found at submission: reason codes of services/crisis.py.
    urgent_reasons: tuple[str, ...]
    claimed_by: str  # pseudonym, "" when free
    claimed_by_me: bool
    own: bool  # the moderator wrote it himself: he may not decide it
    board: str  # the board key of a thread or reply, "" for a story
    # The item's own title, screened for his safety; "" when the title shown is only
    # context (a reply shows its thread's).
    own_title: str = ""


@dataclass(frozen=True)
class QueueStats:
    size: int
    oldest_queued_at: datetime | None
    # (day in Dutch time, submitted that day, decided that day), oldest day first.
    days: tuple[tuple[date, int, int], ...]


@dataclass(frozen=True)
class RecentDecision:
    """A decision the actor may still undo."""

    item_id: int
    title: str
    decision: str
    decided_at: datetime


# Made once: an alias built per call costs more than the query it serves.
ITEM_AUTHOR = aliased(Account, name="item_author")
ITEM_CLAIMER = aliased(Account, name="item_claimer")


def item_texts(session: Session, items: Sequence[ModerationItem]) -> dict[int, ItemText]:
    """The text of each item by id, asked of each kind for its own items (one query a
    kind that has any)."""
    by_kind: dict[str, list[ModerationItem]] = defaultdict(list)
    for item in items:
        by_kind[item.kind].append(item)
    texts: dict[int, ItemText] = {}
    for kind, own in by_kind.items():
        texts.update(KINDS[ItemKind(kind)].texts(session, own))
    return texts


def list_queue(session: Session, actor: Account, now: datetime) -> list[QueueItem]:
    """Pending items: urgent ones (crisis words) first, then oldest first. One query
    for the queue, then one a kind for the items' text."""
    require_staff(actor)
    if actor.moderation_paused:
        return []  # he takes a break: no item reaches his screen (services/queue_safety.py)
    author, claimer = ITEM_AUTHOR, ITEM_CLAIMER
    rows = list(
        session.execute(
            select(ModerationItem, author.pseudonym, claimer.pseudonym)
            .join(author, author.id == ModerationItem.author_id)
            .outerjoin(claimer, claimer.id == ModerationItem.claimed_by)
            .where(ModerationItem.state == ItemState.PENDING)
            .order_by(ModerationItem.urgent.desc(), ModerationItem.queued_at, ModerationItem.id)
            .limit(QUEUE_PAGE)
        )
    )
    texts = item_texts(session, [item for item, _, _ in rows])
    items = []
    for item, author_name, claimer_name in rows:
        text = texts.get(item.id)
        if text is None:
            continue  # its story or post is gone
        kind = KINDS[ItemKind(item.kind)]
        claimed = claim_holder(item, now)
        items.append(
            QueueItem(
                id=item.id,
                kind=item.kind,
                title=text.title,
                body=text.body,
                body_html=kind.body_html(text.body),
                language=text.language,
                themes=text.themes,
                warnings=text.warnings,
                author=author_name,
                queued_at=item.queued_at,
                findings=tuple((f["kind"], f["text"]) for f in json.loads(item.findings)),
                flags=tuple((f["word"], f["action"]) for f in json.loads(item.flags)),
                escalated=item.escalated,
                urgent_reasons=codes(item.urgent_reasons) if item.urgent else (),
                claimed_by=(claimer_name or "") if claimed is not None else "",
                claimed_by_me=claimed == actor.id,
                own=item.author_id == actor.id,
                board=text.board,
                own_title=text.title if kind.has_own_title else "",
            )
        )
    return items


def queue_stats(session: Session, actor: Account, now: datetime) -> QueueStats:
    """Queue size, oldest item, and the last CHART_DAYS days' submissions and decisions."""
    require_staff(actor)
    size, oldest = session.execute(
        select(func.count(), func.min(ModerationItem.queued_at)).where(
            ModerationItem.state == ItemState.PENDING
        )
    ).one()
    first_day = now.astimezone(LOCAL_TIME).date() - timedelta(days=CHART_DAYS - 1)
    # Dutch midnights bounding the chart's days; the database counts per day.
    bounds = [
        datetime.combine(first_day + timedelta(days=n), time.min, tzinfo=LOCAL_TIME)
        for n in range(CHART_DAYS + 1)
    ]
    queued = _count_per_day(session, ModerationItem.queued_at, bounds)
    decided = _count_per_day(session, ModerationItem.decided_at, bounds)
    days = tuple((first_day + timedelta(days=n), queued[n], decided[n]) for n in range(CHART_DAYS))
    return QueueStats(size=size, oldest_queued_at=oldest, days=days)


def _count_per_day(
    session: Session, column: InstrumentedAttribute[Any], bounds: list[datetime]
) -> list[int]:
    """How many rows have `column` in each day between consecutive `bounds` (one query)."""
    days = len(bounds) - 1
    day = case(*[(column < bounds[n + 1], n) for n in range(days)], else_=days)
    counts: dict[int, int] = dict(
        session.execute(select(day, func.count()).where(column >= bounds[0]).group_by(day)).all()
    )
    return [int(counts.get(n, 0)) for n in range(days)]


def recent_decisions(session: Session, actor: Account, now: datetime) -> list[RecentDecision]:
    """The actor's decisions he can still undo, newest first."""
    require_staff(actor)
    items = list(
        session.scalars(
            select(ModerationItem)
            .where(
                ModerationItem.decided_by == actor.id,
                ModerationItem.decided_at > now - timedelta(minutes=UNDO_MINUTES),
            )
            .order_by(ModerationItem.decided_at.desc())
        )
    )
    texts = item_texts(session, items)
    return [
        RecentDecision(
            item_id=item.id,
            title=texts[item.id].title if item.id in texts else "",
            decision=item.decision or "",
            decided_at=item.decided_at or now,
        )
        for item in items
    ]

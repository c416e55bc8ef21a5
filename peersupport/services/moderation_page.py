"""Everything the moderators' page shows, read for one moderator in one unit of work:
the queue with each item's signals, its figures, his recent decisions, watched words,
suspensions, reported posts and stories, stories that suddenly help many, waiting
times, and his pause. Moderators and admins only (each reading checks its actor)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from peersupport.models import Account
from peersupport.services import (
    account_signals,
    board_moderation,
    helped_jumps,
    queue_health,
    story_reports,
    watched_words,
)
from peersupport.services.moderation_accounts import list_suspended, list_watched_words
from peersupport.services.moderation_queue import (
    QueueItem,
    QueueStats,
    RecentDecision,
    list_queue,
    queue_stats,
    recent_decisions,
)


@dataclass(frozen=True)
class ModerationPage:
    """The page's data as read at `at` for a moderator with `role`."""

    at: datetime
    role: str
    paused: bool
    alert_hours: int
    items: list[QueueItem]
    signals: dict[int, account_signals.ItemSignals]
    stats: QueueStats
    recent: list[RecentDecision]
    words: list[watched_words.WatchedWordRow]
    suspended: list[str]
    reported: list[board_moderation.ReportedPost]
    helped_jumps: list[helped_jumps.HelpedJump]
    reported_stories: list[story_reports.ReportedStory]
    wait_days: tuple[queue_health.WaitDay, ...]
    overdue_count: int


def read_page(session: Session, actor: Account, at: datetime, alert_hours: int) -> ModerationPage:
    """The whole page for `actor` at `at`; `alert_hours` is when an item is overdue."""
    items = list_queue(session, actor, at)
    return ModerationPage(
        at=at,
        role=actor.role,
        paused=actor.moderation_paused,
        alert_hours=alert_hours,
        items=items,
        signals=account_signals.queue_signals(session, actor, [item.id for item in items], at),
        stats=queue_stats(session, actor, at),
        recent=recent_decisions(session, actor, at),
        words=list_watched_words(session, actor),
        suspended=list_suspended(session, actor),
        reported=board_moderation.list_reported(session, actor),
        helped_jumps=helped_jumps.jumping_stories(session, actor, at.date()),
        reported_stories=story_reports.list_reported(session, actor),
        wait_days=queue_health.wait_days(session, actor, at),
        overdue_count=queue_health.overdue_count(session, actor, at, alert_hours),
    )

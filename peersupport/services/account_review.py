"""One account as moderators see it: its signals and the decisions about it, together.

Read from the existing tables and the audit log: his submissions (threads, replies,
stories) with their state, the moderator's decision and its reason, and the grooming
signals of each; how many of his posts moderators removed; members' reports about his
posts, per reason; and what moderators did about him and his items (decisions, undos,
escalations, removals, suspensions), newest first. Every list is bounded.

Moderators and admins only (checked here, whatever the page does). It changes nothing;
it shows a moderator what he needs to decide, and never shows anything to members.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from peersupport.models import (
    Account,
    AuditEntry,
    BoardPost,
    BoardThread,
    ModerationItem,
    PostReport,
    Story,
)
from peersupport.models.moderation import ItemState
from peersupport.models.statuses import PostState
from peersupport.services.account_signals import AccountSignal, account_signals
from peersupport.services.errors import InvalidInput
from peersupport.services.grooming import find_grooming_signs
from peersupport.services.ids import event_id
from peersupport.services.moderation import require_staff
from peersupport.services.moderation_kinds import subject

ITEMS_SHOWN = 50
HISTORY_SHOWN = 50
# His items' subjects in the audit log are read for this many of his newest items.
SUBJECTS_READ = 200
# Audit actions that are about an account, and those that are about an item.
ACCOUNT_ACTIONS = ("suspend", "unsuspend")
ITEM_ACTIONS = ("approve", "edit_approve", "reject", "escalate", "undo", "remove", "keep")


@dataclass(frozen=True)
class ReviewedItem:
    """One of his submissions: what it was, where it stands, and its text signals."""

    id: int
    kind: str
    title: str
    queued_at: datetime
    state: str  # pending, approved, rejected, withdrawn
    decision: str  # approved, edited, rejected, "" while pending
    reason: str
    signals: tuple[str, ...]


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    action: str
    actor: str
    subject_kind: str  # account, story, thread, reply, post
    reason: str


@dataclass(frozen=True)
class AccountReview:
    account_id: int
    pseudonym: str
    role: str
    suspended: bool
    joined: date
    signals: tuple[AccountSignal, ...]
    items: tuple[ReviewedItem, ...]
    # Counts of all his submissions by state, and of his posts moderators removed.
    states: tuple[tuple[str, int], ...]
    removed_posts: int
    reports: tuple[tuple[str, int], ...]  # (reason code, count) about his posts
    history: tuple[HistoryEntry, ...]


def review_account(
    session: Session, actor: Account, account_id: object, now: datetime
) -> AccountReview:
    """Everything moderators know about one account. Raises InvalidInput "unknown_account"."""
    require_staff(actor)
    plain = event_id(account_id)
    target = session.get(Account, plain) if plain is not None else None
    if target is None:
        raise InvalidInput("unknown_account", "no account has this id")
    signals = account_signals(session, actor, [target.id], now).get(target.id, ())
    return AccountReview(
        account_id=target.id,
        pseudonym=target.pseudonym,
        role=target.role,
        suspended=target.suspended,
        joined=target.created_month,
        signals=signals,
        items=_items(session, target.id),
        states=_states(session, target.id),
        removed_posts=session.scalar(
            select(func.count()).where(
                BoardPost.author_id == target.id, BoardPost.state == PostState.REMOVED
            )
        )
        or 0,
        reports=_reports(session, target.id),
        history=_history(session, target),
    )


def _items(session: Session, account_id: int) -> tuple[ReviewedItem, ...]:
    rows = session.execute(
        select(ModerationItem, func.coalesce(Story.title, BoardThread.title))
        .outerjoin(Story, Story.id == ModerationItem.story_id)
        .outerjoin(BoardPost, BoardPost.id == ModerationItem.post_id)
        .outerjoin(BoardThread, BoardThread.id == BoardPost.thread_id)
        .where(ModerationItem.author_id == account_id)
        .order_by(ModerationItem.queued_at.desc(), ModerationItem.id.desc())
        .limit(ITEMS_SHOWN)
    ).all()
    return tuple(
        ReviewedItem(
            id=item.id,
            kind=item.kind,
            title=title or item.original_title,
            queued_at=item.queued_at,
            state=item.state,
            decision=item.decision or "",
            reason=item.reason or "",
            signals=tuple(
                sign.signal for sign in find_grooming_signs(item.original_title, item.original_body)
            ),
        )
        for item, title in rows
    )


def _states(session: Session, account_id: int) -> tuple[tuple[str, int], ...]:
    rows = session.execute(
        select(ModerationItem.state, func.count())
        .where(ModerationItem.author_id == account_id)
        .group_by(ModerationItem.state)
    ).all()
    counts = {state: int(count) for state, count in rows}
    return tuple((state.value, counts.get(state, 0)) for state in ItemState)


def _reports(session: Session, account_id: int) -> tuple[tuple[str, int], ...]:
    rows = session.execute(
        select(PostReport.reason, func.count())
        .join(BoardPost, BoardPost.id == PostReport.post_id)
        .where(BoardPost.author_id == account_id)
        .group_by(PostReport.reason)
        .order_by(func.count().desc(), PostReport.reason)
    ).all()
    return tuple((reason, int(count)) for reason, count in rows)


def _history(session: Session, target: Account) -> tuple[HistoryEntry, ...]:
    """Audit entries about him or his newest items (subjects as services/moderation.py and
    services/board_moderation.py write them)."""
    items = session.scalars(
        select(ModerationItem)
        .where(ModerationItem.author_id == target.id)
        .order_by(ModerationItem.id.desc())
        .limit(SUBJECTS_READ)
    ).all()
    post_ids = session.scalars(
        select(BoardPost.id)
        .where(BoardPost.author_id == target.id)
        .order_by(BoardPost.id.desc())
        .limit(SUBJECTS_READ)
    ).all()
    item_subjects = {subject(item) for item in items} | {f"post:{post_id}" for post_id in post_ids}
    account_subject = f"account:{target.pseudonym}"
    entries = session.scalars(
        select(AuditEntry)
        .where(AuditEntry.subject.in_(sorted(item_subjects | {account_subject})))
        .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
        .limit(4 * HISTORY_SHOWN)
    ).all()
    history = [
        HistoryEntry(
            at=entry.at,
            action=entry.action,
            actor=entry.actor_pseudonym,
            subject_kind=entry.subject.partition(":")[0],
            reason=entry.reason,
        )
        for entry in entries
        if (entry.subject == account_subject and entry.action in ACCOUNT_ACTIONS)
        or (entry.subject != account_subject and entry.action in ITEM_ACTIONS)
    ]
    return tuple(history[:HISTORY_SHOWN])

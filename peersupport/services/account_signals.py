"""Grooming signals for moderators: per queued item, the text signals and the signals of
its author's account, read from the database in a few bounded queries.

Account signals, each over the last WINDOW_DAYS days:

- ``one_member``: most of his replies go to one member: at least ONE_MEMBER_MIN_REPLIES
  replies in threads that one other member started, and at least ONE_MEMBER_SHARE of
  all his replies in threads others started;
- ``young_members``: he replied in threads of at least YOUNG_MIN_MEMBERS different
  members who sound young: a post of their own (among their newest PROFILE_POSTS) says
  they are under 18 now (services/age_statements.py);
- ``repeated``: at least REPEAT_MIN_ITEMS of his submissions (threads, replies, stories)
  had text signals (services/grooming.py).

Signals inform a moderator; nothing here hides, rejects or publishes anything.
Moderators and admins only: every public function checks its actor first.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from peersupport.models import Account, BoardPost, BoardThread, ModerationItem
from peersupport.models.statuses import PostState
from peersupport.services.age_statements import says_he_is_young
from peersupport.services.grooming import GroomingSign, find_grooming_signs
from peersupport.services.moderation import require_staff

WINDOW_DAYS = 30
ONE_MEMBER_MIN_REPLIES = 5
ONE_MEMBER_SHARE = 0.6
YOUNG_MIN_MEMBERS = 4
REPEAT_MIN_ITEMS = 2
# Bounds on what one reading of the queue may load.
PROFILE_POSTS = 30
MAX_PROFILE_MEMBERS = 300
MAX_HISTORY_ITEMS = 500
ACCOUNT_SIGNALS = ("one_member", "young_members", "repeated")


@dataclass(frozen=True)
class AccountSignal:
    """One account signal with its figures: `count` of `total` in `days` days; `member`
    is the pseudonym of the one member (one_member only)."""

    code: str
    count: int
    total: int
    days: int
    member: str = ""


@dataclass(frozen=True)
class ItemSignals:
    account_id: int
    text: tuple[GroomingSign, ...]
    account: tuple[AccountSignal, ...]


def queue_signals(
    session: Session, actor: Account, item_ids: Iterable[int], now: datetime
) -> dict[int, ItemSignals]:
    """The signals of each queued item in `item_ids` (items not found are left out)."""
    require_staff(actor)
    ids = sorted({item_id for item_id in item_ids if isinstance(item_id, int)})
    if not ids:
        return {}
    rows = session.execute(
        select(
            ModerationItem.id,
            ModerationItem.author_id,
            ModerationItem.original_title,
            ModerationItem.original_body,
        ).where(ModerationItem.id.in_(ids))
    ).all()
    per_account = account_signals(session, actor, {row.author_id for row in rows}, now)
    return {
        row.id: ItemSignals(
            account_id=row.author_id,
            text=tuple(find_grooming_signs(row.original_title, row.original_body)),
            account=per_account.get(row.author_id, ()),
        )
        for row in rows
    }


def account_signals(
    session: Session, actor: Account, account_ids: Iterable[int], now: datetime
) -> dict[int, tuple[AccountSignal, ...]]:
    """The account signals of each account in `account_ids` (three or four queries)."""
    require_staff(actor)
    accounts = sorted(set(account_ids))
    if not accounts:
        return {}
    since = now - timedelta(days=WINDOW_DAYS)
    replies = _replies_per_starter(session, accounts, since)
    young = _young_sounding(session, {starter for per in replies.values() for starter in per})
    repeated = _items_with_signals(session, accounts, since)
    names = _pseudonyms(session, {_top(per)[0] for per in replies.values() if per})
    found: dict[int, tuple[AccountSignal, ...]] = {}
    for account_id in accounts:
        signals: list[AccountSignal] = []
        per_starter = replies.get(account_id, {})
        if per_starter:
            starter, count = _top(per_starter)
            total = sum(per_starter.values())
            if count >= ONE_MEMBER_MIN_REPLIES and count >= ONE_MEMBER_SHARE * total:
                signals.append(
                    AccountSignal("one_member", count, total, WINDOW_DAYS, names.get(starter, ""))
                )
            young_starters = [starter for starter in per_starter if starter in young]
            if len(young_starters) >= YOUNG_MIN_MEMBERS:
                signals.append(
                    AccountSignal(
                        "young_members", len(young_starters), len(per_starter), WINDOW_DAYS
                    )
                )
        with_signals, items = repeated.get(account_id, (0, 0))
        if with_signals >= REPEAT_MIN_ITEMS:
            signals.append(AccountSignal("repeated", with_signals, items, WINDOW_DAYS))
        if signals:
            found[account_id] = tuple(signals)
    return found


def _top(per_starter: dict[int, int]) -> tuple[int, int]:
    """The starter with the most replies (the lowest id on a tie), and that count."""
    starter = min(per_starter, key=lambda key: (-per_starter[key], key))
    return starter, per_starter[starter]


def _replies_per_starter(
    session: Session, accounts: list[int], since: datetime
) -> dict[int, dict[int, int]]:
    """For each account: replies it wrote since `since`, counted per other thread starter."""
    rows = session.execute(
        select(BoardPost.author_id, BoardThread.author_id, func.count())
        .join(BoardThread, BoardThread.id == BoardPost.thread_id)
        .where(
            BoardPost.author_id.in_(accounts),
            BoardPost.opening.is_(False),
            BoardPost.state != PostState.DELETED,
            BoardPost.created_at >= since,
            BoardThread.author_id.is_not(None),
            BoardThread.author_id != BoardPost.author_id,
        )
        .group_by(BoardPost.author_id, BoardThread.author_id)
    ).all()
    replies: dict[int, dict[int, int]] = defaultdict(dict)
    for author_id, starter_id, count in rows:
        if author_id is not None and starter_id is not None:
            replies[author_id][starter_id] = int(count)
    return dict(replies)


def _young_sounding(session: Session, members: set[int]) -> set[int]:
    """Members among `members` whose own newest PROFILE_POSTS posts say they are under 18."""
    if not members:
        return set()
    chosen = sorted(members)[:MAX_PROFILE_MEMBERS]
    newest = (
        func.row_number()
        .over(partition_by=BoardPost.author_id, order_by=BoardPost.id.desc())
        .label("newest")
    )
    recent = (
        select(BoardPost.author_id.label("author_id"), BoardPost.body.label("body"), newest)
        .where(BoardPost.author_id.in_(chosen), BoardPost.state != PostState.DELETED)
        .subquery()
    )
    rows = session.execute(
        select(recent.c.author_id, recent.c.body).where(recent.c.newest <= PROFILE_POSTS)
    ).all()
    return {author_id for author_id, body in rows if says_he_is_young(body)}


def _items_with_signals(
    session: Session, accounts: list[int], since: datetime
) -> dict[int, tuple[int, int]]:
    """For each account: (submissions with text signals, submissions) since `since`."""
    rows = session.execute(
        select(
            ModerationItem.author_id, ModerationItem.original_title, ModerationItem.original_body
        )
        .where(ModerationItem.author_id.in_(accounts), ModerationItem.queued_at >= since)
        .order_by(ModerationItem.queued_at.desc())
        .limit(MAX_HISTORY_ITEMS)
    ).all()
    counts: dict[int, tuple[int, int]] = {}
    for author_id, title, body in rows:
        with_signals, items = counts.get(author_id, (0, 0))
        counts[author_id] = (with_signals + bool(find_grooming_signs(title, body)), items + 1)
    return counts


def _pseudonyms(session: Session, account_ids: set[int]) -> dict[int, str]:
    if not account_ids:
        return {}
    rows = session.execute(
        select(Account.id, Account.pseudonym).where(Account.id.in_(sorted(account_ids)))
    ).all()
    return {account_id: pseudonym for account_id, pseudonym in rows}

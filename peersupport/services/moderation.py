"""The moderation queue: every public item waits here until a moderator decides.

Moderators and admins only; every function checks its actor first, so a forged
event from a member or a visitor changes nothing. Every decision is written to the
audit log. Rules:

- The queue is oldest first, except that urgent items (crisis words, see
  services/crisis.py) come before all others. Claiming an item shows others who is on it; a claim
  lapses after CLAIM_MINUTES. Deciding an item someone else holds is refused.
- Nobody decides his own item. Escalated items are decided by admins only.
- A decision can be undone by whoever took it, or an admin, within UNDO_MINUTES.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import case, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session, aliased

from peersupport.models import Account, BoardPost, BoardThread, ModerationItem, Story
from peersupport.models.stories import BODY_MAX_CHARS, TITLE_MAX_CHARS
from peersupport.services import audit, boards, queue_safety, stories, watched_words
from peersupport.services.errors import InvalidInput, NotAuthorized
from peersupport.services.notes_protocol import normalize_pseudonym
from peersupport.services.story_text import render_story_html

CLAIM_MINUTES = 30
UNDO_MINUTES = 10
QUEUE_PAGE = 50
CHART_DAYS = 14
# The moderators work in the Netherlands: the chart's days are Dutch days.
LOCAL_TIME = ZoneInfo("Europe/Amsterdam")
REASON_MAX_CHARS = 1000
REJECT_TEMPLATES = ("contact_details", "identifying", "unsafe", "not_a_story", "other")
REJECT_TEMPLATE_KEYS = {
    "contact_details": "moderation.reject.contact_details",
    "identifying": "moderation.reject.identifying",
    "unsafe": "moderation.reject.unsafe",
    "not_a_story": "moderation.reject.not_a_story",
    "other": "moderation.reject.other",
}
STAFF_ROLES = ("moderator", "admin")


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


def require_staff(actor: Account) -> None:
    if actor.role not in STAFF_ROLES or actor.suspended:
        raise NotAuthorized(f"account {actor.id} is not an active moderator")


def require_admin(actor: Account) -> None:
    if actor.role != "admin" or actor.suspended:
        raise NotAuthorized(f"account {actor.id} is not an active admin")


# --- reading the queue ---------------------------------------------------------------


# Made once: an alias built per call costs more than the query it serves.
ITEM_AUTHOR = aliased(Account, name="item_author")
ITEM_CLAIMER = aliased(Account, name="item_claimer")


def list_queue(session: Session, actor: Account, now: datetime) -> list[QueueItem]:
    """Pending items: urgent ones (crisis words) first, then oldest first (one query)."""
    require_staff(actor)
    if actor.moderation_paused:
        return []  # he takes a break: no item reaches his screen (services/queue_safety.py)
    author, claimer = ITEM_AUTHOR, ITEM_CLAIMER
    rows = session.execute(
        select(ModerationItem, Story, BoardPost, BoardThread, author.pseudonym, claimer.pseudonym)
        .outerjoin(Story, Story.id == ModerationItem.story_id)
        .outerjoin(BoardPost, BoardPost.id == ModerationItem.post_id)
        .outerjoin(BoardThread, BoardThread.id == BoardPost.thread_id)
        .join(author, author.id == ModerationItem.author_id)
        .outerjoin(claimer, claimer.id == ModerationItem.claimed_by)
        .where(ModerationItem.state == "pending")
        .order_by(ModerationItem.urgent.desc(), ModerationItem.queued_at, ModerationItem.id)
        .limit(QUEUE_PAGE)
    )
    items = []
    for item, story, post, thread, author_name, claimer_name in rows:
        claimed = _claim_holder(item, now)
        if story is not None:
            title, body, body_html = story.title, story.body, render_story_html(story.body)
            language, board = story.language, ""
            themes, warnings = _codes(story.themes), _codes(story.warnings)
        elif post is not None and thread is not None:
            title, body, body_html = thread.title, post.body, plain_text_html(post.body)
            language, board, themes, warnings = "", thread.board, (), ()
        else:
            continue
        items.append(
            QueueItem(
                id=item.id,
                kind=item.kind,
                title=title,
                body=body,
                body_html=body_html,
                language=language,
                themes=themes,
                warnings=warnings,
                author=author_name,
                queued_at=item.queued_at,
                findings=tuple((f["kind"], f["text"]) for f in json.loads(item.findings)),
                flags=tuple((f["word"], f["action"]) for f in json.loads(item.flags)),
                escalated=item.escalated,
                urgent_reasons=_codes(item.urgent_reasons) if item.urgent else (),
                claimed_by=(claimer_name or "") if claimed is not None else "",
                claimed_by_me=claimed == actor.id,
                own=item.author_id == actor.id,
                board=board,
            )
        )
    return items


def plain_text_html(text: str) -> str:
    """A board post as HTML for the queue: escaped text, paragraphs and line breaks only."""
    paragraphs = [part.strip() for part in text.replace("\r\n", "\n").split("\n\n")]
    return "".join(
        "<p>" + "<br>".join(html.escape(line) for line in part.split("\n")) + "</p>"
        for part in paragraphs
        if part
    )


def queue_stats(session: Session, actor: Account, now: datetime) -> QueueStats:
    """Queue size, oldest item, and the last CHART_DAYS days' submissions and decisions."""
    require_staff(actor)
    size, oldest = session.execute(
        select(func.count(), func.min(ModerationItem.queued_at)).where(
            ModerationItem.state == "pending"
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
    rows = session.execute(
        select(ModerationItem, func.coalesce(Story.title, BoardThread.title))
        .outerjoin(Story, Story.id == ModerationItem.story_id)
        .outerjoin(BoardPost, BoardPost.id == ModerationItem.post_id)
        .outerjoin(BoardThread, BoardThread.id == BoardPost.thread_id)
        .where(
            ModerationItem.decided_by == actor.id,
            ModerationItem.decided_at > now - timedelta(minutes=UNDO_MINUTES),
        )
        .order_by(ModerationItem.decided_at.desc())
    )
    return [
        RecentDecision(
            item_id=item.id,
            title=title or "",
            decision=item.decision or "",
            decided_at=item.decided_at or now,
        )
        for item, title in rows
    ]


# --- acting on an item -------------------------------------------------------------------


def claim_item(session: Session, actor: Account, item_id: object, now: datetime) -> None:
    """Take an item so that others see it is being handled.

    Raises:
        NotAuthorized; InvalidInput "unknown_item", "not_pending", "claimed_by_other".
    """
    item = _pending_item(session, actor, item_id, now)
    item.claimed_by, item.claimed_at = actor.id, now
    audit.record(session, actor, "claim", _subject(item), now)


def release_item(session: Session, actor: Account, item_id: object, now: datetime) -> None:
    """Free a claimed item: one's own claim, or, for an admin, anyone's."""
    if actor.role == "admin" and not actor.suspended:
        item = _item(session, item_id)
        if item.state != "pending":
            raise InvalidInput("not_pending", "the item was already decided or withdrawn")
    else:
        item = _pending_item(session, actor, item_id, now)
    item.claimed_by, item.claimed_at = None, None
    audit.record(session, actor, "release", _subject(item), now)


def approve_item(session: Session, actor: Account, item_id: object, now: datetime) -> None:
    """Publish the item as it was submitted."""
    item = _decidable_item(session, actor, item_id, now)
    if item.kind == "story":
        stories.publish(session, _story(session, item), now)
    else:
        boards.publish_post(session, _post(session, item), now)
    _decide(item, actor, "approved", None, now)
    audit.record(session, actor, "approve", _subject(item), now)


def edit_and_approve_item(
    session: Session,
    actor: Account,
    item_id: object,
    *,
    title: object,
    body: object,
    reason: object,
    now: datetime,
) -> None:
    """Publish the item with the moderator's changes; the author is shown what changed.

    Raises (besides those of approving): InvalidInput "title_missing", "title_too_long",
    "body_too_short", "body_too_long", "reason_missing", "no_change",
    "contact_details" (the edit itself must not add contact details).
    """
    item = _decidable_item(session, actor, item_id, now)
    if item.kind != "story":
        _edit_and_approve_post(session, actor, item, title=title, body=body, reason=reason, now=now)
        return
    story = _story(session, item)
    new_title, new_body = _edited_text(title, body)
    why = _reason(reason, required=True)
    if (new_title, new_body) == (story.title, story.body):
        raise InvalidInput("no_change", "the edit changes nothing; approve instead")
    if stories.contact_details_in(new_title, new_body):
        raise InvalidInput("contact_details", "the edited text still has contact details")
    changes = stories.changes_between(f"{story.title}\n{story.body}", f"{new_title}\n{new_body}")
    story.title, story.body = new_title, new_body
    stories.publish(session, story, now)
    _decide(item, actor, "edited", why, now)
    detail = "\n".join(f"- {before}\n+ {after}" for before, after in changes)
    audit.record(session, actor, "edit_approve", _subject(item), now, reason=why, detail=detail)


def reject_item(
    session: Session,
    actor: Account,
    item_id: object,
    *,
    template: object,
    text: object,
    now: datetime,
) -> None:
    """Reject with a reason template and optional free text; the author reads both.

    Raises: InvalidInput "invalid_template", "reason_missing" ("other" needs text).
    """
    item = _decidable_item(session, actor, item_id, now)
    if not isinstance(template, str) or template not in REJECT_TEMPLATES:
        raise InvalidInput("invalid_template", f"template is one of {REJECT_TEMPLATES}")
    why = _reason(text, required=template == "other")
    if item.kind == "story":
        stories.reject(session, _story(session, item), template, why, now)
    else:
        boards.reject_post(session, _post(session, item), template, why)
    _decide(item, actor, "rejected", f"{template}: {why}" if why else template, now)
    audit.record(session, actor, "reject", _subject(item), now, reason=item.reason or "")


def escalate_item(
    session: Session, actor: Account, item_id: object, *, reason: object, now: datetime
) -> None:
    """Hand an item to the admins (with a reason); only they can decide it then."""
    item = _pending_item(session, actor, item_id, now)
    if item.escalated:
        raise InvalidInput("already_escalated", "the item is already with the admins")
    why = _reason(reason, required=True)
    item.escalated = True
    item.claimed_by, item.claimed_at = None, None
    audit.record(session, actor, "escalate", _subject(item), now, reason=why)


def undo_decision(session: Session, actor: Account, item_id: object, now: datetime) -> None:
    """Put a decided item back in the queue, as submitted, within UNDO_MINUTES.

    Raises:
        NotAuthorized: not staff, or someone else's decision (admins may undo any).
        InvalidInput: "unknown_item", "not_decided", "undo_expired".
    """
    require_staff(actor)
    item = _item(session, item_id)
    if item.state not in ("approved", "rejected") or item.decided_at is None:
        raise InvalidInput("not_decided", "only an approved or rejected item can be undone")
    if item.decided_by != actor.id and actor.role != "admin":
        raise NotAuthorized(f"item {item.id} was decided by someone else", code="not_yours")
    if now - item.decided_at > timedelta(minutes=UNDO_MINUTES):
        raise InvalidInput("undo_expired", f"decisions can be undone for {UNDO_MINUTES} minutes")
    if item.kind == "story":
        story = _story(session, item)
        if story.state not in ("published", "rejected"):
            raise InvalidInput("not_decided", "the author has since withdrawn or changed it")
        story.title, story.body = item.original_title, item.original_body
        stories.unpublish(session, story, now)
        story.rejection_template = story.rejection_reason = None
    else:
        post = _post(session, item)
        if post.state not in ("published", "rejected"):
            raise InvalidInput("not_decided", "a moderator has since removed it")
        post.body = item.original_body
        if post.opening:
            _thread(session, post).title = item.original_title
        boards.unpublish_post(session, post)
    undone = item.decision or ""
    item.state, item.decision, item.decided_by, item.decided_at = "pending", None, None, None
    item.reason = None
    item.claimed_by, item.claimed_at = actor.id, now
    audit.record(session, actor, "undo", _subject(item), now, reason=undone)


# --- accounts and watched words ---------------------------------------------------------


def suspend_account(
    session: Session, actor: Account, pseudonym: object, *, reason: object, now: datetime
) -> None:
    """A suspended account can still read and keep notes, but not post.

    Raises: InvalidInput "unknown_pseudonym", "cannot_suspend_staff" (admins change
    staff), "cannot_suspend_self", "reason_missing".
    """
    require_staff(actor)
    target = _account_by_pseudonym(session, pseudonym)
    why = _reason(reason, required=True)
    if target.id == actor.id:
        raise InvalidInput("cannot_suspend_self", "nobody suspends himself")
    if target.role != "member" and actor.role != "admin":
        raise InvalidInput("cannot_suspend_staff", "only an admin suspends staff")
    if target.role == "admin":
        raise InvalidInput("cannot_suspend_staff", "admins are changed on the command line")
    target.suspended = True
    audit.record(session, actor, "suspend", f"account:{target.pseudonym}", now, reason=why)


def unsuspend_account(
    session: Session, actor: Account, pseudonym: object, *, reason: object, now: datetime
) -> None:
    require_staff(actor)
    target = _account_by_pseudonym(session, pseudonym)
    why = _reason(reason, required=True)
    if target.role != "member" and actor.role != "admin":
        raise InvalidInput("cannot_suspend_staff", "only an admin changes staff")
    target.suspended = False
    audit.record(session, actor, "unsuspend", f"account:{target.pseudonym}", now, reason=why)


def list_suspended(session: Session, actor: Account) -> list[str]:
    require_staff(actor)
    return list(
        session.scalars(
            select(Account.pseudonym).where(Account.suspended).order_by(Account.pseudonym_key)
        )
    )


def list_watched_words(session: Session, actor: Account) -> list[watched_words.WatchedWordRow]:
    require_staff(actor)
    return watched_words.list_words(session)


def set_watched_word(
    session: Session, actor: Account, phrase: object, action: object, now: datetime
) -> None:
    require_staff(actor)
    row = watched_words.add_word(session, phrase, action, now)
    audit.record(session, actor, "watch_word", f"word:{row.phrase}", now, reason=row.action)


def remove_watched_word(session: Session, actor: Account, word_id: object, now: datetime) -> None:
    require_staff(actor)
    row = watched_words.remove_word(session, word_id)
    audit.record(session, actor, "unwatch_word", f"word:{row.phrase}", now)


# --- helpers -----------------------------------------------------------------------------


def _item(session: Session, item_id: object) -> ModerationItem:
    valid = isinstance(item_id, int) and not isinstance(item_id, bool) and 0 < item_id < 2**31
    item = session.get(ModerationItem, item_id) if valid else None
    if item is None:
        raise InvalidInput("unknown_item", "no item has this id")
    return item


def _claim_holder(item: ModerationItem, now: datetime) -> int | None:
    if item.claimed_by is None or item.claimed_at is None:
        return None
    if now - item.claimed_at > timedelta(minutes=CLAIM_MINUTES):
        return None
    return item.claimed_by


def _pending_item(
    session: Session, actor: Account, item_id: object, now: datetime
) -> ModerationItem:
    require_staff(actor)
    queue_safety.refuse_paused(actor)
    item = _item(session, item_id)
    if item.state != "pending":
        raise InvalidInput("not_pending", "the item was already decided or withdrawn")
    holder = _claim_holder(item, now)
    if holder is not None and holder != actor.id:
        raise InvalidInput("claimed_by_other", "another moderator holds this item")
    return item


def _decidable_item(
    session: Session, actor: Account, item_id: object, now: datetime
) -> ModerationItem:
    item = _pending_item(session, actor, item_id, now)
    if item.author_id == actor.id:
        raise NotAuthorized(f"account {actor.id} cannot decide its own item", code="own_item")
    if item.escalated and actor.role != "admin":
        raise NotAuthorized(f"item {item.id} is escalated to admins", code="escalated")
    return item


def _story(session: Session, item: ModerationItem) -> Story:
    story = session.get(Story, item.story_id)
    if story is None:
        raise InvalidInput("unknown_item", "the item's story is gone")
    return story


def _post(session: Session, item: ModerationItem) -> BoardPost:
    post = session.get(BoardPost, item.post_id) if item.post_id is not None else None
    if post is None:
        raise InvalidInput("unknown_item", "the item's post is gone")
    return post


def _thread(session: Session, post: BoardPost) -> BoardThread:
    thread = session.get(BoardThread, post.thread_id)
    if thread is None:
        raise InvalidInput("unknown_item", "the post's thread is gone")
    return thread


def _edit_and_approve_post(
    session: Session,
    actor: Account,
    item: ModerationItem,
    *,
    title: object,
    body: object,
    reason: object,
    now: datetime,
) -> None:
    post = _post(session, item)
    thread = _thread(session, post)
    new_title = boards.clean_title(title) if post.opening else thread.title
    new_body = boards.clean_body(body)
    why = _reason(reason, required=True)
    if (new_title, new_body) == (thread.title, post.body):
        raise InvalidInput("no_change", "the edit changes nothing; approve instead")
    if boards.contact_details_in(new_title if post.opening else "", new_body):
        raise InvalidInput("contact_details", "the edited text still has contact details")
    before = f"{thread.title}\n{post.body}" if post.opening else post.body
    after = f"{new_title}\n{new_body}" if post.opening else new_body
    changes = stories.changes_between(before, after)
    thread.title, post.body = new_title, new_body
    boards.publish_post(session, post, now)
    _decide(item, actor, "edited", why, now)
    detail = "\n".join(f"- {old}\n+ {new}" for old, new in changes)
    audit.record(session, actor, "edit_approve", _subject(item), now, reason=why, detail=detail)


def _codes(stored: str) -> tuple[str, ...]:
    return tuple(code for code in stored.split(",") if code)


def _decide(
    item: ModerationItem, actor: Account, decision: str, reason: str | None, now: datetime
) -> None:
    item.state = "rejected" if decision == "rejected" else "approved"
    item.decision, item.decided_by, item.decided_at, item.reason = decision, actor.id, now, reason
    item.claimed_by, item.claimed_at = None, None


def _subject(item: ModerationItem) -> str:
    return f"{item.kind}:{item.story_id if item.kind == 'story' else item.post_id}"


def _reason(raw: object, *, required: bool) -> str:
    if raw is None:
        raw = ""
    if not isinstance(raw, str) or len(raw) > REASON_MAX_CHARS:
        raise InvalidInput("invalid_reason", f"a reason has at most {REASON_MAX_CHARS} characters")
    text = raw.strip()
    if required and not text:
        raise InvalidInput("reason_missing", "a reason is needed")
    return text


def _edited_text(title: object, body: object) -> tuple[str, str]:
    if not isinstance(title, str) or not title.strip():
        raise InvalidInput("title_missing", "a story needs a title")
    if len(title) > TITLE_MAX_CHARS:
        raise InvalidInput("title_too_long", f"at most {TITLE_MAX_CHARS} characters")
    if not isinstance(body, str) or len(body.strip()) < stories.MIN_BODY_CHARS:
        raise InvalidInput("body_too_short", "the text is too short")
    if len(body) > BODY_MAX_CHARS:
        raise InvalidInput("body_too_long", f"at most {BODY_MAX_CHARS} characters")
    return " ".join(title.split()), body.replace("\r\n", "\n").replace("\x00", "")


def _account_by_pseudonym(session: Session, raw: object) -> Account:
    if not isinstance(raw, str) or not raw.strip() or len(raw) > 100:
        raise InvalidInput("unknown_pseudonym", "no account has this pseudonym")
    target = session.scalar(
        select(Account).where(Account.pseudonym_key == normalize_pseudonym(raw.strip()))
    )
    if target is None:
        raise InvalidInput("unknown_pseudonym", "no account has this pseudonym")
    return target

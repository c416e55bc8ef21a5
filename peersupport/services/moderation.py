"""The moderation queue: every public item waits here until a moderator decides.

Moderators and admins only; every function checks its actor first, so a forged
event from a member or a visitor changes nothing. Every decision is written to the
audit log. The queue is oldest first, except that urgent items (crisis words, see
services/crisis.py) come before all others. The rules on claims, own items, escalation
and undo are in services/moderation_rules.py; what differs per kind of item (story,
thread, reply) in services/moderation_kinds.py, which the decisions here loop over.

This module is the queue's public face: reading (services/moderation_queue.py) and the
accounts and watched words (services/moderation_accounts.py) are imported from here.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from peersupport.models import Account
from peersupport.models.moderation import Decision, ItemState
from peersupport.models.statuses import AccountRole
from peersupport.services import audit
from peersupport.services.errors import InvalidInput, NotAuthorized
from peersupport.services.moderation_accounts import (
    list_suspended,
    list_watched_words,
    remove_watched_word,
    set_watched_word,
    suspend_account,
    unsuspend_account,
)
from peersupport.services.moderation_kinds import kind_of, plain_text_html, subject
from peersupport.services.moderation_queue import (
    QueueItem,
    QueueStats,
    RecentDecision,
    list_queue,
    queue_stats,
    recent_decisions,
)
from peersupport.services.moderation_rules import (
    CHART_DAYS,
    CLAIM_MINUTES,
    LOCAL_TIME,
    QUEUE_PAGE,
    REASON_MAX_CHARS,
    REJECT_TEMPLATE_KEYS,
    REJECT_TEMPLATES,
    STAFF_ROLES,
    UNDO_MINUTES,
    clean_reason,
    decidable_item,
    decide,
    is_admin,
    item_by_id,
    pending_item,
    require_admin,
    require_staff,
)

__all__ = [
    "CHART_DAYS",
    "CLAIM_MINUTES",
    "LOCAL_TIME",
    "QUEUE_PAGE",
    "REASON_MAX_CHARS",
    "REJECT_TEMPLATES",
    "REJECT_TEMPLATE_KEYS",
    "STAFF_ROLES",
    "UNDO_MINUTES",
    "QueueItem",
    "QueueStats",
    "RecentDecision",
    "approve_item",
    "claim_item",
    "edit_and_approve_item",
    "escalate_item",
    "list_queue",
    "list_suspended",
    "list_watched_words",
    "plain_text_html",
    "queue_stats",
    "recent_decisions",
    "reject_item",
    "release_item",
    "remove_watched_word",
    "require_admin",
    "require_staff",
    "set_watched_word",
    "suspend_account",
    "undo_decision",
    "unsuspend_account",
]


def claim_item(session: Session, actor: Account, item_id: object, now: datetime) -> None:
    """Take an item so that others see it is being handled.

    Raises:
        NotAuthorized; InvalidInput "unknown_item", "not_pending", "claimed_by_other".
    """
    item = pending_item(session, actor, item_id, now)
    item.claimed_by, item.claimed_at = actor.id, now
    audit.record(session, actor, "claim", subject(item), now)


def release_item(session: Session, actor: Account, item_id: object, now: datetime) -> None:
    """Free a claimed item: one's own claim, or, for an admin, anyone's."""
    if is_admin(actor):
        item = item_by_id(session, item_id)
        if item.state != ItemState.PENDING:
            raise InvalidInput("not_pending", "the item was already decided or withdrawn")
    else:
        item = pending_item(session, actor, item_id, now)
    item.claimed_by, item.claimed_at = None, None
    audit.record(session, actor, "release", subject(item), now)


def approve_item(session: Session, actor: Account, item_id: object, now: datetime) -> None:
    """Publish the item as it was submitted."""
    item = decidable_item(session, actor, item_id, now)
    kind_of(item).publish(session, item, now)
    decide(item, actor, Decision.APPROVED, None, now)
    audit.record(session, actor, "approve", subject(item), now)


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
    item = decidable_item(session, actor, item_id, now)
    kind = kind_of(item)
    new_title, new_body = kind.cleaned_edit(session, item, title, body)
    why = clean_reason(reason, required=True)
    changes = kind.publish_edit(session, item, new_title, new_body, now)
    decide(item, actor, Decision.EDITED, why, now)
    detail = "\n".join(f"- {before}\n+ {after}" for before, after in changes)
    audit.record(session, actor, "edit_approve", subject(item), now, reason=why, detail=detail)


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
    item = decidable_item(session, actor, item_id, now)
    if not isinstance(template, str) or template not in REJECT_TEMPLATES:
        raise InvalidInput("invalid_template", f"template is one of {REJECT_TEMPLATES}")
    why = clean_reason(text, required=template == "other")
    kind_of(item).reject(session, item, template, why, now)
    decide(item, actor, Decision.REJECTED, f"{template}: {why}" if why else template, now)
    audit.record(session, actor, "reject", subject(item), now, reason=item.reason or "")


def escalate_item(
    session: Session, actor: Account, item_id: object, *, reason: object, now: datetime
) -> None:
    """Hand an item to the admins (with a reason); only they can decide it then."""
    item = pending_item(session, actor, item_id, now)
    if item.escalated:
        raise InvalidInput("already_escalated", "the item is already with the admins")
    why = clean_reason(reason, required=True)
    item.escalated = True
    item.claimed_by, item.claimed_at = None, None
    audit.record(session, actor, "escalate", subject(item), now, reason=why)


def undo_decision(session: Session, actor: Account, item_id: object, now: datetime) -> None:
    """Put a decided item back in the queue, as submitted, within UNDO_MINUTES.

    Raises:
        NotAuthorized: not staff, or someone else's decision (admins may undo any).
        InvalidInput: "unknown_item", "not_decided", "undo_expired".
    """
    require_staff(actor)
    item = item_by_id(session, item_id)
    decided = (ItemState.APPROVED, ItemState.REJECTED)
    if item.state not in decided or item.decided_at is None:
        raise InvalidInput("not_decided", "only an approved or rejected item can be undone")
    if item.decided_by != actor.id and actor.role != AccountRole.ADMIN:
        raise NotAuthorized(f"item {item.id} was decided by someone else", code="not_yours")
    if now - item.decided_at > timedelta(minutes=UNDO_MINUTES):
        raise InvalidInput("undo_expired", f"decisions can be undone for {UNDO_MINUTES} minutes")
    kind_of(item).put_back(session, item, now)
    undone = item.decision or ""
    item.state, item.decision = ItemState.PENDING.value, None
    item.decided_by, item.decided_at = None, None
    item.reason = None
    item.claimed_by, item.claimed_at = actor.id, now
    audit.record(session, actor, "undo", subject(item), now, reason=undone)

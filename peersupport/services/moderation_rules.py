"""The moderation queue's rules shared by reading and deciding: who is staff, how long a
claim and an undo last, which items a moderator may take or decide, and how a decision
is written on the item.

- Claiming an item shows others who is on it; a claim lapses after CLAIM_MINUTES.
  Deciding an item someone else holds is refused.
- Nobody decides his own item. Escalated items are decided by admins only.
- A decision can be undone by whoever took it, or an admin, within UNDO_MINUTES.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from peersupport.components.local_time import HOME_ZONE
from peersupport.models import Account, ModerationItem
from peersupport.models.moderation import Decision, ItemState
from peersupport.models.statuses import STAFF_ROLES, AccountRole
from peersupport.services import queue_safety
from peersupport.services.errors import InvalidInput, NotAuthorized
from peersupport.services.ids import event_id

CLAIM_MINUTES = 30
UNDO_MINUTES = 10
QUEUE_PAGE = 50
CHART_DAYS = 14
# The moderators work in the Netherlands: the chart's days are Dutch days.
LOCAL_TIME = HOME_ZONE
REASON_MAX_CHARS = 1000
REJECT_TEMPLATES = ("contact_details", "identifying", "unsafe", "not_a_story", "other")
REJECT_TEMPLATE_KEYS = {
    "contact_details": "moderation.reject.contact_details",
    "identifying": "moderation.reject.identifying",
    "unsafe": "moderation.reject.unsafe",
    "not_a_story": "moderation.reject.not_a_story",
    "other": "moderation.reject.other",
}

__all__ = ["STAFF_ROLES"]


def require_staff(actor: Account) -> None:
    if actor.role not in STAFF_ROLES or actor.suspended:
        raise NotAuthorized(f"account {actor.id} is not an active moderator")


def require_admin(actor: Account) -> None:
    if actor.role != AccountRole.ADMIN or actor.suspended:
        raise NotAuthorized(f"account {actor.id} is not an active admin")


def is_admin(actor: Account) -> bool:
    return actor.role == AccountRole.ADMIN and not actor.suspended


def item_by_id(session: Session, item_id: object) -> ModerationItem:
    plain = event_id(item_id)
    item = session.get(ModerationItem, plain) if plain is not None else None
    if item is None:
        raise InvalidInput("unknown_item", "no item has this id")
    return item


def claim_holder(item: ModerationItem, now: datetime) -> int | None:
    """Who holds `item` now; None when nobody does or his claim lapsed."""
    if item.claimed_by is None or item.claimed_at is None:
        return None
    if now - item.claimed_at > timedelta(minutes=CLAIM_MINUTES):
        return None
    return item.claimed_by


def pending_item(
    session: Session, actor: Account, item_id: object, now: datetime
) -> ModerationItem:
    """An item still waiting that `actor` may take: he is staff, not pausing, and no
    one else holds it."""
    require_staff(actor)
    queue_safety.refuse_paused(actor)
    item = item_by_id(session, item_id)
    if item.state != ItemState.PENDING:
        raise InvalidInput("not_pending", "the item was already decided or withdrawn")
    holder = claim_holder(item, now)
    if holder is not None and holder != actor.id:
        raise InvalidInput("claimed_by_other", "another moderator holds this item")
    return item


def decidable_item(
    session: Session, actor: Account, item_id: object, now: datetime
) -> ModerationItem:
    """A pending item `actor` may decide: not his own, and escalated ones for admins."""
    item = pending_item(session, actor, item_id, now)
    if item.author_id == actor.id:
        raise NotAuthorized(f"account {actor.id} cannot decide its own item", code="own_item")
    if item.escalated and actor.role != AccountRole.ADMIN:
        raise NotAuthorized(f"item {item.id} is escalated to admins", code="escalated")
    return item


def decide(
    item: ModerationItem, actor: Account, decision: Decision, reason: str | None, now: datetime
) -> None:
    """Write `decision` on the item; it leaves the queue and its claim ends."""
    rejected = decision == Decision.REJECTED
    # Stored as the plain strings the column holds.
    item.state = (ItemState.REJECTED if rejected else ItemState.APPROVED).value
    item.decision, item.decided_by = decision.value, actor.id
    item.decided_at, item.reason = now, reason
    item.claimed_by, item.claimed_at = None, None


def clean_reason(raw: object, *, required: bool) -> str:
    """A moderator's reason, stripped. Raises "invalid_reason", "reason_missing"."""
    if raw is None:
        raw = ""
    if not isinstance(raw, str) or len(raw) > REASON_MAX_CHARS:
        raise InvalidInput("invalid_reason", f"a reason has at most {REASON_MAX_CHARS} characters")
    text = raw.strip()
    if required and not text:
        raise InvalidInput("reason_missing", "a reason is needed")
    return text


def codes(stored: str) -> tuple[str, ...]:
    """Comma-separated codes as stored ("suicide,self_harm") as a tuple."""
    return tuple(code for code in stored.split(",") if code)

"""The audit log: every moderator action, appended, never changed.

The app has no function that updates or deletes an entry, and the database refuses
both (triggers from migration 0003), so not even a bug here could rewrite history.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from peersupport.models import Account, AuditEntry
from peersupport.services.errors import InvalidInput, NotAuthorized

PAGE_SIZE = 50
REASON_MAX_CHARS = 1000


@dataclass(frozen=True)
class AuditRecord:
    id: int
    at: datetime
    actor: str
    action: str
    subject: str
    reason: str
    detail: str


def record(
    session: Session,
    actor: Account,
    action: str,
    subject: str,
    now: datetime,
    *,
    reason: str = "",
    detail: str = "",
) -> None:
    session.add(
        AuditEntry(
            at=now,
            actor_id=actor.id,
            actor_pseudonym=actor.pseudonym,
            action=action,
            subject=subject[:120],
            reason=reason[:REASON_MAX_CHARS],
            detail=detail,
        )
    )
    session.flush()


def list_entries(
    session: Session, actor: Account, before_id: object = None, limit: int = PAGE_SIZE
) -> list[AuditRecord]:
    """Newest first, for admins only; `before_id` pages back.

    Raises:
        NotAuthorized: the actor is not an active admin.
        InvalidInput: "invalid_input" for a malformed before_id.
    """
    if actor.role != "admin" or actor.suspended:
        raise NotAuthorized(f"account {actor.id} is not an active admin")
    query = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(max(1, min(limit, 200)))
    if before_id is not None:
        if not isinstance(before_id, int) or isinstance(before_id, bool) or before_id < 1:
            raise InvalidInput("invalid_input", "before_id is a positive integer")
        query = query.where(AuditEntry.id < before_id)
    return [
        AuditRecord(
            id=row.id,
            at=row.at,
            actor=row.actor_pseudonym,
            action=row.action,
            subject=row.subject,
            reason=row.reason,
            detail=row.detail,
        )
        for row in session.scalars(query)
    ]

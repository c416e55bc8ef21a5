"""The audit log: every moderator action, appended, never rewritten.

The app has no function that deletes an entry, and the database refuses it (triggers
from migration 0003). The one change it allows (migration 0005) is forgetting a
deleted account (`forget_account`): the entry keeps who (by id), what, when and why,
and loses his pseudonym and his words. Not even a bug here could rewrite history.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from peersupport.models import Account, AuditEntry, BoardPost, Story
from peersupport.models.moderation import ItemKind
from peersupport.models.statuses import AccountRole
from peersupport.services.errors import InvalidInput, NotAuthorized
from peersupport.services.ids import is_id

PAGE_SIZE = 50
REASON_MAX_CHARS = 1000
# Stands for a deleted account wherever its pseudonym was (the pages show "verwijderd
# account"): a pseudonym is never empty. The database allows no other rewrite.
DELETED_ACCOUNT = ""
ACCOUNT_SUBJECT = "account:"
# Subjects that name a board post (moderation queue items and moderators' actions).
POST_SUBJECT_KINDS = (ItemKind.THREAD.value, ItemKind.REPLY.value, "post")
SUBJECTS_PER_STATEMENT = 500


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


def forget_account(session: Session, account: Account) -> None:
    """Before an account is deleted: every entry stays, with who (the actor's id), what,
    when and why, but his pseudonym becomes DELETED_ACCOUNT (as the actor and in
    "account:<pseudonym>") and the changes moderators made to his stories and posts
    (their diffs hold his words, and what was edited out of them) are dropped.

    Call it while his stories and posts still name him as their author.
    """
    story_ids = session.scalars(select(Story.id).where(Story.author_id == account.id))
    post_ids = list(session.scalars(select(BoardPost.id).where(BoardPost.author_id == account.id)))
    subjects = [f"story:{story_id}" for story_id in story_ids] + [
        f"{kind}:{post_id}" for kind in POST_SUBJECT_KINDS for post_id in post_ids
    ]
    for start in range(0, len(subjects), SUBJECTS_PER_STATEMENT):
        session.execute(
            update(AuditEntry)
            .where(
                AuditEntry.subject.in_(subjects[start : start + SUBJECTS_PER_STATEMENT]),
                AuditEntry.detail != "",
            )
            .values(detail="")
        )
    session.execute(
        update(AuditEntry)
        .where(AuditEntry.actor_id == account.id, AuditEntry.actor_pseudonym != DELETED_ACCOUNT)
        .values(actor_pseudonym=DELETED_ACCOUNT)
    )
    session.execute(
        update(AuditEntry)
        .where(AuditEntry.subject == f"{ACCOUNT_SUBJECT}{account.pseudonym}")
        .values(subject=ACCOUNT_SUBJECT + DELETED_ACCOUNT)
    )


def list_entries(
    session: Session, actor: Account, before_id: object = None, limit: int = PAGE_SIZE
) -> list[AuditRecord]:
    """Newest first, for admins only; `before_id` pages back.

    Raises:
        NotAuthorized: the actor is not an active admin.
        InvalidInput: "invalid_input" for a malformed before_id.
    """
    if actor.role != AccountRole.ADMIN or actor.suspended:
        raise NotAuthorized(f"account {actor.id} is not an active admin")
    query = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(max(1, min(limit, 200)))
    if before_id is not None:
        if not is_id(before_id):
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

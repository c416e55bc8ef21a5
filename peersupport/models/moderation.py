"""One moderation queue for everything public, watched words, and the audit log."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    false,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from peersupport.models import Base
from peersupport.models.accounts import Account
from peersupport.models.boards import BoardPost
from peersupport.models.statuses import one_of
from peersupport.models.stories import Story
from peersupport.models.types import UtcDateTime


class ItemKind(StrEnum):
    """What a queue item is: a story, a thread's opening post, or a reply."""

    STORY = "story"
    THREAD = "thread"
    REPLY = "reply"


class ItemState(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"


class Decision(StrEnum):
    """What a moderator decided: as submitted, with his changes, or not."""

    APPROVED = "approved"
    EDITED = "edited"
    REJECTED = "rejected"


class WatchAction(StrEnum):
    BLOCK = "block"
    FLAG = "flag"
    REVIEW = "review"


# The stored words, as plain strings, for code that checks a hostile string against them.
WATCH_ACTIONS: tuple[str, ...] = tuple(action.value for action in WatchAction)


class ModerationItem(Base):
    """A submission waiting for (or decided by) a moderator; one per submission.

    `original_title`/`original_body` are the text as submitted, so that an edit can be
    shown to the author and undone.
    """

    __tablename__ = "moderation_items"
    __table_args__ = (
        CheckConstraint(one_of("kind", ItemKind), name="kind"),
        CheckConstraint(one_of("state", ItemState), name="state"),
        Index("ix_moderation_items_queue", "state", "queued_at", "id"),
        # The queue figures count items per day over the last two weeks.
        Index("ix_moderation_items_queued_at", "queued_at"),
        Index("ix_moderation_items_decided_at", "decided_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    story_id: Mapped[int | None] = mapped_column(
        ForeignKey(Story.id, ondelete="CASCADE"), index=True, nullable=True
    )
    # A thread's opening post ("thread") or a reply ("reply").
    post_id: Mapped[int | None] = mapped_column(
        ForeignKey(BoardPost.id, ondelete="CASCADE"), index=True, nullable=True
    )
    author_id: Mapped[int] = mapped_column(ForeignKey(Account.id, ondelete="CASCADE"), index=True)
    state: Mapped[str] = mapped_column(String(16), default=ItemState.PENDING.value)
    queued_at: Mapped[datetime] = mapped_column(UtcDateTime)
    original_title: Mapped[str] = mapped_column(Text, default="")
    original_body: Mapped[str] = mapped_column(Text)
    # JSON: [{"kind": "phone", "text": "06 ..."}] the scrubber found and the author kept.
    findings: Mapped[str] = mapped_column(Text, default="[]")
    # JSON: [{"word": "...", "action": "flag"}] watched words found at submission.
    flags: Mapped[str] = mapped_column(Text, default="[]")
    escalated: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # Crisis words at submission (services/crisis.py): shown first in the queue, with the
    # reasons as comma-separated codes ("suicide,self_harm").
    urgent: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    urgent_reasons: Mapped[str] = mapped_column(String(120), default="", server_default=text("''"))
    claimed_by: Mapped[int | None] = mapped_column(
        ForeignKey(Account.id, ondelete="SET NULL"), nullable=True
    )
    claimed_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    decision: Mapped[str | None] = mapped_column(String(16), nullable=True)
    decided_by: Mapped[int | None] = mapped_column(
        ForeignKey(Account.id, ondelete="SET NULL"), nullable=True
    )
    decided_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    reason: Mapped[str | None] = mapped_column(Text, nullable=True)


class WatchedWord(Base):
    """A word or phrase moderators watch for: block it, flag it, or require admin review."""

    __tablename__ = "watched_words"
    __table_args__ = (CheckConstraint(one_of("action", WatchAction), name="action"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # Lower case, NFKC, single spaces.
    phrase: Mapped[str] = mapped_column(String(64), unique=True)
    action: Mapped[str] = mapped_column(String(8))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class AuditEntry(Base):
    """One moderator action: who, what, when, why. Append-only.

    No foreign keys: the log outlives deleted accounts and items. Database triggers
    (migration 0003) refuse DELETE on this table on SQLite and PostgreSQL, and every
    UPDATE but forgetting a deleted account (migration 0005, services/audit.py).
    """

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    actor_id: Mapped[int] = mapped_column(Integer)
    actor_pseudonym: Mapped[str] = mapped_column(String(32))
    action: Mapped[str] = mapped_column(String(32))
    # What it was done to: "item:12", "account:Bram", "word:...".
    subject: Mapped[str] = mapped_column(String(120))
    reason: Mapped[str] = mapped_column(Text, default="")
    # For an edit: a unified diff of what changed.
    detail: Mapped[str] = mapped_column(Text, default="")

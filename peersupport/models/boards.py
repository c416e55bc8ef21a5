"""Message boards: threads, their posts, and members' reports about posts.

Boards themselves are content (`peersupport/content/boards.toml`); a thread names its
board by key. Every post, the opening one included, is read by a moderator before
anyone but its author sees it.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column

from peersupport.models import Base
from peersupport.models.accounts import Account
from peersupport.models.statuses import PostState, one_of
from peersupport.models.types import UtcDateTime

THREAD_TITLE_MAX_CHARS = 120
POST_MAX_CHARS = 5_000
REPORT_REASONS = ("contact_details", "meeting_up", "identifying", "unkind", "unsafe", "other")
REPORT_TEXT_MAX_CHARS = 500
# The database's own check on a report's reason, for board posts and stories alike.
REPORT_REASON_CHECK: str = one_of("reason", REPORT_REASONS)


class BoardThread(Base):
    """A thread: its board, its title, and what the board page sorts and shows.

    `listed` is true while the opening post is published and not hidden; the board page
    reads only listed threads, newest activity first, from one index.
    `last_activity_at` is the time the latest visible post was approved.
    """

    __tablename__ = "board_threads"
    __table_args__ = (
        Index("ix_board_threads_board_activity", "board", "listed", "last_activity_at", "id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    board: Mapped[str] = mapped_column(String(32))
    # NULL once the author deleted his account; his words are gone, the replies stay.
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey(Account.id, ondelete="SET NULL"), index=True, nullable=True
    )
    title: Mapped[str] = mapped_column(String(THREAD_TITLE_MAX_CHARS))
    listed: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    locked: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    last_activity_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    # Published replies (the opening post not counted).
    reply_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class BoardPost(Base):
    """One post: the opening post of a thread or a reply.

    `hidden` is set when enough members reported it; it stays hidden until a moderator
    decides. A removed post keeps its row (replies may quote it) but readers see only
    that a moderator removed it.
    """

    __tablename__ = "board_posts"
    __table_args__ = (
        CheckConstraint(one_of("state", PostState), name="state"),
        Index("ix_board_posts_thread", "thread_id", "id"),
        Index("ix_board_posts_author_created", "author_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    thread_id: Mapped[int] = mapped_column(ForeignKey(BoardThread.id, ondelete="CASCADE"))
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey(Account.id, ondelete="SET NULL"), nullable=True
    )
    opening: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    body: Mapped[str] = mapped_column(Text)
    quote_of: Mapped[int | None] = mapped_column(
        ForeignKey("board_posts.id", ondelete="SET NULL"), nullable=True
    )
    state: Mapped[str] = mapped_column(String(16), default=PostState.PENDING.value)
    hidden: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    published_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    # A rejection the author reads (template code, free text), or a removal's reason.
    rejection_template: Mapped[str | None] = mapped_column(String(32), nullable=True)
    rejection_reason: Mapped[str | None] = mapped_column(Text, nullable=True)


class PostReport(Base):
    """A member's report about a published post: one per member and post."""

    __tablename__ = "post_reports"
    __table_args__ = (
        CheckConstraint(REPORT_REASON_CHECK, name="reason"),
        UniqueConstraint("post_id", "reporter_id", name="uq_post_reports_post_reporter"),
        Index("ix_post_reports_open", "open", "post_id"),
        Index("ix_post_reports_reporter_created", "reporter_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey(BoardPost.id, ondelete="CASCADE"))
    reporter_id: Mapped[int] = mapped_column(ForeignKey(Account.id, ondelete="CASCADE"))
    reason: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    # False once a moderator decided about the post.
    open: Mapped[bool] = mapped_column(Boolean, default=True)

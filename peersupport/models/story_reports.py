"""Members' reports about published stories: one per member and story."""

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
)
from sqlalchemy.orm import Mapped, mapped_column

from peersupport.models import Base
from peersupport.models.accounts import Account
from peersupport.models.boards import REPORT_REASON_CHECK
from peersupport.models.stories import Story
from peersupport.models.types import UtcDateTime


class StoryReport(Base):
    """A member's report about a published story; the same reasons as a board report.

    The unique constraint makes two reports from one member at once count once.
    """

    __tablename__ = "story_reports"
    __table_args__ = (
        CheckConstraint(REPORT_REASON_CHECK, name="reason"),
        UniqueConstraint("story_id", "reporter_id", name="uq_story_reports_story_reporter"),
        Index("ix_story_reports_open", "open", "story_id"),
        Index("ix_story_reports_reporter_created", "reporter_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    story_id: Mapped[int] = mapped_column(ForeignKey(Story.id, ondelete="CASCADE"))
    reporter_id: Mapped[int] = mapped_column(ForeignKey(Account.id, ondelete="CASCADE"))
    reason: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    # False once a moderator decided about the story.
    open: Mapped[bool] = mapped_column(Boolean, default=True)

"""Stories by survivors: drafts, submissions, published texts and "this helped me"."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
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
from peersupport.models.statuses import StoryState, one_of
from peersupport.models.types import UtcDateTime

TITLE_MAX_CHARS = 120
BODY_MAX_CHARS = 20_000


class Story(Base):
    """One story. What readers see is `title` and `body` of a published story.

    Deleting the author's account deletes his stories (design: "Account deletion
    really deletes").
    """

    __tablename__ = "stories"
    __table_args__ = (
        CheckConstraint(one_of("state", StoryState), name="state"),
        CheckConstraint("language IN ('nl', 'en')", name="language"),
        # The public list: newest first, optionally one language (keyset on both columns).
        Index("ix_stories_published", "state", "published_at", "id"),
        Index("ix_stories_language_published", "language", "state", "published_at", "id"),
        # One open draft per author: a second tab or two requests at once cannot add one.
        Index(
            "ux_stories_one_draft",
            "author_id",
            unique=True,
            sqlite_where=text("state = 'draft'"),
            postgresql_where=text("state = 'draft'"),
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    author_id: Mapped[int] = mapped_column(ForeignKey(Account.id, ondelete="CASCADE"), index=True)
    state: Mapped[str] = mapped_column(String(16), default=StoryState.DRAFT.value)
    language: Mapped[str] = mapped_column(String(2))
    title: Mapped[str] = mapped_column(String(TITLE_MAX_CHARS))
    body: Mapped[str] = mapped_column(Text)
    # Codes from services.stories.THEMES / WARNINGS, comma-separated in a fixed order.
    themes: Mapped[str] = mapped_column(String(200), default="")
    warnings: Mapped[str] = mapped_column(String(200), default="")
    reading_minutes: Mapped[int] = mapped_column(Integer, default=1)
    helped_count: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    submitted_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    published_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    # Set when a moderator rejected it; the author reads both (template code, free text).
    rejection_template: Mapped[str | None] = mapped_column(String(32), nullable=True)
    rejection_reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    # The author's own choice, asked when he sends it in: search engines may index the
    # published story (its page and the sitemap). A moderator's decision never changes it.
    indexable: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # Reports from enough members hide a published story until a moderator decides.
    hidden: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class StoryTheme(Base):
    """One theme of a published story: what the theme filter of the list reads."""

    __tablename__ = "story_themes"
    __table_args__ = (
        Index("ix_story_themes_theme_published", "theme", "published_at", "story_id"),
        Index(
            "ix_story_themes_theme_language_published",
            "theme",
            "language",
            "published_at",
            "story_id",
        ),
    )

    story_id: Mapped[int] = mapped_column(
        ForeignKey(Story.id, ondelete="CASCADE"), primary_key=True
    )
    theme: Mapped[str] = mapped_column(String(32), primary_key=True)
    language: Mapped[str] = mapped_column(String(2))
    published_at: Mapped[datetime] = mapped_column(UtcDateTime)


class StoryHelp(Base):
    """A "this helped me" that was counted: an HMAC of (story, browser key), nothing more.

    The browser's random key never reaches the database, and the HMAC differs per story,
    so these rows cannot be linked to each other or to a reader.
    """

    __tablename__ = "story_helps"

    story_id: Mapped[int] = mapped_column(
        ForeignKey(Story.id, ondelete="CASCADE"), primary_key=True
    )
    marker: Mapped[str] = mapped_column(String(64), primary_key=True)
    # The day it was counted (never a time), for seeing a count that jumps; None for
    # marks from before that was kept.
    counted_on: Mapped[date | None] = mapped_column(Date, nullable=True, index=True)

"""Publishing a story and taking it back, for the moderation and report services only:
nothing a member calls makes a story public. A published story is findable by its
themes through the `story_themes` index, which these functions keep true."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete
from sqlalchemy.orm import Session

from peersupport.models import Story, StoryTheme
from peersupport.models.statuses import StoryState
from peersupport.services.story_codes import codes
from peersupport.services.story_text import reading_minutes


def publish(session: Session, story: Story, now: datetime) -> None:
    """Make a pending story public and indexable by theme."""
    story.state = StoryState.PUBLISHED.value
    story.published_at = now
    story.updated_at = now
    story.reading_minutes = reading_minutes(story.body)
    story.rejection_template = None
    story.rejection_reason = None
    index_themes(session, story)


def index_themes(session: Session, story: Story) -> None:
    """Make a published story findable by its themes (again, after reports hid it)."""
    session.execute(delete(StoryTheme).where(StoryTheme.story_id == story.id))
    published_at = story.published_at or story.updated_at
    for theme in codes(story.themes):
        session.add(
            StoryTheme(
                story_id=story.id,
                theme=theme,
                language=story.language,
                published_at=published_at,
            )
        )
    session.flush()


def unpublish(session: Session, story: Story, now: datetime) -> None:
    """Back to pending (a moderator undid his approval)."""
    story.state = StoryState.PENDING.value
    story.published_at = None
    story.updated_at = now
    session.execute(delete(StoryTheme).where(StoryTheme.story_id == story.id))
    session.flush()


def reject(session: Session, story: Story, template: str, reason: str, now: datetime) -> None:
    """Send a story back to its author with a template and the moderator's reason."""
    story.state = StoryState.REJECTED.value
    story.rejection_template = template
    story.rejection_reason = reason
    story.updated_at = now
    session.flush()

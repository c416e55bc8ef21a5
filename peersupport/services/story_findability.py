"""Whether search engines may find a story: its author's choice alone.

He answers a plain question when he sends a story in (default no) and can change it
later under Mijn verhalen. Only he changes it, for his own story; a moderator's
decision (publish, edit, reject) leaves it as he set it. A published story he shares
gets `index` on its page and a line in the sitemap; every other story page says
`noindex` (components/page_meta.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from peersupport.models import Account, Story
from peersupport.models.statuses import StoryState
from peersupport.services.errors import InvalidInput, NotAuthorized
from peersupport.services.ids import is_id


@dataclass(frozen=True)
class SharedStory:
    """A published story whose author lets search engines find it: a sitemap line."""

    id: int
    published_at: datetime


def set_indexable(session: Session, author: Account, story_id: object, choice: object) -> None:
    """Record the author's choice for one of his own stories, in any state.

    Raises:
        InvalidInput: "invalid_choice" (not True or False).
        NotAuthorized: not his story (or no such story).
    """
    if not isinstance(choice, bool):
        raise InvalidInput("invalid_choice", "the choice is True or False")
    story = session.get(Story, story_id) if is_id(story_id) else None
    if story is None or story.author_id != author.id:
        raise NotAuthorized(f"story {story_id!r} is not one of account {author.id}'s")
    story.indexable = choice
    session.flush()


def shared_stories(session: Session, limit: int = 10_000) -> list[SharedStory]:
    """Published stories whose authors let search engines find them, newest first."""
    rows = session.execute(
        select(Story.id, Story.published_at)
        .where(Story.state == StoryState.PUBLISHED, Story.indexable.is_(True))
        .order_by(Story.published_at.desc(), Story.id.desc())
        .limit(limit)
    )
    return [
        SharedStory(id=story_id, published_at=published_at)
        for story_id, published_at in rows
        if published_at is not None
    ]

"""Stories whose "Dit hielp me" count jumps, for the moderators.

A count is bounded (one per browser, a single-use token per page read), but a script
that reads pages and makes fresh browser keys still adds to it. Moderators see a story
whose marks of the last two days stand far above its own usual days, with both figures,
and decide what it means; nothing here changes a count by itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from peersupport.models import Account, Story, StoryHelp
from peersupport.models.statuses import StoryState
from peersupport.services.moderation import require_staff

RECENT_DAYS = 2  # today and yesterday
USUAL_DAYS = 14  # the days before those
# A jump: at least this many marks in the recent days ...
JUMP_AT_LEAST = 10
# ... and this many times what the story usually gets in as many days.
JUMP_FACTOR = 3


@dataclass(frozen=True)
class HelpedJump:
    story_id: int
    title: str
    recent: int  # marks in the last RECENT_DAYS days
    usual: float  # marks the story got in RECENT_DAYS days on average before


def jumping_stories(session: Session, actor: Account, today: date) -> list[HelpedJump]:
    """Published stories whose count jumps, the largest jump first; moderators only."""
    require_staff(actor)
    recent_from = today - timedelta(days=RECENT_DAYS - 1)
    usual_from = recent_from - timedelta(days=USUAL_DAYS)
    recent = func.sum(case((StoryHelp.counted_on >= recent_from, 1), else_=0))
    before = func.sum(case((StoryHelp.counted_on < recent_from, 1), else_=0))
    rows = session.execute(
        select(Story.id, Story.title, recent, before)
        .join(StoryHelp, StoryHelp.story_id == Story.id)
        .where(Story.state == StoryState.PUBLISHED, StoryHelp.counted_on >= usual_from)
        .group_by(Story.id, Story.title)
        .having(recent >= JUMP_AT_LEAST)
    ).all()
    jumps = []
    for story_id, title, recent_marks, earlier_marks in rows:
        usual = int(earlier_marks or 0) * RECENT_DAYS / USUAL_DAYS
        if int(recent_marks) >= JUMP_FACTOR * max(usual, 1.0):
            jumps.append(HelpedJump(story_id, title, int(recent_marks), round(usual, 1)))
    return sorted(jumps, key=lambda jump: jump.recent - jump.usual, reverse=True)

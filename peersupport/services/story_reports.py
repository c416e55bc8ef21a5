"""Reports about published stories, and what moderators decide about them.

The same rules as reports about board posts (services/boards.py and
services/board_moderation.py):

- A member (not suspended) reports a published story he did not write, once, with a
  reason; reports count against the same daily limit as board reports.
- Reports from HIDE_AFTER_REPORTS different members hide the story (off the list, the
  theme filter, related stories and its own page) until a moderator decides.
- A moderator keeps it (the reports close, the story shows again) or removes it with a
  reason (the author sees it as not placed, with that reason); both go into the audit
  log. Moderators and admins only; every function checks its actor first.

Two reports from one member at once count once: the database's unique constraint
decides, and the loser is told "already_reported".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, aliased

from peersupport.models import Account, PostReport, Story, StoryReport, StoryTheme
from peersupport.models.statuses import StoryState
from peersupport.services import audit, stories
from peersupport.services.board_moderation import removal_reason
from peersupport.services.boards import HIDE_AFTER_REPORTS, is_id
from peersupport.services.errors import InvalidInput, NotAuthorized
from peersupport.services.moderation import require_staff
from peersupport.services.reports import (
    Report,
    already_reported,
    close_reports,
    open_reporters,
    open_reports,
    report_words,
)
from peersupport.settings import PostingLimits

REPORTED_PAGE = 30


@dataclass(frozen=True)
class ReportedStory:
    """A published story with open reports, with all of them together."""

    story_id: int
    title: str
    author: str  # "" when the author's account is gone
    body: str
    hidden: bool
    reports: tuple[Report, ...]


def report_story(
    session: Session,
    reporter: Account,
    story_id: object,
    *,
    reason: object,
    text: object,
    limits: PostingLimits,
    now: datetime,
) -> bool:
    """A member reports a published story; returns True when the story is now hidden.

    Raises:
        NotAuthorized "suspended".
        InvalidInput: "unknown_story", "own_story", "invalid_reason",
            "reason_text_missing" ("other" needs words), "report_too_long",
            "already_reported", "too_many_reports".
    """
    if reporter.suspended:
        raise NotAuthorized(f"account {reporter.id} is suspended", code="suspended")
    story = session.get(Story, story_id) if is_id(story_id) else None
    if story is None or story.state != StoryState.PUBLISHED or story.hidden:
        raise InvalidInput("unknown_story", "no published story has this id")
    if story.author_id == reporter.id:
        raise InvalidInput("own_story", "a member does not report his own story")
    words = report_words(reason, text)
    if already_reported(session, StoryReport, StoryReport.story_id, story.id, reporter.id):
        raise InvalidInput("already_reported", "this member already reported this story")
    if _reports_today(session, reporter, now) >= limits.reports_per_day:
        raise InvalidInput("too_many_reports", f"at most {limits.reports_per_day} reports a day")
    try:
        with session.begin_nested():
            session.add(
                StoryReport(
                    story_id=story.id,
                    reporter_id=reporter.id,
                    reason=str(reason),
                    text=words,
                    created_at=now,
                    open=True,
                )
            )
    except IntegrityError:
        # The same member's other report won the unique constraint a moment ago.
        raise InvalidInput("already_reported", "this member already reported this story") from None
    reporters = open_reporters(session, StoryReport, StoryReport.story_id, story.id)
    if reporters >= HIDE_AFTER_REPORTS and not story.hidden:
        story.hidden = True
        # Off the theme filter and the related stories too.
        session.query(StoryTheme).filter(StoryTheme.story_id == story.id).delete(
            synchronize_session=False
        )
        session.flush()
    return story.hidden


def _reports_today(session: Session, reporter: Account, now: datetime) -> int:
    """Reports about stories and board posts together: one daily limit for both."""
    since = now - timedelta(days=1)
    stories_reported = session.scalar(
        select(func.count())
        .select_from(StoryReport)
        .where(StoryReport.reporter_id == reporter.id, StoryReport.created_at > since)
    )
    posts_reported = session.scalar(
        select(func.count())
        .select_from(PostReport)
        .where(PostReport.reporter_id == reporter.id, PostReport.created_at > since)
    )
    return int(stories_reported or 0) + int(posts_reported or 0)


def keep_story(session: Session, actor: Account, story_id: object, now: datetime) -> None:
    """The story may stay: close its reports and show it again if reports had hidden it.

    Raises: NotAuthorized; InvalidInput "unknown_story", "no_reports".
    """
    require_staff(actor)
    story = _published(session, story_id)
    if not close_reports(session, StoryReport, StoryReport.story_id, story.id):
        raise InvalidInput("no_reports", "this story has no open reports")
    if story.hidden:
        story.hidden = False
        stories.index_themes(session, story)
    audit.record(session, actor, "keep", f"story:{story.id}", now)


def remove_story(
    session: Session, actor: Account, story_id: object, *, reason: object, now: datetime
) -> None:
    """Take a published story down, with a reason the audit log keeps and the author reads.

    Raises: NotAuthorized; InvalidInput "unknown_story", "reason_missing", "invalid_reason".
    """
    require_staff(actor)
    story = _published(session, story_id)
    why = removal_reason(reason)
    story.hidden = False
    stories.reject(session, story, "other", why, now)
    session.query(StoryTheme).filter(StoryTheme.story_id == story.id).delete(
        synchronize_session=False
    )
    close_reports(session, StoryReport, StoryReport.story_id, story.id)
    audit.record(session, actor, "remove", f"story:{story.id}", now, reason=why)


# Made once: an alias built per call costs more than the query it serves.
REPORTED_AUTHOR = aliased(Account, name="reported_story_author")


def list_reported(session: Session, actor: Account) -> list[ReportedStory]:
    """Stories with open reports, hidden ones first, then by first report; two queries."""
    require_staff(actor)
    author = REPORTED_AUTHOR
    first = func.min(StoryReport.created_at)
    rows = list(
        session.execute(
            select(Story, author.pseudonym)
            .join(StoryReport, StoryReport.story_id == Story.id)
            .outerjoin(author, author.id == Story.author_id)
            .where(StoryReport.open, Story.state == StoryState.PUBLISHED)
            .group_by(Story.id, author.pseudonym)
            .order_by(Story.hidden.desc(), first, Story.id)
            .limit(REPORTED_PAGE)
        )
    )
    ids = [story.id for story, _ in rows]
    reports = open_reports(session, StoryReport, StoryReport.story_id, ids)
    return [
        ReportedStory(
            story_id=story.id,
            title=story.title,
            author=name or "",
            body=story.body,
            hidden=story.hidden,
            reports=tuple(reports[story.id]),
        )
        for story, name in rows
    ]


def _published(session: Session, story_id: object) -> Story:
    story = session.get(Story, story_id) if is_id(story_id) else None
    if story is None or story.state != StoryState.PUBLISHED:
        raise InvalidInput("unknown_story", "no published story has this id")
    return story

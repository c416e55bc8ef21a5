"""Stories: what readers see without an account (published stories only, newest first,
keyset-paged, one query per page; a story's page with related ones; "this helped me"),
and sending an author's draft to the moderation queue after the privacy scrubber, the
watched words and the crisis words. Publishing is the moderation service's job
(story_publishing.py); nothing here makes a story public.

An author's own drafts live in own_stories.py, the theme and warning codes in
story_codes.py; their names stay importable from here, as the pages and tests use them.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Select, bindparam, func, select, tuple_, union_all
from sqlalchemy.orm import Session

from peersupport.models import Account, ModerationItem, Story, StoryHelp, StoryTheme
from peersupport.models.moderation import ItemKind
from peersupport.models.statuses import StoryState
from peersupport.services import helped_tokens, screening
from peersupport.services.cursors import moment_cursor, parse_moment_cursor
from peersupport.services.errors import InvalidInput, NotAuthorized
from peersupport.services.ids import is_id
from peersupport.services.own_stories import (
    OwnStory,
    changes_between,
    delete_story,
    get_own_story,
    list_own_stories,
    open_draft,
    save_draft,
    withdraw_story,
)
from peersupport.services.own_stories import owned as _own
from peersupport.services.screening import contact_details_in
from peersupport.services.story_codes import THEME_KEYS, THEMES, WARNING_KEYS, WARNINGS
from peersupport.services.story_codes import codes as _codes
from peersupport.services.story_codes import language_code as _language
from peersupport.services.story_publishing import index_themes, publish, reject, unpublish
from peersupport.services.story_text import render_story_html

__all__ = [
    "THEMES",
    "THEME_KEYS",
    "WARNINGS",
    "WARNING_KEYS",
    "OwnStory",
    "PublishedStory",
    "StoryCard",
    "changes_between",
    "contact_details_in",
    "delete_story",
    "get_own_story",
    "get_published",
    "index_themes",
    "list_own_stories",
    "list_published",
    "mark_helped",
    "open_draft",
    "publish",
    "reject",
    "save_draft",
    "submit_story",
    "unpublish",
    "withdraw_story",
]

PAGE_SIZE = 20
MAX_PAGE_SIZE = 50
RELATED_COUNT = 3
MIN_BODY_CHARS = 80
SUBMISSIONS_PER_DAY = 3
BROWSER_KEY = re.compile(r"^[A-Za-z0-9_-]{43}$")
HELPED_CONTEXT = b"story-helped"

# --- reading ---------------------------------------------------------------------------


@dataclass(frozen=True)
class StoryCard:
    """What a list shows of a published story."""

    id: int
    title: str
    language: str
    themes: tuple[str, ...]
    warnings: tuple[str, ...]
    reading_minutes: int
    published_at: datetime


@dataclass(frozen=True)
class PublishedStory:
    """A published story as its page shows it; `body_html` is safe to insert as is."""

    card: StoryCard
    body_html: str
    helped_count: int
    related: tuple[StoryCard, ...]
    # Its author lets search engines index it (services/story_findability.py).
    indexable: bool = False


def list_published(
    session: Session,
    *,
    theme: object = None,
    language: object = None,
    cursor: object = None,
    limit: int = PAGE_SIZE,
) -> tuple[list[StoryCard], str | None]:
    """One page of published stories, newest first, and the cursor of the next page.

    Raises:
        InvalidInput: "invalid_theme", "invalid_language", "invalid_cursor".
    """
    limit = max(1, min(limit, MAX_PAGE_SIZE))
    after = parse_moment_cursor(cursor)
    if theme not in (None, ""):
        if theme not in THEMES:
            raise InvalidInput("invalid_theme", "theme must be one of THEMES")
        query: Select[Story] = (
            select(Story)
            .join(StoryTheme, StoryTheme.story_id == Story.id)
            .where(StoryTheme.theme == theme)
            .order_by(StoryTheme.published_at.desc(), StoryTheme.story_id.desc())
        )
        if language not in (None, ""):
            query = query.where(StoryTheme.language == _language(language))
        if after is not None:
            query = query.where(tuple_(StoryTheme.published_at, StoryTheme.story_id) < after)
    else:
        query = (
            select(Story)
            .where(Story.state == StoryState.PUBLISHED, ~Story.hidden)
            .order_by(Story.published_at.desc(), Story.id.desc())
        )
        if language not in (None, ""):
            query = query.where(Story.language == _language(language))
        if after is not None:
            query = query.where(tuple_(Story.published_at, Story.id) < after)
    stories = list(session.scalars(query.limit(limit + 1)))
    next_cursor = _cursor(stories[limit - 1]) if len(stories) > limit else None
    return [_card(story) for story in stories[:limit]], next_cursor


def get_published(session: Session, story_id: object) -> PublishedStory | None:
    """A published story with up to three related ones; None if there is none."""
    if not is_id(story_id):
        return None
    story = session.get(Story, story_id)
    if story is None or story.state != StoryState.PUBLISHED or story.hidden:
        return None
    return PublishedStory(
        card=_card(story),
        body_html=render_story_html(story.body),
        helped_count=story.helped_count,
        related=tuple(_related(session, story)),
        indexable=story.indexable,
    )


def mark_helped(
    session: Session,
    story_id: object,
    browser_key: object,
    secret: bytes,
    *,
    token: object,
    now: datetime,
) -> tuple[int, bool]:
    """Count "this helped me" once per browser; returns (count, counted_now).

    Only an HMAC of (story, browser key) is stored, different for every story. A new
    count also uses up the single-use token the story page carried (helped_tokens), so
    fresh browser keys from a script count no more often than it fetches the page.

    Raises:
        InvalidInput: "invalid_key"; "not_found" for a story that is not published;
            "invalid_token" for a missing, used, expired or foreign token.
    """
    if not isinstance(browser_key, str) or not BROWSER_KEY.match(browser_key):
        raise InvalidInput("invalid_key", "the browser key is 32 random bytes, base64url")
    story = session.get(Story, story_id) if is_id(story_id) else None
    if story is None or story.state != StoryState.PUBLISHED or story.hidden:
        raise InvalidInput("not_found", "no published story has this id")
    marker = hmac.new(
        secret, HELPED_CONTEXT + f"|{story.id}|{browser_key}".encode(), hashlib.sha256
    ).hexdigest()
    if session.get(StoryHelp, (story.id, marker)) is not None:
        return story.helped_count, False
    if not helped_tokens.use(session, token, story.id, secret, now):
        raise InvalidInput("invalid_token", "counting needs an unused token from the story page")
    session.add(StoryHelp(story_id=story.id, marker=marker, counted_on=now.date()))
    story.helped_count = Story.helped_count + 1
    session.flush()
    session.refresh(story, ["helped_count"])
    return story.helped_count, True


def _related(session: Session, story: Story) -> list[StoryCard]:
    """Up to RELATED_COUNT newest stories in the same language sharing a theme.

    One statement: per theme, the newest few from the (theme, language, published_at)
    index, so the cost does not grow with the number of stories.
    """
    themes = _codes(story.themes)
    if not themes:
        return []
    values: dict[str, object] = {"language": story.language, "story_id": story.id}
    values.update({f"theme_{index}": theme for index, theme in enumerate(themes)})
    rows = session.scalars(_related_statement(len(themes)), values)
    return [_card(row) for row in rows]


@functools.cache
def _related_statement(theme_count: int) -> Select[Story]:
    """The statement of `_related` for `theme_count` themes, built once: every story
    page runs it, and building it cost more than running it."""
    per_theme = [
        select(StoryTheme.story_id, StoryTheme.published_at)
        .where(
            StoryTheme.theme == bindparam(f"theme_{index}"),
            StoryTheme.language == bindparam("language"),
            StoryTheme.story_id != bindparam("story_id"),
        )
        .order_by(StoryTheme.published_at.desc(), StoryTheme.story_id.desc())
        .limit(RELATED_COUNT)
        .subquery()
        for index in range(theme_count)
    ]
    candidates = union_all(
        *(select(sub.c.story_id, sub.c.published_at) for sub in per_theme)
    ).subquery()
    newest = (
        select(candidates.c.story_id, func.max(candidates.c.published_at).label("at"))
        .group_by(candidates.c.story_id)
        .order_by(func.max(candidates.c.published_at).desc(), candidates.c.story_id.desc())
        .limit(RELATED_COUNT)
        .subquery()
    )
    return (
        select(Story)
        .join(newest, newest.c.story_id == Story.id)
        .order_by(newest.c.at.desc(), Story.id.desc())
    )


def _card(story: Story) -> StoryCard:
    return StoryCard(
        id=story.id,
        title=story.title,
        language=story.language,
        themes=_codes(story.themes),
        warnings=_codes(story.warnings),
        reading_minutes=story.reading_minutes,
        published_at=story.published_at or story.updated_at,
    )


def _cursor(story: Story) -> str:
    return moment_cursor(story.published_at or story.updated_at, story.id)


def submit_story(
    session: Session, author: Account, story_id: object, *, keep_findings: object, now: datetime
) -> ModerationItem:
    """Send a draft to the moderation queue.

    If the scrubber finds contact details, the author must either remove them or
    confirm (`keep_findings=True`); then the item is queued flagged with the findings.

    Raises:
        NotAuthorized: not his story, or his account is suspended ("suspended").
        InvalidInput: "not_editable", "title_missing", "body_too_short", "theme_missing",
            "contact_details" (found and not confirmed), "blocked_word",
            "too_many_submissions".
    """
    if author.suspended:
        raise NotAuthorized("a suspended account cannot submit", code="suspended")
    story = _own(session, author, story_id)
    if story.state != StoryState.DRAFT:
        raise InvalidInput("not_editable", "only a draft can be submitted")
    if not story.title.strip():
        raise InvalidInput("title_missing", "a story needs a title")
    if len(story.body.strip()) < MIN_BODY_CHARS:
        raise InvalidInput("body_too_short", f"a story has at least {MIN_BODY_CHARS} characters")
    if not story.themes:
        raise InvalidInput("theme_missing", "a story has at least one theme")
    _refuse_too_many_submissions(session, author, now)
    found = screening.screened(session, story.title, story.body, keep_findings, None)
    story.state = StoryState.PENDING.value
    story.submitted_at = now
    story.updated_at = now
    story.rejection_template = None
    story.rejection_reason = None
    item = found.queue_item(
        ItemKind.STORY, author.id, now, title=story.title, body=story.body, story_id=story.id
    )
    session.add(item)
    session.flush()
    return item


def _refuse_too_many_submissions(session: Session, author: Account, now: datetime) -> None:
    recent = session.scalar(
        select(func.count())
        .select_from(ModerationItem)
        .where(
            ModerationItem.author_id == author.id,
            ModerationItem.kind == ItemKind.STORY,
            ModerationItem.queued_at > now - timedelta(days=1),
        )
    )
    if (recent or 0) >= SUBMISSIONS_PER_DAY:
        raise InvalidInput("too_many_submissions", f"at most {SUBMISSIONS_PER_DAY} stories a day")

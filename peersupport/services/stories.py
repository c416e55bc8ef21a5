"""Stories: what readers see without an account, and what authors may do with their own.

Reading: published stories only, newest first, keyset-paged, one query per page.
Writing: a member keeps one open draft (reopened, never duplicated), submits it to the
moderation queue (after the privacy scrubber and the watched words), sees its state,
and may withdraw it. Publishing is
the moderation service's job; nothing here makes a story public.
"""

from __future__ import annotations

import difflib
import functools
import hashlib
import hmac
import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Select, bindparam, delete, func, select, tuple_, union_all, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from peersupport.models import Account, ModerationItem, Story, StoryHelp, StoryTheme
from peersupport.models.stories import BODY_MAX_CHARS, TITLE_MAX_CHARS
from peersupport.services import helped_tokens, screening
from peersupport.services.cursors import moment_cursor, parse_moment_cursor
from peersupport.services.errors import InvalidInput, NotAuthorized
from peersupport.services.screening import contact_details_in as contact_details_in
from peersupport.services.story_text import reading_minutes, render_story_html
from peersupport.translations import LANGUAGES

# The list's address filters by a theme's place here (?thema=3 is "sextortion"), since the
# browser's history shows addresses: add new themes at the end, never reorder.
THEMES = (
    "online_grooming",
    "loverboy",
    "sextortion",
    "coming_out",
    "getting_help",
    "shame",
    "recovery",
)
WARNINGS = ("sexual_abuse", "violence", "self_harm", "blackmail", "drugs")
# Catalog keys, written out so that the catalog test sees each one used.
THEME_KEYS = {
    "online_grooming": "stories.theme.online_grooming",
    "loverboy": "stories.theme.loverboy",
    "sextortion": "stories.theme.sextortion",
    "coming_out": "stories.theme.coming_out",
    "getting_help": "stories.theme.getting_help",
    "shame": "stories.theme.shame",
    "recovery": "stories.theme.recovery",
}
WARNING_KEYS = {
    "sexual_abuse": "stories.warning.sexual_abuse",
    "violence": "stories.warning.violence",
    "self_harm": "stories.warning.self_harm",
    "blackmail": "stories.warning.blackmail",
    "drugs": "stories.warning.drugs",
}
PAGE_SIZE = 20
MAX_PAGE_SIZE = 50
RELATED_COUNT = 3
MIN_BODY_CHARS = 80
MAX_DRAFTS = 20
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
            .where(Story.state == "published", ~Story.hidden)
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
    if not _is_id(story_id):
        return None
    story = session.get(Story, story_id)
    if story is None or story.state != "published" or story.hidden:
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
    story = session.get(Story, story_id) if _is_id(story_id) else None
    if story is None or story.state != "published" or story.hidden:
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


# --- writing (members) ------------------------------------------------------------------


@dataclass(frozen=True)
class OwnStory:
    """A story as its author sees it, in any state."""

    id: int
    state: str
    language: str
    title: str
    body: str
    themes: tuple[str, ...]
    warnings: tuple[str, ...]
    updated_at: datetime
    rejection_template: str
    rejection_reason: str
    # For a story a moderator edited before publishing: (before, after) pieces.
    changes: tuple[tuple[str, str], ...]
    # His choice: search engines may index it once published.
    indexable: bool = False


def save_draft(
    session: Session,
    author: Account,
    story_id: object,
    *,
    title: object,
    body: object,
    language: object,
    themes: object,
    warnings: object,
    now: datetime,
) -> OwnStory:
    """Create a draft (story_id None) or update one of the author's drafts.

    An author has at most one open draft: asked to create one while he has a draft (a
    second tab, two requests at once, a forged event), this returns that draft as it is
    and creates nothing. A rejected or withdrawn story becomes his draft again when
    edited, unless he already has another draft. Incomplete drafts are fine;
    submit_story checks completeness.

    Raises:
        NotAuthorized: not the author's story.
        InvalidInput: "title_too_long", "body_too_long", "invalid_language",
            "invalid_theme", "invalid_warning", "not_editable", "too_many_drafts",
            "draft_open" (editing another story while he has a draft).
    """
    fields = _draft_fields(title, body, language, themes, warnings)
    if story_id is None:
        return _create_draft(session, author, fields, now)
    story = _own(session, author, story_id)
    if story.state not in ("draft", "rejected", "withdrawn"):
        raise InvalidInput("not_editable", "only drafts can be edited")
    if story.state != "draft" and _open_draft(session, author) is not None:
        raise InvalidInput("draft_open", "finish, send or delete the open draft first")
    for name, value in fields.items():
        setattr(story, name, value)
    story.state = "draft"
    story.updated_at = now
    try:
        session.flush()
    except IntegrityError:  # a draft was opened meanwhile by a concurrent request
        session.rollback()
        raise InvalidInput("draft_open", "finish, send or delete the open draft first") from None
    return _own_story(session, story)


def open_draft(session: Session, author: Account) -> OwnStory | None:
    """The author's open draft, the one the write page reopens; None if he has none."""
    story = _open_draft(session, author)
    return None if story is None else _own_story(session, story)


def _open_draft(session: Session, author: Account) -> Story | None:
    # The unique index allows one; the order only matters for a database not yet migrated.
    return session.scalar(
        select(Story)
        .where(Story.author_id == author.id, Story.state == "draft")
        .order_by(Story.updated_at.desc(), Story.id.desc())
        .limit(1)
    )


def _create_draft(
    session: Session, author: Account, fields: dict[str, object], now: datetime
) -> OwnStory:
    existing = _open_draft(session, author)
    if existing is not None:
        return _own_story(session, existing)
    drafts = session.scalar(
        select(func.count())
        .select_from(Story)
        .where(Story.author_id == author.id, Story.state != "published")
    )
    if (drafts or 0) >= MAX_DRAFTS:
        raise InvalidInput("too_many_drafts", f"at most {MAX_DRAFTS} unpublished stories")
    story = Story(author_id=author.id, state="draft", created_at=now, updated_at=now, **fields)
    session.add(story)
    try:
        session.flush()
    except IntegrityError:  # a concurrent request created his draft first: that one counts
        session.rollback()
        existing = _open_draft(session, author)
        if existing is None:
            raise
        return _own_story(session, existing)
    return _own_story(session, story)


def list_own_stories(session: Session, author: Account) -> list[OwnStory]:
    """All of the author's stories, most recently changed first."""
    stories = session.scalars(
        select(Story)
        .where(Story.author_id == author.id)
        .order_by(Story.updated_at.desc(), Story.id.desc())
    )
    return [_own_story(session, story) for story in stories]


def get_own_story(session: Session, author: Account, story_id: object) -> OwnStory:
    """One of the author's stories. Raises NotAuthorized for anyone else's."""
    return _own_story(session, _own(session, author, story_id))


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
    if story.state != "draft":
        raise InvalidInput("not_editable", "only a draft can be submitted")
    if not story.title.strip():
        raise InvalidInput("title_missing", "a story needs a title")
    if len(story.body.strip()) < MIN_BODY_CHARS:
        raise InvalidInput("body_too_short", f"a story has at least {MIN_BODY_CHARS} characters")
    if not story.themes:
        raise InvalidInput("theme_missing", "a story has at least one theme")
    _refuse_too_many_submissions(session, author, now)
    found = screening.screened(session, story.title, story.body, keep_findings, None)
    story.state = "pending"
    story.submitted_at = now
    story.updated_at = now
    story.rejection_template = None
    story.rejection_reason = None
    item = ModerationItem(
        kind="story",
        story_id=story.id,
        author_id=author.id,
        state="pending",
        queued_at=now,
        original_title=story.title,
        original_body=story.body,
        **found.queue_fields(),
    )
    session.add(item)
    session.flush()
    return item


def withdraw_story(session: Session, author: Account, story_id: object, now: datetime) -> None:
    """The author takes back a pending or published story; it is no longer shown.

    Raises:
        NotAuthorized: not his story.
        InvalidInput: "not_withdrawable" for drafts, rejected or withdrawn stories.
    """
    story = _own(session, author, story_id)
    if story.state not in ("pending", "published"):
        raise InvalidInput("not_withdrawable", "only pending or published stories")
    for item in session.scalars(
        select(ModerationItem).where(
            ModerationItem.story_id == story.id, ModerationItem.state == "pending"
        )
    ):
        item.state = "withdrawn"
        item.claimed_by = None
        item.claimed_at = None
    story.state = "withdrawn"
    story.published_at = None
    story.updated_at = now
    session.execute(delete(StoryTheme).where(StoryTheme.story_id == story.id))
    session.flush()


def delete_story(session: Session, author: Account, story_id: object) -> None:
    """The author deletes a story that is not public or waiting: it is gone.

    Raises:
        NotAuthorized: not his story.
        InvalidInput: "not_deletable" for pending or published stories (withdraw first).
    """
    story = _own(session, author, story_id)
    if story.state in ("pending", "published"):
        raise InvalidInput("not_deletable", "withdraw a pending or published story first")
    # Its queue items stay, emptied, so that deleting does not reset the daily limit.
    session.execute(
        update(ModerationItem)
        .where(ModerationItem.story_id == story.id)
        .values(story_id=None, original_title="", original_body="", findings="[]", flags="[]")
    )
    session.delete(story)
    session.flush()


# --- publishing (called by the moderation service only) -----------------------------


def publish(session: Session, story: Story, now: datetime) -> None:
    """Make a pending story public and indexable by theme."""
    story.state = "published"
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
    for theme in _codes(story.themes):
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
    story.state = "pending"
    story.published_at = None
    story.updated_at = now
    session.execute(delete(StoryTheme).where(StoryTheme.story_id == story.id))
    session.flush()


def reject(session: Session, story: Story, template: str, reason: str, now: datetime) -> None:
    story.state = "rejected"
    story.rejection_template = template
    story.rejection_reason = reason
    story.updated_at = now
    session.flush()


def changes_between(before: str, after: str) -> tuple[tuple[str, str], ...]:
    """What a moderator changed, as (before, after) word runs; empty when nothing did."""
    old, new = before.split(), after.split()
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    return tuple(
        (" ".join(old[i1:i2]), " ".join(new[j1:j2]))
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        if tag != "equal"
    )


# --- helpers ------------------------------------------------------------------------------


def _own(session: Session, author: Account, story_id: object) -> Story:
    story = session.get(Story, story_id) if _is_id(story_id) else None
    if story is None or story.author_id != author.id:
        raise NotAuthorized(f"story {story_id!r} is not one of account {author.id}'s")
    return story


def _own_story(session: Session, story: Story) -> OwnStory:
    changes: tuple[tuple[str, str], ...] = ()
    if story.state == "published":
        item = session.scalar(
            select(ModerationItem)
            .where(ModerationItem.story_id == story.id, ModerationItem.decision == "edited")
            .order_by(ModerationItem.id.desc())
            .limit(1)
        )
        if item is not None:
            changes = changes_between(
                f"{item.original_title}\n{item.original_body}", f"{story.title}\n{story.body}"
            )
    return OwnStory(
        id=story.id,
        state=story.state,
        language=story.language,
        title=story.title,
        body=story.body,
        themes=_codes(story.themes),
        warnings=_codes(story.warnings),
        updated_at=story.updated_at,
        rejection_template=story.rejection_template or "",
        rejection_reason=story.rejection_reason or "",
        changes=changes,
        indexable=story.indexable,
    )


def _draft_fields(
    title: object, body: object, language: object, themes: object, warnings: object
) -> dict[str, object]:
    if not isinstance(title, str) or len(title) > TITLE_MAX_CHARS:
        raise InvalidInput("title_too_long", f"a title has at most {TITLE_MAX_CHARS} characters")
    if not isinstance(body, str) or len(body) > BODY_MAX_CHARS:
        raise InvalidInput("body_too_long", f"a text has at most {BODY_MAX_CHARS} characters")
    return {
        "title": " ".join(title.split()),
        "body": body.replace("\r\n", "\n").replace("\x00", ""),
        "language": _language(language),
        "themes": _code_list(themes, THEMES, "invalid_theme"),
        "warnings": _code_list(warnings, WARNINGS, "invalid_warning"),
    }


def _code_list(raw: object, allowed: tuple[str, ...], code: str) -> str:
    if not isinstance(raw, list | tuple) or len(raw) > len(allowed):
        raise InvalidInput(code, f"a list of codes from {allowed}")
    if any(not isinstance(value, str) or value not in allowed for value in raw):
        raise InvalidInput(code, f"a list of codes from {allowed}")
    return ",".join(value for value in allowed if value in raw)


def _codes(stored: str) -> tuple[str, ...]:
    return tuple(code for code in stored.split(",") if code)


def _language(raw: object) -> str:
    if not isinstance(raw, str) or raw not in LANGUAGES:
        raise InvalidInput("invalid_language", f"language is one of {LANGUAGES}")
    return raw


def _is_id(raw: object) -> bool:
    return isinstance(raw, int) and not isinstance(raw, bool) and 0 < raw < 2**31


def _refuse_too_many_submissions(session: Session, author: Account, now: datetime) -> None:
    recent = session.scalar(
        select(func.count())
        .select_from(ModerationItem)
        .where(
            ModerationItem.author_id == author.id,
            ModerationItem.kind == "story",
            ModerationItem.queued_at > now - timedelta(days=1),
        )
    )
    if (recent or 0) >= SUBMISSIONS_PER_DAY:
        raise InvalidInput("too_many_submissions", f"at most {SUBMISSIONS_PER_DAY} stories a day")

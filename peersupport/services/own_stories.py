"""A member's own stories: his one open draft (reopened, never duplicated), saving it,
the list of his stories in every state, and withdrawing or deleting one. Sending a
draft to the moderators is `stories.submit_story`. Every function checks the story is
his: anyone else's, or none, is a NotAuthorized with the plain code.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from peersupport.models import Account, ModerationItem, Story, StoryTheme
from peersupport.models.moderation import Decision, ItemState
from peersupport.models.statuses import StoryState
from peersupport.models.stories import BODY_MAX_CHARS, TITLE_MAX_CHARS
from peersupport.services.errors import InvalidInput, NotAuthorized
from peersupport.services.ids import is_id
from peersupport.services.story_codes import THEMES, WARNINGS, code_list, codes, language_code

MAX_DRAFTS = 20
EDITABLE_STATES = (StoryState.DRAFT, StoryState.REJECTED, StoryState.WITHDRAWN)
WITHDRAWABLE_STATES = (StoryState.PENDING, StoryState.PUBLISHED)


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
    story = owned(session, author, story_id)
    if story.state not in EDITABLE_STATES:
        raise InvalidInput("not_editable", "only drafts can be edited")
    if story.state != StoryState.DRAFT and _open_draft(session, author) is not None:
        raise InvalidInput("draft_open", "finish, send or delete the open draft first")
    for name, value in fields.items():
        setattr(story, name, value)
    story.state = StoryState.DRAFT.value
    story.updated_at = now
    try:
        session.flush()
    except IntegrityError:  # a draft was opened meanwhile by a concurrent request
        session.rollback()
        raise InvalidInput("draft_open", "finish, send or delete the open draft first") from None
    return own_story(session, story)


def open_draft(session: Session, author: Account) -> OwnStory | None:
    """The author's open draft, the one the write page reopens; None if he has none."""
    story = _open_draft(session, author)
    return None if story is None else own_story(session, story)


def _open_draft(session: Session, author: Account) -> Story | None:
    # The unique index allows one; the order only matters for a database not yet migrated.
    return session.scalar(
        select(Story)
        .where(Story.author_id == author.id, Story.state == StoryState.DRAFT)
        .order_by(Story.updated_at.desc(), Story.id.desc())
        .limit(1)
    )


def _create_draft(
    session: Session, author: Account, fields: dict[str, object], now: datetime
) -> OwnStory:
    existing = _open_draft(session, author)
    if existing is not None:
        return own_story(session, existing)
    drafts = session.scalar(
        select(func.count())
        .select_from(Story)
        .where(Story.author_id == author.id, Story.state != StoryState.PUBLISHED)
    )
    if (drafts or 0) >= MAX_DRAFTS:
        raise InvalidInput("too_many_drafts", f"at most {MAX_DRAFTS} unpublished stories")
    story = Story(
        author_id=author.id, state=StoryState.DRAFT.value, created_at=now, updated_at=now, **fields
    )
    session.add(story)
    try:
        session.flush()
    except IntegrityError:  # a concurrent request created his draft first: that one counts
        session.rollback()
        existing = _open_draft(session, author)
        if existing is None:
            raise
        return own_story(session, existing)
    return own_story(session, story)


def list_own_stories(session: Session, author: Account) -> list[OwnStory]:
    """All of the author's stories, most recently changed first."""
    stories = session.scalars(
        select(Story)
        .where(Story.author_id == author.id)
        .order_by(Story.updated_at.desc(), Story.id.desc())
    )
    return [own_story(session, story) for story in stories]


def get_own_story(session: Session, author: Account, story_id: object) -> OwnStory:
    """One of the author's stories. Raises NotAuthorized for anyone else's."""
    return own_story(session, owned(session, author, story_id))


def withdraw_story(session: Session, author: Account, story_id: object, now: datetime) -> None:
    """The author takes back a pending or published story; it is no longer shown.

    Raises:
        NotAuthorized: not his story.
        InvalidInput: "not_withdrawable" for drafts, rejected or withdrawn stories.
    """
    story = owned(session, author, story_id)
    if story.state not in WITHDRAWABLE_STATES:
        raise InvalidInput("not_withdrawable", "only pending or published stories")
    for item in session.scalars(
        select(ModerationItem).where(
            ModerationItem.story_id == story.id, ModerationItem.state == ItemState.PENDING
        )
    ):
        item.state = ItemState.WITHDRAWN.value
        item.claimed_by = None
        item.claimed_at = None
    story.state = StoryState.WITHDRAWN.value
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
    story = owned(session, author, story_id)
    if story.state in WITHDRAWABLE_STATES:
        raise InvalidInput("not_deletable", "withdraw a pending or published story first")
    # Its queue items stay, emptied, so that deleting does not reset the daily limit.
    session.execute(
        update(ModerationItem)
        .where(ModerationItem.story_id == story.id)
        .values(story_id=None, original_title="", original_body="", findings="[]", flags="[]")
    )
    session.delete(story)
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


def owned(session: Session, author: Account, story_id: object) -> Story:
    """Story `story_id` if it is the author's.

    Raises:
        NotAuthorized: no such story, not his, or not an id at all.
    """
    story = session.get(Story, story_id) if is_id(story_id) else None
    if story is None or story.author_id != author.id:
        raise NotAuthorized(f"story {story_id!r} is not one of account {author.id}'s")
    return story


def own_story(session: Session, story: Story) -> OwnStory:
    """The author's view of `story`, with a moderator's changes if he edited it."""
    changes: tuple[tuple[str, str], ...] = ()
    if story.state == StoryState.PUBLISHED:
        item = session.scalar(
            select(ModerationItem)
            .where(ModerationItem.story_id == story.id, ModerationItem.decision == Decision.EDITED)
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
        themes=codes(story.themes),
        warnings=codes(story.warnings),
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
        "language": language_code(language),
        "themes": code_list(themes, THEMES, "invalid_theme"),
        "warnings": code_list(warnings, WARNINGS, "invalid_warning"),
    }

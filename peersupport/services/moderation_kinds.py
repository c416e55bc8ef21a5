"""What the moderation queue needs to know about each kind of item it holds (a story, a
thread's opening post, a reply): one `ModeratedKind` per kind, registered in `KINDS`.

The queue and the decisions (services/moderation.py, services/moderation_queue.py) loop
over this registry and never ask which kind an item is; a new kind of public item joins
the queue by adding one implementation here (and its value to `ItemKind`).
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from peersupport.models import BoardPost, BoardThread, ModerationItem, Story
from peersupport.models.moderation import ItemKind
from peersupport.models.statuses import PostState, StoryState
from peersupport.models.stories import BODY_MAX_CHARS, TITLE_MAX_CHARS
from peersupport.services import boards, stories
from peersupport.services.errors import InvalidInput
from peersupport.services.moderation_rules import codes
from peersupport.services.story_text import render_story_html

# A change an edit made: (line before, line after).
Change = tuple[str, str]


@dataclass(frozen=True)
class ItemText:
    """An item's text as the queue shows it and screens it for the moderator's safety."""

    title: str
    body: str
    language: str = ""  # a story's language; "" for a board post
    board: str = ""  # the board key of a thread or reply, "" for a story
    themes: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()


class ModeratedKind(Protocol):
    """One kind of item in the queue: where its text lives and what a decision does."""

    @property
    def kind(self) -> ItemKind:
        """The value in `moderation_items.kind`."""

    @property
    def has_own_title(self) -> bool:
        """False when the title shown is context only (a reply shows its thread's)."""

    def target_id(self, item: ModerationItem) -> int | None:
        """The id of the story or post the item stands for (the audit log's subject)."""

    def texts(self, session: Session, items: Sequence[ModerationItem]) -> dict[int, ItemText]:
        """The text of each item (by item id), in one query; an item whose story or post
        is gone is left out."""

    def body_html(self, body: str) -> str:
        """The body as safe HTML for the moderator's screen."""

    def publish(self, session: Session, item: ModerationItem, now: datetime) -> None:
        """Publish the item as it was submitted."""

    def cleaned_edit(
        self, session: Session, item: ModerationItem, title: object, body: object
    ) -> tuple[str, str]:
        """A moderator's edit (hostile) checked and cleaned: (title, body)."""

    def publish_edit(
        self, session: Session, item: ModerationItem, title: str, body: str, now: datetime
    ) -> list[Change]:
        """Publish the item with the cleaned edit; the lines that changed.
        Raises "no_change", "contact_details"."""

    def reject(
        self, session: Session, item: ModerationItem, template: str, why: str, now: datetime
    ) -> None:
        """Refuse the item; its author reads the template and the moderator's words."""

    def put_back(self, session: Session, item: ModerationItem, now: datetime) -> None:
        """Undo a decision: the text as submitted, unpublished, waiting again.
        Raises "not_decided" when it has changed since."""


def _story(session: Session, item: ModerationItem) -> Story:
    story = session.get(Story, item.story_id) if item.story_id is not None else None
    if story is None:
        raise InvalidInput("unknown_item", "the item's story is gone")
    return story


class StoryKind:
    """A story a member sent in to be read by others."""

    kind = ItemKind.STORY
    has_own_title = True

    def target_id(self, item: ModerationItem) -> int | None:
        return item.story_id

    def texts(self, session: Session, items: Sequence[ModerationItem]) -> dict[int, ItemText]:
        by_story = {item.story_id: item.id for item in items if item.story_id is not None}
        found = session.scalars(select(Story).where(Story.id.in_(by_story))) if by_story else ()
        return {
            by_story[story.id]: ItemText(
                title=story.title,
                body=story.body,
                language=story.language,
                themes=codes(story.themes),
                warnings=codes(story.warnings),
            )
            for story in found
        }

    def body_html(self, body: str) -> str:
        return render_story_html(body)

    def publish(self, session: Session, item: ModerationItem, now: datetime) -> None:
        stories.publish(session, _story(session, item), now)

    def cleaned_edit(
        self, session: Session, item: ModerationItem, title: object, body: object
    ) -> tuple[str, str]:
        _story(session, item)  # gone: "unknown_item" before any word about the text
        if not isinstance(title, str) or not title.strip():
            raise InvalidInput("title_missing", "a story needs a title")
        if len(title) > TITLE_MAX_CHARS:
            raise InvalidInput("title_too_long", f"at most {TITLE_MAX_CHARS} characters")
        if not isinstance(body, str) or len(body.strip()) < stories.MIN_BODY_CHARS:
            raise InvalidInput("body_too_short", "the text is too short")
        if len(body) > BODY_MAX_CHARS:
            raise InvalidInput("body_too_long", f"at most {BODY_MAX_CHARS} characters")
        return " ".join(title.split()), body.replace("\r\n", "\n").replace("\x00", "")

    def publish_edit(
        self, session: Session, item: ModerationItem, title: str, body: str, now: datetime
    ) -> list[Change]:
        story = _story(session, item)
        if (title, body) == (story.title, story.body):
            raise InvalidInput("no_change", "the edit changes nothing; approve instead")
        if stories.contact_details_in(title, body):
            raise InvalidInput("contact_details", "the edited text still has contact details")
        changes = stories.changes_between(f"{story.title}\n{story.body}", f"{title}\n{body}")
        story.title, story.body = title, body
        stories.publish(session, story, now)
        return list(changes)

    def reject(
        self, session: Session, item: ModerationItem, template: str, why: str, now: datetime
    ) -> None:
        stories.reject(session, _story(session, item), template, why, now)

    def put_back(self, session: Session, item: ModerationItem, now: datetime) -> None:
        story = _story(session, item)
        if story.state not in (StoryState.PUBLISHED, StoryState.REJECTED):
            raise InvalidInput("not_decided", "the author has since withdrawn or changed it")
        story.title, story.body = item.original_title, item.original_body
        stories.unpublish(session, story, now)
        story.rejection_template = story.rejection_reason = None


def plain_text_html(text: str) -> str:
    """A board post as HTML for the queue: escaped text, paragraphs and line breaks only."""
    paragraphs = [part.strip() for part in text.replace("\r\n", "\n").split("\n\n")]
    return "".join(
        "<p>" + "<br>".join(html.escape(line) for line in part.split("\n")) + "</p>"
        for part in paragraphs
        if part
    )


class BoardPostKind:
    """A post on a board: a thread's opening post (its title is the thread's) or a
    reply (the thread's title shown for context only)."""

    def __init__(self, kind: ItemKind, *, opening: bool) -> None:
        self.kind = kind
        self.has_own_title = opening

    def target_id(self, item: ModerationItem) -> int | None:
        return item.post_id

    def _post(self, session: Session, item: ModerationItem) -> tuple[BoardPost, BoardThread]:
        post = session.get(BoardPost, item.post_id) if item.post_id is not None else None
        if post is None:
            raise InvalidInput("unknown_item", "the item's post is gone")
        thread = session.get(BoardThread, post.thread_id)
        if thread is None:
            raise InvalidInput("unknown_item", "the post's thread is gone")
        return post, thread

    def texts(self, session: Session, items: Sequence[ModerationItem]) -> dict[int, ItemText]:
        by_post = {item.post_id: item.id for item in items if item.post_id is not None}
        if not by_post:
            return {}
        rows = session.execute(
            select(BoardPost, BoardThread)
            .join(BoardThread, BoardThread.id == BoardPost.thread_id)
            .where(BoardPost.id.in_(by_post))
        )
        return {
            by_post[post.id]: ItemText(title=thread.title, body=post.body, board=thread.board)
            for post, thread in rows
        }

    def body_html(self, body: str) -> str:
        return plain_text_html(body)

    def publish(self, session: Session, item: ModerationItem, now: datetime) -> None:
        post, _ = self._post(session, item)
        boards.publish_post(session, post, now)

    def cleaned_edit(
        self, session: Session, item: ModerationItem, title: object, body: object
    ) -> tuple[str, str]:
        post, thread = self._post(session, item)
        new_title = boards.clean_title(title) if post.opening else thread.title
        return new_title, boards.clean_body(body)

    def publish_edit(
        self, session: Session, item: ModerationItem, title: str, body: str, now: datetime
    ) -> list[Change]:
        post, thread = self._post(session, item)
        if (title, body) == (thread.title, post.body):
            raise InvalidInput("no_change", "the edit changes nothing; approve instead")
        if boards.contact_details_in(title if post.opening else "", body):
            raise InvalidInput("contact_details", "the edited text still has contact details")
        before = f"{thread.title}\n{post.body}" if post.opening else post.body
        after = f"{title}\n{body}" if post.opening else body
        changes = stories.changes_between(before, after)
        thread.title, post.body = title, body
        boards.publish_post(session, post, now)
        return list(changes)

    def reject(
        self, session: Session, item: ModerationItem, template: str, why: str, now: datetime
    ) -> None:
        post, _ = self._post(session, item)
        boards.reject_post(session, post, template, why)

    def put_back(self, session: Session, item: ModerationItem, now: datetime) -> None:
        post, thread = self._post(session, item)
        if post.state not in (PostState.PUBLISHED, PostState.REJECTED):
            raise InvalidInput("not_decided", "a moderator has since removed it")
        post.body = item.original_body
        if post.opening:
            thread.title = item.original_title
        boards.unpublish_post(session, post)


def registry(kinds: Iterable[ModeratedKind]) -> dict[ItemKind, ModeratedKind]:
    table = {kind.kind: kind for kind in kinds}
    if set(table) != set(ItemKind):
        raise ValueError("every kind of queue item needs exactly one ModeratedKind")
    return table


# Every kind of item the queue holds, by its `moderation_items.kind` value.
KINDS: dict[ItemKind, ModeratedKind] = registry(
    (
        StoryKind(),
        BoardPostKind(ItemKind.THREAD, opening=True),
        BoardPostKind(ItemKind.REPLY, opening=False),
    )
)


def kind_of(item: ModerationItem) -> ModeratedKind:
    """The implementation for `item`'s kind."""
    return KINDS[ItemKind(item.kind)]


def subject(item: ModerationItem) -> str:
    """The audit log's subject for an item: "story:12", "thread:5", "reply:7"."""
    return f"{item.kind}:{kind_of(item).target_id(item)}"

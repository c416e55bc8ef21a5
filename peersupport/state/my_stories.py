"""Mijn verhalen (/mijn-verhalen): the author's stories with their state, when each last
changed, a moderator's reason or changes, and what he may do with each (edit,
withdraw, delete, let search engines find it). Withdrawing and deleting are asked
first; the question holds only an id, the use case decides.

Each handler checks the shape of what it got, calls a use case of usecases/stories.py
through the door and shows the answer.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Awaitable, Callable

import reflex as rx
from reflex.event import EventSpec

from peersupport.components import local_time
from peersupport.services.errors import NotAuthorized, ServiceError
from peersupport.services.ids import event_id
from peersupport.services.own_stories import EDITABLE_STATES, WITHDRAWABLE_STATES, OwnStory
from peersupport.state.account import FORGET_DEVICE, AccountState
from peersupport.state.writing import FOCUS_CONFIRM
from peersupport.usecases import door
from peersupport.usecases import stories as cases
from peersupport.usecases.stories import STORY_NOT_FOUND


@dataclasses.dataclass
class Change:
    """One piece a moderator changed before publishing: what it was and what it became."""

    before: str = ""
    after: str = ""


@dataclasses.dataclass
class StoryRow:
    """One of his stories as the list shows it."""

    id: int = 0
    anchor: str = ""  # the element id of its title, which its buttons point at
    title: str = ""
    state: str = ""
    # When it last changed, on his clock: [Dutch, English] ("3 mrt 2026 15:05").
    updated_nl: str = ""
    updated_en: str = ""
    edit_href: str = ""
    public_href: str = ""
    can_edit: bool = False
    can_withdraw: bool = False
    rejection_template: str = ""
    rejection_reason: str = ""
    changes: list[Change] = dataclasses.field(default_factory=list)
    # Search engines may find it (his choice; they do once it is published).
    indexable: bool = False


def story_row(story: OwnStory) -> StoryRow:
    return StoryRow(
        id=story.id,
        anchor=f"my-story-{story.id}",
        title=story.title,
        state=story.state,
        updated_nl=local_time.date_time(story.updated_at, "nl"),
        updated_en=local_time.date_time(story.updated_at, "en"),
        edit_href=f"/schrijven?verhaal={story.id}",
        public_href=f"/verhalen/{story.id}",
        can_edit=story.state in EDITABLE_STATES,
        can_withdraw=story.state in WITHDRAWABLE_STATES,
        rejection_template=story.rejection_template,
        rejection_reason=story.rejection_reason,
        changes=[Change(before, after) for before, after in story.changes],
        indexable=story.indexable,
    )


class MyStoriesState(AccountState):
    """His stories with their state, and the one he is asked to confirm an action on."""

    # "loading" | "visitor" | "list"
    view: str = "loading"
    stories: list[StoryRow] = []
    confirm_id: int = 0
    # "withdraw" | "delete"
    confirm_action: str = ""

    @rx.event
    async def load(self) -> EventSpec | None:
        self.view, self.stories, self.confirm_id, self.confirm_action = "loading", [], 0, ""
        self.error, self.notice, self.busy = "", "", False
        return await self._read_or_ask_device(self._reload, MyStoriesState.resume_and_load)

    @rx.event
    async def resume_and_load(self, token: str) -> EventSpec | None:
        return await self._resume_and_read(token, self._reload, self._as_visitor, FORGET_DEVICE)

    def _as_visitor(self) -> None:
        self.view = "visitor"

    async def _reload(self) -> None:
        try:
            own = await door.call(cases.list_own_stories, self._token)
        except ServiceError as error:
            self.stories, self.view = [], "visitor"
            self._fail(error)
            return
        self.stories, self.view = [story_row(story) for story in own], "list"

    @rx.event
    def ask_withdraw(self, story_id: int) -> EventSpec | None:
        return self._ask("withdraw", story_id)

    @rx.event
    def ask_delete(self, story_id: int) -> EventSpec | None:
        return self._ask("delete", story_id)

    def _ask(self, action: str, raw_id: object) -> EventSpec | None:
        """Ask first; the question holds only an id (the service decides later)."""
        self.error, self.notice = "", ""
        story_id = event_id(raw_id)
        self.confirm_id = story_id or 0
        self.confirm_action = action if story_id else ""
        return rx.call_script(FOCUS_CONFIRM) if story_id else None

    @rx.event
    def cancel(self) -> EventSpec | None:
        """No: the question closes and the focus goes back to the button that asked."""
        action, story_id = self.confirm_action, self.confirm_id
        self.confirm_id, self.confirm_action = 0, ""
        if action not in ("withdraw", "delete") or not story_id:
            return None
        return rx.call_script(f"psFocus('ps-ask-{action}-{int(story_id)}')")

    @rx.event
    async def withdraw(self, story_id: int) -> None:
        """Take back a pending or published story (the service checks it is his)."""
        await self._act(
            lambda: door.call(cases.withdraw_story, self._token, story_id), "story_withdrawn"
        )

    @rx.event
    async def delete(self, story_id: int) -> None:
        """Delete a draft, rejected or withdrawn story of his for good."""
        await self._act(
            lambda: door.call(cases.delete_story, self._token, story_id), "story_deleted"
        )

    @rx.event
    async def set_search(self, story_id: int, choice: bool) -> None:
        """Let search engines find one of his stories, or not (the service checks it is
        his; both arguments are checked here for their shape only)."""
        valid_id = event_id(story_id)
        if valid_id is None or not isinstance(choice, bool):
            self.error = STORY_NOT_FOUND if valid_id is None else "invalid_choice"
            return
        await self._act(
            lambda: door.call(cases.set_search, self._token, valid_id, choice),
            "search_shared" if choice else "search_hidden",
        )

    async def _act(self, action: Callable[[], Awaitable[None]], notice: str) -> None:
        """Run `action` (a use case through the door), say how it went, show the list."""
        self.confirm_id, self.confirm_action = 0, ""
        self.busy, self.error, self.notice = True, "", ""
        try:
            await action()
        except ServiceError as error:
            self._fail(error)
            if error.code == NotAuthorized.code:
                self.stories, self.view = [], "visitor"
                return
        else:
            self.busy, self.notice = False, notice
        await self._reload()

"""Writing stories: the author's draft form (/schrijven) and his list (/mijn-verhalen).

/schrijven without an id reopens his open draft (one per author, kept by the service).

Thin: the story fields live in the page's own inputs (no server round-trip per
keystroke); a small script in the page hands them over as one dict when it saves, and
that dict is hostile like every argument. The stories service checks every field, every
id and whose story it is; this state only maps its answers to sentences.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import AsyncIterator, Callable
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

import reflex as rx
from reflex.event import EventSpec
from sqlalchemy.orm import Session

from peersupport.models import Account
from peersupport.services import crisis, sessions, stories, story_findability
from peersupport.services.errors import InvalidInput, NotAuthorized, ServiceError
from peersupport.services.scrubber import remove_contact_details
from peersupport.services.story_text import render_story_html
from peersupport.state.account import (
    DEVICE_TOKEN_KEY,
    READ_DEVICE_TOKEN,
    AccountState,
    now,
    run_service,
)
from peersupport.state.crisis_message import FOCUS_CRISIS
from peersupport.state.expected_wait import wait_texts
from peersupport.translations import LANGUAGES, translate

Result = TypeVar("Result")

# Times and dates are shown as a boy in the Netherlands reads his own clock.
LOCAL_TIME = ZoneInfo("Europe/Amsterdam")
# `?verhaal=<id>`: digits only, no sign, no leading zero, at most ten of them.
STORY_ID_PARAM = re.compile(r"[1-9][0-9]{0,9}")
MAX_STORY_ID = 2**31 - 1
EDITABLE_STATES = ("draft", "rejected", "withdrawn")
WITHDRAWABLE_STATES = ("pending", "published")
STORY_NOT_FOUND = "story_not_found"
# A remembered device whose session ended forgets it (as the account pages do on sign-out).
FORGET_DEVICE = f"localStorage.removeItem('{DEVICE_TOKEN_KEY}')"
# Moves the focus to the "yes" button once a confirmation question is shown.
FOCUS_CONFIRM = "psFocus('ps-confirm-yes', {delay: 80})"


# --- the page's script, called from Python ------------------------------------------


def writer_call(name: str, *arguments: object) -> str:
    """JavaScript that runs `psw().<name>(...)` with JSON arguments (like flows.flow_call:
    "<" escaped, so no text ever looks like a Reflex var marker)."""
    encoded = ", ".join(json.dumps(argument).replace("<", "\\u003c") for argument in arguments)
    return f"psw().{name}({encoded})"


# --- hostile input ----------------------------------------------------------------------


def requested_story(raw: object) -> int | None:
    """What `?verhaal=` asks for: 0 for a new story, a story id, or None for nonsense."""
    if raw is None or raw == "":
        return 0
    if not isinstance(raw, str) or not STORY_ID_PARAM.fullmatch(raw):
        return None
    story_id = int(raw)
    return story_id if story_id <= MAX_STORY_ID else None


def story_id_from_event(raw: object) -> int | None:
    """A story id from an event argument: a positive int (never a bool), else None."""
    if isinstance(raw, bool) or not isinstance(raw, int) or not 0 < raw <= MAX_STORY_ID:
        return None
    return raw


def draft_from_browser(raw: object) -> dict[str, object] | None:
    """The fields the page's script sends; None unless it is a dict. The values are
    still hostile: the stories service checks each one."""
    if not isinstance(raw, dict):
        return None
    return {name: raw.get(name) for name in ("title", "body", "language", "themes", "warnings")}


# --- the stories service as this author ------------------------------------------------


async def as_author(token: str, work: Callable[[Session, Account], Result]) -> Result:
    """Run `work(session, account)` for the session's account in one unit of work.

    A missing session stays "not_authorized" (the tab is signed out); a story that is
    not his, or no longer there, becomes "story_not_found" (he stays signed in).
    """

    def run(session: Session) -> Result:
        account = sessions.authenticate(session, token, now())
        try:
            return work(session, account)
        except NotAuthorized as error:
            if error.code != NotAuthorized.code:
                raise  # "suspended" and the like keep their own sentence
            raise InvalidInput(STORY_NOT_FOUND, "not one of this author's stories") from None

    return await run_service(run)


def save_fields(
    session: Session, account: Account, story_id: int, draft: dict[str, object]
) -> stories.OwnStory:
    """Save `draft` as a new draft (story_id 0) or over one of his own."""
    return stories.save_draft(
        session,
        account,
        story_id or None,
        title=draft["title"],
        body=draft["body"],
        language=draft["language"],
        themes=draft["themes"],
        warnings=draft["warnings"],
        now=now(),
    )


def local_clock() -> str:
    return now().astimezone(LOCAL_TIME).strftime("%H:%M")


def bilingual_sentence(key: str, codes: tuple[str, ...], labels: dict[str, str]) -> list[str]:
    """`key` with its {warnings} filled in, as [Dutch, English]."""
    return [
        translate(
            language,
            key,
            warnings=", ".join(translate(language, labels[code]) for code in codes),
        )
        for language in LANGUAGES
    ]


@dataclasses.dataclass
class Finding:
    """Something the privacy scrubber found: its text and kind (phone, email, ...)."""

    text: str = ""
    kind: str = ""


class WritingState(AccountState):
    """The write page: which story is open, whether it is saved, what the scrubber found,
    the preview, and whether it was sent."""

    _story_id: int = 0

    # "loading" | "visitor" | "form" | "not_found" | "not_editable" | "sent"
    view: str = "loading"
    # "" | "saving" | "saved" | "failed"; a failed save names its reason in save_error.
    save_status: str = ""
    saved_time: str = ""
    save_error: str = ""
    findings: list[Finding] = []
    previewing: bool = False
    preview_title: str = ""
    preview_html: str = ""
    preview_themes: list[str] = []
    # The reader's "this story is about: ..." line, [Dutch, English]; empty: no warnings.
    preview_caution: list[str] = []
    # Crisis first: the help routes shown at once when what he sends has crisis words.
    crisis_shown: bool = False
    crisis_sent: bool = False
    # His answer to "may search engines find it?" (default no), saved with the draft.
    shared_with_search: bool = False
    # After sending: how quickly the last days' items were read (state/expected_wait.py).
    wait_nl: str = ""
    wait_en: str = ""

    # ---- opening the page ----

    def _reset(self) -> None:
        self._story_id = 0
        self.view, self.save_status, self.saved_time, self.save_error = "loading", "", "", ""
        self.findings, self.previewing = [], False
        self.error, self.notice, self.busy = "", "", False
        self.crisis_shown = self.crisis_sent = False
        self.shared_with_search = False

    @rx.event
    def close_crisis(self) -> None:
        self.crisis_shown = self.crisis_sent = False

    @rx.event
    async def load(self) -> EventSpec | list[EventSpec] | None:
        """On page load: his open draft (or a new story), or `?verhaal=<id>` if it is his
        and editable."""
        self._reset()
        if not self.signed_in:
            return rx.call_script(READ_DEVICE_TOKEN, callback=WritingState.resume_and_load)
        return await self._open(self.router.url.query_parameters.get("verhaal"))

    @rx.event
    async def resume_and_load(self, token: str) -> EventSpec | list[EventSpec] | None:
        if await self._resume(token):
            return await self._open(self.router.url.query_parameters.get("verhaal"))
        self.view = "visitor"
        return rx.call_script(FORGET_DEVICE) if token else None

    async def _open(self, raw_id: object) -> list[EventSpec] | None:
        """Open `?verhaal=<id>`, or without one his open draft (one per author), or a new
        story when he has no draft."""
        requested = requested_story(raw_id)
        if requested is None:
            self.view = "not_found"
            return None

        def own_story(session: Session, account: Account) -> stories.OwnStory | None:
            if requested == 0:
                return stories.open_draft(session, account)
            return stories.get_own_story(session, account, requested)

        try:
            story = await as_author(self._token, own_story)
        except ServiceError as error:
            if error.code == STORY_NOT_FOUND:
                self.view = "not_found"
            else:
                self.view = "visitor"
                self._fail(error)
            return None
        if story is None:
            self.view = "form"
            return [rx.call_script(writer_call("fill", {}))]
        if story.state not in EDITABLE_STATES:
            self.view = "not_editable"
            return None
        self._story_id, self.view = story.id, "form"
        self.shared_with_search = story.indexable
        fill = rx.call_script(
            writer_call(
                "fill",
                {
                    "title": story.title,
                    "body": story.body,
                    "language": story.language,
                    "themes": list(story.themes),
                    "warnings": list(story.warnings),
                    "search": "yes" if story.indexable else "no",
                },
            )
        )
        # A reopened draft's id goes into the address, as a new draft's does once saved.
        return (
            [fill, rx.call_script(writer_call("remember", story.id))] if not requested else [fill]
        )

    @rx.event
    def choose_search(self, answer: str) -> None:
        """His answer to the search question: "yes" or "no" (anything else is ignored).
        Stored with the draft on its next save (the change itself starts one)."""
        if self.view == "form" and answer in ("yes", "no"):
            self.shared_with_search = answer == "yes"

    # ---- saving ----

    async def _save(self, raw: object) -> stories.OwnStory:
        """Save the page's fields over the open story (or as a new draft)."""
        draft = draft_from_browser(raw)
        if draft is None:
            raise InvalidInput("invalid_draft", "the page sends its fields as one dict")
        story_id, shared = self._story_id, self.shared_with_search

        def save(session: Session, account: Account) -> stories.OwnStory:
            story = save_fields(session, account, story_id, draft)
            story_findability.set_indexable(session, account, story.id, shared)
            return story

        story = await as_author(self._token, save)
        self._story_id = story.id
        return story

    def _saved(self, story_id_before: int) -> list[EventSpec]:
        """Note the save; a new draft's id goes into the address (so a reload finds it)."""
        self.save_status, self.save_error, self.saved_time = "saved", "", local_clock()
        if story_id_before == self._story_id:
            return []
        return [rx.call_script(writer_call("remember", self._story_id))]

    def _save_failed(self, error: ServiceError) -> EventSpec:
        """The text stays in the fields; the script tries again on the next change."""
        self.save_status, self.save_error = "failed", error.code
        if error.code == NotAuthorized.code:
            self._signed_out()
        return rx.call_script(writer_call("failed"))

    @rx.event
    async def autosave(self, raw: dict[str, Any]) -> AsyncIterator[EventSpec | None]:
        """Called by the page's script a few seconds after the last change, and on blur."""
        if self.view != "form":
            return
        draft = draft_from_browser(raw)
        if (
            draft is not None
            and self._story_id == 0
            and not str(draft["title"] or "").strip()
            and not str(draft["body"] or "").strip()
        ):
            return  # nothing written yet: no empty draft
        before = self._story_id
        self.save_status = "saving"
        yield None
        try:
            await self._save(raw)
        except ServiceError as error:
            yield self._save_failed(error)
            return
        for event in self._saved(before):
            yield event

    # ---- preview ----

    @rx.event
    async def show_preview(self, raw: dict[str, Any]) -> AsyncIterator[EventSpec | None]:
        """Save, then show the story as a reader would see it."""
        if self.view != "form":
            return
        before = self._story_id
        self.busy, self.error, self.notice = True, "", ""
        yield None
        try:
            story = await self._save(raw)
        except ServiceError as error:
            yield self._save_failed(error)
            self.busy, self.error = False, error.code
            return
        for event in self._saved(before):
            yield event
        self.busy, self.previewing = False, True
        self.preview_title = story.title
        self.preview_html = render_story_html(story.body)
        self.preview_themes = list(story.themes)
        self.preview_caution = (
            bilingual_sentence("stories.caution.about", story.warnings, stories.WARNING_KEYS)
            if story.warnings
            else []
        )
        yield rx.call_script(writer_call("focus", "ps-story-preview-title"))

    @rx.event
    def close_preview(self) -> EventSpec:
        self.previewing = False
        return rx.call_script(writer_call("focus", "ps-story-preview-open"))

    # ---- the privacy scrubber and sending ----

    @rx.event
    async def submit(self, raw: dict[str, Any]) -> AsyncIterator[EventSpec | None]:
        """Save and send to the moderators; contact details are shown first."""
        async for event in self._submit(raw, keep_findings=False):
            yield event

    @rx.event
    async def submit_anyway(self, raw: dict[str, Any]) -> AsyncIterator[EventSpec | None]:
        """Send although the scrubber found something: the moderator sees it flagged."""
        async for event in self._submit(raw, keep_findings=True):
            yield event

    async def _submit(self, raw: object, *, keep_findings: bool) -> AsyncIterator[EventSpec | None]:
        if self.view != "form":
            return
        before = self._story_id
        self.busy, self.error, self.notice = True, "", ""
        yield None
        try:
            await self._save(raw)
        except ServiceError as error:
            yield self._save_failed(error)
            self.busy, self.error = False, error.code
            return
        for event in self._saved(before):
            yield event
        story_id = self._story_id

        def send(session: Session, account: Account) -> tuple[list[Finding], bool, tuple[str, str]]:
            """What the scrubber found (nothing when sent), whether it has crisis words, and
            the expected wait in both languages (state/expected_wait.py)."""
            try:
                item = stories.submit_story(
                    session, account, story_id, keep_findings=keep_findings, now=now()
                )
            except InvalidInput as error:
                if error.code != "contact_details":
                    raise
                story = stories.get_own_story(session, account, story_id)
                found = stories.contact_details_in(story.title, story.body)
                urgent = bool(crisis.crisis_reasons(story.title, story.body))
                found_list = list({f.text: Finding(f.text, f.kind) for f in found}.values())
                return found_list, urgent, ("", "")
            return [], item.urgent, wait_texts(session, now())

        try:
            findings, urgent, (self.wait_nl, self.wait_en) = await as_author(self._token, send)
        except ServiceError as error:
            self._fail(error)
            return
        self.busy, self.findings = False, findings
        self.crisis_shown, self.crisis_sent = urgent, urgent and not findings
        if findings:
            self.previewing = False
            yield rx.call_script(
                FOCUS_CRISIS if urgent else writer_call("focus", "ps-story-findings-title")
            )
            return
        self.view, self.previewing = "sent", False
        yield rx.call_script(FOCUS_CRISIS if urgent else writer_call("sent"))

    @rx.event
    async def remove_findings(self, raw: dict[str, Any]) -> AsyncIterator[EventSpec | None]:
        """Remove every contact detail from title and text (no marker left), save, show it."""
        if self.view != "form":
            return
        draft = draft_from_browser(raw)
        if draft is None:
            self.error = "invalid_draft"
            return
        self.busy, self.error, self.notice = True, "", ""
        yield None
        story_id = self._story_id

        def clean(session: Session, account: Account) -> stories.OwnStory:
            # Saved first, so the service has checked every field before the scrubber runs.
            saved = save_fields(session, account, story_id, draft)
            cleaned = {
                **draft,
                "title": remove_contact_details(saved.title),
                "body": remove_contact_details(saved.body),
            }
            return save_fields(session, account, saved.id, cleaned)

        try:
            story = await as_author(self._token, clean)
        except ServiceError as error:
            self._fail(error)
            return
        self._story_id, self.findings = story.id, []
        self.busy, self.notice = False, "findings_removed"
        for event in self._saved(story_id):
            yield event
        yield rx.call_script(writer_call("setText", story.title, story.body))


# --- the author's list ----------------------------------------------------------------


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
    updated: str = ""
    edit_href: str = ""
    public_href: str = ""
    can_edit: bool = False
    can_withdraw: bool = False
    rejection_template: str = ""
    rejection_reason: str = ""
    changes: list[Change] = dataclasses.field(default_factory=list)
    # Search engines may find it (his choice; they do once it is published).
    indexable: bool = False


def story_row(story: stories.OwnStory) -> StoryRow:
    return StoryRow(
        id=story.id,
        anchor=f"my-story-{story.id}",
        title=story.title,
        state=story.state,
        updated=story.updated_at.astimezone(LOCAL_TIME).strftime("%d-%m-%Y %H:%M"),
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
        if not self.signed_in:
            return rx.call_script(READ_DEVICE_TOKEN, callback=MyStoriesState.resume_and_load)
        await self._reload()
        return None

    @rx.event
    async def resume_and_load(self, token: str) -> EventSpec | None:
        if await self._resume(token):
            await self._reload()
            return None
        self.view = "visitor"
        return rx.call_script(FORGET_DEVICE) if token else None

    async def _reload(self) -> None:
        def own(session: Session, account: Account) -> list[StoryRow]:
            return [story_row(story) for story in stories.list_own_stories(session, account)]

        try:
            self.stories = await as_author(self._token, own)
        except ServiceError as error:
            self.stories, self.view = [], "visitor"
            self._fail(error)
            return
        self.view = "list"

    @rx.event
    def ask_withdraw(self, story_id: int) -> EventSpec | None:
        return self._ask("withdraw", story_id)

    @rx.event
    def ask_delete(self, story_id: int) -> EventSpec | None:
        return self._ask("delete", story_id)

    def _ask(self, action: str, raw_id: object) -> EventSpec | None:
        """Ask first; the question holds only an id (the service decides later)."""
        self.error, self.notice = "", ""
        story_id = story_id_from_event(raw_id)
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

        def take_back(session: Session, account: Account) -> None:
            stories.withdraw_story(session, account, story_id, now())

        await self._act(take_back, "story_withdrawn")

    @rx.event
    async def delete(self, story_id: int) -> None:
        """Delete a draft, rejected or withdrawn story of his for good."""

        def remove(session: Session, account: Account) -> None:
            stories.delete_story(session, account, story_id)

        await self._act(remove, "story_deleted")

    @rx.event
    async def set_search(self, story_id: int, choice: bool) -> None:
        """Let search engines find one of his stories, or not (the service checks it is
        his; both arguments are checked here for their shape only)."""
        valid_id = story_id_from_event(story_id)
        if valid_id is None or not isinstance(choice, bool):
            self.error = STORY_NOT_FOUND if valid_id is None else "invalid_choice"
            return

        def change(session: Session, account: Account) -> None:
            story_findability.set_indexable(session, account, valid_id, choice)

        await self._act(change, "search_shared" if choice else "search_hidden")

    async def _act(self, work: Callable[[Session, Account], None], notice: str) -> None:
        self.confirm_id, self.confirm_action = 0, ""
        self.busy, self.error, self.notice = True, "", ""
        try:
            await as_author(self._token, work)
        except ServiceError as error:
            self._fail(error)
            if error.code == NotAuthorized.code:
                self.stories, self.view = [], "visitor"
                return
        else:
            self.busy, self.notice = False, notice
        await self._reload()

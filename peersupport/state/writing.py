"""Writing stories: the author's draft form (/schrijven); his list is state/my_stories.py.

/schrijven without an id reopens his open draft (one per author, kept by the service).

Thin: the story fields live in the page's own inputs (no server round-trip per
keystroke); a small script in the page hands them over as one dict when it saves, and
that dict is hostile like every argument. Each handler checks the shape of what it got,
calls a use case of usecases/stories.py through the door and shows the answer; the
services check every field, every id and whose story it is.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import AsyncIterator, Callable
from typing import Any

import reflex as rx
from reflex.event import EventSpec

from peersupport.components import local_time
from peersupport.services.errors import InvalidInput, NotAuthorized, ServiceError
from peersupport.services.ids import address_id
from peersupport.services.own_stories import EDITABLE_STATES, OwnStory
from peersupport.services.story_codes import WARNING_KEYS
from peersupport.services.story_text import render_story_html
from peersupport.state.account import FORGET_DEVICE, AccountState
from peersupport.state.crisis_message import FOCUS_CRISIS
from peersupport.state.expected_wait import wait_sentence
from peersupport.translations import LANGUAGES, translate
from peersupport.usecases import door
from peersupport.usecases import stories as cases
from peersupport.usecases.door import UseCase
from peersupport.usecases.stories import STORY_NOT_FOUND, Sending

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
    return 0 if raw is None or raw == "" else address_id(raw)


def draft_from_browser(raw: object) -> dict[str, object] | None:
    """The fields the page's script sends; None unless it is a dict. The values are
    still hostile: the stories service checks each one."""
    if not isinstance(raw, dict):
        return None
    return {name: raw.get(name) for name in cases.DRAFT_FIELDS}


def local_clock() -> str:
    """Now, as the hours and minutes of his clock."""
    return local_time.time_of_day(dt.datetime.now(dt.UTC), "nl")


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


def wait_both(sending: Sending) -> tuple[str, str]:
    """The expected wait after sending, in Dutch and English; nothing when held back."""
    if not sending.sent:
        return "", ""
    return wait_sentence("nl", sending.wait), wait_sentence("en", sending.wait)


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
        return await self._read_or_ask_device(self._open_asked, WritingState.resume_and_load)

    @rx.event
    async def resume_and_load(self, token: str) -> EventSpec | list[EventSpec] | None:
        return await self._resume_and_read(token, self._open_asked, self._as_visitor, FORGET_DEVICE)

    def _as_visitor(self) -> None:
        self.view = "visitor"

    async def _open_asked(self) -> list[EventSpec] | None:
        return await self._open(self.router.url.query_parameters.get("verhaal"))

    async def _open(self, raw_id: object) -> list[EventSpec] | None:
        """Open `?verhaal=<id>`, or without one his open draft (one per author), or a new
        story when he has no draft."""
        requested = requested_story(raw_id)
        if requested is None:
            self.view = "not_found"
            return None
        story: OwnStory | None
        try:
            if requested:
                story = await door.call(cases.own_story, self._token, requested)
            else:
                story = await door.call(cases.open_draft, self._token)
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

    async def _save(self, raw: object) -> OwnStory:
        """Save the page's fields over the open story (or as a new draft), with his
        answer to the search question."""
        draft = draft_from_browser(raw)
        if draft is None:
            raise InvalidInput("invalid_draft", "the page sends its fields as one dict")
        story = await door.call(
            cases.save_draft, self._token, self._story_id, draft, self.shared_with_search
        )
        self._story_id = story.id
        return story

    def _saved(self, story_id_before: int) -> list[EventSpec]:
        """Note the save; a new draft's id goes into the address (so a reload finds it)."""
        self.save_status, self.save_error, self.saved_time = "saved", "", local_clock()
        if story_id_before == self._story_id:
            return []
        return [rx.call_script(writer_call("remember", self._story_id))]

    async def _save_and_tell(self, raw: object) -> tuple[OwnStory | None, list[EventSpec]]:
        """Save, and the events that tell the page how it went: the story, or None when
        the save failed (his text stays in the fields)."""
        before = self._story_id
        try:
            story = await self._save(raw)
        except ServiceError as error:
            return None, [self._save_failed(error)]
        return story, self._saved(before)

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
        self.save_status = "saving"
        yield None
        _, events = await self._save_and_tell(raw)
        for event in events:
            yield event

    # ---- preview ----

    async def _save_then(
        self, raw: object, then: Callable[[OwnStory], AsyncIterator[EventSpec | None]]
    ) -> AsyncIterator[EventSpec | None]:
        """Save the form with the page busy, then go on with `then` (a preview, sending);
        a failed save stops there, his text kept in the fields."""
        if self.view != "form":
            return
        self.busy, self.error, self.notice = True, "", ""
        yield None
        story, events = await self._save_and_tell(raw)
        for event in events:
            yield event
        if story is None:
            self.busy, self.error = False, self.save_error
            return
        async for step in then(story):
            yield step

    # ---- preview ----

    @rx.event
    async def show_preview(self, raw: dict[str, Any]) -> AsyncIterator[EventSpec | None]:
        """Save, then show the story as a reader would see it."""
        async for event in self._save_then(raw, self._preview):
            yield event

    async def _preview(self, story: OwnStory) -> AsyncIterator[EventSpec | None]:
        self.busy, self.previewing = False, True
        self.preview_title = story.title
        self.preview_html = render_story_html(story.body)
        self.preview_themes = list(story.themes)
        self.preview_caution = (
            bilingual_sentence("stories.caution.about", story.warnings, WARNING_KEYS)
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
        async for event in self._save_then(raw, self._send_for_review):
            yield event

    @rx.event
    async def submit_anyway(self, raw: dict[str, Any]) -> AsyncIterator[EventSpec | None]:
        """Send although the scrubber found something: the moderator sees it flagged."""
        async for event in self._save_then(raw, self._send_despite_findings):
            yield event

    def _send_for_review(self, story: OwnStory) -> AsyncIterator[EventSpec | None]:
        return self._send(cases.send_for_review, story)

    def _send_despite_findings(self, story: OwnStory) -> AsyncIterator[EventSpec | None]:
        return self._send(cases.send_despite_findings, story)

    async def _send(
        self, send: UseCase[..., Sending], story: OwnStory
    ) -> AsyncIterator[EventSpec | None]:
        try:
            sending = await door.call(send, self._token, story.id)
        except ServiceError as error:
            self._fail(error)
            return
        self.wait_nl, self.wait_en = wait_both(sending)
        findings = [Finding(found.text, found.kind) for found in sending.findings]
        urgent = sending.urgent
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
        try:
            story = await door.call(cases.clean_contact_details, self._token, story_id, draft)
        except ServiceError as error:
            self._fail(error)
            return
        self._story_id, self.findings = story.id, []
        self.busy, self.notice = False, "findings_removed"
        for event in self._saved(story_id):
            yield event
        yield rx.call_script(writer_call("setText", story.title, story.body))

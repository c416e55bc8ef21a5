"""The moderators' page (/moderatie): the queue (stories and board posts), decisions,
reported board posts, watched words, suspensions.

Thin: every handler hands its (hostile) arguments as they came to a moderation use case
(peersupport/usecases/moderation.py) through the door; the services check the actor and
every rule. One unit of work does the action and reads the page's data again, so what
the moderator sees is what the database holds. What the page shows is built in
peersupport/state/moderation_view.py.
"""

from __future__ import annotations

from typing import Any

import reflex as rx
from reflex.event import EventSpec

from peersupport.models.moderation import ItemKind
from peersupport.services.errors import ServiceError
from peersupport.services.ids import address_id, event_id
from peersupport.services.moderation_page import ModerationPage
from peersupport.state.account import AccountState
from peersupport.state.moderation_extras import ReportedStoryRow, WaitRow
from peersupport.state.moderation_view import (
    FOCUS_DETAIL,
    FOCUS_QUEUE,
    ChartDay,
    Decision,
    JumpRow,
    QueueRow,
    ReportedRow,
    Snapshot,
    Word,
    reveal_status,
    snapshot_of,
)
from peersupport.state.staff_page import StaffPageState
from peersupport.usecases import door
from peersupport.usecases import moderation as cases
from peersupport.usecases.door import UseCase

# A moderation use case: it acts (or only reads) and returns the page read again.
PageCase = UseCase[..., ModerationPage]


def _form_value(form: object, name: str) -> object:
    """One field of a submitted form, as sent (the service validates it)."""
    return form.get(name) if isinstance(form, dict) else None


def _form_id(form: object, name: str) -> int | None:
    """An id sent in a form field, where the browser writes it as decimal digits."""
    raw = _form_value(form, name)
    return address_id(raw) if isinstance(raw, str) else event_id(raw)


class ModerationState(StaffPageState, AccountState):
    """The queue, the item that is open, recent decisions, reported posts, watched words,
    suspensions."""

    # Where the last message belongs: "page", "item", "recent", "reports", "words" or
    # "accounts".
    message_area: str = "page"

    queue: list[QueueRow] = []
    queue_size: int = 0
    oldest_nl: str = ""
    oldest_en: str = ""
    days: list[ChartDay] = []
    submitted_total: int = 0
    decided_total: int = 0
    recent: list[Decision] = []
    words: list[Word] = []
    suspended: list[str] = []
    reported: list[ReportedRow] = []
    helped_jumps: list[JumpRow] = []
    # Queue health and the moderator's own safety (state/moderation_extras.py).
    reported_stories: list[ReportedStoryRow] = []
    wait_svg: str = ""
    wait_rows: list[WaitRow] = []
    overdue_count: int = 0
    alert_nl: str = ""
    alert_en: str = ""
    overdue_nl: str = ""
    overdue_en: str = ""
    paused: bool = False
    # The hidden items this tab asked to read ("Toon tekst"); kept on the server only.
    _revealed: list[int] = []

    current: QueueRow = QueueRow()
    current_body: str = ""
    current_body_html: str = ""
    # Bumped after a form succeeded, so that the form is drawn again, empty.
    words_round: int = 0
    accounts_round: int = 0

    # ---- helpers (not callable from the browser) ----

    def _show(self, snapshot: Snapshot) -> None:
        self.allowed, self.loaded, self.role = True, True, snapshot.role
        self.queue, self.queue_size = snapshot.rows, snapshot.size
        self.oldest_nl, self.oldest_en = snapshot.oldest_nl, snapshot.oldest_en
        self.days = snapshot.days
        self.submitted_total, self.decided_total = snapshot.submitted_total, snapshot.decided_total
        self.recent, self.words = snapshot.recent, snapshot.words
        self.suspended = snapshot.suspended
        self.reported = snapshot.reported
        self.helped_jumps = snapshot.helped_jumps
        self.reported_stories = snapshot.reported_stories
        self.wait_svg, self.wait_rows = snapshot.wait_svg, snapshot.wait_rows
        self.overdue_count, self.paused = snapshot.overdue_count, snapshot.paused
        self.alert_nl, self.alert_en = snapshot.alert_nl, snapshot.alert_en
        self.overdue_nl, self.overdue_en = snapshot.overdue_nl, snapshot.overdue_en
        self.current = snapshot.current
        self.current_body = snapshot.current_body
        self.current_body_html = snapshot.current_body_html

    def _refused(self, error: ServiceError, area: str) -> None:
        self.message_area = area
        self._fail(error)
        if error.code in ("staff_only", "not_authorized"):
            self.allowed, self.loaded = False, True
            self.queue, self.recent, self.words, self.suspended = [], [], [], []
            self.reported, self.current = [], QueueRow()
            self.helped_jumps, self.reported_stories = [], []

    async def _reload(self, area: str = "page") -> None:
        open_id, revealed = self.current.id, tuple(self._revealed)
        try:
            page = await door.call(cases.page, self._token)
        except ServiceError as error:
            self._refused(error, area)
            return
        self._show(snapshot_of(page, open_id, revealed))

    async def _act(
        self, area: str, notice: str, case: PageCase, *args: object, close: bool = False
    ) -> bool:
        """Run `case` with `args` as the signed-in account; it reads the page again in
        the same unit of work.

        A refusal is told in `area`; success closes the open item when `close` is set
        (it left the queue) and is then told at the top of the page.
        """
        self._start()
        self.message_area = area
        open_id, revealed = 0 if close else self.current.id, tuple(self._revealed)
        try:
            page = await door.call(case, self._token, *args)
        except ServiceError as error:
            self._refused(error, area)
            if self.signed_in and error.code != "staff_only":
                await self._reload(area)
                if area == "item" and self.current.id == 0:
                    self.message_area = "page"  # the item is gone: say why where he looks
            return False
        self._show(snapshot_of(page, open_id, revealed))
        self.busy, self.notice = False, notice
        if close:
            self.message_area = "page"
        return True

    def _row_of(self, item_id: object) -> QueueRow:
        """The item `item_id` as the page shows it; an empty row if it shows no such item."""
        return next((row for row in [self.current, *self.queue] if row.id == item_id), QueueRow())

    def _then(self, done: bool, *, closed: bool = False) -> EventSpec | None:
        """After an action: back to the queue when the item left it; after a refusal,
        the sentence is brought into view (it is also announced)."""
        if not done:
            return rx.call_script(reveal_status(self.message_area))
        return rx.call_script(FOCUS_QUEUE) if closed else None

    async def _perform(
        self, area: str, notice: str, case: PageCase, *args: object, close: bool = False
    ) -> EventSpec | None:
        """`_act`, then where the moderator's eyes go next (see `_then`)."""
        done = await self._act(area, notice, case, *args, close=close)
        return self._then(done, closed=close)

    async def _remove_reported(
        self, form: object, field: str, case: PageCase, area: str, notice: str
    ) -> EventSpec | None:
        """Take a reported item down with the form's reason; the item's id is the form's
        `field` ("post", "story"): one handler serves every item's form in `area`."""
        plain, reason = _form_id(form, field), _form_value(form, "reason")
        return await self._perform(area, notice, case, plain, reason)

    async def _change_suspension(
        self, notice: str, case: PageCase, form: object
    ) -> EventSpec | None:
        """Suspend or unsuspend the pseudonym in `form`; success empties both forms."""
        pseudonym, reason = _form_value(form, "pseudonym"), _form_value(form, "reason")
        done = await self._act("accounts", notice, case, pseudonym, reason)
        self.accounts_round += int(done)
        return self._then(done)

    # ---- loading ----

    @rx.event
    async def load(self) -> EventSpec | None:
        """On page load: the queue and everything else, for moderators and admins only."""
        self.message_area, self.current = "page", QueueRow()
        return await self._open()

    # ---- one item ----

    @rx.event
    async def open_item(self, item_id: int) -> EventSpec | None:
        """Show one item of the queue with its text and the actions."""
        self.error, self.notice, self.message_area = "", "", "item"
        wanted = item_id if type(item_id) is int else 0
        self.current = QueueRow(id=wanted)
        await self._reload("item")
        if not self.allowed:
            return None
        if self.current.id == 0:
            # Decided or withdrawn since the list was drawn: said above the queue.
            self.error, self.message_area = "unknown_item", "page"
            return rx.call_script(reveal_status("page"))
        return rx.call_script(FOCUS_DETAIL)

    @rx.event
    async def reveal(self, item_id: int) -> EventSpec | None:
        """ "Toon tekst": this tab may now show the hidden item's title and text."""
        chosen = event_id(item_id)
        if chosen is None or not any(row.id == chosen for row in [self.current, *self.queue]):
            return None
        if chosen not in self._revealed:
            self._revealed = [*self._revealed[-49:], chosen]
        self.message_area = "item" if self.current.id == chosen else "page"
        await self._reload(self.message_area)
        return None

    @rx.event
    def close_item(self) -> EventSpec:
        self.current, self.current_body, self.current_body_html = QueueRow(), "", ""
        self.error, self.notice = "", ""
        return rx.call_script(FOCUS_QUEUE)

    @rx.event
    async def claim(self, item_id: int) -> EventSpec | None:
        return await self._perform("item", "claimed", cases.claim, item_id)

    @rx.event
    async def release(self, item_id: int) -> EventSpec | None:
        return await self._perform("item", "released", cases.release, item_id)

    @rx.event
    async def approve(self, item_id: int) -> EventSpec | None:
        return await self._perform("item", "approved", cases.approve, item_id, close=True)

    @rx.event
    async def edit_and_approve(self, item_id: int, form: dict[str, Any]) -> EventSpec | None:
        shown = self._row_of(item_id)
        title, body = _form_value(form, "title"), _form_value(form, "body")
        if title is None and shown.kind == ItemKind.REPLY:
            title = shown.title  # a reply's form has no title field: its thread's stays
        reason = _form_value(form, "reason")
        event = await self._perform(
            "item", "edited", cases.edit_and_approve, item_id, title, body, reason, close=True
        )
        if self.error == "body_too_long" and shown.board:
            self.error = "post_too_long"  # a board post's limit, not a story's
        return event

    @rx.event
    async def reject(self, item_id: int, form: dict[str, Any]) -> EventSpec | None:
        template, text = _form_value(form, "template"), _form_value(form, "text")
        return await self._perform(
            "item", "rejected", cases.reject, item_id, template, text, close=True
        )

    @rx.event
    async def escalate(self, item_id: int, form: dict[str, Any]) -> EventSpec | None:
        reason = _form_value(form, "reason")
        return await self._perform("item", "escalated", cases.escalate, item_id, reason)

    @rx.event
    async def undo(self, item_id: int) -> EventSpec | None:
        return await self._perform("recent", "undone", cases.undo, item_id)

    # ---- reported board posts ----

    @rx.event
    async def dismiss_reports(self, post_id: int) -> EventSpec | None:
        """Laat staan: the post stays (shown again if reports had hidden it)."""
        return await self._perform(
            "reports", "reports_dismissed", cases.dismiss_reports, event_id(post_id)
        )

    @rx.event
    async def remove_post(self, form: dict[str, Any]) -> EventSpec | None:
        """Haal weg: take the post down, with the reason the form gives. The post's id
        comes in the form too (field "post"): one handler serves every post's form."""
        return await self._remove_reported(
            form, "post", cases.remove_post, "reports", "post_removed"
        )

    # ---- reported stories ----

    @rx.event
    async def keep_story(self, story_id: int) -> EventSpec | None:
        """Laat staan: the story stays (shown again if reports had hidden it)."""
        return await self._perform(
            "story-reports", "story_kept", cases.keep_story, event_id(story_id)
        )

    @rx.event
    async def remove_story(self, form: dict[str, Any]) -> EventSpec | None:
        """Haal weg, with the reason the form gives; the story's id comes in the form."""
        return await self._remove_reported(
            form, "story", cases.remove_story, "story-reports", "story_removed"
        )

    # ---- the moderator's pause ----

    @rx.event
    async def set_paused(self, paused: bool) -> EventSpec | None:
        """Pause taking items (his claims go back to the queue), or take them again."""
        if paused is True:
            self.current = QueueRow()
        notice = "paused" if paused is True else "resumed"
        return await self._perform("pause", notice, cases.set_paused, paused)

    # ---- watched words ----

    @rx.event
    async def add_watched_word(self, form: dict[str, Any]) -> EventSpec | None:
        phrase, action = _form_value(form, "phrase"), _form_value(form, "action")
        done = await self._act("words", "word_saved", cases.add_watched_word, phrase, action)
        self.words_round += int(done)
        return self._then(done)

    @rx.event
    async def remove_watched_word(self, word_id: int) -> EventSpec | None:
        # The watched words service looks any int up as is; a too large one would stop
        # the database driver, so it gets None ("no such word") instead.
        return await self._perform(
            "words", "word_removed", cases.remove_watched_word, event_id(word_id)
        )

    # ---- accounts ----

    @rx.event
    async def suspend(self, form: dict[str, Any]) -> EventSpec | None:
        return await self._change_suspension("suspended", cases.suspend, form)

    @rx.event
    async def unsuspend(self, form: dict[str, Any]) -> EventSpec | None:
        return await self._change_suspension("unsuspended", cases.unsuspend, form)

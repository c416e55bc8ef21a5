"""Shared by the board's writing page and the thread's reply page (state/boards.py):
the post form with what the scrubber found and the crisis help, and the list each page
shows in pages (its board, the cursor of the next page, loading more).
"""

from __future__ import annotations

import reflex as rx
from reflex.event import EventSpec

from peersupport.content.boards import boards_content
from peersupport.services import crisis as crisis_rules
from peersupport.services.errors import ServiceError
from peersupport.services.screening import RefusedSend
from peersupport.services.scrubber import remove_contact_details
from peersupport.state.account import AccountState
from peersupport.state.board_rows import FindingRow, board_text, finding_rows, form_text
from peersupport.state.crisis_message import FOCUS_CRISIS
from peersupport.state.expected_wait import wait_sentence
from peersupport.usecases import boards as cases
from peersupport.usecases import door
from peersupport.usecases.door import UseCase

POST_FORM = "ps-post-form"
TITLE_FIELD = "ps-post-title"
BODY_FIELD = "ps-post-body"
RESET_FORM = f"psResetForm('{POST_FORM}')"
FOCUS_BODY = f"psFocus('{BODY_FIELD}')"


class PostingState(AccountState):
    """The post form: what the scrubber found, and the draft kept to send it anyway.

    Crisis first: when the text he sends has crisis words, the help routes that answer
    now are shown at once (`crisis_shown`), saying whether it was sent (`crisis_sent`).
    """

    # "loading" | "ready" | "not_found"
    view: str = "loading"
    findings: list[FindingRow] = []
    crisis_shown: bool = False
    crisis_sent: bool = False
    # After sending: how quickly the last days' posts were read (state/expected_wait.py).
    wait_nl: str = ""
    wait_en: str = ""
    # The last refused draft, so "Toch insturen" sends exactly what he saw.
    _draft_title: str = ""
    _draft_body: str = ""

    def _reset_form_state(self) -> None:
        self.findings, self._draft_title, self._draft_body = [], "", ""
        self.crisis_shown = self.crisis_sent = False
        self.error, self.notice, self.busy = "", "", False
        self.wait_nl = self.wait_en = ""

    def _keep_draft(self, form: object) -> tuple[object, object]:
        title, body = form_text(form, "title"), form_text(form, "body")
        self._draft_title = title if isinstance(title, str) else ""
        self._draft_body = body if isinstance(body, str) else ""
        return title, body

    async def _send(self, case: UseCase[..., cases.Sent], *args: object) -> bool:
        """Send through the posting use case `case`; a refusal keeps the fields as he left
        them. The service screened the send once: what it found comes back with the
        result or the refusal (crisis words show the help routes either way)."""
        self.busy, self.error, self.notice = True, "", ""
        self.crisis_shown = self.crisis_sent = False
        self.wait_nl = self.wait_en = ""
        try:
            sent = await door.call(case, self._token, *args)
        except ServiceError as error:
            self._fail(error)
            if isinstance(error, RefusedSend):
                self.crisis_shown = error.screening.urgent
                if error.code == "contact_details":
                    self.findings = finding_rows(error.screening.findings)
            else:
                # The door refused before anything was screened (his session ended):
                # crisis words still show the help routes at once.
                found = crisis_rules.crisis_reasons(self._draft_title, self._draft_body)
                self.crisis_shown = bool(found)
            return False
        self.busy, self.findings = False, []
        self._draft_title = self._draft_body = ""
        self.crisis_shown = self.crisis_sent = sent.urgent
        self.wait_nl = wait_sentence("nl", sent.expected_wait)
        self.wait_en = wait_sentence("en", sent.expected_wait)
        return True

    def _after_send(self) -> EventSpec:
        """Empty the form; with crisis words, bring the help message into focus."""
        return rx.call_script(f"{RESET_FORM}; {FOCUS_CRISIS}" if self.crisis_shown else RESET_FORM)

    @rx.event
    def close_crisis(self) -> EventSpec:
        self.crisis_shown = self.crisis_sent = False
        return rx.call_script(FOCUS_BODY)

    @rx.event
    def remove_findings(self) -> list[EventSpec]:
        """ "Haal het weg": the fields get his text without the contact details."""
        title = remove_contact_details(self._draft_title)
        body = remove_contact_details(self._draft_body)
        self._draft_title, self._draft_body, self.findings = title, body, []
        self.error, self.notice = "", "findings_removed"
        return [rx.set_value(TITLE_FIELD, title), rx.set_value(BODY_FIELD, body)]


class PagedListState(PostingState, mixin=True):
    """The list a page shows in pages (a board's threads, a thread's posts), its board and
    loading more. A Reflex mixin: each page's state, `class X(PagedListState,
    PostingState)`, gets its own copy of these fields, computed vars and handlers."""

    board: str = ""
    next_cursor: str = ""
    loading_more: bool = False

    @rx.var
    def board_number(self) -> int:
        """The number in the board's address (0 before a board is loaded, or when gone)."""
        board = boards_content().board(self.board)
        return board.number if board is not None else 0

    @rx.var
    def board_name_nl(self) -> str:
        return board_text(self.board, "name", "nl")

    @rx.var
    def board_name_en(self) -> str:
        return board_text(self.board, "name", "en")

    @rx.event
    async def resume_and_load(self, token: str) -> EventSpec | None:
        """Reading needs no account: a remembered device signs him in if it can."""
        await self._resume(token)
        return await self._first_page()

    @rx.event
    async def more(self) -> None:
        if self.next_cursor and not self.loading_more:
            self.loading_more = True
            await self._load_page(self.next_cursor)
            self.loading_more = False

    async def _first_page(self) -> EventSpec | None:
        await self._load_page("")
        return None

    async def _load_page(self, cursor: str) -> None:
        """The page of the list after `cursor` ("" for the first), added to what is shown.
        A hook: every state built on this mixin (the board's, the thread's) reads its own."""
        raise NotImplementedError(f"{type(self).__name__} reads no list of its own")

"""Writing on the message boards in the browser: a board's threads with the form to start
one (/prikbord/bord/schrijven) and a thread with the forms to reply, quote and report
(/prikbord/onderwerp/reageren). Reading alone is a page from the server
(peersupport/http/board_pages.py).

Thin: every argument from the browser is hostile and goes to the boards' use cases
(usecases/boards.py) as it came, through the door; the services check who may do what.
What the pages show of their answers is made in state/board_rows.py; the post form and
the paged list both pages share are in state/board_posting.py. Form fields are plain
inputs in an HTML form that hands over its values when sent, so typing never talks to
the server, and a refused post keeps its words in the fields.
"""

from __future__ import annotations

from typing import Any

import reflex as rx
from reflex.event import EventSpec

from peersupport.content.boards import boards_content
from peersupport.models.statuses import STAFF_ROLES
from peersupport.services import boards
from peersupport.services.boards import PostStatus
from peersupport.services.errors import ServiceError
from peersupport.services.ids import address_id, event_id
from peersupport.state.board_posting import (
    FOCUS_BODY,
    POST_FORM,
    TITLE_FIELD,
    PagedListState,
    PostingState,
)
from peersupport.state.board_rows import (
    PostRow,
    ThreadRow,
    board_text,
    form_text,
    post_row,
    thread_row,
)
from peersupport.usecases import boards as cases
from peersupport.usecases import door
from peersupport.usecases.door import UseCase

# On the reply page's address, from a post's links on the reading page: quote or report
# that post (`?id=<thread>&citeer=<post>`).
QUOTE_PARAM, REPORT_PARAM = "citeer", "melden"
# The title field gets the focus once the form is shown, unless he is already typing in it.
FOCUS_TITLE = f"psFocus('{TITLE_FIELD}', {{unlessWithin: '{POST_FORM}'}})"
# The report form opened from the reading page: its first choice takes the focus.
FOCUS_REPORT = "psFocusFirst('.inline-form input[name=reason]')"


# --- a board: its threads and a new thread ------------------------------------------------


class BoardState(PagedListState, PostingState):
    threads: list[ThreadRow] = []
    composing: bool = False

    @rx.var
    def board_text_nl(self) -> str:
        return board_text(self.board, "description", "nl")

    @rx.var
    def board_text_en(self) -> str:
        return board_text(self.board, "description", "en")

    @rx.event
    async def load(self) -> EventSpec | None:
        self._reset_form_state()
        self.view, self.threads, self.next_cursor, self.composing = "loading", [], "", False
        raw = self.router.url.query_parameters.get("nr")
        board = boards_content().numbered(raw)
        if board is None:
            self.board, self.view = "", "not_found"
            return None
        self.board = board.key
        return await self._read_or_ask_device(self._first_page, BoardState.resume_and_load)

    async def _load_page(self, cursor: str) -> None:
        try:
            found = await door.call(cases.thread_page, self._token, self.board, cursor)
        except ServiceError as error:
            self._fail(error)
            self.view = "ready"
            return
        rows = [thread_row(card) for card in found.threads]
        self.threads = self.threads + rows if cursor else rows
        self.next_cursor, self.view = found.next_cursor, "ready"

    @rx.event
    def compose(self) -> EventSpec:
        self.composing, self.findings, self.error, self.notice = True, [], "", ""
        return rx.call_script(FOCUS_TITLE)

    @rx.event
    def stop_composing(self) -> None:
        self.composing, self.findings, self.error = False, [], ""

    @rx.event
    async def start_thread(self, form: dict[str, Any]) -> EventSpec | None:
        title, body = self._keep_draft(form)
        return await self._open_thread(title, body, keep=False)

    @rx.event
    async def start_thread_anyway(self) -> EventSpec | None:
        return await self._open_thread(self._draft_title, self._draft_body, keep=True)

    async def _open_thread(self, title: object, body: object, *, keep: bool) -> EventSpec | None:
        if not await self._send(cases.start_thread, self.board, title, body, keep):
            return None
        self.composing, self.notice = False, "thread_sent"
        await self._load_page("")
        return self._after_send()


# --- a thread: its posts, replying, quoting, reporting, and the moderators' tools -----------


class ThreadState(PagedListState, PostingState):
    thread_id: int = 0
    title: str = ""
    locked: bool = False
    posts: list[PostRow] = []
    quote_id: int = 0
    quote_author: str = ""
    quote_excerpt: str = ""
    # The post whose report form (or, for staff, removal form) is open.
    report_id: int = 0
    remove_id: int = 0

    @rx.var
    def is_staff(self) -> bool:
        """Shows the moderators' buttons; the service decides whether they work."""
        return self.role in STAFF_ROLES

    @rx.event
    async def load(self) -> EventSpec | None:
        self._reset_form_state()
        self.view, self.posts, self.next_cursor = "loading", [], ""
        self.quote_id, self.quote_author, self.quote_excerpt = 0, "", ""
        self.report_id = self.remove_id = 0
        thread_id = address_id(self.router.url.query_parameters.get("id"))
        if thread_id is None:
            self.thread_id, self.view = 0, "not_found"
            return None
        self.thread_id = thread_id
        return await self._read_or_ask_device(self._first_page, ThreadState.resume_and_load)

    async def _first_page(self) -> EventSpec | None:
        await self._load_page("")
        return self._follow_address()

    def _follow_address(self) -> EventSpec | None:
        """Quote or report the post the address names (a link on the reading page), as
        the post's own button would; anything else in the address is ignored."""
        if not self.signed_in or self.view != "ready":
            return None
        params = self.router.url.query_parameters
        quoted = address_id(params.get(QUOTE_PARAM))
        if quoted is not None and not self.locked:
            return self._quote(quoted)
        reported = address_id(params.get(REPORT_PARAM))
        row = next(
            (p for p in self.posts if p.id == reported and p.status == PostStatus.PUBLISHED), None
        )
        if row is None or row.own:
            return None
        self._open_report(row.id)
        return rx.call_script(FOCUS_REPORT)

    async def _load_page(self, cursor: str) -> None:
        try:
            found = await door.call(cases.thread, self._token, self.thread_id, cursor)
        except ServiceError as error:
            self._fail(error)
            self.view = "ready"
            return
        if found is None:
            self.view, self.posts = "not_found", []
            return
        rows = [post_row(post) for post in found.posts]
        self.posts = self.posts + rows if cursor else rows
        self.board, self.title, self.locked = found.board, found.title, found.locked
        self.next_cursor, self.view = found.next_cursor, "ready"

    async def _reload(self) -> None:
        """After a change: the first page again (his new post shows in place)."""
        await self._load_page("")

    # ---- replying and quoting ----

    @rx.event
    def quote(self, post_id: int) -> EventSpec | None:
        return self._quote(post_id)

    def _quote(self, post_id: object) -> EventSpec | None:
        chosen = event_id(post_id)
        row = next(
            (p for p in self.posts if p.id == chosen and p.status == PostStatus.PUBLISHED), None
        )
        if row is None:
            return None
        self.quote_id, self.quote_author = row.id, row.author
        self.quote_excerpt = boards.excerpt(row.body)
        return rx.call_script(FOCUS_BODY)

    @rx.event
    def unquote(self) -> None:
        self.quote_id, self.quote_author, self.quote_excerpt = 0, "", ""

    @rx.event
    async def reply(self, form: dict[str, Any]) -> EventSpec | None:
        _, body = self._keep_draft(form)
        return await self._reply(body, keep=False)

    @rx.event
    async def reply_anyway(self) -> EventSpec | None:
        return await self._reply(self._draft_body, keep=True)

    async def _reply(self, body: object, *, keep: bool) -> EventSpec | None:
        self.place = "reply"
        quote_of = self.quote_id or None
        if not await self._send(cases.reply, self.thread_id, body, quote_of, keep):
            return None
        self.notice = "reply_sent"
        self.quote_id, self.quote_author, self.quote_excerpt = 0, "", ""
        await self._reload()
        return self._after_send()

    # ---- reporting ----

    @rx.event
    def open_report(self, post_id: int) -> None:
        self._open_report(post_id)

    def _open_report(self, post_id: object) -> None:
        self.report_id, self.remove_id = event_id(post_id) or 0, 0
        self.error, self.notice = "", ""

    @rx.event
    def close_forms(self) -> None:
        self.report_id = self.remove_id = 0

    @rx.event
    async def report(self, form: dict[str, Any]) -> None:
        post_id = self.report_id
        self.place = f"post:{post_id}"
        self.busy, self.error, self.notice = True, "", ""
        try:
            hidden = await door.call(
                cases.report_post,
                self._token,
                post_id,
                form_text(form, "reason"),
                form_text(form, "text"),
            )
        except ServiceError as error:
            self._fail(error)
            return
        self.busy, self.report_id = False, 0
        self.notice = "report_hidden" if hidden else "report_sent"
        await self._reload()

    # ---- moderators ----

    @rx.event
    async def set_locked(self, locked: bool) -> None:
        self.place = "staff"
        notice = "locked" if locked is True else "unlocked"
        await self._moderate(notice, cases.set_locked, self.thread_id, locked)

    @rx.event
    async def move(self, form: dict[str, Any]) -> None:
        self.place = "staff"
        await self._moderate("moved", cases.move_thread, self.thread_id, form_text(form, "board"))

    @rx.event
    def open_remove(self, post_id: int) -> None:
        self.remove_id, self.report_id = event_id(post_id) or 0, 0
        self.error, self.notice = "", ""

    @rx.event
    async def remove(self, form: dict[str, Any]) -> None:
        post_id = self.remove_id
        self.place = f"post:{post_id}"
        await self._moderate("removed", cases.remove_post, post_id, form_text(form, "reason"))
        if not self.error:
            self.remove_id = 0

    async def _moderate(self, notice: str, case: UseCase[..., None], *args: object) -> None:
        self.busy, self.error, self.notice = True, "", ""
        try:
            await door.call(case, self._token, *args)
        except ServiceError as error:
            self._fail(error)
            return
        self.busy, self.notice = False, notice
        await self._reload()

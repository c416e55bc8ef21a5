"""Writing on the message boards in the browser: a board's threads with the form to start
one (/prikbord/bord/schrijven) and a thread with the forms to reply, quote and report
(/prikbord/onderwerp/reageren). Reading alone is a page from the server
(peersupport/http/board_pages.py).

Thin: every argument from the browser is hostile and goes to the boards service as it
came; the service checks who may do what. Form fields are plain inputs in an HTML form
that hands over its values when sent, so typing never talks to the server, and a
refused post keeps its words in the fields.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from datetime import date, datetime
from typing import Any, Protocol, TypeVar
from zoneinfo import ZoneInfo

import reflex as rx
from reflex.event import EventSpec
from sqlalchemy.orm import Session

from peersupport.content.boards import boards_content
from peersupport.models import Account
from peersupport.services import board_moderation, boards, crisis, sessions
from peersupport.services.errors import ServiceError
from peersupport.services.scrubber import find_contact_details, remove_contact_details
from peersupport.settings import PostingLimits, load_settings
from peersupport.state.account import (
    READ_DEVICE_TOKEN,
    AccountState,
    now,
    read_service,
    run_service,
)
from peersupport.state.crisis_message import FOCUS_CRISIS
from peersupport.state.expected_wait import wait_texts

Result = TypeVar("Result")

LOCAL_TIME = ZoneInfo("Europe/Amsterdam")
ID_PARAM = re.compile(r"[1-9][0-9]{0,9}")
MAX_ID = 2**31 - 1
MONTHS = {
    "nl": ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"),
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
}
# On the reply page's address, from a post's links on the reading page: quote or report
# that post (`?id=<thread>&citeer=<post>`).
QUOTE_PARAM, REPORT_PARAM = "citeer", "melden"
POST_FORM = "ps-post-form"
TITLE_FIELD = "ps-post-title"
BODY_FIELD = "ps-post-body"
# The title field gets the focus once the form is shown, unless he is already typing in it.
FOCUS_TITLE = (
    "setTimeout(function () {"
    f" var form = document.getElementById('{POST_FORM}');"
    " if (form && form.contains(document.activeElement)) return;"
    f" document.getElementById('{TITLE_FIELD}')?.focus(); }}, 50)"
)
RESET_FORM = f"document.getElementById('{POST_FORM}')?.reset()"
FOCUS_BODY = f"setTimeout(function () {{ document.getElementById('{BODY_FIELD}')?.focus(); }}, 50)"
# The report form opened from the reading page: its first choice takes the focus.
FOCUS_REPORT = (
    "setTimeout(function () {"
    " document.querySelector('.inline-form input[name=reason]')?.focus(); }, 50)"
)


@dataclasses.dataclass
class ThreadRow:
    id: int = 0
    title: str = ""
    author: str = ""
    replies: int = 0
    day_nl: str = ""
    day_en: str = ""
    locked: bool = False
    waiting: bool = False
    rejected: bool = False


@dataclasses.dataclass
class PostRow:
    id: int = 0
    opening: bool = False
    author: str = ""
    since_nl: str = ""
    since_en: str = ""
    day_nl: str = ""
    day_en: str = ""
    body: str = ""
    has_quote: bool = False
    quote_author: str = ""
    quote_excerpt: str = ""
    # "published" | "waiting" | "rejected" | "hidden" | "removed" | "deleted"
    status: str = ""
    own: bool = False
    rejection_template: str = ""
    rejection_reason: str = ""


@dataclasses.dataclass
class FindingRow:
    kind: str = ""
    text: str = ""


# --- hostile input and display ----------------------------------------------------------


def id_param(raw: object) -> int | None:
    """An id from the address bar: digits only, no sign, no leading zero."""
    if not isinstance(raw, str) or not ID_PARAM.fullmatch(raw):
        return None
    value = int(raw)
    return value if value <= MAX_ID else None


def event_id(raw: object) -> int | None:
    if isinstance(raw, bool) or not isinstance(raw, int) or not 0 < raw <= MAX_ID:
        return None
    return raw


def form_text(form: object, name: str) -> object:
    """One field of a sent form, as it came (the service judges it); None if absent."""
    return form.get(name) if isinstance(form, dict) else None


def day_in(language: str, at: datetime | None) -> str:
    if at is None:
        return ""
    local = at.astimezone(LOCAL_TIME)
    return f"{local.day} {MONTHS[language][local.month - 1]} {local.year}"


def month_in(language: str, month: date | None) -> str:
    return "" if month is None else f"{MONTHS[language][month.month - 1]} {month.year}"


def thread_row(card: boards.ThreadCard) -> ThreadRow:
    return ThreadRow(
        id=card.id,
        title=card.title,
        author=card.author,
        replies=card.reply_count,
        day_nl=day_in("nl", card.last_activity_at),
        day_en=day_in("en", card.last_activity_at),
        locked=card.locked,
        waiting=card.waiting,
        rejected=card.rejected,
    )


def post_row(post: boards.PostView) -> PostRow:
    return PostRow(
        id=post.id,
        opening=post.opening,
        author=post.author,
        since_nl=month_in("nl", post.author_since),
        since_en=month_in("en", post.author_since),
        day_nl=day_in("nl", post.at),
        day_en=day_in("en", post.at),
        body=post.body,
        has_quote=post.quote is not None,
        quote_author=post.quote.author if post.quote else "",
        quote_excerpt=post.quote.excerpt if post.quote else "",
        status=post.status,
        own=post.own,
        rejection_template=post.rejection_template,
        rejection_reason=post.rejection_reason,
    )


async def as_member(token: str, work: Callable[[Session, Account], Result]) -> Result:
    """Run `work(session, account)` for the tab's account in one unit of work."""

    def run(session: Session) -> Result:
        return work(session, sessions.authenticate(session, token, now()))

    return await run_service(run)


class ReportService(Protocol):
    """A report service: a board post's or a story's (`report_post`, `report_story`)."""

    def __call__(
        self,
        session: Session,
        reporter: Account,
        item_id: object,
        /,
        *,
        reason: object,
        text: object,
        limits: PostingLimits,
        now: datetime,
    ) -> bool: ...


async def send_report(token: str, report: ReportService, item_id: int, form: object) -> bool:
    """Send the report `form` (reason, text) about `item_id` as the tab's member; returns
    True when the item is now hidden. Raises what the service raises."""
    limits = load_settings().posting_limits
    reason, text = form_text(form, "reason"), form_text(form, "text")

    def send(session: Session, account: Account) -> bool:
        return report(session, account, item_id, reason=reason, text=text, limits=limits, now=now())

    return await as_member(token, send)


async def as_reader(token: str, work: Callable[[Session, Account | None], Result]) -> Result:
    """Run `work` for the signed-in account, or for a visitor when the tab has none.

    A visitor's page only reads, in a `read_scope`; a member's may touch his session.
    """
    if not token:
        return await read_service(lambda session: work(session, None))

    def run(session: Session) -> Result:
        try:
            viewer: Account | None = sessions.authenticate(session, token, now())
        except ServiceError:
            viewer = None
        return work(session, viewer)

    return await run_service(run)


# --- shared by both pages: the post form ------------------------------------------------


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

    async def _send(self, work: Callable[[Session, Account], object]) -> bool:
        """Run a posting service; a refusal keeps the fields as he left them."""
        self.busy, self.error, self.notice = True, "", ""
        # The same rule the service applies when it queues the post.
        self.crisis_shown = bool(crisis.crisis_reasons(self._draft_title, self._draft_body))
        self.crisis_sent = False
        self.wait_nl = self.wait_en = ""

        def send_and_read_wait(session: Session, account: Account) -> tuple[str, str]:
            work(session, account)
            return wait_texts(session, now())

        try:
            self.wait_nl, self.wait_en = await as_member(self._token, send_and_read_wait)
        except ServiceError as error:
            self._fail(error)
            if error.code == "contact_details":
                self.findings = [
                    FindingRow(kind=found.kind, text=found.text)
                    for found in find_contact_details(f"{self._draft_title}\n{self._draft_body}")
                ]
            return False
        self.busy, self.findings = False, []
        self._draft_title = self._draft_body = ""
        self.crisis_sent = self.crisis_shown
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


# --- a board: its threads and a new thread ------------------------------------------------


class BoardState(PostingState):
    board: str = ""
    threads: list[ThreadRow] = []
    next_cursor: str = ""
    loading_more: bool = False
    composing: bool = False

    @rx.var
    def board_name_nl(self) -> str:
        return _board_text(self.board, "name", "nl")

    @rx.var
    def board_name_en(self) -> str:
        return _board_text(self.board, "name", "en")

    @rx.var
    def board_number(self) -> int:
        """The number in the board's address (0 before a board is loaded)."""
        board = boards_content().board(self.board)
        return board.number if board is not None else 0

    @rx.var
    def board_text_nl(self) -> str:
        return _board_text(self.board, "description", "nl")

    @rx.var
    def board_text_en(self) -> str:
        return _board_text(self.board, "description", "en")

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
        if not self.signed_in:
            return rx.call_script(READ_DEVICE_TOKEN, callback=BoardState.resume_and_load)
        await self._load_page("")
        return None

    @rx.event
    async def resume_and_load(self, token: str) -> None:
        await self._resume(token)
        await self._load_page("")

    @rx.event
    async def more(self) -> None:
        if self.next_cursor and not self.loading_more:
            self.loading_more = True
            await self._load_page(self.next_cursor)
            self.loading_more = False

    async def _load_page(self, cursor: str) -> None:
        board = self.board

        def page(session: Session, viewer: Account | None) -> boards.ThreadPage:
            return boards.list_threads(session, board, viewer, cursor or None)

        try:
            found = await as_reader(self._token, page)
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
        board, limits = self.board, load_settings().posting_limits

        def start(session: Session, account: Account) -> None:
            boards.start_thread(
                session,
                account,
                board,
                title=title,
                body=body,
                keep_findings=keep,
                limits=limits,
                now=now(),
            )

        if not await self._send(start):
            return None
        self.composing, self.notice = False, "thread_sent"
        await self._load_page("")
        return self._after_send()


def _board_text(key: str, field: str, language: str) -> str:
    board = boards_content().board(key)
    if board is None:
        return ""
    texts = board.name if field == "name" else board.description
    return texts[language]


# --- a thread: its posts, replying, quoting, reporting, and the moderators' tools -----------


class ThreadState(PostingState):
    thread_id: int = 0
    board: str = ""
    title: str = ""
    locked: bool = False
    posts: list[PostRow] = []
    next_cursor: str = ""
    loading_more: bool = False
    quote_id: int = 0
    quote_author: str = ""
    quote_excerpt: str = ""
    # The post whose report form (or, for staff, removal form) is open.
    report_id: int = 0
    remove_id: int = 0

    @rx.var
    def is_staff(self) -> bool:
        """Shows the moderators' buttons; the service decides whether they work."""
        return self.role in ("moderator", "admin")

    @rx.var
    def board_number(self) -> int:
        """The number in the board's address (0 for a board that is gone)."""
        board = boards_content().board(self.board)
        return board.number if board is not None else 0

    @rx.var
    def board_name_nl(self) -> str:
        return _board_text(self.board, "name", "nl")

    @rx.var
    def board_name_en(self) -> str:
        return _board_text(self.board, "name", "en")

    @rx.event
    async def load(self) -> EventSpec | None:
        self._reset_form_state()
        self.view, self.posts, self.next_cursor = "loading", [], ""
        self.quote_id, self.quote_author, self.quote_excerpt = 0, "", ""
        self.report_id = self.remove_id = 0
        thread_id = id_param(self.router.url.query_parameters.get("id"))
        if thread_id is None:
            self.thread_id, self.view = 0, "not_found"
            return None
        self.thread_id = thread_id
        if not self.signed_in:
            return rx.call_script(READ_DEVICE_TOKEN, callback=ThreadState.resume_and_load)
        await self._load_page("")
        return self._follow_address()

    @rx.event
    async def resume_and_load(self, token: str) -> EventSpec | None:
        await self._resume(token)
        await self._load_page("")
        return self._follow_address()

    def _follow_address(self) -> EventSpec | None:
        """Quote or report the post the address names (a link on the reading page), as
        the post's own button would; anything else in the address is ignored."""
        if not self.signed_in or self.view != "ready":
            return None
        params = self.router.url.query_parameters
        quoted = id_param(params.get(QUOTE_PARAM))
        if quoted is not None and not self.locked:
            return self._quote(quoted)
        reported = id_param(params.get(REPORT_PARAM))
        row = next((p for p in self.posts if p.id == reported and p.status == "published"), None)
        if row is None or row.own:
            return None
        self._open_report(row.id)
        return rx.call_script(FOCUS_REPORT)

    @rx.event
    async def more(self) -> None:
        if self.next_cursor and not self.loading_more:
            self.loading_more = True
            await self._load_page(self.next_cursor)
            self.loading_more = False

    async def _load_page(self, cursor: str) -> None:
        thread_id = self.thread_id

        def page(session: Session, viewer: Account | None) -> boards.ThreadView | None:
            return boards.get_thread(session, thread_id, viewer, cursor or None)

        try:
            found = await as_reader(self._token, page)
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
        row = next((p for p in self.posts if p.id == chosen and p.status == "published"), None)
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
        thread_id, quote_of = self.thread_id, self.quote_id or None
        self.place = "reply"
        limits = load_settings().posting_limits

        def answer(session: Session, account: Account) -> None:
            boards.reply(
                session,
                account,
                thread_id,
                body=body,
                quote_of=quote_of,
                keep_findings=keep,
                limits=limits,
                now=now(),
            )

        if not await self._send(answer):
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
            hidden = await send_report(self._token, boards.report_post, post_id, form)
        except ServiceError as error:
            self._fail(error)
            return
        self.busy, self.report_id = False, 0
        self.notice = "report_hidden" if hidden else "report_sent"
        await self._reload()

    # ---- moderators ----

    @rx.event
    async def set_locked(self, locked: bool) -> None:
        thread_id, self.place = self.thread_id, "staff"

        def lock(session: Session, account: Account) -> None:
            board_moderation.set_locked(session, account, thread_id, locked, now())

        await self._moderate(lock, "locked" if locked is True else "unlocked")

    @rx.event
    async def move(self, form: dict[str, Any]) -> None:
        thread_id, board = self.thread_id, form_text(form, "board")
        self.place = "staff"

        def move_it(session: Session, account: Account) -> None:
            board_moderation.move_thread(session, account, thread_id, board, now())

        await self._moderate(move_it, "moved")

    @rx.event
    def open_remove(self, post_id: int) -> None:
        self.remove_id, self.report_id = event_id(post_id) or 0, 0
        self.error, self.notice = "", ""

    @rx.event
    async def remove(self, form: dict[str, Any]) -> None:
        post_id, reason = self.remove_id, form_text(form, "reason")
        self.place = f"post:{post_id}"

        def take_down(session: Session, account: Account) -> None:
            board_moderation.remove_post(session, account, post_id, reason=reason, now=now())

        await self._moderate(take_down, "removed")
        if not self.error:
            self.remove_id = 0

    async def _moderate(self, work: Callable[[Session, Account], None], notice: str) -> None:
        self.busy, self.error, self.notice = True, "", ""
        try:
            await as_member(self._token, work)
        except ServiceError as error:
            self._fail(error)
            return
        self.busy, self.notice = False, notice
        await self._reload()

"""The moderators' pages: the queue, decisions, watched words, suspensions, audit log.

Thin: every handler hands its (hostile) arguments as they came to the moderation
service, which checks the actor and every rule. One unit of work does the action and
reads the page's data again, so what the moderator sees is what the database holds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import reflex as rx
from reflex.event import EventSpec
from sqlalchemy.orm import Session

from peersupport.components.flows import flow_call
from peersupport.models import Account
from peersupport.services import audit, moderation, sessions
from peersupport.services.errors import NotAuthorized, ServiceError
from peersupport.state.account import READ_DEVICE_TOKEN, AccountState, now, run_service
from peersupport.translations import translate

Result = TypeVar("Result")

# Times are shown as the moderators in the Netherlands read a clock.
LOCAL_TIME = moderation.LOCAL_TIME
TIME_FORMAT = "%d-%m-%Y %H:%M"
UNDO_WINDOW = dt.timedelta(minutes=moderation.UNDO_MINUTES)

# Where focus goes after opening an item, and after an item left the queue.
FOCUS_DETAIL = (
    "setTimeout(() => { const heading = document.getElementById('mod-detail-title');"
    " if (heading) { heading.focus(); heading.scrollIntoView({block: 'start'}); } }, 50)"
)
FOCUS_QUEUE = (
    "setTimeout(() => { const heading = document.getElementById('mod-queue-title');"
    " if (heading) { heading.focus(); } }, 50)"
)


def reveal_status(area: str) -> str:
    """Scroll the message lines of one part of the page into view (ids from the page)."""
    return (
        f"setTimeout(() => {{ const lines = document.getElementById('mod-{area}-status');"
        " if (lines) { lines.scrollIntoView({block: 'center'}); } }, 50)"
    )


def local_time(moment: dt.datetime) -> str:
    return moment.astimezone(LOCAL_TIME).strftime(TIME_FORMAT)


def _clock(moment: dt.datetime) -> str:
    return moment.astimezone(LOCAL_TIME).strftime("%H:%M")


def age_sentence(key: str, language: str, since: dt.datetime, at: dt.datetime) -> str:
    """`key`'s sentence with {age}: how long ago `since` was, in words."""
    minutes = max(0, int((at - since).total_seconds() // 60))
    if minutes < 1:
        age = translate(language, "moderation.age.just_now")
    elif minutes < 60:
        age = (
            translate(language, "moderation.age.minute")
            if minutes == 1
            else translate(language, "moderation.age.minutes", n=minutes)
        )
    elif minutes < 48 * 60:
        hours = minutes // 60
        age = (
            translate(language, "moderation.age.hour")
            if hours == 1
            else translate(language, "moderation.age.hours", n=hours)
        )
    else:
        age = translate(language, "moderation.age.days", n=minutes // (24 * 60))
    return translate(language, key, age=age)


# --- what the pages show (plain data, sent to the browser) -------------------------------


@dataclass
class Finding:
    kind: str = ""
    text: str = ""


@dataclass
class Flag:
    word: str = ""
    action: str = ""


@dataclass
class QueueRow:
    """One pending item; `id` 0 means "none"."""

    id: int = 0
    kind: str = ""
    title: str = ""
    language: str = ""
    themes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    author: str = ""
    waiting_nl: str = ""
    waiting_en: str = ""
    findings: list[Finding] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    escalated: bool = False
    claimed_by: str = ""
    claimed_by_me: bool = False
    claimed_by_other: bool = False
    own: bool = False


@dataclass
class ChartDay:
    date: str = ""
    day: str = ""
    submitted: int = 0
    decided: int = 0
    submitted_height: str = "0%"
    decided_height: str = "0%"


@dataclass
class Decision:
    item_id: int = 0
    title: str = ""
    decision: str = ""
    decided_at: str = ""
    undo_until: str = ""


@dataclass
class Word:
    id: int = 0
    phrase: str = ""
    action: str = ""


@dataclass
class ChangeLine:
    before: bool = False
    text: str = ""


@dataclass
class AuditRow:
    id: int = 0
    at: str = ""
    actor: str = ""
    action: str = ""
    subject_kind: str = ""
    subject: str = ""
    # How to read `reason`: "text", "template" (reject: code + text), "decision"
    # (undo: the decision undone) or "word_action" (a watched word's action).
    reason_kind: str = "text"
    reason_code: str = ""
    reason: str = ""
    changes: list[ChangeLine] = field(default_factory=list)


@dataclass(frozen=True)
class Snapshot:
    """Everything /moderatie shows, read in one unit of work."""

    role: str
    rows: list[QueueRow]
    size: int
    oldest_nl: str
    oldest_en: str
    days: list[ChartDay]
    submitted_total: int
    decided_total: int
    recent: list[Decision]
    words: list[Word]
    suspended: list[str]
    current: QueueRow
    current_body: str
    current_body_html: str


def _row(item: moderation.QueueItem, at: dt.datetime) -> QueueRow:
    return QueueRow(
        id=item.id,
        kind=item.kind,
        title=item.title,
        language=item.language,
        themes=list(item.themes),
        warnings=list(item.warnings),
        author=item.author,
        waiting_nl=age_sentence("moderation.item.waiting", "nl", item.queued_at, at),
        waiting_en=age_sentence("moderation.item.waiting", "en", item.queued_at, at),
        findings=[Finding(kind=kind, text=text) for kind, text in item.findings],
        flags=[Flag(word=word, action=action) for word, action in item.flags],
        escalated=item.escalated,
        claimed_by=item.claimed_by,
        claimed_by_me=item.claimed_by_me,
        claimed_by_other=bool(item.claimed_by) and not item.claimed_by_me,
        own=item.own,
    )


def _chart(stats: moderation.QueueStats) -> list[ChartDay]:
    highest = max([1, *(max(submitted, decided) for _, submitted, decided in stats.days)])
    return [
        ChartDay(
            date=day.strftime("%d-%m-%Y"),
            day=str(day.day),
            submitted=submitted,
            decided=decided,
            submitted_height=f"{round(100 * submitted / highest)}%",
            decided_height=f"{round(100 * decided / highest)}%",
        )
        for day, submitted, decided in stats.days
    ]


def _snapshot(session: Session, actor: Account, open_id: int) -> Snapshot:
    at = now()
    items = moderation.list_queue(session, actor, at)
    stats = moderation.queue_stats(session, actor, at)
    recent = moderation.recent_decisions(session, actor, at)
    current = next((item for item in items if item.id == open_id), None)
    oldest = stats.oldest_queued_at
    return Snapshot(
        role=actor.role,
        rows=[_row(item, at) for item in items],
        size=stats.size,
        oldest_nl=age_sentence("moderation.stats.oldest", "nl", oldest, at) if oldest else "",
        oldest_en=age_sentence("moderation.stats.oldest", "en", oldest, at) if oldest else "",
        days=_chart(stats),
        submitted_total=sum(submitted for _, submitted, _ in stats.days),
        decided_total=sum(decided for _, _, decided in stats.days),
        recent=[
            Decision(
                item_id=decision.item_id,
                title=decision.title,
                decision=decision.decision,
                decided_at=local_time(decision.decided_at),
                undo_until=_clock(decision.decided_at + UNDO_WINDOW),
            )
            for decision in recent
        ],
        words=[
            Word(id=word.id, phrase=word.phrase, action=word.action)
            for word in moderation.list_watched_words(session, actor)
        ],
        suspended=moderation.list_suspended(session, actor),
        current=_row(current, at) if current else QueueRow(),
        current_body=current.body if current else "",
        current_body_html=current.body_html if current else "",
    )


def _refusal(error: ServiceError, actor: Account) -> ServiceError:
    """A role refusal from the service, told apart from a session that is not valid.

    A member who opens the moderators' page stays signed in; only a missing or
    expired session signs the tab out (AccountState._fail does that on "not_authorized").
    """
    if not isinstance(error, NotAuthorized) or error.code != "not_authorized":
        return error
    active_staff = actor.role in moderation.STAFF_ROLES and not actor.suspended
    return NotAuthorized(str(error), code="not_allowed" if active_staff else "staff_only")


def as_staff(token: str, work: Callable[[Session, Account], Result]) -> Callable[[Session], Result]:
    """`work(session, actor)` for the account behind `token`, with role refusals renamed."""

    def run(session: Session) -> Result:
        actor = sessions.authenticate(session, token, now())
        try:
            return work(session, actor)
        except ServiceError as error:
            raise _refusal(error, actor) from None

    return run


def _form_value(form: object, name: str) -> object:
    """One field of a submitted form, as sent (the service validates it)."""
    return form.get(name) if isinstance(form, dict) else None


def _plain_id(raw: object) -> int | None:
    """An id the database can look up; anything else becomes None ("no such row")."""
    if isinstance(raw, int) and not isinstance(raw, bool) and 0 < raw < 2**31:
        return raw
    return None


# --- the queue page ----------------------------------------------------------------------


class ModerationState(AccountState):
    """The queue, the item that is open, recent decisions, watched words, suspensions."""

    loaded: bool = False
    allowed: bool = False
    # Where the last message belongs: "page", "item", "recent", "words" or "accounts".
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
        self.current = snapshot.current
        self.current_body = snapshot.current_body
        self.current_body_html = snapshot.current_body_html

    def _refused(self, error: ServiceError, area: str) -> None:
        self.message_area = area
        self._fail(error)
        if error.code in ("staff_only", "not_authorized"):
            self.allowed, self.loaded = False, True
            self.queue, self.recent, self.words, self.suspended = [], [], [], []
            self.current = QueueRow()

    async def _reload(self, area: str = "page") -> None:
        token, open_id = self._token, self.current.id
        try:
            snapshot = await run_service(
                as_staff(token, lambda session, actor: _snapshot(session, actor, open_id))
            )
        except ServiceError as error:
            self._refused(error, area)
            return
        self._show(snapshot)

    async def _act(
        self,
        area: str,
        notice: str,
        action: Callable[[Session, Account], None],
        *,
        close: bool = False,
    ) -> bool:
        """Do `action` as the signed-in account, then read the page again (same unit of work).

        A refusal is told in `area`; success closes the open item when `close` is set
        (it left the queue) and is then told at the top of the page.
        """
        self._start()
        self.message_area = area
        token, open_id = self._token, 0 if close else self.current.id

        def act_and_read(session: Session, actor: Account) -> Snapshot:
            action(session, actor)
            return _snapshot(session, actor, open_id)

        try:
            snapshot = await run_service(as_staff(token, act_and_read))
        except ServiceError as error:
            self._refused(error, area)
            if self.signed_in and error.code != "staff_only":
                await self._reload(area)
                if area == "item" and self.current.id == 0:
                    self.message_area = "page"  # the item is gone: say why where he looks
            return False
        self._show(snapshot)
        self.busy, self.notice = False, notice
        if close:
            self.message_area = "page"
        return True

    # ---- loading ----

    @rx.event
    async def load(self) -> EventSpec | None:
        """On page load: the queue and everything else, for moderators and admins only."""
        self.error, self.notice, self.busy, self.message_area = "", "", False, "page"
        self.loaded = False
        self.current = QueueRow()
        if not self.signed_in:
            return rx.call_script(READ_DEVICE_TOKEN, callback=ModerationState.resume_and_load)
        await self._reload()
        return None

    @rx.event
    async def resume_and_load(self, token: str) -> EventSpec | None:
        if await self._resume(token):
            await self._reload()
            return None
        self.loaded, self.allowed = True, False
        return rx.call_script(flow_call("signOut")) if token else None

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
    def close_item(self) -> EventSpec:
        self.current, self.current_body, self.current_body_html = QueueRow(), "", ""
        self.error, self.notice = "", ""
        return rx.call_script(FOCUS_QUEUE)

    def _then(self, done: bool, *, closed: bool = False) -> EventSpec | None:
        """After an action: back to the queue when the item left it; after a refusal,
        the sentence is brought into view (it is also announced)."""
        if not done:
            return rx.call_script(reveal_status(self.message_area))
        return rx.call_script(FOCUS_QUEUE) if closed else None

    @rx.event
    async def claim(self, item_id: int) -> EventSpec | None:
        at = now()
        done = await self._act(
            "item",
            "claimed",
            lambda session, actor: moderation.claim_item(session, actor, item_id, at),
        )
        return self._then(done)

    @rx.event
    async def release(self, item_id: int) -> EventSpec | None:
        at = now()
        done = await self._act(
            "item",
            "released",
            lambda session, actor: moderation.release_item(session, actor, item_id, at),
        )
        return self._then(done)

    @rx.event
    async def approve(self, item_id: int) -> EventSpec | None:
        at = now()
        done = await self._act(
            "item",
            "approved",
            lambda session, actor: moderation.approve_item(session, actor, item_id, at),
            close=True,
        )
        return self._then(done, closed=True)

    @rx.event
    async def edit_and_approve(self, item_id: int, form: dict[str, Any]) -> EventSpec | None:
        at = now()
        title, body = _form_value(form, "title"), _form_value(form, "body")
        reason = _form_value(form, "reason")
        done = await self._act(
            "item",
            "edited",
            lambda session, actor: moderation.edit_and_approve_item(
                session, actor, item_id, title=title, body=body, reason=reason, now=at
            ),
            close=True,
        )
        return self._then(done, closed=True)

    @rx.event
    async def reject(self, item_id: int, form: dict[str, Any]) -> EventSpec | None:
        at = now()
        template, text = _form_value(form, "template"), _form_value(form, "text")
        done = await self._act(
            "item",
            "rejected",
            lambda session, actor: moderation.reject_item(
                session, actor, item_id, template=template, text=text, now=at
            ),
            close=True,
        )
        return self._then(done, closed=True)

    @rx.event
    async def escalate(self, item_id: int, form: dict[str, Any]) -> EventSpec | None:
        at = now()
        reason = _form_value(form, "reason")
        done = await self._act(
            "item",
            "escalated",
            lambda session, actor: moderation.escalate_item(
                session, actor, item_id, reason=reason, now=at
            ),
        )
        return self._then(done)

    @rx.event
    async def undo(self, item_id: int) -> EventSpec | None:
        at = now()
        done = await self._act(
            "recent",
            "undone",
            lambda session, actor: moderation.undo_decision(session, actor, item_id, at),
        )
        return self._then(done)

    # ---- watched words ----

    @rx.event
    async def add_watched_word(self, form: dict[str, Any]) -> EventSpec | None:
        at = now()
        phrase, action = _form_value(form, "phrase"), _form_value(form, "action")
        done = await self._act(
            "words",
            "word_saved",
            lambda session, actor: moderation.set_watched_word(session, actor, phrase, action, at),
        )
        self.words_round += int(done)
        return self._then(done)

    @rx.event
    async def remove_watched_word(self, word_id: int) -> EventSpec | None:
        at = now()
        # The watched words service looks any int up as is; a too large one would stop
        # the database driver, so it gets None ("no such word") instead.
        plain = _plain_id(word_id)
        done = await self._act(
            "words",
            "word_removed",
            lambda session, actor: moderation.remove_watched_word(session, actor, plain, at),
        )
        return self._then(done)

    # ---- accounts ----

    @rx.event
    async def suspend(self, form: dict[str, Any]) -> EventSpec | None:
        at = now()
        pseudonym, reason = _form_value(form, "pseudonym"), _form_value(form, "reason")
        done = await self._act(
            "accounts",
            "suspended",
            lambda session, actor: moderation.suspend_account(
                session, actor, pseudonym, reason=reason, now=at
            ),
        )
        self.accounts_round += int(done)
        return self._then(done)

    @rx.event
    async def unsuspend(self, form: dict[str, Any]) -> EventSpec | None:
        at = now()
        pseudonym, reason = _form_value(form, "pseudonym"), _form_value(form, "reason")
        done = await self._act(
            "accounts",
            "unsuspended",
            lambda session, actor: moderation.unsuspend_account(
                session, actor, pseudonym, reason=reason, now=at
            ),
        )
        self.accounts_round += int(done)
        return self._then(done)


# --- the audit log page ------------------------------------------------------------------


def _audit_row(entry: audit.AuditRecord) -> AuditRow:
    subject_kind, _, subject = entry.subject.partition(":")
    reason_kind, reason_code, reason = "text", "", entry.reason
    if entry.action == "reject":
        code, _, text = entry.reason.partition(":")
        if code in moderation.REJECT_TEMPLATES:
            reason_kind, reason_code, reason = "template", code, text.strip()
    elif entry.action == "undo" and entry.reason:
        reason_kind, reason_code, reason = "decision", entry.reason, ""
    elif entry.action == "watch_word" and entry.reason:
        reason_kind, reason_code, reason = "word_action", entry.reason, ""
    changes = [
        ChangeLine(before=line.startswith("- "), text=line[2:])
        for line in entry.detail.splitlines()
        if line.startswith(("- ", "+ "))
    ]
    return AuditRow(
        id=entry.id,
        at=local_time(entry.at),
        actor=entry.actor,
        action=entry.action,
        subject_kind=subject_kind if subject else "",
        subject=subject or subject_kind,
        reason_kind=reason_kind,
        reason_code=reason_code,
        reason=reason,
        changes=changes,
    )


class AuditLogState(AccountState):
    """The audit log for admins, newest first, paged back. Nothing here changes it."""

    loaded: bool = False
    allowed: bool = False
    entries: list[AuditRow] = []
    has_older: bool = False

    async def _read(self, before_id: int | None) -> list[AuditRow] | None:
        token = self._token

        def read(session: Session, actor: Account) -> list[AuditRow]:
            return [_audit_row(entry) for entry in audit.list_entries(session, actor, before_id)]

        try:
            rows = await run_service(as_staff(token, read))
        except ServiceError as error:
            self._fail(error)
            self.loaded, self.allowed, self.entries, self.has_older = True, False, [], False
            return None
        self.loaded, self.allowed, self.busy = True, True, False
        self.has_older = len(rows) == audit.PAGE_SIZE
        return rows

    @rx.event
    async def load(self) -> EventSpec | None:
        self.error, self.notice, self.busy, self.loaded = "", "", False, False
        self.entries, self.has_older = [], False
        if not self.signed_in:
            return rx.call_script(READ_DEVICE_TOKEN, callback=AuditLogState.resume_and_load)
        rows = await self._read(None)
        if rows is not None:
            self.entries = rows
        return None

    @rx.event
    async def resume_and_load(self, token: str) -> EventSpec | None:
        if await self._resume(token):
            rows = await self._read(None)
            if rows is not None:
                self.entries = rows
            return None
        self.loaded, self.allowed = True, False
        return rx.call_script(flow_call("signOut")) if token else None

    @rx.event
    async def older(self) -> None:
        """The next page back, before the oldest entry shown."""
        self._start()
        rows = await self._read(self.entries[-1].id if self.entries else None)
        if rows is not None:
            self.entries = [*self.entries, *rows]

"""The audit log page for admins (/moderatie/logboek): its rows and its state. Read only,
through the door (peersupport/usecases/moderation.py); the audit service decides who may
read it."""

from __future__ import annotations

from dataclasses import dataclass, field

import reflex as rx
from reflex.event import EventSpec

from peersupport.services import audit, moderation
from peersupport.services.errors import ServiceError
from peersupport.state.account import AccountState
from peersupport.state.moderation_extras import local_time
from peersupport.state.staff_page import StaffPageState
from peersupport.usecases import door
from peersupport.usecases import moderation as cases


@dataclass
class ChangeLine:
    before: bool = False
    text: str = ""


@dataclass
class AuditRow:
    id: int = 0
    at: str = ""
    actor: str = ""
    # The account was deleted: the page says so instead of a pseudonym.
    actor_deleted: bool = False
    action: str = ""
    subject_kind: str = ""
    subject: str = ""
    subject_deleted: bool = False
    # How to read `reason`: "text", "template" (reject: code + text), "decision"
    # (undo: the decision undone) or "word_action" (a watched word's action).
    reason_kind: str = "text"
    reason_code: str = ""
    reason: str = ""
    changes: list[ChangeLine] = field(default_factory=list)


def _audit_row(entry: audit.AuditRecord) -> AuditRow:
    subject_kind, _, subject = entry.subject.partition(":")
    subject_deleted = entry.subject == audit.ACCOUNT_SUBJECT + audit.DELETED_ACCOUNT
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
        actor_deleted=entry.actor == audit.DELETED_ACCOUNT,
        action=entry.action,
        subject_kind=subject_kind if subject else "",
        subject="" if subject_deleted else subject or subject_kind,
        subject_deleted=subject_deleted,
        reason_kind=reason_kind,
        reason_code=reason_code,
        reason=reason,
        changes=changes,
    )


class AuditLogState(StaffPageState, AccountState):
    """The audit log for admins, newest first, paged back. Nothing here changes it."""

    entries: list[AuditRow] = []
    has_older: bool = False

    async def _read(self, before_id: int | None) -> list[AuditRow] | None:
        try:
            entries = await door.call(cases.audit_entries, self._token, before_id)
        except ServiceError as error:
            self._fail(error)
            self.loaded, self.allowed, self.entries, self.has_older = True, False, [], False
            return None
        self.loaded, self.allowed, self.busy = True, True, False
        self.has_older = len(entries) == audit.PAGE_SIZE
        return [_audit_row(entry) for entry in entries]

    async def _reload(self) -> None:
        rows = await self._read(None)
        if rows is not None:
            self.entries = rows

    @rx.event
    async def load(self) -> EventSpec | None:
        self.entries, self.has_older = [], False
        return await self._open()

    @rx.event
    async def older(self) -> None:
        """The next page back, before the oldest entry shown."""
        self._start()
        rows = await self._read(self.entries[-1].id if self.entries else None)
        if rows is not None:
            self.entries = [*self.entries, *rows]

"""The notes page: the server keeps and hands out only ciphertext; the browser decrypts,
shows, searches and encrypts. This state only moves envelopes between the two: the list
once when the page opens (or is unlocked), one note's envelope when he saves it.

A note's time is put into words here, with Babel's formats (components/local_time.py),
in his language and in the time zone his browser reports when the page opens."""

from __future__ import annotations

from typing import Any

import reflex as rx
from reflex.event import EventSpec

from peersupport.components import local_time
from peersupport.components.flows import flow_call
from peersupport.services.errors import NotAuthorized, ServiceError
from peersupport.services.notes import NoteRecord
from peersupport.services.notes_protocol import normalize_pseudonym
from peersupport.state.account import READ_DEVICE_TOKEN, AccountState, as_result
from peersupport.state.language import LanguageState
from peersupport.usecases import door
from peersupport.usecases import notes as cases

# What the browser tells the page when it opens: the device token (for a tab that is
# not signed in yet), its time zone, and whose data key it holds in memory.
OPEN_CONTEXT = "psf().notesContext({token})"
MAX_HOLDER_CHARS = 200


def _holds_key_of(holder: object, pseudonym: str) -> bool:
    """Whether the browser's data key is this account's (pseudonyms compare as the
    protocol normalizes them, as typed at login)."""
    if not isinstance(holder, str) or not holder or len(holder) > MAX_HOLDER_CHARS:
        return False
    return normalize_pseudonym(holder) == normalize_pseudonym(pseudonym)


class NotesState(AccountState):
    """Whether the notes are unlocked in this tab, how many there are, and the editor."""

    locked: bool = False
    loaded: bool = False
    # How many notes the server listed when the page opened (or was unlocked).
    note_count: int = 0
    # The IANA zone his browser reported (checked again each time it is used).
    _zone: str = ""

    async def _when(self, record: NoteRecord) -> str:
        language = (await self.get_state(LanguageState)).lang
        zone = local_time.zone_named(self._zone)
        return local_time.date_time(record.updated_at, language, zone)

    async def _records(self) -> list[dict[str, str]] | None:
        try:
            records = await door.call(cases.list_notes, self._token)
        except ServiceError as error:
            self._fail(error)
            return None
        self.note_count = len(records)
        return [
            {"id": record.id, "envelope": record.envelope, "updated": await self._when(record)}
            for record in records
        ]

    async def _render(self) -> EventSpec | None:
        """The ciphertext list to the browser, which answers whether it could open it."""
        records = await self._records()
        if records is None:
            return None
        return rx.call_script(
            flow_call("renderNotes", records, self.pseudonym), callback=NotesState.rendered
        )

    @rx.event
    def load(self) -> EventSpec:
        """On page load: ask the browser for its time zone (and a tab that is not signed
        in yet for the device's token) and whose key it holds."""
        self.loaded, self.error, self.notice = False, "", ""
        token = "null" if self.signed_in else READ_DEVICE_TOKEN
        return rx.call_script(OPEN_CONTEXT.format(token=token), callback=NotesState.open_list)

    @rx.event
    async def open_list(self, context: dict[str, Any]) -> EventSpec | None:
        """Fetch the envelopes once; the browser decrypts them, or asks for the
        passphrase when it holds no key of his."""
        answer = as_result(context)
        self._zone = local_time.zone_name(answer.get("zone"))
        if not self.signed_in:
            token = answer.get("token")
            if not await self._resume(token):
                self.loaded = True
                return rx.call_script(flow_call("signOut")) if token else None
        if not _holds_key_of(answer.get("holder"), self.pseudonym):
            self.locked, self.loaded = True, True
            return None
        records = await self._records()
        if records is None:
            return None
        # The key in this tab is his: the browser shows the list without answering.
        self.locked, self.loaded, self.busy = False, True, False
        return rx.call_script(flow_call("renderNotes", records, self.pseudonym))

    @rx.event
    def rendered(self, result: dict[str, Any]) -> None:
        answer = as_result(result)
        self.busy = False
        self.locked = answer.get("code") == "locked"
        self.loaded = bool(answer.get("ok")) or self.locked
        if not answer.get("ok") and not self.locked:
            self.error = str(answer.get("code", "unexpected"))

    @rx.event
    async def start_unlock(self) -> EventSpec | None:
        return await self._ask_to_unlock(NotesState.unlocked)

    @rx.event
    async def unlocked(self, result: dict[str, Any]) -> EventSpec | None:
        answer = as_result(result)
        if not answer.get("ok"):
            self._fail(str(answer.get("code", "unexpected")))
            return None
        self.locked = False
        return await self._render()

    @rx.event
    async def save(self, result: dict[str, Any]) -> EventSpec | None:
        """The one event of a save: the browser sealed the note in the editor and sends
        its id and envelope; the answer tells it the note's new time, and the browser
        updates its own list (no other note goes either way)."""
        self._start("editor")
        answer = as_result(result)
        if not answer.get("ok"):
            self._fail(str(answer.get("code", "unexpected")))
            return None
        try:
            record = await door.call(
                cases.save_note, self._token, answer.get("id"), answer.get("envelope")
            )
        except ServiceError as error:
            self._fail(error)
            return None
        self.busy, self.notice = False, "note_saved"
        return rx.call_script(flow_call("noteSaved", record.id, await self._when(record)))

    @rx.event
    def start_delete_note(self) -> EventSpec:
        self._start("editor")
        return rx.call_script(flow_call("currentNoteId"), callback=NotesState.delete_note)

    @rx.event
    async def delete_note(self, result: dict[str, Any]) -> list[EventSpec] | None:
        answer = as_result(result)
        if not answer.get("ok"):
            self.busy, self.place = False, ""
            return [rx.call_script(flow_call("closeEditor"))]
        try:
            await door.call(cases.delete_note, self._token, answer.get("id"))
        except NotAuthorized:
            # Gone already (deleted in another tab) or never his: the same answer, and
            # the list is shown again as the server has it.
            self.busy, self.error, self.place = False, "note_gone", ""
            rendered = await self._render()
            return [rx.call_script(flow_call("closeEditor")), *([rendered] if rendered else [])]
        except ServiceError as error:
            self._fail(error)
            return None
        # The editor closes: the confirmation shows above the list, which the browser
        # updates from what it holds.
        self.busy, self.place, self.notice = False, "", "note_deleted"
        self.note_count = max(0, self.note_count - 1)
        return [
            rx.call_script(flow_call("closeEditor")),
            rx.call_script(flow_call("noteDeleted", answer.get("id"))),
        ]

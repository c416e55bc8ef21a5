"""The notes page: the server keeps and hands out only ciphertext; the browser decrypts,
shows, searches and encrypts. This state only moves envelopes between the two."""

from __future__ import annotations

from typing import Any

import reflex as rx
from reflex.event import EventSpec

from peersupport.components.flows import flow_call
from peersupport.services import accounts, notes, sessions
from peersupport.services.errors import NotAuthorized, ServiceError
from peersupport.settings import load_settings, server_secret
from peersupport.state.account import (
    READ_DEVICE_TOKEN,
    AccountState,
    as_result,
    now,
    run_service,
)


def _records(session: Any, token: str) -> list[dict[str, str]]:
    account = sessions.authenticate(session, token, now())
    return [
        {
            "id": record.id,
            "envelope": record.envelope,
            "updated": record.updated_at.strftime("%d-%m-%Y %H:%M"),
        }
        for record in notes.list_notes(session, account)
    ]


async def unlock_script(token: str) -> str:
    """The browser flow that opens the data key with the passphrase typed in this page:
    the session's account, its (or a stable fake) KDF parameters and its wrapped key."""
    secret = server_secret(load_settings())

    def keys(session: Any) -> tuple[str, dict[str, Any], str]:
        account = sessions.authenticate(session, token, now())
        params = accounts.kdf_params_for_login(session, account.pseudonym, secret)
        return account.pseudonym, params, account.wrapped_dk

    pseudonym, params, wrapped_dk = await run_service(keys)
    return flow_call("unlock", pseudonym, params, wrapped_dk)


class NotesState(AccountState):
    """Whether the notes are unlocked in this tab, how many there are, and the editor."""

    locked: bool = False
    loaded: bool = False
    note_count: int = 0

    async def _render(self) -> EventSpec | None:
        token = self._token
        try:
            records = await run_service(lambda session: _records(session, token))
        except ServiceError as error:
            self._fail(error)
            return None
        self.note_count = len(records)
        return rx.call_script(
            flow_call("renderNotes", records, self.pseudonym), callback=NotesState.rendered
        )

    @rx.event
    async def load(self) -> EventSpec | None:
        """On page load: fetch the envelopes and let the browser decrypt them."""
        self.loaded, self.error, self.notice = False, "", ""
        if not self.signed_in:
            return rx.call_script(READ_DEVICE_TOKEN, callback=NotesState.resume_and_load)
        return await self._render()

    @rx.event
    async def resume_and_load(self, token: str) -> EventSpec | None:
        if await self._resume(token):
            return await self._render()
        self.loaded = True
        return rx.call_script(flow_call("signOut")) if token else None

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
        self._start()
        try:
            script = await unlock_script(self._token)
        except ServiceError as error:
            self._fail(error)
            return None
        return rx.call_script(script, callback=NotesState.unlocked)

    @rx.event
    async def unlocked(self, result: dict[str, Any]) -> EventSpec | None:
        answer = as_result(result)
        if not answer.get("ok"):
            self._fail(str(answer.get("code", "unexpected")))
            return None
        self.locked = False
        return await self._render()

    @rx.event
    def start_save(self) -> EventSpec:
        self._start("editor")
        return rx.call_script(
            flow_call("sealCurrentNote", self.pseudonym), callback=NotesState.save
        )

    @rx.event
    async def save(self, result: dict[str, Any]) -> EventSpec | None:
        answer = as_result(result)
        if not answer.get("ok"):
            self._fail(str(answer.get("code", "unexpected")))
            return None
        token, note_id, envelope = self._token, answer.get("id"), answer.get("envelope")

        def store(session: Any) -> None:
            account = sessions.authenticate(session, token, now())
            notes.save_note(session, account, note_id, envelope, now())

        try:
            await run_service(store)
        except ServiceError as error:
            self._fail(error)
            return None
        self.notice = "note_saved"
        return await self._render()

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
        token, note_id = self._token, answer.get("id")

        def remove(session: Any) -> None:
            account = sessions.authenticate(session, token, now())
            notes.delete_note(session, account, note_id)

        try:
            await run_service(remove)
        except NotAuthorized:
            # Gone already (deleted in another tab) or never his: the same answer, and
            # the list is shown again as the server has it.
            self.busy, self.error, self.place = False, "note_gone", ""
            rendered = await self._render()
            return [rx.call_script(flow_call("closeEditor")), *([rendered] if rendered else [])]
        except ServiceError as error:
            self._fail(error)
            return None
        # The editor closes: the confirmation shows above the list.
        self.place, self.notice = "", "note_deleted"
        rendered = await self._render()
        return [rx.call_script(flow_call("closeEditor")), *([rendered] if rendered else [])]

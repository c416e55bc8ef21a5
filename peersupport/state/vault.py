"""The evidence vault's state: it starts the browser's vault flows with this tab's
session token (for the file routes' header) and keeps the note that lists a new file.

The files themselves never pass through here: the browser sends the sealed blobs to the
HTTP routes of peersupport/http/vault.py. What comes back through these handlers is
hostile like any event argument; the services check it.
"""

from __future__ import annotations

import contextlib
from typing import Any

import reflex as rx
from reflex.event import EventSpec

from peersupport.components.vault_calls import vault_call
from peersupport.services import note_files, notes, sessions
from peersupport.services.errors import ServiceError
from peersupport.state.account import AccountState, as_result, now, run_service


class VaultState(AccountState):
    """Whether a vault flow (adding, showing, exporting) is running in this tab."""

    vault_busy: bool = False

    def _flow(self, name: str, *arguments: object, callback: Any = None) -> EventSpec | None:
        if not self.signed_in or not self._token:
            return None
        self.vault_busy = callback is not None
        return rx.call_script(vault_call(name, self._token, *arguments), callback=callback)

    @rx.event
    def start_pick(self) -> EventSpec | None:
        """The limits, then the warning, before every file."""
        return self._flow("pick")

    @rx.event
    def start_add(self) -> EventSpec | None:
        return self._flow("add", self.pseudonym, callback=VaultState.added)

    @rx.event
    async def added(self, result: dict[str, Any]) -> EventSpec | None:
        """The blob is stored; keep the note that lists it, or take the blob back."""
        answer = as_result(result)
        self.vault_busy = False
        if not answer.get("ok"):
            return None
        token = self._token
        note_id, envelope, file_id = answer.get("id"), answer.get("envelope"), answer.get("file_id")

        def keep(session: Any) -> None:
            account = sessions.authenticate(session, token, now())
            notes.save_note(session, account, note_id, envelope, now())

        def take_back(session: Any) -> None:
            account = sessions.authenticate(session, token, now())
            note_files.delete_file(session, account, file_id)

        try:
            await run_service(keep)
        except ServiceError:
            # Not his, or gone already: either way nothing of his is left behind.
            with contextlib.suppress(ServiceError):
                await run_service(take_back)
            return rx.call_script(vault_call("committed", False, note_id, file_id))
        return rx.call_script(vault_call("committed", True, note_id, file_id))

    @rx.event
    def start_view(self) -> EventSpec | None:
        return self._flow("view", callback=VaultState.finished)

    @rx.event
    def start_export(self) -> EventSpec | None:
        return self._flow("exportZip", self.pseudonym, callback=VaultState.finished)

    @rx.event
    def finished(self, _result: dict[str, Any]) -> None:
        """The browser has shown what happened, in its own words."""
        self.vault_busy = False

"""The evidence vault's state: it starts the browser's vault flows with this tab's
session token (for the file routes' header) and keeps the note that lists a new file.

The files themselves never pass through here: the browser sends the sealed blobs to the
HTTP routes of peersupport/http/vault.py. What comes back through these handlers is
hostile like any event argument; the services check it.
"""

from __future__ import annotations

from typing import Any

import reflex as rx
from reflex.event import EventSpec

from peersupport.components.vault_calls import vault_call
from peersupport.services.errors import ServiceError
from peersupport.state.account import AccountState, as_result
from peersupport.usecases import door
from peersupport.usecases import vault as cases


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
        note_id, file_id = answer.get("id"), answer.get("file_id")
        try:
            kept = await door.call(
                cases.keep_file_note, self._token, note_id, answer.get("envelope"), file_id
            )
        except ServiceError:
            kept = False
        return rx.call_script(vault_call("committed", kept, note_id, file_id))

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

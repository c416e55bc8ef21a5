"""Saving a checklist result into the member's encrypted notes.

The answers never come here: the checklist runs in the page (assets/checklist.js). This
state only asks the page to seal the result text as a note (in the browser, with the
data key in page memory) and stores the sealed envelope, exactly as the notes page does.
"""

from __future__ import annotations

from typing import Any

import reflex as rx
from reflex.event import EventSpec

from peersupport.components.flows import flow_call
from peersupport.services.errors import ServiceError
from peersupport.state.account import READ_DEVICE_TOKEN, AccountState, as_result, flow_code
from peersupport.usecases import checklists as cases
from peersupport.usecases import door

CHECKLIST_NOTE = "window.psChecklistNote()"
# "Mijn verhaal in het kort" (peersupport/pages/summary.py, assets/summary.js).
SUMMARY_NOTE = "window.psSummaryNote()"


def seal_result_script(pseudonym: str, note: str = CHECKLIST_NOTE) -> str:
    """Seal what the page offers as a note: `note` is a call of the page's own script
    that gives {title, body} (psChecklistNote() in assets/checklist.js)."""
    call = flow_call("sealNewNote", pseudonym)  # psf().sealNewNote("<pseudonym>")
    return call.removesuffix(")") + f", {note})"


class ChecklistState(AccountState):
    """Also serves the summary page, whose script offers its own note (`load_summary`)."""

    # True when the data key is not in this page's memory: he unlocks here first.
    locked: bool = False
    saved: bool = False
    # The page script's call that gives the note to seal; set by the page's on_load.
    _note_call: str = CHECKLIST_NOTE

    @rx.event
    def load(self) -> EventSpec:
        return self._open_page(CHECKLIST_NOTE)

    @rx.event
    def load_summary(self) -> EventSpec:
        return self._open_page(SUMMARY_NOTE)

    def _open_page(self, note_call: str) -> EventSpec:
        self._note_call = note_call
        self.error, self.notice, self.busy = "", "", False
        self.locked, self.saved = False, False
        if self.signed_in:
            return rx.call_script("null")
        return rx.call_script(READ_DEVICE_TOKEN, callback=ChecklistState.resume_quietly)

    @rx.event
    async def resume_quietly(self, token: str) -> None:
        await self._resume(token)

    @rx.event
    def start_save(self) -> EventSpec | None:
        return self._seal()

    def _seal(self) -> EventSpec | None:
        self.error, self.notice, self.saved = "", "", False
        if not self.signed_in:
            self.error = "sign_in_first"
            return None
        self.busy = True
        return rx.call_script(
            seal_result_script(self.pseudonym, self._note_call), callback=ChecklistState.store
        )

    @rx.event
    async def store(self, result: dict[str, Any]) -> None:
        answer = as_result(result)
        if not answer.get("ok"):
            code = flow_code(answer)
            self.locked = code == "locked"
            self._fail("" if self.locked else code)
            return
        try:
            await door.call(cases.keep_note, self._token, answer.get("id"), answer.get("envelope"))
        except ServiceError as error:
            self._fail(error)
            return
        self.busy, self.locked, self.saved, self.notice = False, False, True, "result_saved"

    @rx.event
    async def start_unlock(self) -> EventSpec | None:
        """Open the data key with his passphrase (in the browser), then save."""
        return await self._ask_to_unlock(ChecklistState.unlocked)

    @rx.event
    def unlocked(self, result: dict[str, Any]) -> EventSpec | None:
        answer = as_result(result)
        if not answer.get("ok"):
            self._fail(flow_code(answer))
            return None
        self.locked = False
        return self._seal()

"""Use case of the checklist and summary pages: keeping the result, sealed in the
browser, as one of the member's own notes (the notes service holds every rule)."""

from __future__ import annotations

from peersupport.services import notes
from peersupport.usecases.door import MEMBERS, Call, use_case


@use_case(MEMBERS)
def keep_note(call: Call, note_id: object, envelope: object) -> None:
    """Store the sealed result as the member's note `note_id`."""
    notes.save_note(call.session, call.member, note_id, envelope, call.now)

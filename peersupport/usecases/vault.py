"""Use cases of the evidence vault: a member's sealed file blobs (list, store, read,
delete) and keeping the note that lists a new file (members only; the services check
that every note and file is the caller's own)."""

from __future__ import annotations

from dataclasses import dataclass

from peersupport.services import note_files, notes
from peersupport.services.errors import ServiceError
from peersupport.services.note_files import FileRecord, Usage
from peersupport.usecases.door import MEMBERS, Call, use_case


@dataclass(frozen=True)
class Listing:
    """The caller's files and how much of his room they take."""

    files: list[FileRecord]
    usage: Usage


@use_case(MEMBERS)
def list_files(call: Call) -> Listing:
    """The caller's own files, with his usage and limits."""
    limits = call.settings.vault_limits
    usage = note_files.usage(call.session, call.member, limits)
    return Listing(note_files.list_files(call.session, call.member), usage)


@use_case(MEMBERS)
def store_file(call: Call, note_id: object, file_id: object, blob: object) -> FileRecord:
    """Store a sealed blob beside one of the caller's notes."""
    limits = call.settings.vault_limits
    return note_files.store_file(
        call.session, call.member, note_id, file_id, blob, call.now, limits
    )


@use_case(MEMBERS)
def read_file(call: Call, file_id: object) -> bytes:
    """One of the caller's sealed blobs."""
    return note_files.read_file(call.session, call.member, file_id)


@use_case(MEMBERS)
def delete_file(call: Call, file_id: object) -> None:
    """Delete one of the caller's blobs."""
    note_files.delete_file(call.session, call.member, file_id)


@use_case(MEMBERS)
def keep_file_note(call: Call, note_id: object, envelope: object, file_id: object) -> bool:
    """Keep the note that now lists file `file_id`; when the note cannot be kept (not
    his, gone, malformed), take the blob back so nothing of his is left behind.
    True when the note was kept."""
    try:
        with call.session.begin_nested():
            notes.save_note(call.session, call.member, note_id, envelope, call.now)
    except ServiceError:
        try:
            with call.session.begin_nested():
                note_files.delete_file(call.session, call.member, file_id)
        except ServiceError:
            pass
        return False
    return True

"""Private notes: a member lists, saves and deletes his own encrypted notes, never another's.

The server only ever holds envelopes sealed in the browser under the member's data key
(design: "Notes protocol"); it checks their form and size, never their content. The
note id is chosen by the browser and bound into the envelope's AAD, so the server can
neither move a note to another id nor read it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from peersupport.models import Account, Note, NoteFile
from peersupport.services.errors import InvalidInput, NotAuthorized
from peersupport.services.notes_protocol import ProtocolError, note_aad, parse_envelope

MAX_NOTES_PER_ACCOUNT = 2000
MAX_ENVELOPE_CHARS = 256 * 1024


@dataclass(frozen=True)
class NoteRecord:
    """A note as the browser receives it: id, envelope, and the minute it last changed."""

    id: str
    envelope: str
    updated_at: datetime


def list_notes(session: Session, account: Account) -> list[NoteRecord]:
    """The account's own notes, most recently changed first."""
    notes = session.scalars(
        select(Note).where(Note.account_id == account.id).order_by(Note.updated_at.desc(), Note.id)
    )
    return [_record(note) for note in notes]


def save_note(
    session: Session, account: Account, note_id: object, envelope: object, now: datetime
) -> NoteRecord:
    """Create the note, or replace the envelope of the account's own note with this id.

    Raises:
        InvalidInput: "invalid_note_id", "invalid_envelope", "note_too_large",
            "too_many_notes".
        NotAuthorized: the id belongs to another account's note (nothing changes).
    """
    checked_id = _note_id(note_id)
    checked_envelope = _envelope(envelope)
    updated_at = now.replace(second=0, microsecond=0)
    note = session.get(Note, checked_id)
    if note is None:
        if _note_count(session, account) >= MAX_NOTES_PER_ACCOUNT:
            raise InvalidInput("too_many_notes", f"at most {MAX_NOTES_PER_ACCOUNT} notes")
        note = Note(
            id=checked_id, account_id=account.id, envelope=checked_envelope, updated_at=updated_at
        )
        session.add(note)
    elif note.account_id != account.id:
        raise NotAuthorized(f"note {checked_id} is not account {account.id}'s")
    else:
        note.envelope = checked_envelope
        note.updated_at = updated_at
    session.flush()
    return _record(note)


def delete_note(session: Session, account: Account, note_id: object) -> None:
    """Delete one of the account's own notes, and the files it holds.

    Raises:
        InvalidInput: "invalid_note_id".
        NotAuthorized: no note of this account has the id (another's or none at all:
            the answer does not tell which).
    """
    checked_id = _note_id(note_id)
    # Its files first: explicit, not left to the database's foreign keys alone.
    session.execute(
        delete(NoteFile).where(NoteFile.note_id == checked_id, NoteFile.account_id == account.id)
    )
    delete_own(session, Note, checked_id, account)


def _note_count(session: Session, account: Account) -> int:
    count = session.scalar(
        select(func.count()).select_from(Note).where(Note.account_id == account.id)
    )
    return int(count or 0)


def delete_own(
    session: Session, table: type[Note] | type[NoteFile], row_id: str, account: Account
) -> None:
    """Delete `account`'s note or file `row_id`; NotAuthorized when he has none with that
    id (someone else's is not his to delete, and he learns no more than that)."""
    deleted = session.execute(
        delete(table).where(table.id == row_id, table.account_id == account.id)
    )
    if deleted.rowcount != 1:  # type: ignore[attr-defined]
        raise NotAuthorized(f"account {account.id} has no {table.__tablename__} row {row_id}")


def protocol_checked(raw: object, parse: Callable[[str], object], code: str, rule: str) -> str:
    """`raw` as it came when it is a string the protocol's `parse` accepts; otherwise
    InvalidInput `code` (`rule` says what was expected)."""
    try:
        if isinstance(raw, str):
            parse(raw)
            return raw
    except ProtocolError:
        pass
    raise InvalidInput(code, rule)


def uuid_id(raw: object, code: str) -> str:
    """A canonical lower-case UUID: the same rule the protocol applies to AADs."""
    return protocol_checked(raw, note_aad, code, "an id is a lower-case UUID")


def _note_id(raw: object) -> str:
    return uuid_id(raw, "invalid_note_id")


def _envelope(raw: object) -> str:
    if isinstance(raw, str) and len(raw) > MAX_ENVELOPE_CHARS:
        raise InvalidInput(
            "note_too_large", f"a note envelope has at most {MAX_ENVELOPE_CHARS} characters"
        )
    return protocol_checked(raw, parse_envelope, "invalid_envelope", "not a v1 envelope")


def _record(note: Note) -> NoteRecord:
    return NoteRecord(id=note.id, envelope=note.envelope, updated_at=note.updated_at)

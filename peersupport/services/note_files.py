"""The evidence vault: a member keeps, reads and deletes encrypted files of his own notes.

The browser seals each file under its own key (design: "Notes protocol v1: files"); the
server keeps the blob and its size and never sees the key, which lives only inside the
note's own envelope. A blob belongs to one of the member's own notes: no note, no blob.
The account's limit holds under concurrent uploads: every upload first takes the
account's row lock (an UPDATE that changes nothing), so two uploads of one account are
counted one after the other on PostgreSQL and SQLite alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from peersupport.models import Account, Note, NoteFile
from peersupport.services.errors import InvalidInput, NotAuthorized
from peersupport.services.notes import delete_own, uuid_id
from peersupport.settings import VaultLimits

BLOB_VERSION = 0x01
NONCE_BYTES = 12
TAG_BYTES = 16
# 0x01 || nonce(12) || ciphertext || tag(16): what a file of n bytes takes when stored.
BLOB_OVERHEAD = 1 + NONCE_BYTES + TAG_BYTES
MAX_FILES_PER_NOTE = 50


@dataclass(frozen=True)
class FileRecord:
    """What the member's browser may learn of one of his blobs: id, note and size."""

    id: str
    note_id: str
    size: int


@dataclass(frozen=True)
class Usage:
    """Bytes the account keeps and may keep, for the page to say before an upload."""

    used: int
    limit: int
    file_limit: int


def blob_limit(limits: VaultLimits) -> int:
    """The largest blob: a file at the per-file limit, sealed."""
    return limits.file_bytes + BLOB_OVERHEAD


def usage(session: Session, account: Account, limits: VaultLimits) -> Usage:
    return Usage(_used(session, account), limits.account_bytes, limits.file_bytes)


def list_files(session: Session, account: Account) -> list[FileRecord]:
    """The account's own blobs (never their bytes), by note then id."""
    rows = session.execute(
        select(NoteFile.id, NoteFile.note_id, NoteFile.size)
        .where(NoteFile.account_id == account.id)
        .order_by(NoteFile.note_id, NoteFile.id)
    )
    return [FileRecord(id=row.id, note_id=row.note_id, size=row.size) for row in rows]


def store_file(
    session: Session,
    account: Account,
    note_id: object,
    file_id: object,
    blob: object,
    now: datetime,
    limits: VaultLimits,
) -> FileRecord:
    """Keep a new blob for one of the account's own notes. A blob is never replaced.

    Raises:
        InvalidInput: "invalid_file_id", "invalid_note_id", "invalid_blob",
            "file_too_large", "vault_full", "too_many_files", "file_exists".
        NotAuthorized: the note is not the account's (another's, or none at all), or the
            id is another account's file. Nothing is stored.
    """
    checked_file = uuid_id(file_id, "invalid_file_id")
    checked_note = uuid_id(note_id, "invalid_note_id")
    checked_blob = _blob(blob, limits)
    # The row lock first: every other upload of this account waits here until we commit.
    session.execute(update(Account).where(Account.id == account.id).values(id=Account.id))
    owner = session.scalar(select(Note.account_id).where(Note.id == checked_note))
    if owner != account.id:
        raise NotAuthorized(f"account {account.id} has no note {checked_note}")
    existing = session.scalar(select(NoteFile.account_id).where(NoteFile.id == checked_file))
    if existing is not None:
        if existing != account.id:
            raise NotAuthorized(f"file {checked_file} is not account {account.id}'s")
        raise InvalidInput("file_exists", "a stored file is never replaced")
    if _used(session, account) + len(checked_blob) > limits.account_bytes:
        raise InvalidInput("vault_full", f"at most {limits.account_bytes} bytes an account")
    count = session.scalar(
        select(func.count()).select_from(NoteFile).where(NoteFile.note_id == checked_note)
    )
    if int(count or 0) >= MAX_FILES_PER_NOTE:
        raise InvalidInput("too_many_files", f"at most {MAX_FILES_PER_NOTE} files a note")
    row = NoteFile(
        id=checked_file,
        account_id=account.id,
        note_id=checked_note,
        size=len(checked_blob),
        created_at=now.replace(minute=0, second=0, microsecond=0),
        blob=checked_blob,
    )
    session.add(row)
    session.flush()
    return FileRecord(id=row.id, note_id=row.note_id, size=row.size)


def read_file(session: Session, account: Account, file_id: object) -> bytes:
    """The blob of one of the account's own files.

    Raises:
        InvalidInput: "invalid_file_id".
        NotAuthorized: no file of this account has the id (another's or none: the
            answer does not tell which).
    """
    checked = uuid_id(file_id, "invalid_file_id")
    blob = session.scalar(
        select(NoteFile.blob).where(NoteFile.id == checked, NoteFile.account_id == account.id)
    )
    if blob is None:
        raise NotAuthorized(f"account {account.id} has no file {checked}")
    return bytes(blob)


def delete_file(session: Session, account: Account, file_id: object) -> None:
    """Delete one of the account's own files.

    Raises:
        InvalidInput: "invalid_file_id".
        NotAuthorized: no file of this account has the id.
    """
    checked = uuid_id(file_id, "invalid_file_id")
    delete_own(session, NoteFile, checked, account)


def _used(session: Session, account: Account) -> int:
    total = session.scalar(
        select(func.coalesce(func.sum(NoteFile.size), 0)).where(NoteFile.account_id == account.id)
    )
    return int(total or 0)


def _blob(raw: object, limits: VaultLimits) -> bytes:
    if not isinstance(raw, bytes | bytearray):
        raise InvalidInput("invalid_blob", "a blob is bytes")
    if len(raw) > blob_limit(limits):
        raise InvalidInput("file_too_large", f"at most {limits.file_bytes} bytes a file")
    if len(raw) < BLOB_OVERHEAD or raw[0] != BLOB_VERSION:
        raise InvalidInput("invalid_blob", "not a v1 file blob")
    return bytes(raw)

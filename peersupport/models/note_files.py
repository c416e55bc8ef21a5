"""Files in the evidence vault: ciphertext blobs sealed in the browser, one note each."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from peersupport.models import Base
from peersupport.models.accounts import Account
from peersupport.models.notes import Note
from peersupport.models.types import UtcDateTime


class NoteFile(Base):
    """One encrypted file: `0x01 || nonce || AES-GCM ciphertext and tag`, never plaintext.

    Kept in the database beside the notes, so a database dump carries the files and a
    deleted note or account takes its files with it in the same unit of work.
    """

    __tablename__ = "note_files"

    # The random UUID the browser chose and bound into the blob's AAD.
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey(Account.id, ondelete="CASCADE"), index=True)
    note_id: Mapped[str] = mapped_column(ForeignKey(Note.id, ondelete="CASCADE"), index=True)
    # Bytes of the blob as stored: what counts against the account's limit.
    size: Mapped[int] = mapped_column(Integer)
    # Rounded down to the hour: the browser keeps the exact time inside the note.
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    blob: Mapped[bytes] = mapped_column(LargeBinary)

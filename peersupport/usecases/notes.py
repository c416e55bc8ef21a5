"""Use cases of a member's private notes: the ciphertext list, the key material to
unlock it in the browser, saving and deleting one note (members only; the notes
service holds every rule, and only ever sees envelopes)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from peersupport.services import accounts, notes
from peersupport.services.notes import NoteRecord
from peersupport.settings import server_secret
from peersupport.usecases.door import MEMBERS, Call, use_case


@dataclass(frozen=True)
class UnlockKeys:
    """What the browser needs to open the data key with the passphrase typed there:
    the account's pseudonym, its (or a stable fake) KDF parameters and its wrapped key."""

    pseudonym: str
    params: dict[str, Any]
    wrapped_dk: str


@use_case(MEMBERS)
def list_notes(call: Call) -> list[NoteRecord]:
    """The caller's own notes, most recently changed first."""
    return notes.list_notes(call.session, call.member)


@use_case(MEMBERS)
def unlock_keys(call: Call) -> UnlockKeys:
    """The caller's KDF parameters and wrapped data key."""
    account = call.member
    secret = server_secret(call.settings)
    params = accounts.kdf_params_for_login(call.session, account.pseudonym, secret)
    return UnlockKeys(account.pseudonym, params, account.wrapped_dk)


@use_case(MEMBERS)
def save_note(call: Call, note_id: object, envelope: object) -> NoteRecord:
    """Create or replace one of the caller's notes; another's id is refused."""
    return notes.save_note(call.session, call.member, note_id, envelope, call.now)


@use_case(MEMBERS)
def delete_note(call: Call, note_id: object) -> None:
    """Delete one of the caller's notes and the files it holds."""
    notes.delete_note(call.session, call.member, note_id)

"""Crafted vault events: a forged `added` answer cannot overwrite another member's note
nor delete his file, and a tab without a session starts no vault flow at all."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

import pytest
from sqlalchemy import select

from peersupport.database import session_scope
from peersupport.models import Account, Note, NoteFile
from peersupport.services import note_files
from peersupport.services.file_protocol import seal_file
from peersupport.services.notes_protocol import seal_note
from peersupport.settings import load_settings
from peersupport.state.vault import VaultState
from tests.unit.conftest import NoteOwners, event_fn, signed_in_tab


@dataclass(frozen=True)
class Members(NoteOwners):
    file_id: str


@pytest.fixture
def members(note_owners: NoteOwners) -> Members:
    """The note owners, with one file in the owner's note."""
    now = dt.datetime.now(dt.UTC)
    file_id = str(uuid.uuid4())
    blob = seal_file(bytes(32), file_id, b"bewijs")
    with session_scope() as db:
        owner = db.scalars(select(Account).where(Account.pseudonym == "EersteLid")).one()
        limits = load_settings().vault_limits
        note_files.store_file(db, owner, note_owners.note_id, file_id, blob, now, limits)
    return Members(**vars(note_owners), file_id=file_id)


def vault_state(token: str) -> VaultState:
    return signed_in_tab(VaultState, token)


def stored() -> tuple[list[tuple[str, str]], list[str]]:
    with session_scope() as db:
        return (
            [(n.id, n.envelope) for n in db.scalars(select(Note))],
            list(db.scalars(select(NoteFile.id))),
        )


async def test_a_forged_added_answer_changes_no_one_elses_note_or_file(members: Members) -> None:
    before = stored()
    state = vault_state(members.other_token)
    forged = seal_note(members.owner_keys.dk, members.note_id, {"files": []})

    answer = await event_fn(VaultState.added)(
        state,
        {"ok": True, "id": members.note_id, "envelope": forged, "file_id": members.file_id},
    )

    assert stored() == before
    assert answer is not None and "committed(false" in str(answer).replace(" ", "").lower()


@pytest.mark.parametrize("handler", ["start_pick", "start_add", "start_view", "start_export"])
def test_a_tab_without_a_session_starts_no_vault_flow(members: Members, handler: str) -> None:
    state = vault_state("")

    assert getattr(VaultState, handler).fn(state) is None
    assert state.vault_busy is False

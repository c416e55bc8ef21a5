"""Crafted events: any browser can call any public handler with any arguments. These
tests call the account and notes handlers the way a forged websocket event would and
prove that a member cannot touch another member's notes, and that a tab without a
valid session cannot do anything."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select

from peersupport.database import session_scope
from peersupport.models.notes import Note
from peersupport.services.notes_protocol import seal_note
from peersupport.state.notes import NotesState
from tests.unit.conftest import NoteOwners, account_state, event_fn, signed_in_tab


@pytest.fixture
def members(note_owners: NoteOwners) -> NoteOwners:
    return note_owners


def notes_state(token: str, pseudonym: str = "") -> NotesState:
    state = signed_in_tab(NotesState, token)
    account_state(state).pseudonym = pseudonym
    return state


def stored_notes() -> list[tuple[str, str]]:
    with session_scope() as db:
        return [(note.id, note.envelope) for note in db.scalars(select(Note))]


async def test_member_cannot_overwrite_another_members_note(members: NoteOwners) -> None:
    before = stored_notes()
    state = notes_state(members.other_token)
    forged = seal_note(members.owner_keys.dk, members.note_id, {"title": "overwritten"})

    await event_fn(NotesState.save)(state, {"ok": True, "id": members.note_id, "envelope": forged})

    assert state.error == "not_authorized"
    assert stored_notes() == before


async def test_member_cannot_delete_another_members_note(members: NoteOwners) -> None:
    before = stored_notes()
    state = notes_state(members.other_token)

    await event_fn(NotesState.delete_note)(state, {"ok": True, "id": members.note_id})

    # The same answer as for a note that does not exist: nothing to learn, nothing gone.
    assert state.error == "note_gone"
    assert stored_notes() == before


async def test_member_lists_only_his_own_notes(members: NoteOwners) -> None:
    state = notes_state(members.other_token, "TweedeLid")

    # His browser holds his own key and answers where the page starts.
    event = await event_fn(NotesState.open_list)(state, {"ok": True, "holder": "TweedeLid"})

    assert members.envelope not in str(event)
    assert members.note_id not in str(event)
    assert state.note_count == 0


async def test_owner_gets_his_own_envelopes(members: NoteOwners) -> None:
    state = notes_state(members.owner_token, "EersteLid")

    event = await event_fn(NotesState.open_list)(state, {"ok": True, "holder": "eerstelid"})

    assert members.envelope in str(event)
    assert state.note_count == 1


@pytest.mark.parametrize("token", ["", "not-a-token", "x" * 5000])
async def test_tab_without_a_valid_session_can_do_nothing(members: NoteOwners, token: str) -> None:
    before = stored_notes()
    state = notes_state(token)
    account_state(state).signed_in = True  # a forged "signed in" flag changes nothing
    new_id = str(uuid.uuid4())
    envelope = seal_note(members.owner_keys.dk, new_id, {"title": "x"})

    await event_fn(NotesState.save)(state, {"ok": True, "id": new_id, "envelope": envelope})
    assert state.error == "not_authorized"
    await event_fn(NotesState.delete_note)(state, {"ok": True, "id": members.note_id})
    assert state.error == "not_authorized"
    assert not state.signed_in
    assert stored_notes() == before


@pytest.mark.parametrize(
    "hostile",
    [None, 5, "text", [], {"ok": True}, {"ok": True, "id": ["x"], "envelope": {"a": 1}}],
)
async def test_hostile_save_arguments_change_nothing(members: NoteOwners, hostile: object) -> None:
    before = stored_notes()
    state = notes_state(members.owner_token)

    await event_fn(NotesState.save)(state, hostile)

    assert state.error != ""
    assert stored_notes() == before


async def test_member_cannot_appoint_moderators_by_forged_event(members: NoteOwners) -> None:
    from peersupport.models.accounts import Account
    from peersupport.state.staff import StaffState

    state = signed_in_tab(StaffState, members.other_token)

    await event_fn(StaffState.set_role)(state, "TweedeLid", "moderator")

    assert state.error == "not_authorized"
    with session_scope() as db:
        roles = {account.pseudonym: account.role for account in db.scalars(select(Account))}
    assert roles == {"EersteLid": "member", "TweedeLid": "member"}

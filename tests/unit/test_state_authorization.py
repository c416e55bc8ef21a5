"""Crafted events: any browser can call any public handler with any arguments. These
tests call the account and notes handlers the way a forged websocket event would and
prove that a member cannot touch another member's notes, and that a tab without a
valid session cannot do anything."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import select

from peersupport.database import session_scope, upgrade_to_head
from peersupport.models.notes import Note
from peersupport.services import notes, sessions
from peersupport.services.notes_protocol import seal_note
from peersupport.settings import load_settings
from peersupport.state.account import AccountState
from peersupport.state.notes import NotesState
from tests.unit.conftest import BrowserKeys, account_state, event_fn, sign_up


@dataclass(frozen=True)
class Members:
    owner_token: str
    other_token: str
    owner_keys: BrowserKeys
    note_id: str
    envelope: str


@pytest.fixture
def members(fresh_engine_cache: Any) -> Iterator[Members]:
    upgrade_to_head(load_settings().database_url)
    now = dt.datetime.now(dt.UTC)
    with session_scope() as db:
        owner, owner_keys = sign_up(db, "EersteLid", now)
        other, _ = sign_up(db, "TweedeLid", now)
        note_id = str(uuid.uuid4())
        envelope = seal_note(owner_keys.dk, note_id, {"title": "van mij", "body": "privé"})
        notes.save_note(db, owner, note_id, envelope, now)
        owner_token = sessions.create_session(db, owner, False, now)
        other_token = sessions.create_session(db, other, False, now)
    yield Members(owner_token, other_token, owner_keys, note_id, envelope)


def notes_state(token: str, pseudonym: str = "") -> NotesState:
    root = AccountState.get_root_state()(_reflex_internal_init=True)
    state = root.get_substate(NotesState.get_full_name().split(".")[1:])
    assert isinstance(state, NotesState)
    account = state.parent_state
    assert account is not None
    account._token = token
    account.signed_in = bool(token)
    account.pseudonym = pseudonym
    return state


def stored_notes() -> list[tuple[str, str]]:
    with session_scope() as db:
        return [(note.id, note.envelope) for note in db.scalars(select(Note))]


async def test_member_cannot_overwrite_another_members_note(members: Members) -> None:
    before = stored_notes()
    state = notes_state(members.other_token)
    forged = seal_note(members.owner_keys.dk, members.note_id, {"title": "overwritten"})

    await event_fn(NotesState.save)(state, {"ok": True, "id": members.note_id, "envelope": forged})

    assert state.error == "not_authorized"
    assert stored_notes() == before


async def test_member_cannot_delete_another_members_note(members: Members) -> None:
    before = stored_notes()
    state = notes_state(members.other_token)

    await event_fn(NotesState.delete_note)(state, {"ok": True, "id": members.note_id})

    # The same answer as for a note that does not exist: nothing to learn, nothing gone.
    assert state.error == "note_gone"
    assert stored_notes() == before


async def test_member_lists_only_his_own_notes(members: Members) -> None:
    state = notes_state(members.other_token, "TweedeLid")

    # His browser holds his own key and answers where the page starts.
    event = await event_fn(NotesState.open_list)(state, {"ok": True, "holder": "TweedeLid"})

    assert members.envelope not in str(event)
    assert members.note_id not in str(event)
    assert state.note_count == 0


async def test_owner_gets_his_own_envelopes(members: Members) -> None:
    state = notes_state(members.owner_token, "EersteLid")

    event = await event_fn(NotesState.open_list)(state, {"ok": True, "holder": "eerstelid"})

    assert members.envelope in str(event)
    assert state.note_count == 1


@pytest.mark.parametrize("token", ["", "not-a-token", "x" * 5000])
async def test_tab_without_a_valid_session_can_do_nothing(members: Members, token: str) -> None:
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
async def test_hostile_save_arguments_change_nothing(members: Members, hostile: object) -> None:
    before = stored_notes()
    state = notes_state(members.owner_token)

    await event_fn(NotesState.save)(state, hostile)

    assert state.error != ""
    assert stored_notes() == before


async def test_member_cannot_appoint_moderators_by_forged_event(members: Members) -> None:
    from peersupport.models.accounts import Account
    from peersupport.state.staff import StaffState

    root = AccountState.get_root_state()(_reflex_internal_init=True)
    state = root.get_substate(StaffState.get_full_name().split(".")[1:])
    assert isinstance(state, StaffState)
    assert state.parent_state is not None
    account_state(state)._token = members.other_token
    account_state(state).signed_in = True

    await event_fn(StaffState.set_role)(state, "TweedeLid", "moderator")

    assert state.error == "not_authorized"
    with session_scope() as db:
        roles = {account.pseudonym: account.role for account in db.scalars(select(Account))}
    assert roles == {"EersteLid": "member", "TweedeLid": "member"}

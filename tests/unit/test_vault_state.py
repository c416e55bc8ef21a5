"""Crafted vault events: a forged `added` answer cannot overwrite another member's note
nor delete his file, and a tab without a session starts no vault flow at all."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import select

from peersupport.database import session_scope, upgrade_to_head
from peersupport.models import Note, NoteFile
from peersupport.services import note_files, notes, sessions
from peersupport.services.file_protocol import seal_file
from peersupport.services.notes_protocol import seal_note
from peersupport.settings import load_settings
from peersupport.state.account import AccountState
from peersupport.state.vault import VaultState
from tests.unit.conftest import BrowserKeys, event_fn, sign_up


@dataclass(frozen=True)
class Members:
    owner_token: str
    other_token: str
    owner_keys: BrowserKeys
    note_id: str
    file_id: str


@pytest.fixture
def members(fresh_engine_cache: Any) -> Iterator[Members]:
    upgrade_to_head(load_settings().database_url)
    now = dt.datetime.now(dt.UTC)
    with session_scope() as db:
        owner, owner_keys = sign_up(db, "EersteLid", now)
        other, _ = sign_up(db, "TweedeLid", now)
        note_id, file_id = str(uuid.uuid4()), str(uuid.uuid4())
        notes.save_note(db, owner, note_id, seal_note(owner_keys.dk, note_id, {}), now)
        blob = seal_file(bytes(32), file_id, b"bewijs")
        note_files.store_file(db, owner, note_id, file_id, blob, now, load_settings().vault_limits)
        owner_token = sessions.create_session(db, owner, False, now)
        other_token = sessions.create_session(db, other, False, now)
    yield Members(owner_token, other_token, owner_keys, note_id, file_id)


def vault_state(token: str) -> VaultState:
    root = AccountState.get_root_state()(_reflex_internal_init=True)
    state = root.get_substate(VaultState.get_full_name().split(".")[1:])
    assert isinstance(state, VaultState)
    account = state.parent_state
    assert account is not None
    account._token = token
    account.signed_in = bool(token)
    return state


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

"""Saving a checklist result: only a signed-in member stores a sealed note of his own;
anything a page could send instead is refused and stores nothing."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from sqlalchemy import select

from peersupport.database import session_scope
from peersupport.models import Note
from peersupport.services import notes
from peersupport.services.notes_protocol import open_note, seal_note
from peersupport.state.checklists import ChecklistState, seal_result_script
from tests.unit.conftest import BrowserKeys, sign_up, signed_in_tab, tab_token
from tests.unit.test_writing_state import call


@dataclass(frozen=True)
class Member:
    token: str
    keys: BrowserKeys
    other_note_id: str


@pytest.fixture
def member(app_database: None, cheap_password_hashing: None) -> Iterator[Member]:
    now = dt.datetime.now(dt.UTC)
    with session_scope() as db:
        account, keys = sign_up(db, "Zoeker", now)
        other, other_keys = sign_up(db, "Ander", now)
        other_note = str(uuid.uuid4())
        notes.save_note(db, other, other_note, seal_note(other_keys.dk, other_note, {}), now)
        token = tab_token(db, account, now)
    yield Member(token, keys, other_note)


def stored_notes() -> list[tuple[str, int, str]]:
    with session_scope() as db:
        return [
            (n.id, n.account_id, n.envelope) for n in db.scalars(select(Note).order_by(Note.id))
        ]


def checklist_state(token: str) -> ChecklistState:
    state = signed_in_tab(ChecklistState, token)
    state.pseudonym = "Zoeker" if token else ""
    return state


def test_the_script_seals_the_shown_result_for_the_named_account_only() -> None:
    assert seal_result_script("Zo<e>ker") == (
        'psf().sealNewNote("Zo\\u003ce>ker", window.psChecklistNote())'
    )


async def test_a_member_stores_the_sealed_result_as_his_own_note(member: Member) -> None:
    state = checklist_state(member.token)
    note_id = str(uuid.uuid4())
    envelope = seal_note(member.keys.dk, note_id, {"title": "Is dit grooming?", "body": "..."})

    await call(ChecklistState.store, state, {"ok": True, "id": note_id, "envelope": envelope})

    assert state.saved and state.error == ""
    mine = [row for row in stored_notes() if row[0] == note_id]
    assert len(mine) == 1
    assert open_note(member.keys.dk, note_id, mine[0][2])["title"] == "Is dit grooming?"


async def test_a_visitor_is_asked_to_log_in_and_nothing_is_sealed(member: Member) -> None:
    state = checklist_state("")
    assert await call(ChecklistState.start_save, state) == []
    assert state.error == "sign_in_first"


async def test_a_locked_key_asks_for_the_passphrase_instead_of_failing(member: Member) -> None:
    state = checklist_state(member.token)
    await call(ChecklistState.store, state, {"ok": False, "code": "locked"})
    assert state.locked and state.error == "" and not state.saved


@pytest.mark.parametrize(
    "result",
    [
        None,
        "text",
        [],
        {},
        {"ok": True},
        {"ok": True, "id": "not-a-uuid", "envelope": "x"},
        {"ok": True, "id": str(uuid.uuid4()), "envelope": "not an envelope"},
        {"ok": True, "id": str(uuid.uuid4()), "envelope": {"v": 1}},
        {"ok": True, "id": str(uuid.uuid4()), "envelope": "x" * 1_000_000},
    ],
)
async def test_forged_results_store_nothing(member: Member, result: object) -> None:
    before = stored_notes()
    state = checklist_state(member.token)
    await call(ChecklistState.store, state, result)
    assert stored_notes() == before
    assert not state.saved and state.error != ""


async def test_a_visitor_cannot_store_a_note_and_nobody_overwrites_anothers(
    member: Member,
) -> None:
    before = stored_notes()
    envelope = seal_note(member.keys.dk, member.other_note_id, {"title": "x"})
    forged = {"ok": True, "id": member.other_note_id, "envelope": envelope}

    visitor = checklist_state("")
    await call(ChecklistState.store, visitor, forged)
    signed_in = checklist_state(member.token)
    await call(ChecklistState.store, signed_in, forged)

    assert stored_notes() == before
    assert visitor.error == "not_authorized" and signed_in.error == "not_authorized"


async def test_the_summary_page_seals_its_own_text_and_a_self_test_its_result(
    member: Member,
) -> None:
    state = checklist_state(member.token)

    await call(ChecklistState.load_summary, state)
    summary = await call(ChecklistState.start_save, state)
    await call(ChecklistState.load, state)
    result = await call(ChecklistState.start_save, state)

    assert "window.psSummaryNote()" in str(summary)
    assert "window.psChecklistNote()" in str(result)
    assert "psSummaryNote" not in str(result)

"""The notes page's state: the list goes to the browser only when it holds his key,
once; a save answers with that note's time alone; times are in his own time zone and
language, with a zone name from the browser checked against the IANA list."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from peersupport.database import session_scope
from peersupport.services import notes
from peersupport.services.notes_protocol import seal_note
from peersupport.state.language import LanguageState
from peersupport.state.notes import NotesState
from peersupport.usecases import door
from tests.unit.conftest import (
    BrowserKeys,
    account_state,
    event_fn,
    sign_up,
    signed_in_tab,
    tab_token,
)

# 14:05 UTC on 3 March 2026: 15:05 in Amsterdam (winter time), 09:05 in New York.
WRITTEN = dt.datetime(2026, 3, 3, 14, 5, 40, tzinfo=dt.UTC)


@dataclass(frozen=True)
class Owner:
    token: str
    keys: BrowserKeys
    note_id: str
    envelope: str


@pytest.fixture(autouse=True)
def door_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """Ten minutes after the note was written."""
    monkeypatch.setattr(door, "now", lambda: WRITTEN + dt.timedelta(minutes=10))


@pytest.fixture
def owner(app_database: None) -> Iterator[Owner]:
    with session_scope() as db:
        account, keys = sign_up(db, "StilleVos", WRITTEN)
        note_id = str(uuid.uuid4())
        envelope = seal_note(keys.dk, note_id, {"title": "maandag", "body": "privé"})
        notes.save_note(db, account, note_id, envelope, WRITTEN)
        token = tab_token(db, account, WRITTEN)
    yield Owner(token, keys, note_id, envelope)


def notes_state(token: str, language: str = "nl") -> NotesState:
    state = signed_in_tab(NotesState, token)
    root: Any = state
    while root.parent_state is not None:
        root = root.parent_state
    languages = root.get_substate(LanguageState.get_full_name().split(".")[1:])
    assert isinstance(languages, LanguageState)
    languages.lang = language
    account_state(state).pseudonym = "StilleVos"
    return state


def opened(holder: str, zone: object = "Europe/Amsterdam") -> dict[str, object]:
    return {"ok": True, "token": "", "zone": zone, "holder": holder}


@pytest.mark.parametrize(
    ("language", "zone", "shown"),
    [
        ("nl", "Europe/Amsterdam", "3 mrt 2026 15:05"),
        ("en", "Europe/Amsterdam", "3 Mar 2026 15:05"),
        ("en", "America/New_York", "3 Mar 2026 09:05"),
        ("nl", "Asia/Tokyo", "3 mrt 2026 23:05"),
        # Not an IANA name: the Netherlands' own time.
        ("nl", "../../etc/localtime", "3 mrt 2026 15:05"),
        ("nl", ["Europe/Amsterdam"], "3 mrt 2026 15:05"),
        ("nl", "x" * 5000, "3 mrt 2026 15:05"),
    ],
)
async def test_a_notes_time_is_in_his_zone_and_language(
    owner: Owner, language: str, zone: object, shown: str
) -> None:
    state = notes_state(owner.token, language)

    event = await event_fn(NotesState.open_list)(state, opened("stillevos", zone))

    assert owner.envelope in str(event)
    assert shown in str(event)
    assert not state.locked and state.loaded and state.note_count == 1


@pytest.mark.parametrize("holder", ["", "AndereVos", None, 5, "x" * 5000])
async def test_a_browser_without_his_key_gets_no_ciphertext_and_the_unlock_form(
    owner: Owner, holder: object
) -> None:
    state = notes_state(owner.token)

    event = await event_fn(NotesState.open_list)(state, opened(holder))  # type: ignore[arg-type]

    assert event is None
    assert state.locked and state.loaded


async def test_a_save_answers_with_that_notes_time_only(owner: Owner) -> None:
    state = notes_state(owner.token, "en")
    await event_fn(NotesState.open_list)(state, opened("StilleVos", "America/New_York"))
    new_id = str(uuid.uuid4())
    envelope = seal_note(owner.keys.dk, new_id, {"title": "dinsdag", "body": ""})

    event = await event_fn(NotesState.save)(state, {"ok": True, "id": new_id, "envelope": envelope})

    answer = str(event)
    assert "noteSaved" in answer and new_id in answer and "3 Mar 2026 09:15" in answer
    assert envelope not in answer and owner.envelope not in answer and owner.note_id not in answer
    assert state.notice == "note_saved" and state.error == "" and not state.busy

"""The board pages' states go through the door and screen a send once: the service's
screening says what the form shows (contact details, crisis help), and the state never
runs the scrubber or the crisis check on the draft again."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from sqlalchemy import select

import peersupport.state.boards as board_states
from peersupport.database import session_scope
from peersupport.models import BoardThread, ModerationItem
from peersupport.services import crisis, screening, scrubber
from peersupport.state.boards import BoardState, ThreadState
from tests.unit.conftest import add_account, event_fn, signed_in_tab, tab_token
from tests.unit.test_boards_service import BOARD, BODY, PHONE, REPLY, open_thread
from tests.unit.test_screening import CRISIS, counted

OWN_TITLE = "Mijn eigen onderwerp"


@dataclass(frozen=True)
class Members:
    writer: str
    replier: str
    thread_id: int


@pytest.fixture
def members(app_database: None) -> Iterator[Members]:
    now = dt.datetime.now(dt.UTC)
    with session_scope() as db:
        writer, replier = add_account(db, "Schrijver"), add_account(db, "Antwoorder")
        moderator = add_account(db, "Moderator", role="moderator")
        thread = open_thread(db, add_account(db, "Opener"), moderator)
        tokens = [tab_token(db, a, now) for a in (writer, replier)]
        thread_id = thread.id
    yield Members(tokens[0], tokens[1], thread_id)


@pytest.fixture
def checks(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[object]]:
    """Every call of the scrubber and the crisis check, wherever it comes from."""
    return {
        "scrubber": counted(monkeypatch, screening, "find_contact_details"),
        "scrubber_module": counted(monkeypatch, scrubber, "find_contact_details"),
        "crisis": counted(monkeypatch, crisis, "crisis_reasons"),
    }


def calls(checks: dict[str, list[object]]) -> tuple[int, int, int]:
    counts = (len(checks["scrubber"]), len(checks["scrubber_module"]), len(checks["crisis"]))
    for found in checks.values():
        found.clear()
    return counts


def test_the_board_states_hold_no_scrubber_and_no_crisis_check() -> None:
    names = vars(board_states)
    assert "find_contact_details" not in names and "crisis" not in names


async def test_a_thread_with_contact_details_and_crisis_words_is_screened_once_per_send(
    members: Members, checks: dict[str, list[object]]
) -> None:
    state = signed_in_tab(BoardState, members.writer)
    state.board = BOARD
    form = {"title": OWN_TITLE, "body": BODY + PHONE + CRISIS}

    await event_fn(BoardState.start_thread)(state, form)

    assert state.error == "contact_details"
    assert [(row.kind, row.text) for row in state.findings] == [("phone", "06 12 34 56 78")]
    assert (state.crisis_shown, state.crisis_sent) == (True, False)
    # Title and text once each, the crisis check once: nothing after the service.
    assert calls(checks) == (2, 0, 1)

    await event_fn(BoardState.start_thread_anyway)(state)

    assert (state.error, state.notice, state.findings) == ("", "thread_sent", [])
    assert (state.crisis_shown, state.crisis_sent) == (True, True)
    assert state.wait_nl and state.wait_en
    assert calls(checks) == (2, 0, 1)
    with session_scope() as db:
        thread = db.scalars(select(BoardThread).where(BoardThread.title == OWN_TITLE)).one()
        item = db.scalars(
            select(ModerationItem).where(ModerationItem.original_title == OWN_TITLE)
        ).one()
        assert (item.urgent, item.urgent_reasons) == (True, "suicide")
        assert state.threads[0].id == thread.id and state.threads[0].waiting


async def test_a_send_refused_by_another_rule_still_shows_the_crisis_help(
    members: Members, checks: dict[str, list[object]]
) -> None:
    state = signed_in_tab(BoardState, members.writer)
    state.board = BOARD

    await event_fn(BoardState.start_thread)(state, {"title": "Hé", "body": BODY + CRISIS})

    assert state.error == "title_too_short" and state.findings == []
    assert (state.crisis_shown, state.crisis_sent) == (True, False)
    assert calls(checks) == (2, 0, 1)


async def test_a_calm_reply_is_sent_and_screened_once(
    members: Members, checks: dict[str, list[object]]
) -> None:
    state = signed_in_tab(ThreadState, members.replier)
    state.thread_id = members.thread_id

    await event_fn(ThreadState.reply)(state, {"body": REPLY})

    assert (state.error, state.notice) == ("", "reply_sent")
    assert (state.crisis_shown, state.crisis_sent) == (False, False)
    # A reply has no title of his own: the text alone is scrubbed.
    assert calls(checks) == (1, 0, 1)
    assert [row.body for row in state.posts if row.own] == [REPLY]


async def test_a_send_after_his_session_ended_still_shows_the_crisis_help(
    members: Members, checks: dict[str, list[object]]
) -> None:
    state = signed_in_tab(BoardState, "ended-" + members.writer[6:])
    state.board = BOARD

    await event_fn(BoardState.start_thread)(state, {"title": OWN_TITLE, "body": BODY + CRISIS})

    assert state.error == "not_authorized"
    assert (state.crisis_shown, state.crisis_sent) == (True, False)
    # Nothing was screened by the service; the state checked the crisis words once.
    assert calls(checks) == (0, 0, 1)

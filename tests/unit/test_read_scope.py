"""What a visitor reads (a board, a thread, the stories) runs in a read scope: he sees
what the moderators approved, the scope cannot write, and on PostgreSQL its statements
run without BEGIN and COMMIT."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from sqlalchemy import select, text, update
from sqlalchemy.orm import Session
from starlette.testclient import TestClient

from peersupport.database import (
    WriteInReadScopeError,
    get_engine,
    read_scope,
    session_scope,
)
from peersupport.http.public_routes import public_routes
from peersupport.models import Account
from peersupport.services import boards
from peersupport.state.boards import BoardState
from tests.unit.conftest import add_account, configured_database_url, event_fn, new_tab
from tests.unit.test_boards_service import BOARD, open_thread, start
from tests.unit.test_story_pages import publish


@pytest.fixture
def approved_thread(app_database: None) -> int:
    """A board with one approved thread and one still waiting for the moderators."""
    with session_scope() as db:
        author = add_account(db, "Schrijver")
        moderator = add_account(db, "Moderator", role="moderator")
        approved = open_thread(db, author, moderator)
        start(db, add_account(db, "Nieuweling"), title="Nog niet goedgekeurd")
        return approved.id


def visitor_board(board: str) -> BoardState:
    state = new_tab(BoardState)
    state.board = board
    return state


async def test_a_visitor_sees_the_approved_thread_and_not_the_waiting_one(
    approved_thread: int,
) -> None:
    state = visitor_board(BOARD)

    await event_fn(BoardState.resume_and_load)(state, "")

    assert state.view == "ready"
    assert [row.id for row in state.threads] == [approved_thread]


async def test_a_visitor_opens_an_approved_thread(approved_thread: int) -> None:
    with read_scope() as session:
        view = boards.get_thread(session, approved_thread, None, None)

    assert view is not None
    assert [post.opening for post in view.posts] == [True]


def test_a_visitor_reads_the_story_list_and_a_story_page(app_database: None) -> None:
    with session_scope() as db:
        story_id = publish(db, add_account(db, "Schrijver"), "Het overkwam mij ook")

    with TestClient(public_routes()) as client:
        listed, page = client.get("/verhalen"), client.get(f"/verhalen/{story_id}")

    assert listed.status_code == page.status_code == 200
    assert f'href="/verhalen/{story_id}"' in listed.text
    assert "Het overkwam mij ook" in page.text


def test_a_read_scope_refuses_a_write_before_it_reaches_the_database(
    approved_thread: int,
) -> None:
    with read_scope() as session, pytest.raises(WriteInReadScopeError):
        session.execute(update(Account).values(pseudonym="Overschreven"))

    with read_scope() as session:
        account = session.scalars(select(Account).where(Account.pseudonym == "Schrijver")).one()
        account.pseudonym = "Overschreven"
        with pytest.raises(WriteInReadScopeError):
            session.flush()

    with session_scope() as session:
        names = set(session.scalars(select(Account.pseudonym)))
    assert names == {"Schrijver", "Moderator", "Nieuweling"}


@pytest.fixture
def postgresql_engine(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    url = configured_database_url()
    if not url.startswith("postgresql"):
        pytest.skip("BEGIN and COMMIT round trips are a PostgreSQL matter (CI's second run)")
    monkeypatch.setenv("PEERSUPPORT_DATABASE_URL", url)
    get_engine.cache_clear()
    yield
    get_engine().dispose()
    get_engine.cache_clear()


def _statements_share_a_transaction(session: Session) -> bool:
    session.execute(text("SELECT 1"))
    time.sleep(0.02)
    # statement_timestamp() equals transaction_timestamp() only in a transaction's first
    # statement.
    return not session.scalar(text("SELECT transaction_timestamp() = statement_timestamp()"))


def test_on_postgresql_each_read_runs_on_its_own(postgresql_engine: None) -> None:
    with read_scope() as session:
        assert not _statements_share_a_transaction(session)
    # What the scope saves: a unit of work that may write opens a transaction.
    with session_scope() as session:
        assert _statements_share_a_transaction(session)

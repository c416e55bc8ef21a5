"""Forged events to the account handlers: any browser can call any of them with any
arguments. Each hostile answer (None, numbers, huge text, lists, dicts with the wrong
things inside) changes nothing in the database, leaves the tab signed in as whom it was,
and shows a code the pages have a sentence for."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import select

from peersupport.components.forms import ERROR_MESSAGES
from peersupport.database import session_scope
from peersupport.models import Base
from peersupport.services import throttle
from peersupport.state.account import AccountState
from peersupport.state.account_settings import AccountSettingsState
from peersupport.state.checklists import ChecklistState
from tests.unit.conftest import sign_up, signed_in_tab, tab_token
from tests.unit.test_writing_state import call

HUGE = "x" * 200_000
HOSTILE: list[object] = [
    None,
    0,
    -1,
    2**70,
    1.5,
    True,
    HUGE,
    "\ud800",
    [],
    [{"ok": True}],
    {},
    {"ok": True},
    {"ok": 1, "code": "login_failed"},
    {"ok": False, "code": {"a": 1}},
    {"ok": False, "code": HUGE},
    {"ok": False, "code": "<img src=x onerror=alert(1)>"},
    {
        "ok": True,
        "pseudonym": "Nieuweling",
        "bundle": HUGE,
        "auth_key": {"a": 1},
        "current_auth_key": None,
        "recovery_auth": [HUGE],
        "proof": {"solution": HUGE},
        "remember": "yes",
        "id": None,
        "envelope": 7,
    },
    {
        "ok": True,
        "pseudonym": "Nieuweling",
        "bundle": {"kdf": {}, "auth_key": 5},
        "auth_key": 2**70,
        "current_auth_key": "A" * 5000,
        "recovery_auth": "\ud800",
        "proof": 1.5,
        "id": "../../etc",
        "envelope": {"a": 1},
    },
]
# Codes a service refuses a malformed argument with; the pages show them as "something
# went wrong" (forms.py falls back to error.unexpected).
REFUSALS = {"unexpected", "invalid_input", "invalid_bundle", "invalid_note_id", "invalid_envelope"}
KNOWN_CODES = set(ERROR_MESSAGES) | REFUSALS
# Each handler that takes an argument, with the state it belongs to.
HANDLERS: list[tuple[type[AccountState], str]] = [
    (AccountState, "finish_signup"),
    (AccountState, "finish_login"),
    (AccountState, "finish_unlock"),
    (AccountState, "recovery_proven"),
    (AccountState, "finish_recovery"),
    (AccountState, "resume"),
    (AccountState, "set_form_pseudonym"),
    (AccountSettingsState, "finish_change_passphrase"),
    (AccountSettingsState, "finish_delete"),
    (AccountSettingsState, "exported"),
    (ChecklistState, "store"),
    (ChecklistState, "unlocked"),
    (ChecklistState, "resume_quietly"),
]


@dataclass(frozen=True)
class Member:
    token: str


@pytest.fixture
def member(app_database: None, cheap_password_hashing: None) -> Iterator[Member]:
    now = dt.datetime.now(dt.UTC)
    with session_scope() as db:
        account, _keys = sign_up(db, "StilleVos42", now)
        token = tab_token(db, account, now)
    yield Member(token)


def database() -> dict[str, list[str]]:
    """Every row of every table, but the server-wide count of sign-up attempts: every
    attempt counts there by design, well-formed or not (a script probing which
    pseudonyms are taken gets no free answers)."""
    with session_scope() as db:
        return {
            table.name: sorted(
                repr(tuple(row))
                for row in db.execute(select(table))
                if not (table.name == "login_throttles" and row[0] == throttle.SIGNUP_BUCKET)
            )
            for table in Base.metadata.sorted_tables
        }


def member_tab(state_class: type[AccountState], token: str) -> Any:
    """The state `state_class` of a fresh tab, with its AccountState signed in on `token`."""
    state = signed_in_tab(state_class, token)
    account = state if state_class is AccountState else state.parent_state
    assert isinstance(account, AccountState)
    account.pseudonym = account.form_pseudonym = "StilleVos42"
    account.role = "member"
    account._pending_pseudonym = "Nieuweling"
    return state


@pytest.mark.parametrize(("state_class", "handler"), HANDLERS)
async def test_a_forged_answer_changes_nothing_and_shows_a_known_code(
    member: Member, state_class: type[AccountState], handler: str
) -> None:
    before = database()
    for hostile in HOSTILE:
        state = member_tab(state_class, member.token)
        account = state if state_class is AccountState else state.parent_state

        await call(getattr(state_class, handler), state, hostile)

        assert state.error in KNOWN_CODES | {""}, f"{handler}({hostile!r:.60}): {state.error:.60}"
        assert account._token == member.token, f"{handler}({hostile!r:.60}) changed the token"
        assert account.pseudonym == "StilleVos42"
        assert len(account.form_pseudonym) <= 64
        assert state.notice in {"", "exported"}
        assert database() == before, f"{handler}({hostile!r:.60}) changed the database"


@pytest.mark.parametrize("hostile", HOSTILE)
async def test_a_forged_token_from_the_browser_signs_in_no_one(
    member: Member, hostile: object
) -> None:
    before = database()
    state = member_tab(AccountState, "")
    state.pseudonym = state.form_pseudonym = ""

    await call(AccountState.resume, state, hostile)

    assert not state.signed_in and state._token == "" and state.pseudonym == ""
    assert database() == before

"""Every argument a browser can send, forged: each service refuses it with a ServiceError
(never a crash that leaks a traceback) and the database is left exactly as it was.

Reflex lets any client call any event handler with any JSON-like arguments, so every
service parameter typed `object` is sent None, numbers, booleans, lists, objects,
bytes, a megabyte of text and a lone surrogate.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from peersupport.models import Account, Base
from peersupport.services import (
    account_deletion,
    accounts,
    notes,
    passphrases,
    pseudonyms,
    sessions,
)
from peersupport.services.errors import ServiceError
from peersupport.services.notes_protocol import seal_note

from .conftest import NOW, SERVER_SECRET, BrowserKeys, browser_keys, sign_up

pytestmark = pytest.mark.usefixtures("cheap_password_hashing")

HOSTILE_VALUES: list[object] = [
    None,
    0,
    -1,
    2**70,
    1.5,
    float("nan"),
    True,
    [],
    ["StilleVos42"],
    {},
    {"kdf": {}, "auth_key": "x"},
    b"bytes",
    "x" * 1_000_000,
    "\ud800",
]


@dataclass
class World:
    db: Session
    member: Account
    keys: BrowserKeys
    token: str
    admin: Account
    note_id: str


@pytest.fixture
def world(db: Session) -> World:
    member, keys = sign_up(db, "StilleVos42")
    admin = sign_up(db, "BeheerderAnna")[0]
    admin.role = "admin"
    token = accounts.login(db, "StilleVos42", keys.auth_key, False, SERVER_SECRET, NOW).token
    note_id = str(uuid.uuid4())
    notes.save_note(db, member, note_id, seal_note(keys.dk, note_id, {"title": "x"}), NOW)
    db.commit()
    return World(db, member, keys, token, admin, note_id)


def fresh_bundle() -> dict[str, Any]:
    return browser_keys("StilleVos42").bundle


def passphrase_bundle() -> dict[str, Any]:
    bundle = fresh_bundle()
    return {name: bundle[name] for name in ("kdf", "auth_key", "wrapped_dk")}


# Each entry calls one service with one argument replaced by the hostile value; every
# other argument is one a real browser would send.
CALLS: dict[str, Callable[[World, object], object]] = {
    "check_pseudonym(raw)": lambda w, v: pseudonyms.check_pseudonym(v),
    "register(pseudonym)": lambda w, v: accounts.register(w.db, v, fresh_bundle(), NOW),
    "register(bundle)": lambda w, v: accounts.register(w.db, "NieuwLid12", v, NOW),
    "kdf_params_for_login(pseudonym)": lambda w, v: accounts.kdf_params_for_login(
        w.db, v, SERVER_SECRET
    ),
    "login(pseudonym)": lambda w, v: accounts.login(
        w.db, v, w.keys.auth_key, False, SERVER_SECRET, NOW
    ),
    "login(auth_key)": lambda w, v: accounts.login(
        w.db, "StilleVos42", v, False, SERVER_SECRET, NOW
    ),
    "login(remember)": lambda w, v: accounts.login(
        w.db, "StilleVos42", w.keys.auth_key, v, SERVER_SECRET, NOW
    ),
    "change_passphrase(current_auth_key)": lambda w, v: passphrases.change_passphrase(
        w.db, w.member, v, passphrase_bundle(), NOW, keep_token=w.token, secret=SERVER_SECRET
    ),
    "change_passphrase(new_bundle)": lambda w, v: passphrases.change_passphrase(
        w.db, w.member, w.keys.auth_key, v, NOW, keep_token=w.token, secret=SERVER_SECRET
    ),
    "recovery_begin(pseudonym)": lambda w, v: passphrases.recovery_begin(
        w.db, v, w.keys.recovery_auth, NOW, secret=SERVER_SECRET
    ),
    "recovery_begin(recovery_auth)": lambda w, v: passphrases.recovery_begin(
        w.db, "StilleVos42", v, NOW, secret=SERVER_SECRET
    ),
    "recovery_complete(pseudonym)": lambda w, v: passphrases.recovery_complete(
        w.db, v, w.keys.recovery_auth, fresh_bundle(), NOW, secret=SERVER_SECRET
    ),
    "recovery_complete(recovery_auth)": lambda w, v: passphrases.recovery_complete(
        w.db, "StilleVos42", v, fresh_bundle(), NOW, secret=SERVER_SECRET
    ),
    "recovery_complete(new_bundle)": lambda w, v: passphrases.recovery_complete(
        w.db, "StilleVos42", w.keys.recovery_auth, v, NOW, secret=SERVER_SECRET
    ),
    "delete_account(auth_key)": lambda w, v: account_deletion.delete_account(
        w.db, w.member, v, NOW, secret=SERVER_SECRET
    ),
    "set_role(target_pseudonym)": lambda w, v: accounts.set_role(w.db, w.admin, v, "moderator"),
    "set_role(role)": lambda w, v: accounts.set_role(w.db, w.admin, "StilleVos42", v),
    "authenticate(token)": lambda w, v: sessions.authenticate(w.db, v, NOW),
    "save_note(note_id)": lambda w, v: notes.save_note(
        w.db, w.member, v, seal_note(w.keys.dk, w.note_id, {"title": "y"}), NOW
    ),
    "save_note(envelope)": lambda w, v: notes.save_note(w.db, w.member, w.note_id, v, NOW),
    "delete_note(note_id)": lambda w, v: notes.delete_note(w.db, w.member, v),
}

# Values that are not hostile for that parameter: short text is a pseudonym to look up
# (one without an account), and True is a fine answer to "remember this device?".
LEGITIMATE: dict[str, Callable[[object], bool]] = {
    "kdf_params_for_login(pseudonym)": lambda value: isinstance(value, str) and len(value) < 100,
    "login(remember)": lambda value: isinstance(value, bool),
}


def snapshot(db: Session) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table."""
    db.expire_all()
    return {
        table.name: sorted(
            (tuple(row) for row in db.execute(select(table))), key=lambda row: repr(row)
        )
        for table in Base.metadata.sorted_tables
    }


@pytest.mark.parametrize("call", list(CALLS))
def test_hostile_event_arguments_are_refused(world: World, call: str) -> None:
    before = snapshot(world.db)

    for value in HOSTILE_VALUES:
        if LEGITIMATE.get(call, lambda _: False)(value):
            continue
        with pytest.raises(ServiceError):
            CALLS[call](world, value)
        world.db.rollback()  # what session_scope does after the error
        assert snapshot(world.db) == before, f"{call} with {value!r:.40} changed the database"


def test_logout_with_a_hostile_token_changes_nothing(world: World) -> None:
    before = snapshot(world.db)

    for value in HOSTILE_VALUES:
        sessions.end_session(world.db, value)
        world.db.commit()

    assert snapshot(world.db) == before
    assert sessions.authenticate(world.db, world.token, NOW).id == world.member.id


def test_the_member_still_logs_in_after_every_hostile_call(world: World) -> None:
    """Hostile calls are not failed logins: they count towards no throttle."""
    for value in HOSTILE_VALUES:
        for call in ("login(auth_key)", "recovery_begin(recovery_auth)"):
            with pytest.raises(ServiceError):
                CALLS[call](world, value)
            world.db.rollback()

    result = accounts.login(world.db, "StilleVos42", world.keys.auth_key, False, SERVER_SECRET, NOW)
    assert world.db.get(Account, result.account_id) is not None

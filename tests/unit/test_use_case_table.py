"""The authorization table: every use case registered with the door, with the roles
that may call it, written out here by hand. A use case missing from the table (or a
row for one that no longer exists) fails the first test; the second calls every use
case through the door as every kind of caller and proves the door admits exactly the
roles in its row and refuses the others with the code the pages know, before the use
case runs."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator

import pytest

from peersupport.database import session_scope
from peersupport.services import sessions
from peersupport.services.errors import NotAuthorized
from peersupport.usecases import door
from peersupport.usecases.door import ADMINS, EVERYONE, MEMBERS, OPERATOR, STAFF, Call, Role
from tests.unit.conftest import add_account, tab_token

# Every use case and who may call it. Add a row when you add a use case.
TABLE: dict[str, frozenset[Role]] = {
    # The pages the server renders for anyone (usecases/reading.py).
    "reading.mark_helped": EVERYONE,
    "reading.published_page": EVERYONE,
    "reading.published_story": EVERYONE,
    "reading.shared_in_search": EVERYONE,
    # The message boards: reading, posting, reporting, and the moderators' thread tools.
    "boards.thread_page": EVERYONE,
    "boards.thread": EVERYONE,
    "boards.start_thread": MEMBERS,
    "boards.reply": MEMBERS,
    "boards.report_post": MEMBERS,
    "boards.set_locked": STAFF,
    "boards.move_thread": STAFF,
    "boards.remove_post": STAFF,
    # --- accounts, checklists and the command line ---
    "accounts.change_passphrase": MEMBERS,
    "accounts.create_admin": OPERATOR,
    "accounts.current_keys": MEMBERS,
    "accounts.delete_account": MEMBERS,
    "accounts.export": MEMBERS,
    "accounts.log_in": EVERYONE,
    "accounts.log_out": EVERYONE,
    "accounts.log_out_everywhere": MEMBERS,
    "accounts.login_params": EVERYONE,
    "accounts.recover": EVERYONE,
    "accounts.recovery_key": EVERYONE,
    "accounts.resume": MEMBERS,
    "accounts.sign_up": EVERYONE,
    "checklists.keep_note": MEMBERS,
    "examples.seed_examples": OPERATOR,
    # --- end of accounts ---
    "staff.list_staff": ADMINS,
    "staff.set_role": ADMINS,
    "story_reports.published_title": EVERYONE,
    "story_reports.report_story": MEMBERS,
    # A member's own stories (usecases/stories.py): the write page and Mijn verhalen.
    "stories.clean_contact_details": MEMBERS,
    "stories.delete_story": MEMBERS,
    "stories.list_own_stories": MEMBERS,
    "stories.open_draft": MEMBERS,
    "stories.own_story": MEMBERS,
    "stories.save_draft": MEMBERS,
    "stories.send_despite_findings": MEMBERS,
    "stories.send_for_review": MEMBERS,
    "stories.set_search": MEMBERS,
    "stories.withdraw_story": MEMBERS,
    # --- moderation: the moderators' page, the queue, reports, words, suspensions, one
    # account's review, and the audit log (the audit service itself admits admins only;
    # the door admits staff so that a member hears "staff_only" and stays signed in).
    "moderation.add_watched_word": STAFF,
    "moderation.approve": STAFF,
    "moderation.audit_entries": STAFF,
    "moderation.claim": STAFF,
    "moderation.dismiss_reports": STAFF,
    "moderation.edit_and_approve": STAFF,
    "moderation.escalate": STAFF,
    "moderation.keep_story": STAFF,
    "moderation.page": STAFF,
    "moderation.reject": STAFF,
    "moderation.release": STAFF,
    "moderation.remove_post": STAFF,
    "moderation.remove_story": STAFF,
    "moderation.remove_watched_word": STAFF,
    "moderation.review_account": STAFF,
    "moderation.set_paused": STAFF,
    "moderation.suspend": STAFF,
    "moderation.undo": STAFF,
    "moderation.unsuspend": STAFF,
    # --- end of moderation
    # Notes and the evidence vault
    "notes.delete_note": MEMBERS,
    "notes.list_notes": MEMBERS,
    "notes.save_note": MEMBERS,
    "notes.unlock_keys": MEMBERS,
    "vault.delete_file": MEMBERS,
    "vault.keep_file_note": MEMBERS,
    "vault.list_files": MEMBERS,
    "vault.read_file": MEMBERS,
    "vault.store_file": MEMBERS,
}

# The callers: a token for each, made by the fixture.
CALLERS = ("visitor", "ended", "member", "suspended_moderator", "moderator", "admin")
ROLE_OF = {
    "visitor": Role.ANONYMOUS,
    "ended": Role.ANONYMOUS,
    "member": Role.MEMBER,
    "suspended_moderator": Role.MEMBER,
    "moderator": Role.MODERATOR,
    "admin": Role.ADMIN,
}


def test_every_use_case_has_a_row_and_every_row_a_use_case() -> None:
    registered = {case.name: case.roles for case in door.registered()}
    assert set(registered) == set(TABLE)
    assert registered == TABLE


@pytest.fixture
def tokens(app_database: None) -> Iterator[dict[str, str]]:
    now = dt.datetime.now(dt.UTC)
    with session_scope() as db:
        made = {}
        for caller, role in (
            ("member", "member"),
            ("suspended_moderator", "moderator"),
            ("moderator", "moderator"),
            ("admin", "admin"),
            ("ended", "member"),
        ):
            account = add_account(db, f"Rol{caller.replace('_', '')}", role=role)
            account.suspended = caller == "suspended_moderator"
            made[caller] = tab_token(db, account, now)
        db.flush()
        sessions.end_session(db, made["ended"])
    yield {"visitor": "", **made}


def _expected_refusal(role: Role, admitted: frozenset[Role]) -> str:
    if role is Role.MEMBER and Role.MODERATOR in admitted:
        return "staff_only"
    if role is Role.MODERATOR and admitted & MEMBERS:
        return "not_allowed"
    return "not_authorized"


def test_the_door_admits_exactly_the_roles_in_the_table(tokens: dict[str, str]) -> None:
    wrong: list[str] = []
    reached: list[Role] = []

    def record(call: Call, *_args: object, **_kwargs: object) -> None:
        reached.append(call.role)

    for case in door.registered():
        probe = dataclasses.replace(case, run=record)
        for caller in CALLERS:
            role = ROLE_OF[caller]
            reached.clear()
            try:
                door.call_now(probe, tokens[caller])
                outcome = "admitted"
            except NotAuthorized as error:
                outcome = error.code
            admitted = role in TABLE[case.name]
            expected = "admitted" if admitted else _expected_refusal(role, TABLE[case.name])
            if outcome != expected or reached != ([role] if admitted else []):
                wrong.append(f"{case.name} as {caller}: {outcome}, expected {expected}")
        reached.clear()
        try:
            door.call_as_operator(probe)
            outcome = "admitted"
        except NotAuthorized as error:
            outcome = error.code
        refusal = "not_allowed" if TABLE[case.name] & MEMBERS else "not_authorized"
        expected = "admitted" if Role.OPERATOR in TABLE[case.name] else refusal
        if outcome != expected:
            wrong.append(f"{case.name} as operator: {outcome}, expected {expected}")
    assert wrong == []


@pytest.mark.parametrize("forged", ["x" * 43, "A" * 200, "' OR 1=1 --", "\x00"])
def test_a_forged_token_is_a_visitor_or_refused(tokens: dict[str, str], forged: str) -> None:
    seen: list[Role] = []

    def record(call: Call) -> None:
        seen.append(call.role)

    for case in door.registered():
        probe = dataclasses.replace(case, run=record)
        if Role.ANONYMOUS in case.roles:
            door.call_now(probe, forged)
        else:
            with pytest.raises(NotAuthorized) as refused:
                door.call_now(probe, forged)
            assert refused.value.code == "not_authorized"
    assert seen and set(seen) == {Role.ANONYMOUS}

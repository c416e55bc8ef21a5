"""Changing the passphrase and recovering with the recovery code: the data key stays,
everything that unlocked it before stops working."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from peersupport.models import Account, AccountSession
from peersupport.services import sessions
from peersupport.services.accounts import login
from peersupport.services.errors import (
    InvalidInput,
    LoginFailed,
    NotAuthorized,
    ProofRequired,
    Throttled,
)
from peersupport.services.notes_protocol import (
    recovery_keys,
    unwrap_dk,
    unwrap_dk_with_recovery,
)
from peersupport.services.passphrases import (
    change_passphrase,
    recovery_begin,
    recovery_complete,
)
from peersupport.services.throttle import PSEUDONYM_FREE_ATTEMPTS

from .conftest import NOW, SERVER_SECRET, BrowserKeys, browser_keys, sign_up, solve_proof

pytestmark = pytest.mark.usefixtures("cheap_password_hashing")


def passphrase_bundle(keys: BrowserKeys) -> dict[str, Any]:
    return {name: keys.bundle[name] for name in ("kdf", "auth_key", "wrapped_dk")}


def log_in(db: Session, keys: BrowserKeys, now: Any = NOW) -> str:
    return login(db, keys.pseudonym, keys.auth_key, False, SERVER_SECRET, now).token


def session_count(db: Session) -> int:
    return int(db.scalar(select(func.count()).select_from(AccountSession)) or 0)


@pytest.fixture
def member(db: Session) -> tuple[Account, BrowserKeys]:
    return sign_up(db, "StilleVos42")


# --- change passphrase -----------------------------------------------------------------------


def test_changing_the_passphrase_keeps_the_data_key_and_this_session_only(
    db: Session, member: tuple[Account, BrowserKeys]
) -> None:
    account, old = member
    in_use, elsewhere = log_in(db, old), log_in(db, old)
    new = browser_keys("StilleVos42", dk=old.dk)

    change_in_tab(db, account, in_use, old.auth_key, passphrase_bundle(new))

    assert sessions.authenticate(db, in_use, NOW).id == account.id
    with pytest.raises(NotAuthorized):
        sessions.authenticate(db, elsewhere, NOW)
    with pytest.raises(LoginFailed):
        log_in(db, old)
    result = login(db, "StilleVos42", new.auth_key, False, SERVER_SECRET, NOW)
    assert unwrap_dk(new.kek, result.wrapped_dk) == old.dk
    assert account.kdf_params != old.bundle["kdf"]
    # The recovery code still unlocks the same data key.
    wrapped_dk_rc = recovery_begin(db, "StilleVos42", old.recovery_auth, NOW, secret=SERVER_SECRET)
    assert unwrap_dk_with_recovery(old.rc, wrapped_dk_rc) == old.dk


def change_in_tab(
    db: Session,
    account: Account,
    token: str,
    current_auth_key: str,
    bundle: dict[str, Any],
    now: datetime = NOW,
) -> None:
    """The tab signed in on `token` asks to change the passphrase (its session is kept)."""
    change_passphrase(
        db, account, current_auth_key, bundle, now, keep_token=token, secret=SERVER_SECRET
    )


def change_with_a_wrong_key(db: Session, account: Account, token: str) -> None:
    """A signed-in tab asks to change the passphrase, giving a wrong current one."""
    new = passphrase_bundle(browser_keys("StilleVos42"))
    change_in_tab(db, account, token, browser_keys("x").auth_key, new)


def test_changing_the_passphrase_needs_the_current_one(
    db: Session, member: tuple[Account, BrowserKeys]
) -> None:
    account, old = member
    token = log_in(db, old)
    before = (account.kdf_params, account.auth_hash, account.wrapped_dk)

    with pytest.raises(LoginFailed):
        change_with_a_wrong_key(db, account, token)

    db.rollback()
    assert (account.kdf_params, account.auth_hash, account.wrapped_dk) == before


def test_wrong_current_passphrases_throttle_settings_but_not_the_login(
    db: Session, member: tuple[Account, BrowserKeys]
) -> None:
    account, old = member
    token = log_in(db, old)

    for _ in range(5):
        with pytest.raises(LoginFailed):
            change_with_a_wrong_key(db, account, token)
    with pytest.raises(Throttled):
        change_with_a_wrong_key(db, account, token)

    log_in(db, old, now=NOW + timedelta(minutes=1))


def test_failed_logins_by_someone_else_do_not_lock_a_signed_in_member_out_of_settings(
    db: Session, member: tuple[Account, BrowserKeys]
) -> None:
    account, old = member
    token = log_in(db, old)
    for _ in range(5):
        with pytest.raises(LoginFailed):
            login(db, old.pseudonym, browser_keys("x").auth_key, False, SERVER_SECRET, NOW)
    with pytest.raises(ProofRequired):
        log_in(db, old, now=NOW + timedelta(minutes=1))

    new = passphrase_bundle(browser_keys(old.pseudonym))
    change_in_tab(db, account, token, old.auth_key, new, NOW + timedelta(minutes=1))


def test_a_new_passphrase_needs_a_new_seed(
    db: Session, member: tuple[Account, BrowserKeys]
) -> None:
    account, old = member
    token = log_in(db, old)
    new = passphrase_bundle(browser_keys("StilleVos42"))
    new["kdf"] = old.bundle["kdf"]

    with pytest.raises(InvalidInput) as refusal:
        change_in_tab(db, account, token, old.auth_key, new)

    assert refusal.value.code == "invalid_bundle"


def test_a_passphrase_bundle_with_recovery_fields_is_refused(
    db: Session, member: tuple[Account, BrowserKeys]
) -> None:
    """Replacing the recovery code goes through recovery, not through a passphrase change."""
    account, old = member
    token = log_in(db, old)

    with pytest.raises(InvalidInput) as refusal:
        change_in_tab(db, account, token, old.auth_key, browser_keys("StilleVos42").bundle)

    assert refusal.value.code == "invalid_bundle"


# --- recovery -------------------------------------------------------------------------------


def test_recovery_returns_the_data_key_wrapped_for_the_recovery_code(
    db: Session, member: tuple[Account, BrowserKeys]
) -> None:
    _, keys = member

    wrapped_dk_rc = recovery_begin(
        db, " stillevos42", recovery_keys(keys.rc).recovery_auth, NOW, secret=SERVER_SECRET
    )

    assert unwrap_dk_with_recovery(keys.rc, wrapped_dk_rc) == keys.dk


def test_recovery_with_a_wrong_code_or_unknown_pseudonym_fails_the_same_way(
    db: Session, member: tuple[Account, BrowserKeys]
) -> None:
    _, keys = member

    with pytest.raises(LoginFailed) as wrong:
        recovery_begin(
            db, "StilleVos42", browser_keys("x").recovery_auth, NOW, secret=SERVER_SECRET
        )
    with pytest.raises(LoginFailed) as unknown:
        recovery_begin(db, "NiemandHier99", keys.recovery_auth, NOW, secret=SERVER_SECRET)

    assert str(wrong.value) == str(unknown.value)


def test_old_recovery_code_stops_working_after_recovery(
    db: Session, member: tuple[Account, BrowserKeys]
) -> None:
    account, old = member
    old_sessions = [log_in(db, old), log_in(db, old)]
    new = browser_keys("StilleVos42", dk=old.dk)

    result = recovery_complete(
        db, "StilleVos42", old.recovery_auth, new.bundle, NOW, secret=SERVER_SECRET
    )

    # The new passphrase and the new recovery code unlock the same data key...
    assert unwrap_dk(new.kek, result.wrapped_dk) == old.dk
    assert sessions.authenticate(db, result.token, NOW).id == account.id
    wrapped_dk_rc = recovery_begin(db, "StilleVos42", new.recovery_auth, NOW, secret=SERVER_SECRET)
    assert unwrap_dk_with_recovery(new.rc, wrapped_dk_rc) == old.dk
    # ...and nothing old works any more: code, passphrase, sessions.
    with pytest.raises(LoginFailed):
        recovery_begin(db, "StilleVos42", old.recovery_auth, NOW, secret=SERVER_SECRET)
    with pytest.raises(LoginFailed):
        recovery_complete(
            db,
            "StilleVos42",
            old.recovery_auth,
            browser_keys("StilleVos42").bundle,
            NOW,
            secret=SERVER_SECRET,
        )
    with pytest.raises(LoginFailed):
        log_in(db, old)
    for token in old_sessions:
        with pytest.raises(NotAuthorized):
            sessions.authenticate(db, token, NOW)
    assert session_count(db) == 1


def test_recovery_must_bring_a_new_recovery_code(
    db: Session, member: tuple[Account, BrowserKeys]
) -> None:
    _, old = member
    new = dict(browser_keys("StilleVos42").bundle)
    new["recovery_auth"] = old.recovery_auth

    with pytest.raises(InvalidInput) as refusal:
        recovery_complete(db, "StilleVos42", old.recovery_auth, new, NOW, secret=SERVER_SECRET)

    assert refusal.value.code == "invalid_bundle"


def test_logins_past_their_free_attempts_leave_recovery_free(
    db: Session, member: tuple[Account, BrowserKeys]
) -> None:
    """Forgetting the passphrase is exactly when recovery is needed."""
    _, keys = member
    for _ in range(5):
        with pytest.raises(LoginFailed):
            login(db, "StilleVos42", browser_keys("x").auth_key, False, SERVER_SECRET, NOW)
    with pytest.raises(ProofRequired):
        log_in(db, keys)

    result = recovery_complete(
        db,
        "StilleVos42",
        keys.recovery_auth,
        browser_keys("StilleVos42").bundle,
        NOW,
        secret=SERVER_SECRET,
    )

    assert result.token


def test_recovery_attempts_past_the_free_ones_cost_a_proof(
    db: Session, member: tuple[Account, BrowserKeys], cheap_proofs: None
) -> None:
    _, keys = member
    for _ in range(5):
        with pytest.raises(LoginFailed):
            recovery_begin(
                db, "StilleVos42", browser_keys("x").recovery_auth, NOW, secret=SERVER_SECRET
            )

    with pytest.raises(ProofRequired) as asked:
        recovery_begin(db, "StilleVos42", keys.recovery_auth, NOW, secret=SERVER_SECRET)
    proof = solve_proof(asked.value.challenge)
    assert recovery_begin(
        db, "StilleVos42", keys.recovery_auth, NOW, secret=SERVER_SECRET, proof=proof
    )


def wrong_recovery_attempts(db: Session, pseudonym: str, code_auth: str) -> list[tuple[str, int]]:
    """The answer (code, attempts left) to each of the free wrong attempts."""
    answers = []
    for _ in range(PSEUDONYM_FREE_ATTEMPTS):
        with pytest.raises(LoginFailed) as refused:
            recovery_begin(db, pseudonym, code_auth, NOW, secret=SERVER_SECRET)
        answers.append((refused.value.code, refused.value.free_left))
    return answers


def test_a_wrong_recovery_code_counts_down_the_attempts_left(
    db: Session, member: tuple[Account, BrowserKeys]
) -> None:
    answers = wrong_recovery_attempts(db, "StilleVos42", browser_keys("x").recovery_auth)

    assert answers == [("login_failed", left) for left in (4, 3, 2, 1, 0)]


def test_the_attempts_left_say_nothing_about_whether_the_pseudonym_exists(
    db: Session, member: tuple[Account, BrowserKeys]
) -> None:
    """A script testing pseudonyms reads the same count for a real one with a wrong code
    as for one nobody has: the count lives in a bucket every typed pseudonym gets."""
    _, keys = member
    wrong_code = browser_keys("x").recovery_auth

    known = wrong_recovery_attempts(db, "StilleVos42", wrong_code)
    unknown = wrong_recovery_attempts(db, "NiemandHier99", keys.recovery_auth)

    assert known == unknown


def test_the_attempts_left_are_the_real_count_shared_by_everyone_trying(
    db: Session, member: tuple[Account, BrowserKeys]
) -> None:
    """Two people guessing at once use one bucket: the second hears what is left after
    both, and the owner's right code afterwards still works and gives its attempt back."""
    _, keys = member
    wrong_code = browser_keys("x").recovery_auth
    for _ in range(2):
        with pytest.raises(LoginFailed):
            recovery_begin(db, "StilleVos42", wrong_code, NOW, secret=SERVER_SECRET)

    with pytest.raises(LoginFailed) as third:
        recovery_begin(db, "stillevos42 ", wrong_code, NOW, secret=SERVER_SECRET)
    assert third.value.free_left == 2
    recovery_begin(
        db, "StilleVos42", recovery_keys(keys.rc).recovery_auth, NOW, secret=SERVER_SECRET
    )
    with pytest.raises(LoginFailed) as after:
        recovery_begin(db, "StilleVos42", wrong_code, NOW, secret=SERVER_SECRET)
    assert after.value.free_left == 1

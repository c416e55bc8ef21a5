"""Sign-up and login: bundles checked field by field, no account enumeration, throttling,
and one round trip with the real Argon2id key derivation of the notes protocol."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any, Literal

import pytest
from argon2 import PasswordHasher, extract_parameters
from argon2.exceptions import VerifyMismatchError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from peersupport.models import Account, AccountSession, LoginThrottle
from peersupport.services import credentials, sessions
from peersupport.services.accounts import (
    kdf_params_for_login,
    login,
    register,
)
from peersupport.services.credentials import DUMMY_HASH, KDF_POLICY
from peersupport.services.errors import InvalidInput, LoginFailed, ProofRequired, ServiceError
from peersupport.services.notes_protocol import (
    KdfParams,
    b64u_encode,
    build_registration,
    derive_keys,
    new_kdf_params,
    unwrap_dk,
)

from .conftest import NOW, SERVER_SECRET, BrowserKeys, browser_keys, sign_up, solve_proof

pytestmark = pytest.mark.usefixtures("cheap_password_hashing")


def count(db: Session, model: type[Any]) -> int:
    return int(db.scalar(select(func.count()).select_from(model)) or 0)


def log_in(db: Session, keys: BrowserKeys, remember: bool = False, **changes: Any) -> Any:
    arguments: dict[str, Any] = {
        "pseudonym": keys.pseudonym,
        "auth_key": keys.auth_key,
        "remember": remember,
        "secret": SERVER_SECRET,
        "now": NOW,
    }
    arguments.update(changes)
    return login(db, **arguments)


# --- sign-up -------------------------------------------------------------------------------


def test_sign_up_stores_no_secret_and_only_the_month(db: Session) -> None:
    account, keys = sign_up(db, " StilleVos42 ")

    stored = db.get(Account, account.id)
    assert stored is not None
    assert stored.pseudonym == "StilleVos42"
    assert stored.pseudonym_key == "stillevos42"
    assert stored.role == "member"
    assert not stored.suspended
    assert stored.created_month == date(2026, 11, 1)
    assert json.loads(stored.kdf_params) == keys.bundle["kdf"]
    assert stored.wrapped_dk == keys.bundle["wrapped_dk"]
    assert stored.wrapped_dk_rc == keys.bundle["wrapped_dk_rc"]
    assert keys.auth_key not in stored.auth_hash
    assert keys.recovery_auth not in stored.recovery_auth_hash
    assert credentials.PASSWORD_HASHER.verify(stored.auth_hash, keys.auth_key)
    assert credentials.PASSWORD_HASHER.verify(stored.recovery_auth_hash, keys.recovery_auth)


def test_a_taken_pseudonym_is_refused_whatever_its_case_or_width(db: Session) -> None:
    sign_up(db, "StilleVos42")

    for variant in ("StilleVos42", "stillevos42", "STILLEVOS42", "ＳｔｉｌｌｅＶｏｓ４２"):
        with pytest.raises(InvalidInput) as refusal:
            register(db, variant, browser_keys(variant).bundle, NOW)
        assert refusal.value.code == "pseudonym_taken"
    assert count(db, Account) == 1


def test_a_pseudonym_with_contact_details_is_refused_at_sign_up(db: Session) -> None:
    with pytest.raises(InvalidInput) as refusal:
        register(db, "snap jan 0612345678", browser_keys("x").bundle, NOW)

    assert refusal.value.code == "pseudonym_contact"
    assert count(db, Account) == 0


def _policy(**changes: Any) -> dict[str, Any]:
    kdf = new_kdf_params().to_json()
    kdf.update(changes)
    return kdf


BROKEN_BUNDLES: list[tuple[str, Any]] = [
    ("not an object", "bundle"),
    ("a list", ["kdf", "auth_key"]),
    ("a field missing", "drop:wrapped_dk_rc"),
    ("an extra field", ("extra", "x")),
    ("kdf weaker than the policy", ("kdf", _policy(m=19456))),
    ("kdf below the protocol floor", ("kdf", _policy(m=1024, t=1))),
    ("kdf stronger than the policy", ("kdf", _policy(t=4))),
    ("kdf with other parallelism", ("kdf", _policy(p=1))),
    ("kdf with a float", ("kdf", _policy(m=65536.0))),
    ("kdf with a bool", ("kdf", _policy(v=True))),
    ("kdf with a short seed", ("kdf", _policy(seed=b64u_encode(b"s" * 16)))),
    ("kdf with an extra key", ("kdf", {**_policy(), "salt": "x"})),
    ("kdf of another algorithm", ("kdf", _policy(alg="scrypt"))),
    ("kdf as text", ("kdf", json.dumps(_policy()))),
    ("auth key of 31 bytes", ("auth_key", b64u_encode(b"a" * 31))),
    ("auth key of 33 bytes", ("auth_key", b64u_encode(b"a" * 33))),
    ("auth key with padding", ("auth_key", b64u_encode(b"a" * 32) + "=")),
    ("auth key in standard base64", ("auth_key", "+" * 43)),
    ("auth key as bytes", ("auth_key", b"a" * 32)),
    ("auth key as a number", ("auth_key", 12345)),
    ("recovery auth of 16 bytes", ("recovery_auth", b64u_encode(b"r" * 16))),
    ("wrapped key not an envelope", ("wrapped_dk", "plaintext-data-key")),
    ("wrapped key of version 2", ("wrapped_dk", "v2.AAAAAAAAAAAAAAAA.AAAA")),
    ("wrapped key sealing 64 bytes", ("wrapped_dk", "v1.AAAAAAAAAAAAAAAA." + "A" * 107)),
    ("wrapped key of a megabyte", ("wrapped_dk_rc", "v1.AAAAAAAAAAAAAAAA." + "A" * 1_000_000)),
    ("wrapped key as a list", ("wrapped_dk_rc", ["v1", "x", "y"])),
]


@pytest.mark.parametrize(
    "change", [change for _, change in BROKEN_BUNDLES], ids=[name for name, _ in BROKEN_BUNDLES]
)
def test_a_bundle_that_breaks_the_protocol_or_the_policy_is_refused(
    db: Session, change: Any
) -> None:
    bundle: Any = dict(browser_keys("StilleVos42").bundle)
    if isinstance(change, tuple):
        bundle[change[0]] = change[1]
    elif isinstance(change, str) and change.startswith("drop:"):
        del bundle[change.removeprefix("drop:")]
    else:
        bundle = change

    with pytest.raises(InvalidInput) as refusal:
        register(db, "StilleVos42", bundle, NOW)

    assert refusal.value.code == "invalid_bundle"
    assert count(db, Account) == 0


def test_the_server_policy_is_the_protocols_default() -> None:
    costs = {key: value for key, value in new_kdf_params().to_json().items() if key != "seed"}

    assert costs == KDF_POLICY


def test_auth_keys_are_hashed_with_argon2_cffis_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.undo()  # the production hasher, not the cheap one of these tests

    assert credentials.PASSWORD_HASHER.time_cost == PasswordHasher().time_cost
    assert credentials.PASSWORD_HASHER.memory_cost == PasswordHasher().memory_cost
    assert not PasswordHasher().check_needs_rehash(DUMMY_HASH)


# --- login ---------------------------------------------------------------------------------


def test_login_with_the_right_key_returns_a_session_and_the_wrapped_data_key(
    db: Session,
) -> None:
    account, keys = sign_up(db, "StilleVos42")

    result = log_in(db, keys, pseudonym="  stillevos42 ")

    assert result.account_id == account.id
    assert result.pseudonym == "StilleVos42"
    assert result.role == "member"
    assert unwrap_dk(keys.kek, result.wrapped_dk) == keys.dk
    assert sessions.authenticate(db, result.token, NOW).id == account.id


def test_remember_this_device_gives_a_thirty_day_session(db: Session) -> None:
    _, keys = sign_up(db, "StilleVos42")

    log_in(db, keys, remember=True)

    assert db.scalars(select(AccountSession.expires_at)).one() == NOW + timedelta(days=30)


def test_a_suspended_account_can_still_log_in_to_read_its_notes(db: Session) -> None:
    account, keys = sign_up(db, "StilleVos42")
    account.suspended = True
    db.commit()

    assert log_in(db, keys).account_id == account.id


def test_wrong_passphrase_and_unknown_pseudonym_fail_the_same_way(db: Session) -> None:
    _, keys = sign_up(db, "StilleVos42")
    wrong_key = browser_keys("StilleVos42").auth_key

    with pytest.raises(LoginFailed) as wrong:
        log_in(db, keys, auth_key=wrong_key)
    with pytest.raises(LoginFailed) as unknown:
        log_in(db, keys, pseudonym="NiemandHier99")

    assert (wrong.value.code, str(wrong.value)) == (unknown.value.code, str(unknown.value))
    assert wrong.value.code == "login_failed"
    assert count(db, AccountSession) == 0


class RecordingHasher(PasswordHasher):
    """The production hasher, except that verifying only records which hash it was given."""

    def __init__(self) -> None:
        super().__init__()
        self.verified: list[str] = []

    def verify(self, hash: str | bytes, password: str | bytes) -> Literal[True]:
        self.verified.append(hash if isinstance(hash, str) else hash.decode())
        raise VerifyMismatchError


def test_an_unknown_pseudonym_costs_one_argon2_verification_like_a_known_one(
    db: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Same work either way: one verification each, against hashes with the same costs.

    Argon2's running time follows from its parameters, so equal parameters give equal
    cost; the timing itself is measured in bench/login_flood.py, not here.
    """
    monkeypatch.undo()  # the production hasher and dummy hash, not the cheap ones
    recording = RecordingHasher()
    monkeypatch.setattr(credentials, "PASSWORD_HASHER", recording)
    _, keys = sign_up(db, "StilleVos42")
    wrong_key = browser_keys("x").auth_key

    for pseudonym in ("StilleVos42", "NiemandHier99"):
        with pytest.raises(LoginFailed):
            log_in(db, keys, pseudonym=pseudonym, auth_key=wrong_key)

    known, unknown = recording.verified
    assert known != unknown  # the account's own hash, then the dummy one
    assert extract_parameters(unknown) == extract_parameters(known)
    assert extract_parameters(known) == extract_parameters(PasswordHasher().hash("x"))


def test_unknown_pseudonym_gets_stable_fake_params(db: Session) -> None:
    sign_up(db, "StilleVos42")

    first = kdf_params_for_login(db, "NiemandHier99", SERVER_SECRET)
    again = kdf_params_for_login(db, " niemandhier99 ", SERVER_SECRET)
    other = kdf_params_for_login(db, "IemandAnders12", SERVER_SECRET)
    real = kdf_params_for_login(db, "StilleVos42", SERVER_SECRET)

    assert first == again
    assert first["seed"] != other["seed"]
    assert list(first) == list(real)  # same keys, same order
    assert {key: first[key] for key in KDF_POLICY} == {key: real[key] for key in KDF_POLICY}
    assert len(first["seed"]) == len(real["seed"])
    KdfParams.from_json(first)  # a browser accepts them


def test_fake_params_depend_on_the_server_secret(db: Session) -> None:
    one = kdf_params_for_login(db, "NiemandHier99", SERVER_SECRET)
    other = kdf_params_for_login(db, "NiemandHier99", b"another secret key of 32 bytes!!")

    assert one["seed"] != other["seed"]


def test_a_known_pseudonym_gets_its_stored_params(db: Session) -> None:
    _, keys = sign_up(db, "StilleVos42")

    assert kdf_params_for_login(db, "STILLEVOS42", SERVER_SECRET) == keys.bundle["kdf"]


def test_sixth_login_attempt_needs_a_proof_of_work_even_with_the_right_key(
    db: Session, cheap_proofs: None
) -> None:
    _, keys = sign_up(db, "StilleVos42")
    wrong_key = browser_keys("x").auth_key
    for minute in range(5):
        with pytest.raises(LoginFailed):
            log_in(db, keys, auth_key=wrong_key, now=NOW + timedelta(minutes=minute))
        db.rollback()  # as session_scope does after the error

    with pytest.raises(ProofRequired) as asked:
        log_in(db, keys, now=NOW + timedelta(minutes=5))
    db.rollback()

    assert asked.value.level == 1
    proof = solve_proof(asked.value.challenge)
    assert log_in(db, keys, now=NOW + timedelta(minutes=6), proof=proof).token


def test_unknown_pseudonyms_cost_a_proof_exactly_like_known_ones(db: Session) -> None:
    _, known = sign_up(db, "StilleVos42")
    unknown = browser_keys("NiemandHier99")
    wrong_key = browser_keys("x").auth_key
    levels = []
    for keys in (known, unknown):
        for _ in range(5):
            with pytest.raises(LoginFailed):
                log_in(db, keys, auth_key=wrong_key)
        with pytest.raises(ProofRequired) as asked:
            log_in(db, keys, auth_key=wrong_key)
        levels.append(asked.value.level)

    assert levels == [1, 1]
    assert all(
        unknown.pseudonym.lower() not in key for key in db.scalars(select(LoginThrottle.key))
    )


def test_a_successful_login_gives_back_only_its_own_attempt(db: Session) -> None:
    _, keys = sign_up(db, "StilleVos42")
    wrong_key = browser_keys("x").auth_key
    for _ in range(4):
        with pytest.raises(LoginFailed):
            log_in(db, keys, auth_key=wrong_key)

    log_in(db, keys)

    with pytest.raises(LoginFailed):  # the fifth free attempt
        log_in(db, keys, auth_key=wrong_key)
    with pytest.raises(ProofRequired):
        log_in(db, keys, auth_key=wrong_key)


def test_a_hash_made_with_older_costs_is_renewed_at_login(db: Session) -> None:
    account, keys = sign_up(db, "StilleVos42")
    account.auth_hash = PasswordHasher(time_cost=1, memory_cost=16, parallelism=2).hash(
        keys.auth_key
    )
    db.commit()

    log_in(db, keys)

    assert not credentials.PASSWORD_HASHER.check_needs_rehash(account.auth_hash)
    assert credentials.PASSWORD_HASHER.verify(account.auth_hash, keys.auth_key)


@pytest.mark.parametrize(
    "changes",
    [
        {"pseudonym": None},
        {"pseudonym": 42},
        {"pseudonym": ["StilleVos42"]},
        {"pseudonym": "S" * 101},
        {"pseudonym": "Stille\ud800Vos"},
        {"auth_key": None},
        {"auth_key": {"key": "x"}},
        {"auth_key": "x" * 10_000},
        {"remember": "yes"},
        {"remember": 1},
        {"remember": None},
    ],
)
def test_malformed_login_arguments_are_refused_without_counting_a_failure(
    db: Session, changes: dict[str, Any]
) -> None:
    _, keys = sign_up(db, "StilleVos42")

    with pytest.raises(ServiceError) as refusal:
        log_in(db, keys, **changes)

    assert refusal.value.code == "invalid_input"
    assert count(db, LoginThrottle) == 0
    assert count(db, AccountSession) == 0


# --- the real protocol, end to end ---------------------------------------------------------


def test_a_bundle_built_by_the_protocol_reference_registers_and_logs_in(db: Session) -> None:
    """Two real Argon2id derivations (about 0.3 s): sign-up in the browser, then login
    in another browser that knows only the pseudonym and the passphrase."""
    passphrase = "lange zin met spaties 2026"
    bundle, dk, _rc = build_registration("StilleVos42", passphrase, params=new_kdf_params())
    register(
        db,
        "StilleVos42",
        {
            "kdf": bundle.kdf.to_json(),
            "auth_key": bundle.auth_key,
            "wrapped_dk": bundle.wrapped_dk,
            "recovery_auth": bundle.recovery_auth,
            "wrapped_dk_rc": bundle.wrapped_dk_rc,
        },
        NOW,
    )

    params = KdfParams.from_json(kdf_params_for_login(db, "stillevos42", SERVER_SECRET))
    derived = derive_keys(passphrase, "stillevos42", params)
    result = login(db, "stillevos42", derived.auth_key, False, SERVER_SECRET, NOW)

    assert unwrap_dk(derived.kek, result.wrapped_dk) == dk

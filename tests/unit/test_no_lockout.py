"""Nobody can be locked out: floods turn into a proof of work, never into a refusal.

A script guessing nonstop at one boy's pseudonym, or flooding the server with wrong
logins on random pseudonyms, must leave the owner with the right passphrase able to
log in: he solves the proof his browser is handed and gets in. The proofs are real
ALTCHA challenges, a few counters wide (`cheap_proofs`), solved here in Python.
"""

from __future__ import annotations

import secrets
import threading
import time
from datetime import timedelta

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from peersupport.services import accounts, argon2_gate, proof_of_work, throttle
from peersupport.services.accounts import LoginResult
from peersupport.services.errors import LoginFailed, ProofRequired, ServiceError
from peersupport.services.throttle import Purpose

from .conftest import NOW, SERVER_SECRET, BrowserKeys, CountingHasher, browser_keys, solve_proof

OWNER_DEADLINE_S = 10.0


def sign_up_in(engine: Engine, pseudonym: str) -> BrowserKeys:
    keys = browser_keys(pseudonym)
    with Session(engine) as session:
        accounts.register(session, pseudonym, keys.bundle, NOW)
        session.commit()
    return keys


def attempt(engine: Engine, keys: BrowserKeys, auth_key: str, proof: str | None) -> LoginResult:
    with Session(engine, expire_on_commit=False) as session:
        try:
            result = accounts.login(
                session, keys.pseudonym, auth_key, False, SERVER_SECRET, NOW, proof=proof
            )
            session.commit()
            return result
        except ServiceError:
            session.rollback()
            raise


def owner_logs_in(engine: Engine, keys: BrowserKeys) -> tuple[LoginResult, int]:
    """What the login page does: try, solve the proof when asked, try again.
    Returns the result and how many proofs it took."""
    proof: str | None = None
    for proofs in range(6):
        try:
            return attempt(engine, keys, keys.auth_key, proof), proofs
        except ProofRequired as asked:
            proof = solve_proof(asked.challenge)
    raise AssertionError("the owner was asked for a proof six times in a row")


def flood(engine: Engine, target: BrowserKeys, stop: threading.Event) -> threading.Thread:
    def guess() -> None:
        proof: str | None = None
        while not stop.is_set():
            try:
                attempt(engine, target, browser_keys("x").auth_key, proof)
                proof = None
            except ProofRequired as asked:
                proof = solve_proof(asked.challenge)
            except LoginFailed:
                proof = None

    thread = threading.Thread(target=guess, daemon=True)
    thread.start()
    return thread


@pytest.mark.usefixtures("cheap_proofs")
def test_a_nonstop_guesser_at_his_pseudonym_does_not_keep_the_owner_out(
    shared_engine: Engine, hasher: CountingHasher
) -> None:
    owner = sign_up_in(shared_engine, "racestillevos")
    stop = threading.Event()
    guessers = [flood(shared_engine, owner, stop) for _ in range(2)]
    try:
        time.sleep(0.5)  # the guessers are past the free attempts and paying proofs
        checks_before = hasher.verifications
        started = time.monotonic()
        result, proofs = owner_logs_in(shared_engine, owner)
        took = time.monotonic() - started
    finally:
        stop.set()
        for thread in guessers:
            thread.join(timeout=10)

    assert result.pseudonym == "racestillevos"
    assert proofs >= 1  # he paid a proof, like everyone past the free attempts
    assert took < OWNER_DEADLINE_S
    assert checks_before > throttle.PSEUDONYM_FREE_ATTEMPTS  # the guessers really ran


@pytest.mark.usefixtures("cheap_proofs")
def test_a_server_wide_flood_costs_a_proof_but_never_refuses_a_right_login(
    shared_engine: Engine, hasher: CountingHasher
) -> None:
    owner = sign_up_in(shared_engine, "racerustigeuil")
    with Session(shared_engine) as session:  # 300 wrong logins this minute, random names
        for _ in range(300):
            name = secrets.token_hex(8)
            throttle.reserve(
                session, throttle.bucket_for(SERVER_SECRET, Purpose.PASSPHRASE, name), NOW
            )

    with pytest.raises(ProofRequired) as asked:
        attempt(shared_engine, owner, owner.auth_key, None)
    result, proofs = owner_logs_in(shared_engine, owner)

    assert asked.value.level == 3  # his is attempt 301: 101 over the level, three steps of 50
    assert result.pseudonym == "racerustigeuil"
    assert proofs == 1


def test_a_proof_is_accepted_once(db: Session, cheap_proofs: None) -> None:
    bucket = throttle.bucket_for(SERVER_SECRET, Purpose.PASSPHRASE, "stillevos42")
    proof = solve_proof(proof_of_work.challenge_for(bucket, 3, SERVER_SECRET, NOW))

    assert proof_of_work.accept(db, proof, bucket, SERVER_SECRET, NOW).level == 3
    assert proof_of_work.accept(db, proof, bucket, SERVER_SECRET, NOW).level == 0


def test_a_proof_is_bound_to_its_pseudonym_and_expires(db: Session, cheap_proofs: None) -> None:
    bucket = throttle.bucket_for(SERVER_SECRET, Purpose.PASSPHRASE, "stillevos42")
    other = throttle.bucket_for(SERVER_SECRET, Purpose.PASSPHRASE, "rustigeuil7")
    recovery = throttle.bucket_for(SERVER_SECRET, Purpose.RECOVERY, "stillevos42")
    proof = solve_proof(proof_of_work.challenge_for(bucket, 2, SERVER_SECRET, NOW))
    later = NOW + proof_of_work.LIFETIME + timedelta(seconds=1)

    assert proof_of_work.accept(db, proof, other, SERVER_SECRET, NOW).level == 0
    assert proof_of_work.accept(db, proof, recovery, SERVER_SECRET, NOW).level == 0
    assert proof_of_work.accept(db, proof, bucket, SERVER_SECRET, later).level == 0
    assert proof_of_work.accept(db, proof, bucket, b"another secret!!" * 2, NOW).level == 0


def test_a_forged_or_unsolved_proof_counts_as_none(db: Session, cheap_proofs: None) -> None:
    import base64
    import json

    bucket = throttle.bucket_for(SERVER_SECRET, Purpose.PASSPHRASE, "stillevos42")
    proof = solve_proof(proof_of_work.challenge_for(bucket, 1, SERVER_SECRET, NOW))
    payload = json.loads(base64.b64decode(proof))
    payload["challenge"]["parameters"]["data"]["l"] = 6  # claims a higher level
    raised = base64.b64encode(json.dumps(payload).encode()).decode()
    payload = json.loads(base64.b64decode(proof))
    payload["solution"]["derivedKey"] = "00" * 32
    unsolved = base64.b64encode(json.dumps(payload).encode()).decode()

    for hostile in (raised, unsolved, "", "not base64!", None, 7, ["x"], "e30=", "x" * 5000):
        assert proof_of_work.accept(db, hostile, bucket, SERVER_SECRET, NOW).level == 0


def test_a_saturated_argon2_gate_asks_everyone_for_a_proof(
    db: Session, cheap_proofs: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from .conftest import sign_up

    _, keys = sign_up(db, "StilleVos42")
    gate = argon2_gate.Argon2Gate(1, wait_s=0.05, proven_wait_s=0.05)
    monkeypatch.setattr(argon2_gate, "GATE", gate)
    held = threading.Event()
    release = threading.Event()

    def hold_the_only_slot() -> None:
        with gate.slot():
            held.set()
            release.wait(5)

    holder = threading.Thread(target=hold_the_only_slot)
    holder.start()
    held.wait(5)
    try:
        with pytest.raises(ProofRequired) as asked:
            accounts.login(db, keys.pseudonym, keys.auth_key, False, SERVER_SECRET, NOW)
    finally:
        release.set()
        holder.join()

    assert asked.value.level == argon2_gate.SATURATED_LEVEL
    assert gate.required_level() == argon2_gate.SATURATED_LEVEL  # for a while, for everyone
    proof = solve_proof(asked.value.challenge)
    assert accounts.login(
        db, keys.pseudonym, keys.auth_key, False, SERVER_SECRET, NOW, proof=proof
    ).token

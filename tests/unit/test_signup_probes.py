"""Sign-up cannot map accounts: past a few answers a minute, each costs a proof of work.

"This pseudonym is taken" tells whether an account exists. A script that asks about
thousands of pseudonyms gets SIGNUP_FREE answers a minute for free; every further one
needs a solved challenge whose cost rises with the probes, while a boy signing up in
the middle of such a flood still gets his account (after one proof).
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy.orm import Session

from peersupport.services import accounts, throttle
from peersupport.services.errors import InvalidInput, ProofRequired

from .conftest import NOW, SERVER_SECRET, browser_keys, sign_up, solve_proof

pytestmark = pytest.mark.usefixtures("cheap_password_hashing")


def probe(db: Session, pseudonym: str, proof: str | None = None) -> str:
    """What a script learns from one sign-up attempt: "taken", "free" or "proof"."""
    try:
        accounts.register_from_browser(
            db, pseudonym, browser_keys(pseudonym).bundle, NOW, secret=SERVER_SECRET, proof=proof
        )
    except ProofRequired:
        return "proof"
    except InvalidInput as refusal:
        assert refusal.code == "pseudonym_taken"
        return "taken"
    finally:
        db.rollback()
    return "free"


def test_a_script_gets_only_the_free_answers_a_minute_without_paying(db: Session) -> None:
    sign_up(db, "StilleVos42")

    answers = [probe(db, "StilleVos42") for _ in range(100)]

    assert answers.count("taken") == throttle.SIGNUP_FREE
    assert answers[throttle.SIGNUP_FREE :] == ["proof"] * (100 - throttle.SIGNUP_FREE)


def test_past_the_free_answers_the_cost_rises_with_the_probes(db: Session) -> None:
    levels = []
    for _ in range(throttle.SIGNUP_FREE + 6 * throttle.SIGNUP_STEP + 1):
        try:
            accounts.register_from_browser(
                db, "x", {}, NOW, secret=SERVER_SECRET
            )  # malformed: refused after counting
        except ProofRequired as asked:
            levels.append(asked.level)
        except InvalidInput:
            levels.append(0)

    assert levels[: throttle.SIGNUP_FREE] == [0] * throttle.SIGNUP_FREE
    assert levels[throttle.SIGNUP_FREE] == 1
    assert levels[-1] == throttle.MAX_LEVEL
    assert levels == sorted(levels)


@pytest.mark.usefixtures("cheap_proofs")
def test_with_a_proof_a_boy_signs_up_in_the_middle_of_a_probe_flood(db: Session) -> None:
    for index in range(throttle.SIGNUP_FREE + 10):
        probe(db, f"Gok{chr(97 + index % 26)}vos")
    keys = browser_keys("NieuweUil")

    with pytest.raises(ProofRequired) as asked:
        accounts.register_from_browser(db, "NieuweUil", keys.bundle, NOW, secret=SERVER_SECRET)
    db.rollback()
    account = accounts.register_from_browser(
        db,
        "NieuweUil",
        keys.bundle,
        NOW,
        secret=SERVER_SECRET,
        proof=solve_proof(asked.value.challenge),
    )

    assert account.pseudonym == "NieuweUil"


@pytest.mark.usefixtures("cheap_proofs")
def test_a_proof_for_sign_up_is_used_once(db: Session) -> None:
    for index in range(throttle.SIGNUP_FREE):
        probe(db, f"Gok{chr(97 + index % 26)}das")
    with pytest.raises(ProofRequired) as asked:
        accounts.register_from_browser(db, "x", {}, NOW, secret=SERVER_SECRET)
    proof = solve_proof(asked.value.challenge)

    assert probe(db, "EersteProef", proof) == "free"
    assert probe(db, "TweedeProef", proof) == "proof"


def test_the_free_answers_come_back_the_next_minute(db: Session) -> None:
    for _ in range(throttle.SIGNUP_FREE + 1):
        probe(db, "StilleVos42")

    later = NOW + timedelta(minutes=1)
    with pytest.raises(InvalidInput):
        accounts.register_from_browser(db, "x", {}, later, secret=SERVER_SECRET)

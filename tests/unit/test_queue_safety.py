"""Moderators' own safety: which items stay hidden until asked (crisis or sexual
content, by a rule moderators can read and extend), and a moderator's pause: no queue,
no claiming or deciding, his claims go back, kept on his account, in the audit log."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from peersupport.models import Account, AuditEntry, ModerationItem
from peersupport.services import moderation, queue_safety, stories
from peersupport.services.errors import InvalidInput, NotAuthorized

from .conftest import NOW, add_account
from .test_stories_service import draft


@pytest.mark.parametrize(
    "text",
    [
        "Hij vroeg steeds om naaktfoto's van mij.",
        "Ik werd verkracht toen ik veertien was.",
        "he kept asking for nudes",
        "Hij wilde SEKS en ik durfde geen nee te zeggen",
        "Ze stuurden een d1ckpic",  # digits read as letters
        "He said it was normal to be raped like that",
    ],
)
def test_sexual_words_hide_an_item(text: str) -> None:
    assert queue_safety.has_sexual_words(text)
    assert queue_safety.sensitive_reasons(urgent=False, warnings=(), title="", body=text) == (
        "sexual",
    )


@pytest.mark.parametrize(
    "text",
    [
        "Ik sta in de keuken en denk aan vroeger.",  # "keuken" is not "neuken": no typo matching
        "Ik heb het mijn ouders verteld en het luchtte op.",
        "How did you tell your parents?",
        "Hij sloeg me en ik was bang.",
    ],
)
def test_calm_text_is_not_hidden(text: str) -> None:
    assert not queue_safety.has_sexual_words(text)
    assert queue_safety.sensitive_reasons(urgent=False, warnings=(), title=text, body=text) == ()


def test_crisis_and_the_writers_own_warnings_hide_an_item() -> None:
    calm = "Het ging beter."
    assert queue_safety.sensitive_reasons(urgent=True, warnings=(), title=calm, body=calm) == (
        "crisis",
    )
    assert queue_safety.sensitive_reasons(
        urgent=False, warnings=("sexual_abuse",), title=calm, body=calm
    ) == ("sexual",)
    assert queue_safety.sensitive_reasons(
        urgent=False, warnings=("self_harm", "violence"), title=calm, body=calm
    ) == ("crisis",)
    assert queue_safety.sensitive_reasons(urgent=True, warnings=(), title="naakt", body=calm) == (
        "crisis",
        "sexual",
    )


def test_a_malformed_words_file_names_itself(tmp_path: Path) -> None:
    broken = tmp_path / "words.toml"
    broken.write_text('[nl]\nwords = ["twee woorden"]\n', encoding="utf-8")
    with pytest.raises(ValueError, match="twee woorden"):
        queue_safety.sensitive_words(broken)
    broken.write_text("[nl]\nwoorden = []\n", encoding="utf-8")
    with pytest.raises(ValueError, match="words"):
        queue_safety.sensitive_words(broken)
    whole, prefixes = queue_safety.sensitive_words()
    assert "nudes" in whole and "verkracht" in prefixes


@pytest.fixture
def item(db: Session) -> int:
    author = add_account(db, "Schrijver")
    own = draft(db, author)
    return stories.submit_story(db, author, own.id, keep_findings=False, now=NOW).id


def test_a_paused_moderator_sees_no_queue_takes_nothing_and_hands_back_his_claims(
    db: Session, mod: Account, item: int
) -> None:
    moderation.claim_item(db, mod, item, NOW)
    queue_safety.set_paused(db, mod, True, NOW)
    row = db.get(ModerationItem, item)
    assert row is not None and row.claimed_by is None
    assert moderation.list_queue(db, mod, NOW) == []
    for act in (
        lambda: moderation.claim_item(db, mod, item, NOW),
        lambda: moderation.approve_item(db, mod, item, NOW),
        lambda: moderation.escalate_item(db, mod, item, reason="zwaar", now=NOW),
    ):
        with pytest.raises(InvalidInput) as refused:
            act()
        assert refused.value.code == "paused"
    # Another moderator still sees and takes it.
    other = add_account(db, "Collega", role="moderator")
    assert [queued.id for queued in moderation.list_queue(db, other, NOW)] == [item]
    queue_safety.set_paused(db, mod, False, NOW)
    assert [queued.id for queued in moderation.list_queue(db, mod, NOW)] == [item]
    actions = list(
        db.scalars(
            select(AuditEntry.action).where(AuditEntry.actor_id == mod.id).order_by(AuditEntry.id)
        )
    )
    assert actions == ["claim", "pause", "resume"]


@pytest.mark.parametrize("hostile", [None, "true", 1, 0, [], {"paused": True}])
def test_only_a_plain_true_or_false_pauses(db: Session, mod: Account, hostile: object) -> None:
    with pytest.raises(InvalidInput):
        queue_safety.set_paused(db, mod, hostile, NOW)
    assert not mod.moderation_paused


def test_members_cannot_pause(db: Session) -> None:
    member = add_account(db, "Lid")
    with pytest.raises(NotAuthorized):
        queue_safety.set_paused(db, member, True, NOW)
    assert not member.moderation_paused

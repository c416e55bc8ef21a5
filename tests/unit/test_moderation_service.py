"""The moderation queue: only active staff decide, nobody decides his own item, and every
decision is in the audit log."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from peersupport.models import Account, AuditEntry, ModerationItem, Story, WatchedWord
from peersupport.services import audit, moderation, stories
from peersupport.services.errors import InvalidInput, NotAuthorized, ServiceError

from .conftest import NOW, add_account, queue_story

BODY = (
    "Ik was veertien en dacht dat hij mijn vriend was. Nu weet ik dat hij misbruik "
    "maakte van mijn vertrouwen, en dat het niet mijn schuld was."
)
LATER = NOW + timedelta(minutes=1)


def submit(
    db: Session, author: Account, body: str = BODY, title: str = "Mijn verhaal", **fields: Any
) -> ModerationItem:
    return queue_story(db, author, title, body, **fields)


def story_of(db: Session, item: ModerationItem) -> Story:
    story = db.get(Story, item.story_id)
    assert story is not None
    return story


def audit_count(db: Session) -> int:
    return db.scalar(select(func.count()).select_from(AuditEntry)) or 0


# Every action a moderator can take, as (name, call(actor, item_id)).
ACTIONS: list[tuple[str, Callable[[Session, Account, object], None]]] = [
    ("claim", lambda db, actor, item: moderation.claim_item(db, actor, item, LATER)),
    ("release", lambda db, actor, item: moderation.release_item(db, actor, item, LATER)),
    ("approve", lambda db, actor, item: moderation.approve_item(db, actor, item, LATER)),
    (
        "edit",
        lambda db, actor, item: moderation.edit_and_approve_item(
            db, actor, item, title="Anders", body=BODY + " Extra.", reason="typo", now=LATER
        ),
    ),
    (
        "reject",
        lambda db, actor, item: moderation.reject_item(
            db, actor, item, template="unsafe", text="", now=LATER
        ),
    ),
    (
        "escalate",
        lambda db, actor, item: moderation.escalate_item(db, actor, item, reason="?", now=LATER),
    ),
    ("undo", lambda db, actor, item: moderation.undo_decision(db, actor, item, LATER)),
]


@pytest.mark.parametrize(("name", "act"), ACTIONS, ids=[name for name, _ in ACTIONS])
def test_a_member_cannot_take_any_moderation_action_and_nothing_changes(
    db: Session, author: Account, name: str, act: Callable[[Session, Account, object], None]
) -> None:
    item = submit(db, author)
    member = add_account(db, "Lezer")

    with pytest.raises(NotAuthorized):
        act(db, member, item.id)

    db.refresh(item)
    assert (item.state, item.claimed_by, item.escalated) == ("pending", None, False)
    assert story_of(db, item).state == "pending"
    assert audit_count(db) == 0


@pytest.mark.parametrize(("name", "act"), ACTIONS, ids=[name for name, _ in ACTIONS])
def test_a_suspended_moderator_cannot_take_any_moderation_action(
    db: Session,
    author: Account,
    mod: Account,
    name: str,
    act: Callable[[Session, Account, object], None],
) -> None:
    item = submit(db, author)
    mod.suspended = True

    with pytest.raises(NotAuthorized):
        act(db, mod, item.id)

    assert story_of(db, item).state == "pending"
    assert audit_count(db) == 0


def test_members_cannot_read_the_queue_stats_words_or_log(db: Session, author: Account) -> None:
    member = add_account(db, "Lezer")
    calls: list[Callable[[], object]] = [
        lambda: moderation.list_queue(db, member, NOW),
        lambda: moderation.queue_stats(db, member, NOW),
        lambda: moderation.recent_decisions(db, member, NOW),
        lambda: moderation.list_watched_words(db, member),
        lambda: moderation.set_watched_word(db, member, "woord", "block", NOW),
        lambda: moderation.suspend_account(db, member, "Schrijver", reason="x", now=NOW),
        lambda: moderation.list_suspended(db, member),
        lambda: audit.list_entries(db, member),
    ]
    for call in calls:
        with pytest.raises(NotAuthorized):
            call()

    assert db.scalar(select(func.count()).select_from(WatchedWord)) == 0
    assert author.suspended is False


def test_moderators_cannot_read_the_audit_log_admins_can(
    db: Session, author: Account, mod: Account, admin: Account
) -> None:
    item = submit(db, author)
    moderation.approve_item(db, mod, item.id, LATER)

    with pytest.raises(NotAuthorized):
        audit.list_entries(db, mod)
    entries = audit.list_entries(db, admin)

    assert [(e.actor, e.action, e.subject) for e in entries] == [
        ("Moderator", "approve", f"story:{item.story_id}")
    ]


@pytest.mark.parametrize("item_id", ["1", 1.5, True, None, -1, 0, 2**70, {"id": 1}, [1]])
def test_hostile_item_ids_are_refused(
    db: Session, author: Account, mod: Account, item_id: object
) -> None:
    submit(db, author)

    with pytest.raises(InvalidInput) as refused:
        moderation.approve_item(db, mod, item_id, LATER)

    assert refused.value.code == "unknown_item"


def test_the_queue_is_oldest_first_and_shows_findings_and_flags(
    db: Session, author: Account, mod: Account
) -> None:
    first = submit(db, author, body=BODY + " Bel me op 06 12 34 56 78.")
    second = submit(db, author)
    second.queued_at = NOW - timedelta(hours=1)

    queue = moderation.list_queue(db, mod, NOW)

    assert [entry.id for entry in queue] == [second.id, first.id]
    assert queue[1].findings == (("phone", "06 12 34 56 78"),)
    assert queue[1].author == "Schrijver"


def test_approving_publishes_and_is_logged(db: Session, author: Account, mod: Account) -> None:
    item = submit(db, author)

    moderation.approve_item(db, mod, item.id, LATER)

    assert stories.get_published(db, item.story_id) is not None
    assert moderation.list_queue(db, mod, LATER) == []
    assert audit_count(db) == 1


def test_a_moderator_cannot_approve_his_own_story(db: Session, mod: Account) -> None:
    item = submit(db, mod)

    with pytest.raises(NotAuthorized) as refused:
        moderation.approve_item(db, mod, item.id, LATER)

    assert refused.value.code == "own_item"
    assert story_of(db, item).state == "pending"


def test_a_claimed_item_is_shown_as_claimed_and_others_cannot_decide_it(
    db: Session, author: Account, mod: Account
) -> None:
    item = submit(db, author)
    other = add_account(db, "Tweede", role="moderator")
    moderation.claim_item(db, mod, item.id, NOW)

    seen_by_other = moderation.list_queue(db, other, NOW)[0]
    with pytest.raises(InvalidInput) as refused:
        moderation.approve_item(db, other, item.id, LATER)
    moderation.approve_item(db, other, item.id, NOW + timedelta(minutes=31))  # claim lapsed

    assert (seen_by_other.claimed_by, seen_by_other.claimed_by_me) == ("Moderator", False)
    assert refused.value.code == "claimed_by_other"


def test_edit_then_approve_publishes_the_edit_and_shows_the_author_what_changed(
    db: Session, author: Account, mod: Account
) -> None:
    item = submit(db, author, body=BODY + " Ik woon in Zwolle.")

    moderation.edit_and_approve_item(
        db, mod, item.id, title="Mijn verhaal", body=BODY, reason="Plaatsnaam", now=LATER
    )

    own = stories.get_own_story(db, author, item.story_id or 0)
    assert own.state == "published" and own.body == BODY
    assert own.changes == (("Ik woon in Zwolle.", ""),)
    entry = db.scalars(select(AuditEntry)).one()
    assert (entry.action, entry.reason) == ("edit_approve", "Plaatsnaam")
    assert "Zwolle" in entry.detail


@pytest.mark.parametrize(
    ("title", "body", "reason", "code"),
    [
        ("Mijn verhaal", BODY, "niets veranderd", "no_change"),
        ("Nieuw", BODY, "", "reason_missing"),
        ("", BODY, "x", "title_missing"),
        ("Nieuw", "kort", "x", "body_too_short"),
        ("Nieuw", BODY + " Mail me: jan@example.com", "x", "contact_details"),
    ],
)
def test_a_bad_edit_is_refused_and_nothing_is_published(
    db: Session, author: Account, mod: Account, title: str, body: str, reason: str, code: str
) -> None:
    item = submit(db, author)

    with pytest.raises(InvalidInput) as refused:
        moderation.edit_and_approve_item(
            db, mod, item.id, title=title, body=body, reason=reason, now=LATER
        )

    assert refused.value.code == code
    assert story_of(db, item).state == "pending"


def test_rejecting_tells_the_author_why(db: Session, author: Account, mod: Account) -> None:
    item = submit(db, author)

    moderation.reject_item(
        db, mod, item.id, template="identifying", text="De naam van je school.", now=LATER
    )

    own = stories.get_own_story(db, author, item.story_id or 0)
    assert (own.state, own.rejection_template, own.rejection_reason) == (
        "rejected",
        "identifying",
        "De naam van je school.",
    )


@pytest.mark.parametrize(("template", "text"), [("made_up", "x"), (None, "x"), ("other", " ")])
def test_a_rejection_needs_a_known_template_and_other_needs_text(
    db: Session, author: Account, mod: Account, template: object, text: str
) -> None:
    item = submit(db, author)

    with pytest.raises(InvalidInput):
        moderation.reject_item(db, mod, item.id, template=template, text=text, now=LATER)

    assert story_of(db, item).state == "pending"


def test_an_escalated_item_is_decided_by_an_admin_only(
    db: Session, author: Account, mod: Account, admin: Account
) -> None:
    item = submit(db, author)
    moderation.escalate_item(db, mod, item.id, reason="Twijfel over leeftijden", now=NOW)

    with pytest.raises(NotAuthorized) as refused:
        moderation.approve_item(db, mod, item.id, LATER)
    moderation.approve_item(db, admin, item.id, LATER)

    assert refused.value.code == "escalated"
    assert story_of(db, item).state == "published"


def test_undo_within_ten_minutes_puts_the_original_back_in_the_queue(
    db: Session, author: Account, mod: Account
) -> None:
    item = submit(db, author)
    moderation.edit_and_approve_item(
        db, mod, item.id, title="Ander", body=BODY + " Erbij.", reason="x", now=NOW
    )

    assert [d.item_id for d in moderation.recent_decisions(db, mod, LATER)] == [item.id]
    moderation.undo_decision(db, mod, item.id, NOW + timedelta(minutes=9))

    story = story_of(db, item)
    assert (story.state, story.title, story.body) == ("pending", "Mijn verhaal", BODY)
    assert stories.list_published(db) == ([], None)
    assert [entry.id for entry in moderation.list_queue(db, mod, LATER)] == [item.id]


def test_undo_after_ten_minutes_or_by_another_moderator_is_refused(
    db: Session, author: Account, mod: Account, admin: Account
) -> None:
    item = submit(db, author)
    other = add_account(db, "Tweede", role="moderator")
    moderation.reject_item(db, mod, item.id, template="unsafe", text="", now=NOW)

    with pytest.raises(NotAuthorized):
        moderation.undo_decision(db, other, item.id, LATER)
    with pytest.raises(InvalidInput) as late:
        moderation.undo_decision(db, mod, item.id, NOW + timedelta(minutes=11))
    moderation.undo_decision(db, admin, item.id, LATER)

    assert late.value.code == "undo_expired"
    assert story_of(db, item).state == "pending"


def test_suspending_stops_posting_and_is_logged_with_the_reason(
    db: Session, author: Account, mod: Account
) -> None:
    moderation.suspend_account(db, mod, "schrijver", reason="Contactgegevens gevraagd", now=NOW)

    assert author.suspended is True
    assert moderation.list_suspended(db, mod) == ["Schrijver"]
    with pytest.raises(ServiceError) as refused:
        submit(db, author)
    assert refused.value.code == "suspended"

    moderation.unsuspend_account(db, mod, "Schrijver", reason="Uitgepraat", now=NOW)
    assert submit(db, author).state == "pending"
    actions = db.scalars(select(AuditEntry.action).order_by(AuditEntry.id)).all()
    assert actions == ["suspend", "unsuspend"]


def test_a_moderator_cannot_suspend_staff_or_himself(
    db: Session, mod: Account, admin: Account
) -> None:
    other = add_account(db, "Tweede", role="moderator")

    for target in ("Tweede", "Beheerder", "Moderator"):
        with pytest.raises(InvalidInput):
            moderation.suspend_account(db, mod, target, reason="x", now=NOW)

    assert not other.suspended and not admin.suspended and not mod.suspended


def test_watched_words_are_managed_by_staff_and_logged(db: Session, mod: Account) -> None:
    moderation.set_watched_word(db, mod, "  Kik ", "flag", NOW)
    moderation.set_watched_word(db, mod, "kik", "review", NOW)
    rows = moderation.list_watched_words(db, mod)

    assert [(row.phrase, row.action) for row in rows] == [("kik", "review")]
    moderation.remove_watched_word(db, mod, rows[0].id, NOW)
    assert moderation.list_watched_words(db, mod) == []
    with pytest.raises(InvalidInput):
        moderation.set_watched_word(db, mod, "x" * 65, "flag", NOW)
    with pytest.raises(InvalidInput):
        moderation.set_watched_word(db, mod, "woord", "delete_everything", NOW)
    assert audit_count(db) == 3


def test_queue_stats_count_size_oldest_and_the_last_fourteen_days(
    db: Session, author: Account, mod: Account
) -> None:
    decided = submit(db, author)
    submit(db, author)
    moderation.approve_item(db, mod, decided.id, LATER)

    stats = moderation.queue_stats(db, mod, LATER)

    assert stats.size == 1 and stats.oldest_queued_at == NOW
    assert len(stats.days) == moderation.CHART_DAYS
    assert stats.days[-1] == (NOW.date(), 2, 1)
    assert all(day[1:] == (0, 0) for day in stats.days[:-1])


def test_findings_are_stored_as_found(db: Session, author: Account) -> None:
    item = submit(db, author, body=BODY + " insta: jongen.2009")

    assert json.loads(item.findings) == [{"kind": "platform", "text": "insta: jongen.2009"}]


def test_an_admin_can_free_a_claim_another_moderator_forgot(
    db: Session, author: Account, mod: Account, admin: Account
) -> None:
    item = submit(db, author)
    other = add_account(db, "Tweede", role="moderator")
    moderation.claim_item(db, mod, item.id, NOW)

    with pytest.raises(InvalidInput):
        moderation.release_item(db, other, item.id, LATER)
    moderation.release_item(db, admin, item.id, LATER)

    assert moderation.list_queue(db, other, LATER)[0].claimed_by == ""


@pytest.mark.parametrize("word_id", [True, 2**70, -1, "1", None])
def test_hostile_watched_word_ids_are_refused(db: Session, mod: Account, word_id: object) -> None:
    moderation.set_watched_word(db, mod, "kik", "flag", NOW)

    with pytest.raises(InvalidInput) as refused:
        moderation.remove_watched_word(db, mod, word_id, NOW)

    assert refused.value.code == "unknown_word"
    assert len(moderation.list_watched_words(db, mod)) == 1

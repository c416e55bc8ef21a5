"""Moderating the boards: only active staff act, every decision keeps the board page's
counts right, and every action is in the audit log with its reason."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from peersupport.models import Account, AuditEntry, BoardPost, BoardThread, ModerationItem
from peersupport.services import board_moderation, boards, moderation
from peersupport.services.errors import InvalidInput, NotAuthorized

from .conftest import NOW, add_account
from .test_boards_service import (
    BOARD,
    BODY,
    PHONE,
    REPLY,
    TITLE,
    answer,
    approve,
    item_of,
    open_thread,
    opening_of,
    published_reply,
    refused_without_a_trace,
    report,
    shown,
    snapshot,
    start,
    thread_ids,
)

MINUTE = timedelta(minutes=1)
LATER = NOW + 5 * MINUTE


def audit_rows(db: Session) -> list[tuple[str, str, str, str]]:
    rows = db.execute(
        select(
            AuditEntry.actor_pseudonym, AuditEntry.action, AuditEntry.subject, AuditEntry.reason
        ).order_by(AuditEntry.id)
    )
    return [tuple(row) for row in rows]  # type: ignore[misc]


def card(db: Session, thread: BoardThread) -> boards.ThreadCard | None:
    """The thread as the board page lists it to a visitor, None when not listed."""
    page = boards.list_threads(db, thread.board, None)
    return next((c for c in page.threads if c.id == thread.id), None)


# --- who may act ------------------------------------------------------------------------------


@dataclass(frozen=True)
class World:
    thread: BoardThread  # listed, its opening post published
    reported: BoardPost  # a published reply with one open report
    waiting: ModerationItem  # a reply in the queue
    decided: ModerationItem  # a reply the moderator approved a minute ago


@pytest.fixture
def world(db: Session, author: Account, reader: Account, mod: Account) -> World:
    thread = open_thread(db, author, mod, NOW)
    reported = published_reply(db, reader, mod, thread, NOW + MINUTE)
    report(db, add_account(db, "Melder"), reported.id, now=NOW + 2 * MINUTE)
    waiting = answer(db, reader, thread.id, now=NOW + 3 * MINUTE)
    decided = published_reply(db, add_account(db, "Derde"), mod, thread, NOW + 4 * MINUTE)
    return World(
        thread=thread,
        reported=reported,
        waiting=item_of(db, waiting.id),
        decided=item_of(db, decided.id),
    )


# Every board action and every queue action on a board item, as (name, call).
ACTIONS: list[tuple[str, Callable[[Session, Account, World], object]]] = [
    ("lock", lambda db, a, w: board_moderation.set_locked(db, a, w.thread.id, True, LATER)),
    ("move", lambda db, a, w: board_moderation.move_thread(db, a, w.thread.id, "herstel", LATER)),
    (
        "remove",
        lambda db, a, w: board_moderation.remove_post(
            db, a, w.reported.id, reason="Onaardig", now=LATER
        ),
    ),
    ("dismiss", lambda db, a, w: board_moderation.dismiss_reports(db, a, w.reported.id, LATER)),
    ("list_reported", lambda db, a, w: board_moderation.list_reported(db, a)),
    ("list_queue", lambda db, a, w: moderation.list_queue(db, a, LATER)),
    ("queue_stats", lambda db, a, w: moderation.queue_stats(db, a, LATER)),
    ("recent_decisions", lambda db, a, w: moderation.recent_decisions(db, a, LATER)),
    ("claim", lambda db, a, w: moderation.claim_item(db, a, w.waiting.id, LATER)),
    ("release", lambda db, a, w: moderation.release_item(db, a, w.waiting.id, LATER)),
    ("approve", lambda db, a, w: moderation.approve_item(db, a, w.waiting.id, LATER)),
    (
        "edit",
        lambda db, a, w: moderation.edit_and_approve_item(
            db, a, w.waiting.id, title=TITLE, body=REPLY + " Erbij.", reason="x", now=LATER
        ),
    ),
    (
        "reject",
        lambda db, a, w: moderation.reject_item(
            db, a, w.waiting.id, template="unsafe", text="", now=LATER
        ),
    ),
    (
        "escalate",
        lambda db, a, w: moderation.escalate_item(db, a, w.waiting.id, reason="?", now=LATER),
    ),
    ("undo", lambda db, a, w: moderation.undo_decision(db, a, w.decided.id, LATER)),
]


def _member(db: Session) -> Account:
    return add_account(db, "Gewoon")


def _suspended(role: str) -> Callable[[Session], Account]:
    def make(db: Session) -> Account:
        if role == "moderator":
            # The moderator who decided `world.decided`: even his own undo is refused.
            account = db.scalars(select(Account).where(Account.pseudonym == "Moderator")).one()
        else:
            account = add_account(db, "Geschorst", role=role)
        account.suspended = True
        return account

    return make


ACTORS: list[tuple[str, Callable[[Session], Account]]] = [
    ("member", _member),
    ("suspended_moderator", _suspended("moderator")),
    ("suspended_admin", _suspended("admin")),
]


@pytest.mark.parametrize(("actor_name", "make_actor"), ACTORS, ids=[n for n, _ in ACTORS])
@pytest.mark.parametrize(("name", "act"), ACTIONS, ids=[n for n, _ in ACTIONS])
def test_only_active_staff_moderate_the_boards_and_a_refusal_changes_nothing(
    db: Session,
    world: World,
    actor_name: str,
    make_actor: Callable[[Session], Account],
    name: str,
    act: Callable[[Session, Account, World], object],
) -> None:
    actor = make_actor(db)
    before = snapshot(db)

    with pytest.raises(NotAuthorized):
        act(db, actor, world)

    assert snapshot(db) == before


@pytest.mark.parametrize(("name", "act"), ACTIONS, ids=[n for n, _ in ACTIONS])
def test_an_active_moderator_can_take_each_of_these_actions(
    db: Session, world: World, name: str, act: Callable[[Session, Account, World], object]
) -> None:
    """The other side of the refusals above: the same calls work for active staff."""
    other = add_account(db, "Tweede", role="moderator")
    actor = db.scalars(select(Account).where(Account.pseudonym == "Moderator")).one()
    if name != "undo":
        actor = other

    act(db, actor, world)


# --- the queue with board items -------------------------------------------------------------


def test_the_queue_shows_threads_and_replies_with_their_board_and_thread_title(
    db: Session, author: Account, reader: Account, mod: Account
) -> None:
    thread = open_thread(db, author, mod)
    waiting_thread = start(db, reader, body="Eerste regel\n\n<b>vet</b>", now=NOW + MINUTE)
    waiting_reply = answer(db, author, thread.id, now=NOW + 2 * MINUTE)

    queue = moderation.list_queue(db, mod, LATER)

    assert [(q.kind, q.board, q.title, q.author) for q in queue] == [
        ("thread", BOARD, TITLE, "Lezer"),
        ("reply", BOARD, TITLE, "Schrijver"),
    ]
    assert queue[0].body_html == "<p>Eerste regel</p><p>&lt;b&gt;vet&lt;/b&gt;</p>"
    assert [q.id for q in queue] == [
        item_of(db, opening_of(db, waiting_thread).id).id,
        item_of(db, waiting_reply.id).id,
    ]


def test_a_claimed_board_item_cannot_be_decided_by_another_moderator(
    db: Session, author: Account, mod: Account
) -> None:
    thread = start(db, author)
    item = item_of(db, opening_of(db, thread).id)
    other = add_account(db, "Tweede", role="moderator")
    moderation.claim_item(db, mod, item.id, NOW)
    with refused_without_a_trace(db, "claimed_by_other"):
        moderation.approve_item(db, other, item.id, NOW + MINUTE)
    assert moderation.list_queue(db, other, NOW + MINUTE)[0].claimed_by == "Moderator"
    assert audit_rows(db) == [("Moderator", "claim", f"thread:{opening_of(db, thread).id}", "")]


def test_a_moderator_cannot_approve_his_own_thread(db: Session, mod: Account) -> None:
    thread = start(db, mod)
    with refused_without_a_trace(db, "own_item", NotAuthorized):
        moderation.approve_item(db, mod, item_of(db, opening_of(db, thread).id).id, LATER)


def test_approving_a_thread_lists_it_with_the_approval_as_last_activity(
    db: Session, author: Account, mod: Account
) -> None:
    thread = start(db, author, now=NOW)
    opening = opening_of(db, thread)

    approve(db, mod, opening.id, LATER)

    assert (opening.state, opening.published_at) == ("published", LATER)
    listed = card(db, thread)
    assert listed is not None
    assert (listed.reply_count, listed.last_activity_at) == (0, LATER)
    assert audit_rows(db) == [("Moderator", "approve", f"thread:{opening.id}", "")]


def test_edit_and_approve_a_thread_changes_its_title_and_text(
    db: Session, author: Account, reader: Account, mod: Account
) -> None:
    thread = start(db, author, body=BODY + " Ik woon in Zwolle.")
    item = item_of(db, opening_of(db, thread).id)

    moderation.edit_and_approve_item(
        db, mod, item.id, title="  Is  dit normaal?  ", body=BODY, reason="Plaatsnaam", now=LATER
    )

    view = boards.get_thread(db, thread.id, reader)
    assert view is not None and view.title == "Is dit normaal?"
    assert shown(view) == {opening_of(db, thread).id: ("published", BODY)}
    assert (item.state, item.decision, item.reason) == ("approved", "edited", "Plaatsnaam")
    entry = db.scalars(select(AuditEntry)).one()
    assert (entry.action, entry.reason) == ("edit_approve", "Plaatsnaam")
    assert "Zwolle" in entry.detail
    # What the author wrote stays with the item, for an undo.
    assert item.original_body == BODY + " Ik woon in Zwolle."

    renamed = start(db, reader, now=NOW + MINUTE)
    moderation.edit_and_approve_item(
        db,
        mod,
        item_of(db, opening_of(db, renamed).id).id,
        title="Een betere titel",
        body=BODY,
        reason="Titel",
        now=LATER,
    )
    assert renamed.title == "Een betere titel"


def test_edit_and_approve_a_reply_changes_its_text_and_never_the_thread_title(
    db: Session, author: Account, reader: Account, mod: Account
) -> None:
    thread = open_thread(db, author, mod)
    post = answer(db, reader, thread.id, now=NOW + MINUTE, body=REPLY + PHONE, keep_findings=True)

    moderation.edit_and_approve_item(
        db,
        mod,
        item_of(db, post.id).id,
        title="Overgenomen titel",
        body=REPLY,
        reason="Telefoonnummer",
        now=LATER,
    )

    assert thread.title == TITLE
    assert shown(boards.get_thread(db, thread.id, None))[post.id] == ("published", REPLY)
    listed = card(db, thread)
    assert listed is not None and (listed.reply_count, listed.last_activity_at) == (1, LATER)


@pytest.mark.parametrize(
    ("title", "body", "reason", "code"),
    [
        (TITLE, BODY, "niets veranderd", "no_change"),
        ("Nieuwe titel", BODY, "", "reason_missing"),
        ("Nieuwe titel", BODY, None, "reason_missing"),
        ("Nieuwe titel", BODY, 5, "invalid_reason"),
        ("Nieuwe titel", BODY, "x" * 1001, "invalid_reason"),
        (None, BODY, "x", "title_missing"),
        ("ab", BODY, "x", "title_too_short"),
        ("x" * 121, BODY, "x", "title_too_long"),
        (["titel"], BODY, "x", "title_too_long"),
        ("Nieuwe titel", None, "x", "body_missing"),
        ("Nieuwe titel", "x" * 5001, "x", "body_too_long"),
        ("Nieuwe titel", BODY + PHONE, "x", "contact_details"),
        ("Mail jan@example.com", BODY, "x", "contact_details"),
    ],
)
def test_a_bad_edit_of_a_thread_is_refused_and_nothing_changes(
    db: Session,
    author: Account,
    mod: Account,
    title: object,
    body: object,
    reason: object,
    code: str,
) -> None:
    thread = start(db, author)
    item = item_of(db, opening_of(db, thread).id)
    with refused_without_a_trace(db, code):
        moderation.edit_and_approve_item(
            db, mod, item.id, title=title, body=body, reason=reason, now=LATER
        )


def test_rejecting_a_reply_tells_its_author_and_nobody_else(
    db: Session, author: Account, reader: Account, mod: Account
) -> None:
    thread = open_thread(db, author, mod)
    post = answer(db, reader, thread.id, now=NOW + MINUTE)

    moderation.reject_item(
        db, mod, item_of(db, post.id).id, template="other", text="Te persoonlijk.", now=LATER
    )

    view = boards.get_thread(db, thread.id, reader)
    assert view is not None
    assert [(p.status, p.rejection_template, p.rejection_reason) for p in view.posts[1:]] == [
        ("rejected", "other", "Te persoonlijk.")
    ]
    assert post.id not in shown(boards.get_thread(db, thread.id, author))
    listed = card(db, thread)
    assert listed is not None and listed.reply_count == 0
    assert audit_rows(db)[-1] == (
        "Moderator",
        "reject",
        f"reply:{post.id}",
        "other: Te persoonlijk.",
    )


@pytest.mark.parametrize(("template", "text"), [("made_up", "x"), (None, "x"), ("other", " ")])
def test_a_board_rejection_needs_a_known_template_and_other_needs_text(
    db: Session, author: Account, mod: Account, template: object, text: str
) -> None:
    thread = start(db, author)
    before = snapshot(db)

    with pytest.raises(InvalidInput):
        moderation.reject_item(
            db,
            mod,
            item_of(db, opening_of(db, thread).id).id,
            template=template,
            text=text,
            now=LATER,
        )

    assert snapshot(db) == before


def test_undo_of_an_edited_thread_restores_the_original_and_unlists_it(
    db: Session, author: Account, reader: Account, mod: Account
) -> None:
    thread = start(db, author, body=BODY + " Ik woon in Zwolle.")
    opening = opening_of(db, thread)
    item = item_of(db, opening.id)
    moderation.edit_and_approve_item(
        db, mod, item.id, title="Andere titel", body=BODY, reason="Plaatsnaam", now=NOW
    )
    assert card(db, thread) is not None

    moderation.undo_decision(db, mod, item.id, NOW + 9 * MINUTE)

    assert (thread.title, opening.body, opening.state) == (
        TITLE,
        BODY + " Ik woon in Zwolle.",
        "pending",
    )
    assert (thread.listed, thread.reply_count, thread.last_activity_at) == (False, 0, NOW)
    assert card(db, thread) is None
    assert boards.get_thread(db, thread.id, reader) is None
    own = boards.get_thread(db, thread.id, author)
    assert own is not None and shown(own) == {opening.id: ("waiting", BODY + " Ik woon in Zwolle.")}
    assert (item.state, item.claimed_by) == ("pending", mod.id)
    assert [q.id for q in moderation.list_queue(db, mod, NOW + 9 * MINUTE)] == [item.id]


def test_undo_of_a_reply_recounts_the_thread(
    db: Session, author: Account, reader: Account, mod: Account
) -> None:
    thread = open_thread(db, author, mod, NOW)
    first = published_reply(db, reader, mod, thread, NOW + MINUTE)
    second = published_reply(db, author, mod, thread, NOW + 2 * MINUTE)
    assert (thread.reply_count, thread.last_activity_at) == (2, NOW + 2 * MINUTE)

    recent = moderation.recent_decisions(db, mod, NOW + 3 * MINUTE)
    newest_first = (second.id, first.id, opening_of(db, thread).id)
    assert [(d.item_id, d.title) for d in recent] == [
        (item_of(db, post_id).id, TITLE) for post_id in newest_first
    ]
    moderation.undo_decision(db, mod, item_of(db, second.id).id, NOW + 3 * MINUTE)

    listed = card(db, thread)
    assert listed is not None
    assert (listed.reply_count, listed.last_activity_at) == (1, NOW + MINUTE)
    assert shown(boards.get_thread(db, thread.id, None)) == {
        opening_of(db, thread).id: ("published", BODY),
        first.id: ("published", REPLY),
    }


def test_undo_of_a_rejected_reply_puts_it_back_waiting_without_the_reason(
    db: Session, author: Account, reader: Account, mod: Account
) -> None:
    thread = open_thread(db, author, mod)
    post = answer(db, reader, thread.id, now=NOW + MINUTE)
    item = item_of(db, post.id)
    moderation.reject_item(db, mod, item.id, template="unsafe", text="Nee.", now=NOW + MINUTE)

    moderation.undo_decision(db, mod, item.id, NOW + 2 * MINUTE)

    own = boards.get_thread(db, thread.id, reader)
    assert own is not None
    mine = [p for p in own.posts if p.id == post.id]
    assert [(p.status, p.rejection_template, p.rejection_reason) for p in mine] == [
        ("waiting", "", "")
    ]


def test_undo_after_ten_minutes_or_of_a_removed_post_is_refused(
    db: Session, author: Account, reader: Account, mod: Account
) -> None:
    thread = open_thread(db, author, mod)
    late = published_reply(db, reader, mod, thread, NOW)
    removed = published_reply(db, author, mod, thread, NOW + 5 * MINUTE)
    board_moderation.remove_post(db, mod, removed.id, reason="Namen", now=NOW + 6 * MINUTE)
    before = snapshot(db)

    with pytest.raises(InvalidInput) as expired:
        moderation.undo_decision(db, mod, item_of(db, late.id).id, NOW + 11 * MINUTE)
    with pytest.raises(InvalidInput) as gone:
        moderation.undo_decision(db, mod, item_of(db, removed.id).id, NOW + 7 * MINUTE)

    assert (expired.value.code, gone.value.code) == ("undo_expired", "not_decided")
    assert snapshot(db) == before


# --- removing posts and reports ---------------------------------------------------------------


def test_removing_a_reply_shows_readers_only_that_it_was_removed(
    db: Session, author: Account, reader: Account, mod: Account
) -> None:
    thread = open_thread(db, author, mod, NOW)
    kept = published_reply(db, author, mod, thread, NOW + MINUTE)
    post = published_reply(db, reader, mod, thread, NOW + 2 * MINUTE)
    report(db, add_account(db, "Melder"), post.id, now=NOW + 3 * MINUTE)

    board_moderation.remove_post(db, mod, post.id, reason="  Vroeg om af te spreken.  ", now=LATER)

    for viewer in (None, author, mod):
        view = boards.get_thread(db, thread.id, viewer)
        assert view is not None
        removed = [p for p in view.posts if p.id == post.id]
        assert [(p.status, p.body, p.rejection_reason) for p in removed] == [("removed", "", "")]
    own = boards.get_thread(db, thread.id, reader)
    assert own is not None
    mine = [p for p in own.posts if p.id == post.id]
    assert [(p.status, p.body, p.rejection_reason) for p in mine] == [
        ("removed", "", "Vroeg om af te spreken.")
    ]
    assert post.state == "removed"
    listed = card(db, thread)
    assert listed is not None and (listed.reply_count, listed.last_activity_at) == (
        1,
        NOW + MINUTE,
    )
    assert audit_rows(db)[-1] == (
        "Moderator",
        "remove",
        f"post:{post.id}",
        "Vroeg om af te spreken.",
    )
    assert board_moderation.list_reported(db, mod) == []
    assert kept.state == "published"


def test_removing_an_opening_post_takes_the_thread_off_the_board(
    db: Session, author: Account, reader: Account, mod: Account
) -> None:
    thread = open_thread(db, author, mod)
    published_reply(db, reader, mod, thread, NOW + MINUTE)

    board_moderation.remove_post(
        db, mod, opening_of(db, thread).id, reason="Contactgegevens", now=LATER
    )

    assert card(db, thread) is None
    assert boards.get_thread(db, thread.id, reader) is None
    with pytest.raises(InvalidInput) as refused:
        answer(db, reader, thread.id, now=LATER)
    assert refused.value.code == "unknown_thread"


@pytest.mark.parametrize(
    ("target", "reason", "code"),
    [
        ("reply", "", "reason_missing"),
        ("reply", "   ", "reason_missing"),
        ("reply", None, "reason_missing"),
        ("reply", 7, "invalid_reason"),
        ("reply", ["x"], "invalid_reason"),
        ("reply", "x" * 1001, "invalid_reason"),
        ("waiting", "x", "unknown_post"),
        ("removed", "x", "unknown_post"),
        ("1", "x", "unknown_post"),
        (True, "x", "unknown_post"),
        (None, "x", "unknown_post"),
        (2**70, "x", "unknown_post"),
        (10**6, "x", "unknown_post"),
    ],
)
def test_a_removal_needs_a_published_post_and_a_reason(
    db: Session,
    author: Account,
    reader: Account,
    mod: Account,
    target: object,
    reason: object,
    code: str,
) -> None:
    thread = open_thread(db, author, mod)
    posts = {
        "reply": published_reply(db, reader, mod, thread, NOW + MINUTE).id,
        "removed": published_reply(db, author, mod, thread, NOW + 2 * MINUTE).id,
        "waiting": answer(db, reader, thread.id, now=NOW + 3 * MINUTE).id,
    }
    board_moderation.remove_post(db, mod, posts["removed"], reason="Weg", now=NOW + 3 * MINUTE)
    with refused_without_a_trace(db, code):
        board_moderation.remove_post(
            db,
            mod,
            posts.get(target, target) if isinstance(target, str) else target,
            reason=reason,
            now=LATER,
        )


def test_dismissing_reports_shows_a_hidden_reply_again_and_recounts(
    db: Session, author: Account, reader: Account, mod: Account
) -> None:
    thread = open_thread(db, author, mod, NOW)
    post = published_reply(db, reader, mod, thread, NOW + MINUTE)
    for n in range(boards.HIDE_AFTER_REPORTS):
        report(db, add_account(db, f"Melder{n}"), post.id, now=NOW + 2 * MINUTE)
    assert post.hidden

    board_moderation.dismiss_reports(db, mod, post.id, LATER)

    assert shown(boards.get_thread(db, thread.id, None))[post.id] == ("published", REPLY)
    listed = card(db, thread)
    assert listed is not None and (listed.reply_count, listed.last_activity_at) == (
        1,
        NOW + MINUTE,
    )
    assert board_moderation.list_reported(db, mod) == []
    assert audit_rows(db)[-1] == ("Moderator", "keep", f"post:{post.id}", "")
    with pytest.raises(InvalidInput) as again:
        board_moderation.dismiss_reports(db, mod, post.id, LATER)
    assert again.value.code == "no_reports"


def test_dismissing_reports_about_an_opening_post_lists_its_thread_again(
    db: Session, author: Account, reader: Account, mod: Account
) -> None:
    thread = open_thread(db, author, mod)
    opening = opening_of(db, thread)
    for n in range(boards.HIDE_AFTER_REPORTS):
        report(db, add_account(db, f"Melder{n}"), opening.id, now=NOW + MINUTE)
    assert card(db, thread) is None

    board_moderation.dismiss_reports(db, mod, opening.id, LATER)

    assert card(db, thread) is not None
    assert shown(boards.get_thread(db, thread.id, reader)) == {opening.id: ("published", BODY)}


@pytest.mark.parametrize("post_id", ["1", True, None, 0, 2**70, 10**6])
def test_dismissing_needs_a_published_post_with_open_reports(
    db: Session, author: Account, mod: Account, post_id: object
) -> None:
    thread = open_thread(db, author, mod)
    unreported = opening_of(db, thread).id
    for target, code in ((post_id, "unknown_post"), (unreported, "no_reports")):
        with refused_without_a_trace(db, code):
            board_moderation.dismiss_reports(db, mod, target, LATER)


def test_the_reported_list_groups_reports_per_post_hidden_first_without_reporters(
    db: Session, author: Account, reader: Account, mod: Account
) -> None:
    thread = open_thread(db, author, mod)
    first = published_reply(db, reader, mod, thread, NOW + MINUTE)
    hidden = published_reply(db, reader, mod, thread, NOW + 2 * MINUTE)
    closed = published_reply(db, reader, mod, thread, NOW + 3 * MINUTE)
    reporters = [add_account(db, f"Melder{n}") for n in range(3)]
    report(db, reporters[0], first.id, "meeting_up", now=NOW + 4 * MINUTE)
    report(db, reporters[1], first.id, "other", "Vraagt om af te spreken", now=NOW + 5 * MINUTE)
    for n, who in enumerate(reporters):
        report(db, who, hidden.id, "unkind", now=NOW + (6 + n) * MINUTE)
    report(db, reporters[2], closed.id, now=NOW + 9 * MINUTE)
    board_moderation.dismiss_reports(db, mod, closed.id, NOW + 10 * MINUTE)

    listed = board_moderation.list_reported(db, mod)

    assert [(r.post_id, r.hidden, len(r.reports)) for r in listed] == [
        (hidden.id, True, 3),
        (first.id, False, 2),
    ]
    assert [(r.reason, r.text, r.at) for r in listed[1].reports] == [
        ("meeting_up", "", NOW + 4 * MINUTE),
        ("other", "Vraagt om af te spreken", NOW + 5 * MINUTE),
    ]
    assert (listed[1].thread_id, listed[1].thread_title, listed[1].board) == (
        thread.id,
        TITLE,
        BOARD,
    )
    assert (listed[1].author, listed[1].body, listed[1].opening) == ("Lezer", REPLY, False)
    text = repr(listed)
    for who in reporters:
        assert who.pseudonym not in text
    assert not any(hasattr(r, "reporter_id") or hasattr(r, "reporter") for r in listed[0].reports)


# --- locking and moving -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("thread_id", "locked", "code"),
    [
        ("thread", "true", "invalid_value"),
        ("thread", 1, "invalid_value"),
        ("thread", None, "invalid_value"),
        ("thread", [True], "invalid_value"),
        ("1", True, "unknown_thread"),
        (True, True, "unknown_thread"),
        (None, True, "unknown_thread"),
        (2**70, True, "unknown_thread"),
        (10**6, True, "unknown_thread"),
    ],
)
def test_locking_needs_a_known_thread_and_a_true_or_false(
    db: Session, author: Account, mod: Account, thread_id: object, locked: object, code: str
) -> None:
    thread = open_thread(db, author, mod)
    with refused_without_a_trace(db, code):
        board_moderation.set_locked(
            db, mod, thread.id if thread_id == "thread" else thread_id, locked, LATER
        )


def test_locking_and_unlocking_are_logged(db: Session, author: Account, mod: Account) -> None:
    thread = open_thread(db, author, mod)

    board_moderation.set_locked(db, mod, thread.id, True, LATER)
    assert thread.locked
    board_moderation.set_locked(db, mod, thread.id, False, LATER)

    assert not thread.locked
    assert audit_rows(db) == [
        ("Moderator", "approve", f"thread:{opening_of(db, thread).id}", ""),
        ("Moderator", "lock", f"thread:{thread.id}", ""),
        ("Moderator", "unlock", f"thread:{thread.id}", ""),
    ]


def test_moving_a_thread_puts_it_on_the_other_board_and_logs_both_boards(
    db: Session, author: Account, mod: Account
) -> None:
    thread = open_thread(db, author, mod)

    board_moderation.move_thread(db, mod, thread.id, "hulp-zoeken", LATER)

    assert boards.list_threads(db, BOARD, None).threads == ()
    assert thread_ids(boards.list_threads(db, "hulp-zoeken", None)) == [thread.id]
    view = boards.get_thread(db, thread.id, None)
    assert view is not None and view.board == "hulp-zoeken"
    assert audit_rows(db)[-1] == (
        "Moderator",
        "move",
        f"thread:{thread.id}",
        "vragen -> hulp-zoeken",
    )


@pytest.mark.parametrize(
    ("thread_id", "board", "code"),
    [
        ("thread", BOARD, "same_board"),
        ("thread", None, "unknown_board"),
        ("thread", 1, "unknown_board"),
        ("thread", ["herstel"], "unknown_board"),
        ("thread", "Herstel", "unknown_board"),
        ("thread", "sport", "unknown_board"),
        ("1", "herstel", "unknown_thread"),
        (None, "herstel", "unknown_thread"),
        (False, "herstel", "unknown_thread"),
        (10**6, "herstel", "unknown_thread"),
    ],
)
def test_moving_needs_a_known_thread_and_another_known_board(
    db: Session, author: Account, mod: Account, thread_id: object, board: object, code: str
) -> None:
    thread = open_thread(db, author, mod)
    with refused_without_a_trace(db, code):
        board_moderation.move_thread(
            db, mod, thread.id if thread_id == "thread" else thread_id, board, LATER
        )

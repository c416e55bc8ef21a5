"""Deleting an account really deletes; exporting gives back everything stored about it."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from peersupport.models import Account, AccountSession, LoginThrottle, Note
from peersupport.services import notes, sessions
from peersupport.services.account_deletion import delete_account, export_account
from peersupport.services.accounts import login
from peersupport.services.errors import LoginFailed, NotAuthorized
from peersupport.services.notes_protocol import open_note, seal_note

from .conftest import NOW, SERVER_SECRET, BrowserKeys, browser_keys, sign_up

pytestmark = pytest.mark.usefixtures("cheap_password_hashing")


def rows(db: Session, model: type[Any], account_id: int) -> int:
    column = model.id if model is Account else model.account_id
    return int(db.scalar(select(func.count()).select_from(model).where(column == account_id)) or 0)


def member_with_notes(db: Session, pseudonym: str) -> tuple[Account, BrowserKeys, str]:
    account, keys = sign_up(db, pseudonym)
    token = login(db, pseudonym, keys.auth_key, True, SERVER_SECRET, NOW).token
    for index in range(3):
        note_id = str(uuid.uuid4())
        envelope = seal_note(keys.dk, note_id, {"title": f"{index}", "body": "x"})
        notes.save_note(db, account, note_id, envelope, NOW + timedelta(minutes=index))
    db.commit()
    return account, keys, token


def test_deleting_an_account_leaves_no_notes_or_sessions(db: Session) -> None:
    account, keys, token = member_with_notes(db, "StilleVos42")
    other, _, other_token = member_with_notes(db, "RustigeUil7")
    account_id = account.id
    with pytest.raises(LoginFailed):  # a failure leaves a throttle row behind
        login(db, "StilleVos42", browser_keys("x").auth_key, False, SERVER_SECRET, NOW)

    delete_account(db, account, keys.auth_key, NOW, secret=SERVER_SECRET)
    db.commit()

    for model in (Account, Note, AccountSession):
        assert rows(db, model, account_id) == 0, model
    assert set(db.scalars(select(LoginThrottle.key))) == {"global"}
    with pytest.raises(NotAuthorized):
        sessions.authenticate(db, token, NOW)
    with pytest.raises(LoginFailed):
        login(db, "StilleVos42", keys.auth_key, False, SERVER_SECRET, NOW)
    # The other member keeps everything.
    assert rows(db, Note, other.id) == 3
    assert sessions.authenticate(db, other_token, NOW).id == other.id


def test_the_pseudonym_of_a_deleted_account_is_free_again(db: Session) -> None:
    account, keys, _ = member_with_notes(db, "StilleVos42")
    delete_account(db, account, keys.auth_key, NOW, secret=SERVER_SECRET)
    db.commit()

    again, _ = sign_up(db, "StilleVos42")

    assert notes.list_notes(db, again) == []


def test_deleting_needs_the_passphrase(db: Session) -> None:
    account, _, _ = member_with_notes(db, "StilleVos42")

    with pytest.raises(LoginFailed):
        delete_account(db, account, browser_keys("x").auth_key, NOW, secret=SERVER_SECRET)
    db.rollback()

    assert rows(db, Note, account.id) == 3
    assert rows(db, Account, account.id) == 1


def test_the_export_holds_everything_stored_and_no_secret(db: Session) -> None:
    account, keys, _ = member_with_notes(db, "StilleVos42")

    exported = export_account(db, account)

    assert exported["pseudonym"] == "StilleVos42"
    assert exported["role"] == "member"
    assert exported["created_month"] == "2026-11"
    assert exported["suspended"] is False
    assert [note["updated_at"] for note in exported["notes"]] == [
        "2026-11-27T12:02:00+00:00",
        "2026-11-27T12:01:00+00:00",
        "2026-11-27T12:00:00+00:00",
    ]
    titles = [
        open_note(keys.dk, note["id"], note["envelope"])["title"] for note in exported["notes"]
    ]
    assert titles == ["2", "1", "0"]
    assert exported["sessions"] == [
        {
            "created_at": NOW.isoformat(),
            "last_seen_at": NOW.isoformat(),
            "expires_at": (NOW + timedelta(days=30)).isoformat(),
            "remember": True,
        }
    ]
    text = repr(exported)
    assert account.auth_hash not in text and account.recovery_auth_hash not in text


def test_the_export_holds_only_the_accounts_own_notes(db: Session) -> None:
    account, _, _ = member_with_notes(db, "StilleVos42")
    other, _, _ = member_with_notes(db, "RustigeUil7")
    others_ids = {record.id for record in notes.list_notes(db, other)}

    exported_ids = {note["id"] for note in export_account(db, account)["notes"]}

    assert len(exported_ids) == 3
    assert not exported_ids & others_ids


def _story(db: Session, author: Account, title: str) -> int:
    from peersupport.services import stories

    own = stories.save_draft(
        db,
        author,
        None,
        title=title,
        body="Wat er gebeurde, en wat me hielp om erover te praten met iemand die ik vertrouw.",
        language="nl",
        themes=["shame"],
        warnings=[],
        now=NOW,
    )
    return own.id


def test_deleting_an_account_deletes_his_stories_published_ones_too(db: Session) -> None:
    from peersupport.models import ModerationItem, Story, StoryTheme
    from peersupport.services import moderation, stories

    account, keys, _ = member_with_notes(db, "StilleVos42")
    other, _, _ = member_with_notes(db, "RustigeUil7")
    mod, _ = sign_up(db, "Moderator1")
    mod.role = "moderator"
    published_id = _story(db, account, "Gepubliceerd")
    item = stories.submit_story(db, account, published_id, keep_findings=True, now=NOW)
    moderation.approve_item(db, mod, item.id, NOW)
    _story(db, account, "Concept")
    kept = _story(db, other, "Van een ander")
    db.commit()

    delete_account(db, account, keys.auth_key, NOW, secret=SERVER_SECRET)
    db.commit()

    assert db.scalars(select(Story.id)).all() == [kept]
    assert db.scalar(select(func.count()).select_from(ModerationItem)) == 0
    assert db.scalar(select(func.count()).select_from(StoryTheme)) == 0
    assert stories.list_published(db) == ([], None)


def test_the_export_holds_his_stories(db: Session) -> None:
    account, _, _ = member_with_notes(db, "StilleVos42")
    _story(db, account, "Mijn concept")

    exported = export_account(db, account)

    assert [(s["title"], s["state"], s["themes"]) for s in exported["stories"]] == [
        ("Mijn concept", "draft", ["shame"])
    ]


def test_deleting_an_account_takes_his_words_off_the_boards_and_keeps_others_replies(
    db: Session,
) -> None:
    from peersupport.models import BoardPost, BoardThread, ModerationItem, PostReport
    from peersupport.services import boards
    from peersupport.settings import PostingLimits

    from .test_boards_service import answer, approve, opening_of, start

    account, keys, _ = member_with_notes(db, "StilleVos42")
    other, _, _ = member_with_notes(db, "RustigeUil7")
    mod, _ = sign_up(db, "Moderator1")
    mod.role = "moderator"
    minute = timedelta(minutes=1)
    unanswered = start(db, account, now=NOW, title="Niemand antwoordde")
    approve(db, mod, opening_of(db, unanswered).id, NOW)
    answered = start(db, account, now=NOW + minute, title="Wel antwoord")
    approve(db, mod, opening_of(db, answered).id, NOW + minute)
    waiting = start(db, account, now=NOW + 2 * minute, title="Wacht nog")
    others = start(db, other, now=NOW, title="Van een ander")
    approve(db, mod, opening_of(db, others).id, NOW)
    his_reply = answer(db, account, others.id, now=NOW + 3 * minute, body="Mijn antwoord.")
    approve(db, mod, his_reply.id, NOW + 3 * minute)
    kept_reply = answer(
        db, other, answered.id, now=NOW + 4 * minute, body="Jouw vraag, mijn antwoord."
    )
    approve(db, mod, kept_reply.id, NOW + 4 * minute)
    quoting = answer(
        db, other, others.id, now=NOW + 5 * minute, body="Eens!", quote_of=his_reply.id
    )
    approve(db, mod, quoting.id, NOW + 5 * minute)
    boards.report_post(
        db,
        account,
        quoting.id,
        reason="unkind",
        text="",
        limits=PostingLimits(),
        now=NOW + 6 * minute,
    )
    ids = (account.id, unanswered.id, answered.id, waiting.id, others.id)
    db.commit()

    exported = export_account(db, account)["board_posts"]
    assert [(p["thread"], p["opening"], p["text"], p["state"]) for p in exported] == [
        ("Niemand antwoordde", "yes", opening_of(db, unanswered).body, "published"),
        ("Wel antwoord", "yes", opening_of(db, answered).body, "published"),
        ("Wacht nog", "yes", opening_of(db, waiting).body, "pending"),
        ("Van een ander", "no", "Mijn antwoord.", "published"),
    ]
    assert {p["board"] for p in exported} == {"vragen"} and exported[0]["written"] == "2026-11-27"

    delete_account(db, account, keys.auth_key, NOW + 7 * minute, secret=SERVER_SECRET)
    db.commit()
    db.expire_all()

    account_id, unanswered_id, answered_id, waiting_id, others_id = ids
    assert set(db.scalars(select(BoardThread.id))) == {answered_id, others_id}
    kept = db.get(BoardThread, answered_id)
    assert kept is not None and (kept.title, kept.author_id) == ("", None)
    opening = db.scalars(
        select(BoardPost).where(BoardPost.thread_id == answered_id, BoardPost.opening)
    ).one()
    assert (opening.body, opening.state, opening.author_id) == ("", "deleted", None)
    view = boards.get_thread(db, answered_id, None)
    assert view is not None
    assert [(p.status, p.body, p.author) for p in view.posts] == [
        ("deleted", "", ""),
        ("published", "Jouw vraag, mijn antwoord.", "RustigeUil7"),
    ]
    assert (
        db.scalar(
            select(func.count()).select_from(BoardPost).where(BoardPost.author_id == account_id)
        )
        == 0
    )
    assert db.get(BoardPost, his_reply.id) is None
    others_thread = db.get(BoardThread, others_id)
    assert others_thread is not None and others_thread.reply_count == 1
    remaining_quote = db.get(BoardPost, quoting.id)
    assert remaining_quote is not None and remaining_quote.quote_of is None
    assert db.scalar(select(func.count()).select_from(PostReport)) == 0
    assert (
        db.scalar(
            select(func.count())
            .select_from(ModerationItem)
            .where(ModerationItem.author_id == account_id)
        )
        == 0
    )
    # Nothing of the deleted threads is left behind.
    assert (
        db.scalar(
            select(func.count())
            .select_from(BoardPost)
            .where(BoardPost.thread_id.in_((unanswered_id, waiting_id)))
        )
        == 0
    )

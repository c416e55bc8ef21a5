"""Crisis first in the queue: a thread, reply or story with crisis words is queued urgent
with its reasons, comes before older items, and is still only published by a moderator."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy.orm import Session

from peersupport.models import BoardPost
from peersupport.services import moderation
from peersupport.services.errors import NotAuthorized

from .conftest import NOW, add_account
from .test_boards_service import answer, item_of, open_thread, opening_of, start
from .test_moderation_service import submit

LATER = NOW + timedelta(minutes=5)


def test_a_reply_with_crisis_words_is_queued_urgent_with_its_reason(db: Session) -> None:
    author, mod = add_account(db, "Vraagsteller"), add_account(db, "Mod", role="moderator")
    thread = open_thread(db, author, mod)
    replier = add_account(db, "Schrijver")

    post = answer(db, replier, thread.id, now=LATER, body="Ik kan niet meer. Ik wil dood.")

    item = item_of(db, post.id)
    assert (item.urgent, item.urgent_reasons) == (True, "suicide")
    assert post.state == "pending"  # nothing is published without a moderator


def test_a_calm_reply_and_a_saying_are_not_urgent(db: Session) -> None:
    author, mod = add_account(db, "Vraagsteller"), add_account(db, "Mod", role="moderator")
    thread = open_thread(db, author, mod)
    post = answer(db, author, thread.id, now=LATER, body="Ik ging dood van het lachen, dank je!")
    assert (item_of(db, post.id).urgent, item_of(db, post.id).urgent_reasons) == (False, "")


def test_a_reply_is_not_urgent_because_of_its_threads_title(db: Session) -> None:
    author, mod = add_account(db, "Vraagsteller"), add_account(db, "Mod", role="moderator")
    thread = open_thread(db, author, mod, title="Wat doe je als iemand zegt: ik wil dood?")
    post = answer(db, author, thread.id, now=LATER, body="Luisteren en 113 noemen.")
    assert item_of(db, post.id).urgent is False


def test_a_new_thread_and_a_story_are_read_with_their_titles(db: Session) -> None:
    author = add_account(db, "Schrijver")
    thread = start(db, author, title="Ik snij mezelf", body="Ik weet niet wat ik moet doen.")
    assert item_of(db, opening_of(db, thread).id).urgent_reasons == "self_harm"

    body = "Mijn vader heeft me uit huis gezet. " * 3
    item = submit(db, author, title="Geen slaapplek", body=body)
    assert (item.urgent, item.urgent_reasons) == (True, "nowhere_to_sleep")


def test_urgent_items_come_first_with_their_reasons_then_oldest_first(db: Session) -> None:
    author, mod = add_account(db, "Vraagsteller"), add_account(db, "Mod", role="moderator")
    older = start(db, author)
    newer = add_account(db, "Nieuw")
    urgent_thread = start(
        db, newer, now=LATER, title="Vannacht", body="Ik slaap vannacht op straat en wil dood."
    )

    queue = moderation.list_queue(db, mod, LATER)

    assert [row.id for row in queue] == [
        item_of(db, opening_of(db, urgent_thread).id).id,
        item_of(db, opening_of(db, older).id).id,
    ]
    assert queue[0].urgent_reasons == ("suicide", "nowhere_to_sleep")
    assert queue[1].urgent_reasons == ()
    assert queue[0].queued_at == LATER  # the page shows how long it has waited


def test_an_urgent_item_is_published_only_when_a_moderator_approves_it(db: Session) -> None:
    author, mod = add_account(db, "Vraagsteller"), add_account(db, "Mod", role="moderator")
    thread = start(db, author, title="Hulp", body="Hij staat nu voor mijn deur.")
    post = opening_of(db, thread)
    assert post.state == "pending"
    moderation.approve_item(db, mod, item_of(db, post.id).id, LATER)
    assert db.get(BoardPost, post.id).state == "published"  # type: ignore[union-attr]


def test_members_cannot_read_the_queue_or_its_reasons(db: Session) -> None:
    member = add_account(db, "Lid")
    start(db, member, title="Hulp", body="Ik wil dood.")
    with pytest.raises(NotAuthorized):
        moderation.list_queue(db, member, LATER)

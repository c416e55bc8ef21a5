"""Message boards: nobody but the author sees a post before a moderator approved it,
posting and reporting are limited, and reading a page costs a fixed number of queries."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from functools import partial
from typing import Any

import pytest
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from peersupport.models import (
    Account,
    AuditEntry,
    BoardPost,
    BoardThread,
    ModerationItem,
    PostReport,
)
from peersupport.services import board_moderation, boards, moderation, watched_words
from peersupport.services.errors import InvalidInput, NotAuthorized
from peersupport.settings import PostingLimits

from .conftest import NOW, add_account

LIMITS = PostingLimits()
# No daily limit and no gap worth mentioning: for tests that build many posts.
UNLIMITED = PostingLimits(
    new_account_days=0, threads_per_day=1000, replies_per_day=1000, seconds_between_posts=0
)
BOARD = "vragen"
TITLE = "Is dit normaal?"
BODY = "Ik weet niet of ik dit moet vertellen. Het is lang geleden, maar het zit me nog dwars."
REPLY = "Herkenbaar. Praten met iemand die ik vertrouw hielp mij echt."
PHONE = " Bel me op 06 12 34 56 78."
HOUR = timedelta(hours=1)


# --- helpers (the moderation tests use them too) ------------------------------------------


def start(db: Session, author: Account, now: datetime = NOW, **fields: Any) -> BoardThread:
    """A new thread on BOARD as the board page would send it."""
    values: dict[str, Any] = {
        "title": TITLE,
        "body": BODY,
        "keep_findings": False,
        "limits": LIMITS,
        "now": now,
    }
    values.update(fields)
    board = values.pop("board", BOARD)
    return boards.start_thread(db, author, board, **values)


def answer(
    db: Session, author: Account, thread_id: object, now: datetime = NOW, **fields: Any
) -> BoardPost:
    """A reply as the thread page would send it."""
    values: dict[str, Any] = {
        "body": REPLY,
        "quote_of": None,
        "keep_findings": False,
        "limits": LIMITS,
        "now": now,
    }
    values.update(fields)
    return boards.reply(db, author, thread_id, **values)


def item_of(db: Session, post_id: int) -> ModerationItem:
    return db.scalars(select(ModerationItem).where(ModerationItem.post_id == post_id)).one()


def opening_of(db: Session, thread: BoardThread) -> BoardPost:
    return db.scalars(
        select(BoardPost).where(BoardPost.thread_id == thread.id, BoardPost.opening)
    ).one()


def approve(db: Session, mod: Account, post_id: int, at: datetime = NOW) -> None:
    moderation.approve_item(db, mod, item_of(db, post_id).id, at)


def open_thread(
    db: Session, author: Account, mod: Account, at: datetime = NOW, **fields: Any
) -> BoardThread:
    """A thread started and approved at `at`."""
    thread = start(db, author, now=at, **fields)
    approve(db, mod, opening_of(db, thread).id, at)
    return thread


def published_reply(
    db: Session, author: Account, mod: Account, thread: BoardThread, at: datetime, **fields: Any
) -> BoardPost:
    """A reply written and approved at `at`."""
    post = answer(db, author, thread.id, now=at, **fields)
    approve(db, mod, post.id, at)
    return post


BOARD_TABLES = (BoardThread, BoardPost, PostReport, ModerationItem, AuditEntry)


def snapshot(db: Session) -> dict[str, list[tuple[object, ...]]]:
    """Every row the boards and their moderation own, to compare before and after."""
    db.flush()
    return {
        model.__tablename__: [
            tuple(row)
            for row in db.execute(select(*model.__table__.columns).order_by(model.__table__.c.id))
        ]
        for model in BOARD_TABLES
    }


@contextmanager
def refused_without_a_trace(
    db: Session, code: str, error: type[InvalidInput | NotAuthorized] = InvalidInput
) -> Iterator[None]:
    """The block must be refused with `error` of `code` and leave every table as it was."""
    before = snapshot(db)
    with pytest.raises(error) as refused:
        yield
    assert refused.value.code == code
    assert snapshot(db) == before


def thread_ids(page: boards.ThreadPage) -> list[int]:
    return [card.id for card in page.threads]


def shown(view: boards.ThreadView | None) -> dict[int, tuple[str, str]]:
    """post id -> (status, body) of what a viewer gets."""
    assert view is not None
    return {post.id: (post.status, post.body) for post in view.posts}


# --- starting a thread ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"board": None}, "unknown_board"),
        ({"board": 1}, "unknown_board"),
        ({"board": ["vragen"]}, "unknown_board"),
        ({"board": {"key": "vragen"}}, "unknown_board"),
        ({"board": "VRAGEN"}, "unknown_board"),
        ({"board": "'; DROP TABLE board_threads; --"}, "unknown_board"),
        ({"board": "v" * 100_000}, "unknown_board"),
        ({"title": None}, "title_missing"),
        ({"title": "   "}, "title_missing"),
        ({"title": 1234}, "title_too_long"),
        ({"title": ["Is dit normaal?"]}, "title_too_long"),
        ({"title": {"$ne": ""}}, "title_too_long"),
        ({"title": "x" * 121}, "title_too_long"),
        ({"title": "x" * 1_000_000}, "title_too_long"),
        ({"title": "ab"}, "title_too_short"),
        ({"title": "\x00\x00\x00\x00\x00"}, "title_too_short"),
        ({"body": None}, "body_missing"),
        ({"body": " \n\t "}, "body_missing"),
        ({"body": 42}, "body_too_long"),
        ({"body": ["tekst"]}, "body_too_long"),
        ({"body": {"tekst": 1}}, "body_too_long"),
        ({"body": "x" * 5_001}, "body_too_long"),
        ({"body": "x" * 1_000_000}, "body_too_long"),
        ({"body": "\x00"}, "body_missing"),
        ({"body": "\x00 \x00\n\x00"}, "body_missing"),
    ],
)
def test_hostile_thread_fields_are_refused_and_nothing_is_stored(
    db: Session, author: Account, fields: dict[str, Any], code: str
) -> None:
    with refused_without_a_trace(db, code):
        start(db, author, **fields)


def test_nul_characters_are_taken_out_of_title_and_text(db: Session, author: Account) -> None:
    thread = start(db, author, title="Is\x00 dit  normaal?", body="Tekst\x00 met\r\nregels.")

    assert thread.title == "Is dit normaal?"
    assert opening_of(db, thread).body == "Tekst met\nregels."


def test_an_unknown_board_key_is_refused_and_every_content_board_is_accepted(
    db: Session,
) -> None:
    for index, key in enumerate(("vragen", "herstel", "hulp-zoeken", "coming-out")):
        writer = add_account(db, f"Schrijver{index}")
        assert start(db, writer, board=key).board == key

    with pytest.raises(InvalidInput) as refused:
        start(db, add_account(db, "Nog een"), board="sport")

    assert refused.value.code == "unknown_board"


def test_a_new_thread_waits_and_only_its_author_sees_it(
    db: Session, author: Account, reader: Account, mod: Account
) -> None:
    thread = start(db, author)
    opening = opening_of(db, thread)

    for viewer in (None, reader, mod):
        assert boards.list_threads(db, BOARD, viewer).threads == ()
        assert boards.get_thread(db, thread.id, viewer) is None
    own_page = boards.list_threads(db, BOARD, author)
    own_view = boards.get_thread(db, thread.id, author)

    assert [(c.id, c.waiting, c.rejected) for c in own_page.threads] == [(thread.id, True, False)]
    assert own_view is not None and own_view.listed is False
    assert shown(own_view) == {opening.id: ("waiting", BODY)}
    assert own_view.posts[0].own is True
    item = item_of(db, opening.id)
    assert (item.kind, item.state, item.author_id) == ("thread", "pending", author.id)
    assert (item.original_title, item.original_body) == (TITLE, BODY)
    assert (thread.listed, thread.reply_count, opening.state) == (False, 0, "pending")


def test_the_author_sees_his_waiting_thread_on_the_first_page_only(
    db: Session, author: Account, reader: Account, mod: Account
) -> None:
    for minute in range(boards.THREADS_PAGE + 1):
        open_thread(db, reader, mod, NOW + timedelta(minutes=minute), limits=UNLIMITED)
    waiting = start(db, author, now=NOW + HOUR)

    first = boards.list_threads(db, BOARD, author)
    second = boards.list_threads(db, BOARD, author, first.next_cursor)

    assert first.threads[0].id == waiting.id and first.threads[0].waiting
    assert len(first.threads) == boards.THREADS_PAGE + 1
    assert waiting.id not in thread_ids(second) and len(second.threads) == 1
    assert waiting.id not in thread_ids(boards.list_threads(db, BOARD, reader))


def test_an_approved_thread_is_listed_and_threads_sort_by_last_approved_activity(
    db: Session, author: Account, reader: Account, mod: Account
) -> None:
    older = open_thread(db, author, mod, NOW)
    newer = open_thread(db, reader, mod, NOW + timedelta(minutes=1))
    assert thread_ids(boards.list_threads(db, BOARD, None)) == [newer.id, older.id]

    published_reply(db, reader, mod, older, NOW + timedelta(minutes=5))
    # Written later but still waiting: it moves nothing.
    answer(db, author, newer.id, now=NOW + timedelta(minutes=9))

    page = boards.list_threads(db, BOARD, None)
    assert thread_ids(page) == [older.id, newer.id]
    assert [(c.reply_count, c.last_activity_at) for c in page.threads] == [
        (1, NOW + timedelta(minutes=5)),
        (0, NOW + timedelta(minutes=1)),
    ]
    assert [c.author for c in page.threads] == ["Schrijver", "Lezer"]
    assert not any(c.waiting or c.rejected for c in page.threads)
    view = boards.get_thread(db, older.id, None)
    assert view is not None and view.listed and view.title == TITLE


def test_another_boards_threads_are_not_listed(
    db: Session, author: Account, reader: Account, mod: Account
) -> None:
    here = open_thread(db, author, mod)
    open_thread(db, reader, mod, board="herstel")

    assert thread_ids(boards.list_threads(db, BOARD, None)) == [here.id]


def test_pending_replies_of_others_are_returned_to_nobody_but_their_author(
    db: Session, author: Account, reader: Account, mod: Account
) -> None:
    thread = open_thread(db, author, mod)
    opening = opening_of(db, thread)
    waiting = answer(db, reader, thread.id, now=NOW + timedelta(minutes=1))
    stranger = add_account(db, "Voorbijganger")

    for viewer in (None, author, mod, stranger):
        assert shown(boards.get_thread(db, thread.id, viewer)) == {opening.id: ("published", BODY)}
    assert shown(boards.get_thread(db, thread.id, reader)) == {
        opening.id: ("published", BODY),
        waiting.id: ("waiting", REPLY),
    }
    assert boards.list_threads(db, BOARD, None).threads[0].reply_count == 0


def test_a_rejected_reply_shows_only_to_its_author_with_template_and_reason(
    db: Session, author: Account, reader: Account, mod: Account
) -> None:
    thread = open_thread(db, author, mod)
    post = answer(db, reader, thread.id, now=NOW + timedelta(minutes=1))
    moderation.reject_item(
        db, mod, item_of(db, post.id).id, template="identifying", text="Je school.", now=NOW
    )

    own = boards.get_thread(db, thread.id, reader)
    assert own is not None
    mine = [p for p in own.posts if p.id == post.id]
    assert [(p.status, p.body, p.rejection_template, p.rejection_reason) for p in mine] == [
        ("rejected", REPLY, "identifying", "Je school.")
    ]
    for viewer in (None, author, mod):
        view = boards.get_thread(db, thread.id, viewer)
        assert view is not None and post.id not in shown(view)
        assert all(p.rejection_reason == "" for p in view.posts)


def test_a_rejected_thread_shows_only_to_its_author_with_template_and_reason(
    db: Session, author: Account, reader: Account, mod: Account
) -> None:
    thread = start(db, author)
    item = item_of(db, opening_of(db, thread).id)
    moderation.reject_item(db, mod, item.id, template="unsafe", text="", now=NOW)

    card = boards.list_threads(db, BOARD, author).threads
    view = boards.get_thread(db, thread.id, author)

    assert [(c.id, c.waiting, c.rejected) for c in card] == [(thread.id, False, True)]
    assert view is not None
    assert [(p.status, p.rejection_template) for p in view.posts] == [("rejected", "unsafe")]
    for viewer in (None, reader, mod):
        assert boards.get_thread(db, thread.id, viewer) is None
        assert boards.list_threads(db, BOARD, viewer).threads == ()


@pytest.mark.parametrize("keep", [False, None, "true", 1, [True]])
def test_contact_details_are_refused_unless_knowingly_kept(
    db: Session, author: Account, keep: object
) -> None:
    variants: list[dict[str, Any]] = [{"body": BODY + PHONE}, {"title": "Mail jan@example.com"}]
    for fields in variants:
        with refused_without_a_trace(db, "contact_details"):
            start(db, author, keep_findings=keep, **fields)


def test_kept_contact_details_are_queued_with_the_findings(
    db: Session, author: Account, reader: Account, mod: Account
) -> None:
    thread = start(db, author, body=BODY + PHONE, keep_findings=True)
    item = item_of(db, opening_of(db, thread).id)

    assert json.loads(item.findings) == [{"kind": "phone", "text": "06 12 34 56 78"}]
    queued = moderation.list_queue(db, mod, NOW)
    assert [(q.kind, q.board, q.findings) for q in queued] == [
        ("thread", BOARD, (("phone", "06 12 34 56 78"),))
    ]


def test_a_reply_with_contact_details_is_refused_unless_kept(
    db: Session, author: Account, reader: Account, mod: Account
) -> None:
    thread = open_thread(db, author, mod)
    with refused_without_a_trace(db, "contact_details"):
        answer(db, reader, thread.id, body=REPLY + PHONE)

    post = answer(db, reader, thread.id, body=REPLY + PHONE, keep_findings=True)
    assert [f["kind"] for f in json.loads(item_of(db, post.id).findings)] == ["phone"]


def test_a_blocked_word_is_refused_and_a_review_word_escalates(
    db: Session, author: Account, reader: Account, mod: Account
) -> None:
    thread = open_thread(db, author, mod)
    watched_words.add_word(db, "verboden", "block", NOW)
    watched_words.add_word(db, "kik", "review", NOW)
    refusals = [
        lambda: start(db, reader, body=BODY + " Dit is VERBODEN."),
        lambda: start(db, reader, title="Verboden vraag"),
        lambda: answer(db, reader, thread.id, body=REPLY + " v.e.r.b.o.d.e.n"),
    ]
    for refusal in refusals:
        with refused_without_a_trace(db, "blocked_word"):
            refusal()

    escalated = start(db, reader, body=BODY + " Hij vroeg naar mijn k i k.")
    reply_item = item_of(db, answer(db, author, thread.id, now=NOW + HOUR, body=REPLY + " kik?").id)
    thread_item = item_of(db, opening_of(db, escalated).id)
    for item in (thread_item, reply_item):
        assert item.escalated is True
        assert json.loads(item.flags) == [{"word": "kik", "action": "review"}]
    with pytest.raises(NotAuthorized) as not_for_moderators:
        moderation.approve_item(db, mod, thread_item.id, NOW + HOUR)
    assert not_for_moderators.value.code == "escalated"


# --- replying ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"thread": "1"}, "unknown_thread"),
        ({"thread": None}, "unknown_thread"),
        ({"thread": True}, "unknown_thread"),
        ({"thread": 1.0}, "unknown_thread"),
        ({"thread": -1}, "unknown_thread"),
        ({"thread": 0}, "unknown_thread"),
        ({"thread": 2**70}, "unknown_thread"),
        ({"thread": [1]}, "unknown_thread"),
        ({"thread": {"id": 1}}, "unknown_thread"),
        ({"thread": 10**6}, "unknown_thread"),
        ({"body": None}, "body_missing"),
        ({"body": "   "}, "body_missing"),
        ({"body": 7}, "body_too_long"),
        ({"body": ["a"]}, "body_too_long"),
        ({"body": {"a": 1}}, "body_too_long"),
        ({"body": "x" * 5_001}, "body_too_long"),
        ({"body": "\x00"}, "body_missing"),
        ({"quote_of": "1"}, "unknown_quote"),
        ({"quote_of": True}, "unknown_quote"),
        ({"quote_of": 1.5}, "unknown_quote"),
        ({"quote_of": [1]}, "unknown_quote"),
        ({"quote_of": 2**70}, "unknown_quote"),
        ({"quote_of": 10**6}, "unknown_quote"),
    ],
)
def test_hostile_reply_fields_are_refused_and_nothing_is_stored(
    db: Session,
    author: Account,
    reader: Account,
    mod: Account,
    fields: dict[str, Any],
    code: str,
) -> None:
    thread = open_thread(db, author, mod)
    target = fields.pop("thread", thread.id)
    with refused_without_a_trace(db, code):
        answer(db, reader, target, **fields)


def test_a_waiting_thread_takes_no_reply_not_even_from_its_author(
    db: Session, author: Account, reader: Account
) -> None:
    thread = start(db, author)
    for writer in (reader, author):
        with refused_without_a_trace(db, "unknown_thread"):
            answer(db, writer, thread.id, now=NOW + HOUR)


def test_a_locked_thread_takes_no_reply(
    db: Session, author: Account, reader: Account, mod: Account
) -> None:
    thread = open_thread(db, author, mod)
    board_moderation.set_locked(db, mod, thread.id, True, NOW)
    with refused_without_a_trace(db, "locked"):
        answer(db, reader, thread.id)
    view = boards.get_thread(db, thread.id, reader)
    assert view is not None and view.locked
    assert boards.list_threads(db, BOARD, None).threads[0].locked
    board_moderation.set_locked(db, mod, thread.id, False, NOW)
    assert answer(db, reader, thread.id).state == "pending"


def test_a_suspended_member_cannot_start_reply_or_report(
    db: Session, author: Account, reader: Account, mod: Account
) -> None:
    thread = open_thread(db, author, mod)
    opening = opening_of(db, thread)
    reader.suspended = True
    calls: list[Callable[[], object]] = [
        lambda: start(db, reader),
        lambda: answer(db, reader, thread.id),
        lambda: boards.report_post(
            db, reader, opening.id, reason="unkind", text="", limits=LIMITS, now=NOW
        ),
    ]
    for call in calls:
        with refused_without_a_trace(db, "suspended", NotAuthorized):
            call()


def test_a_reply_may_quote_a_published_post_of_its_own_thread(
    db: Session, author: Account, reader: Account, mod: Account
) -> None:
    thread = open_thread(db, author, mod)
    opening = opening_of(db, thread)

    post = published_reply(db, reader, mod, thread, NOW + HOUR, quote_of=opening.id)

    view = boards.get_thread(db, thread.id, None)
    assert view is not None
    quoted = {p.id: p.quote for p in view.posts}[post.id]
    assert quoted == boards.Quote(author="Schrijver", excerpt=BODY)


def test_a_long_quoted_post_is_cut_at_a_word_with_an_ellipsis(
    db: Session, author: Account, reader: Account, mod: Account
) -> None:
    long_body = " ".join(["woord"] * 100)
    thread = open_thread(db, author, mod, body=long_body)
    post = published_reply(db, reader, mod, thread, NOW + HOUR, quote_of=opening_of(db, thread).id)

    view = boards.get_thread(db, thread.id, None)

    assert view is not None
    quote = {p.id: p.quote for p in view.posts}[post.id]
    assert quote is not None and quote.excerpt.endswith("woord…")
    assert len(quote.excerpt) <= boards.QUOTE_EXCERPT_CHARS


def test_a_quote_that_can_no_longer_be_shown_has_no_text(
    db: Session, author: Account, reader: Account, mod: Account
) -> None:
    thread = open_thread(db, author, mod)
    first = published_reply(db, reader, mod, thread, NOW + HOUR)
    second = published_reply(db, author, mod, thread, NOW + 2 * HOUR, quote_of=first.id)
    board_moderation.remove_post(db, mod, first.id, reason="Onaardig", now=NOW + 2 * HOUR)

    view = boards.get_thread(db, thread.id, None)

    assert view is not None
    assert {p.id: p.quote for p in view.posts}[second.id] == boards.Quote(author="", excerpt="")


def test_only_a_visible_published_post_of_the_same_thread_can_be_quoted(
    db: Session, author: Account, reader: Account, mod: Account
) -> None:
    thread = open_thread(db, author, mod)
    elsewhere = open_thread(db, reader, mod, NOW + HOUR)
    pending = answer(db, author, thread.id, now=NOW + 2 * HOUR)
    hidden = published_reply(db, author, mod, thread, NOW + 3 * HOUR)
    hidden.hidden = True
    removed = published_reply(db, author, mod, thread, NOW + 4 * HOUR)
    board_moderation.remove_post(db, mod, removed.id, reason="Namen", now=NOW + 4 * HOUR)
    writer = add_account(db, "Derde")
    for quote in (opening_of(db, elsewhere).id, pending.id, hidden.id, removed.id):
        with refused_without_a_trace(db, "unknown_quote"):
            answer(db, writer, thread.id, now=NOW + 5 * HOUR, quote_of=quote)


# --- posting limits ---------------------------------------------------------------------------


def test_a_new_account_starts_three_threads_a_day(db: Session, author: Account) -> None:
    author.created_on = NOW.date()
    for n in range(3):
        start(db, author, now=NOW + timedelta(seconds=31 * n))
    with refused_without_a_trace(db, "too_many_threads"):
        start(db, author, now=NOW + timedelta(minutes=10))
    assert start(db, author, now=NOW + timedelta(days=1, seconds=1)).id


def test_a_new_account_replies_ten_times_a_day(
    db: Session, author: Account, reader: Account, mod: Account
) -> None:
    thread = open_thread(db, author, mod, NOW - HOUR)
    reader.created_on = NOW.date()
    for n in range(10):
        answer(db, reader, thread.id, now=NOW + timedelta(seconds=31 * n))
    with refused_without_a_trace(db, "too_many_replies"):
        answer(db, reader, thread.id, now=NOW + timedelta(minutes=10))
    # Replies and threads are counted apart.
    assert start(db, reader, now=NOW + timedelta(minutes=10)).id


def test_a_new_account_waits_thirty_seconds_between_posts(
    db: Session, author: Account, reader: Account, mod: Account
) -> None:
    thread = open_thread(db, author, mod, NOW - HOUR)
    reader.created_on = NOW.date()
    answer(db, reader, thread.id, now=NOW)
    before = snapshot(db)

    for call in (
        lambda: answer(db, reader, thread.id, now=NOW + timedelta(seconds=29)),
        lambda: start(db, reader, now=NOW + timedelta(seconds=29)),
    ):
        with pytest.raises(InvalidInput) as refused:
            call()
        assert refused.value.code == "too_soon"

    assert snapshot(db) == before
    assert answer(db, reader, thread.id, now=NOW + timedelta(seconds=30)).id


def test_an_old_account_gets_the_looser_limits(db: Session, author: Account) -> None:
    author.created_on = NOW.date() - timedelta(days=30)
    for n in range(LIMITS.threads_per_day):
        start(db, author, now=NOW + timedelta(seconds=10 * n))
    assert LIMITS.threads_per_day > LIMITS.new_threads_per_day
    before = snapshot(db)

    with pytest.raises(InvalidInput) as too_many:
        start(db, author, now=NOW + HOUR)

    assert too_many.value.code == "too_many_threads"
    assert snapshot(db) == before


def test_an_old_account_waits_ten_seconds_between_posts(db: Session, author: Account) -> None:
    author.created_on = NOW.date() - timedelta(days=30)
    start(db, author, now=NOW)

    with pytest.raises(InvalidInput) as refused:
        start(db, author, now=NOW + timedelta(seconds=9))

    assert refused.value.code == "too_soon"
    assert start(db, author, now=NOW + timedelta(seconds=10)).id


def test_an_old_account_replies_more_than_ten_times_a_day(
    db: Session, author: Account, reader: Account, mod: Account
) -> None:
    thread = open_thread(db, author, mod, NOW - HOUR)
    reader.created_on = NOW.date() - timedelta(days=30)

    for n in range(LIMITS.replies_per_day):
        answer(db, reader, thread.id, now=NOW + timedelta(seconds=10 * n))
    with pytest.raises(InvalidInput) as refused:
        answer(db, reader, thread.id, now=NOW + 2 * HOUR)

    assert refused.value.code == "too_many_replies"


def test_custom_posting_limits_are_honoured(db: Session, author: Account) -> None:
    limits = PostingLimits(
        new_account_days=60,
        new_threads_per_day=1,
        new_seconds_between_posts=120,
        threads_per_day=2,
    )
    author.created_on = NOW.date() - timedelta(days=30)  # new for these limits
    start(db, author, limits=limits)

    with pytest.raises(InvalidInput) as too_many:
        start(db, author, now=NOW + HOUR, limits=limits)
    assert too_many.value.code == "too_many_threads"

    looser = PostingLimits(new_account_days=14, threads_per_day=2, seconds_between_posts=120)
    with pytest.raises(InvalidInput) as too_soon:
        start(db, author, now=NOW + timedelta(seconds=119), limits=looser)
    assert too_soon.value.code == "too_soon"
    start(db, author, now=NOW + timedelta(seconds=120), limits=looser)
    with pytest.raises(InvalidInput) as third:
        start(db, author, now=NOW + HOUR, limits=looser)
    assert third.value.code == "too_many_threads"


# --- reports ----------------------------------------------------------------------------------


def report(
    db: Session,
    reporter: Account,
    post_id: object,
    reason: object = "unkind",
    text: object = "",
    limits: PostingLimits = LIMITS,
    now: datetime = NOW,
) -> bool:
    return boards.report_post(
        db, reporter, post_id, reason=reason, text=text, limits=limits, now=now
    )


@pytest.mark.parametrize(
    ("reason", "text", "code"),
    [
        (None, "", "invalid_reason"),
        (1, "", "invalid_reason"),
        ("spam", "", "invalid_reason"),
        (["unkind"], "", "invalid_reason"),
        ({"reason": "unkind"}, "", "invalid_reason"),
        ("UNKIND", "", "invalid_reason"),
        ("other", "", "reason_text_missing"),
        ("other", "   ", "reason_text_missing"),
        ("other", None, "reason_text_missing"),
        ("unkind", "x" * 501, "report_too_long"),
        ("unkind", 5, "report_too_long"),
        ("unkind", ["a"], "report_too_long"),
        ("other", "x" * 1_000_000, "report_too_long"),
    ],
)
def test_a_report_needs_a_known_reason_and_other_needs_words(
    db: Session,
    author: Account,
    reader: Account,
    mod: Account,
    reason: object,
    text: object,
    code: str,
) -> None:
    opening = opening_of(db, open_thread(db, author, mod))
    with refused_without_a_trace(db, code):
        report(db, reader, opening.id, reason, text)


def test_every_listed_reason_is_accepted_and_other_keeps_its_words(
    db: Session, author: Account, reader: Account, mod: Account
) -> None:
    reasons = ("contact_details", "meeting_up", "identifying", "unkind", "unsafe", "other")
    posts = [
        opening_of(db, open_thread(db, author, mod, NOW + timedelta(minutes=n), limits=UNLIMITED))
        for n in range(len(reasons))
    ]

    for post, reason in zip(posts, reasons, strict=True):
        report(db, reader, post.id, reason, "  Hij vraagt naar mijn school.  ")

    stored = db.execute(select(PostReport.reason, PostReport.text).order_by(PostReport.id)).all()
    assert [row.reason for row in stored] == list(reasons)
    assert {row.text for row in stored} == {"Hij vraagt naar mijn school."}


@pytest.mark.parametrize("post_id", ["1", None, True, 1.0, 0, -1, 2**70, [1], 10**6])
def test_hostile_or_unknown_post_ids_cannot_be_reported(
    db: Session, author: Account, reader: Account, mod: Account, post_id: object
) -> None:
    open_thread(db, author, mod)
    with refused_without_a_trace(db, "unknown_post"):
        report(db, reader, post_id)


def test_a_waiting_post_cannot_be_reported(
    db: Session, author: Account, reader: Account, mod: Account
) -> None:
    thread = open_thread(db, author, mod)
    waiting = answer(db, author, thread.id, now=NOW + HOUR)
    unlisted = start(db, author, now=NOW + 2 * HOUR)
    for post_id in (waiting.id, opening_of(db, unlisted).id):
        with refused_without_a_trace(db, "unknown_post"):
            report(db, reader, post_id)


def test_a_member_cannot_report_his_own_post(db: Session, author: Account, mod: Account) -> None:
    opening = opening_of(db, open_thread(db, author, mod))
    with refused_without_a_trace(db, "own_post"):
        report(db, author, opening.id)


def test_a_member_reports_a_post_once(
    db: Session, author: Account, reader: Account, mod: Account
) -> None:
    opening = opening_of(db, open_thread(db, author, mod))
    report(db, reader, opening.id)
    with refused_without_a_trace(db, "already_reported"):
        report(db, reader, opening.id, "unsafe", now=NOW + HOUR)


def test_a_member_has_a_daily_number_of_reports(
    db: Session, author: Account, reader: Account, mod: Account
) -> None:
    limits = PostingLimits(reports_per_day=2)
    threads = [
        open_thread(db, author, mod, NOW + timedelta(minutes=n), limits=UNLIMITED) for n in range(3)
    ]
    posts = [opening_of(db, thread).id for thread in threads]
    report(db, reader, posts[0], limits=limits, now=NOW + HOUR)
    report(db, reader, posts[1], limits=limits, now=NOW + 2 * HOUR)
    with refused_without_a_trace(db, "too_many_reports"):
        report(db, reader, posts[2], limits=limits, now=NOW + 3 * HOUR)
    report(db, reader, posts[2], limits=limits, now=NOW + timedelta(days=1, hours=1, seconds=1))


def test_three_members_hide_a_reply_only_its_author_still_reads_it(
    db: Session, author: Account, reader: Account, mod: Account
) -> None:
    thread = open_thread(db, author, mod)
    post = published_reply(db, reader, mod, thread, NOW + HOUR)
    reporters = [add_account(db, f"Melder{n}") for n in range(3)]

    hidden = [report(db, who, post.id, now=NOW + 2 * HOUR) for who in reporters]

    assert hidden == [False, False, True]
    for viewer in (None, author, reporters[0], mod):
        assert shown(boards.get_thread(db, thread.id, viewer))[post.id] == ("hidden", "")
    assert shown(boards.get_thread(db, thread.id, reader))[post.id] == ("hidden", REPLY)
    assert thread_ids(boards.list_threads(db, BOARD, None)) == [thread.id]


def test_a_hidden_reply_is_not_counted_the_same_as_after_any_recount(
    db: Session, author: Account, reader: Account, mod: Account
) -> None:
    """The board page's reply count must not depend on what happened after the hiding:
    `refresh_thread` counts visible posts only, so hiding must recount too."""
    thread = open_thread(db, author, mod)
    post = published_reply(db, reader, mod, thread, NOW + HOUR)
    for n in range(boards.HIDE_AFTER_REPORTS):
        report(db, add_account(db, f"Melder{n}"), post.id, now=NOW + 2 * HOUR)

    after_hiding = (thread.reply_count, thread.last_activity_at)
    boards.refresh_thread(db, thread)

    assert after_hiding == (thread.reply_count, thread.last_activity_at) == (0, NOW)


def test_three_members_hide_an_opening_post_and_its_thread_leaves_the_board(
    db: Session, author: Account, mod: Account
) -> None:
    thread = open_thread(db, author, mod)
    opening = opening_of(db, thread)
    reporters = [add_account(db, f"Melder{n}") for n in range(3)]

    for who in reporters:
        report(db, who, opening.id, now=NOW + HOUR)

    assert boards.list_threads(db, BOARD, None).threads == ()
    for viewer in (None, reporters[0]):
        assert boards.get_thread(db, thread.id, viewer) is None
    own = boards.get_thread(db, thread.id, author)
    assert own is not None and shown(own) == {opening.id: ("hidden", BODY)}
    # A fourth member cannot report what nobody sees any more.
    with pytest.raises(InvalidInput) as refused:
        report(db, add_account(db, "Vierde"), opening.id, now=NOW + HOUR)
    assert refused.value.code == "unknown_post"


# --- reading: hostile input, paging and the cost of a page -------------------------------


@pytest.mark.parametrize("thread_id", ["1", None, True, 1.0, 0, -1, 2**70, [1], {"id": 1}])
def test_hostile_thread_ids_read_nothing(
    db: Session, author: Account, mod: Account, thread_id: object
) -> None:
    open_thread(db, author, mod)

    assert boards.get_thread(db, thread_id, None) is None
    assert boards.get_thread(db, thread_id, author) is None


def _b64(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


@pytest.mark.parametrize(
    ("board", "cursor", "code"),
    [
        (None, None, "unknown_board"),
        (3, None, "unknown_board"),
        (["vragen"], None, "unknown_board"),
        ("onbekend", None, "unknown_board"),
        (BOARD, "not-a-cursor", "invalid_cursor"),
        (BOARD, "x" * 101, "invalid_cursor"),
        (BOARD, ["a"], "invalid_cursor"),
        (BOARD, 12, "invalid_cursor"),
        (BOARD, _b64("2026-11-27T12:00:30|1"), "invalid_cursor"),  # a time without zone
        (BOARD, _b64("2026-11-27T12:00:30+00:00|0"), "invalid_cursor"),
        (BOARD, _b64("2026-11-27T12:00:30+00:00|1|2"), "invalid_cursor"),
        (BOARD, _b64("gisteren|1"), "invalid_cursor"),
        (BOARD, "\x00", "invalid_cursor"),
    ],
)
def test_hostile_board_keys_and_cursors_are_refused(
    db: Session, board: object, cursor: object, code: str
) -> None:
    with pytest.raises(InvalidInput) as refused:
        boards.list_threads(db, board, None, cursor)

    assert refused.value.code == code


@pytest.mark.parametrize("cursor", ["abc", "0", "-1", "1.5", "٣", "9" * 20, ["1"], 5])
def test_hostile_post_cursors_are_refused(
    db: Session, author: Account, mod: Account, cursor: object
) -> None:
    thread = open_thread(db, author, mod)

    with pytest.raises(InvalidInput) as refused:
        boards.get_thread(db, thread.id, None, cursor)

    assert refused.value.code == "invalid_cursor"


def test_threads_page_by_cursor_even_when_they_share_a_moment(
    db: Session, author: Account, mod: Account
) -> None:
    """Approved in one batch, many threads share `last_activity_at`; the cursor must
    then go on by id, without skipping or repeating one."""
    ids = [
        open_thread(db, author, mod, NOW - timedelta(seconds=5 - n), limits=UNLIMITED).id
        for n in range(5)
    ]
    for _ in range(boards.THREADS_PAGE + 3):
        thread = start(db, author, limits=UNLIMITED)
        approve(db, mod, opening_of(db, thread).id, NOW + HOUR)
        ids.append(thread.id)

    first = boards.list_threads(db, BOARD, None)
    second = boards.list_threads(db, BOARD, None, first.next_cursor)

    expected = sorted(ids[5:], reverse=True) + ids[4::-1]
    assert len(first.threads) == boards.THREADS_PAGE and first.next_cursor
    assert thread_ids(first) + thread_ids(second) == expected
    assert second.next_cursor == ""


def test_posts_page_by_cursor_oldest_first(db: Session, author: Account, mod: Account) -> None:
    thread = open_thread(db, author, mod)
    writer = add_account(db, "Schrijver2")
    replies = [
        published_reply(db, writer, mod, thread, NOW + timedelta(minutes=n), limits=UNLIMITED).id
        for n in range(boards.POSTS_PAGE + 2)
    ]

    first = boards.get_thread(db, thread.id, None)
    assert first is not None and first.next_cursor
    second = boards.get_thread(db, thread.id, None, first.next_cursor)

    assert second is not None and second.next_cursor == ""
    got = [post.id for post in first.posts + second.posts]
    assert got == [opening_of(db, thread).id, *replies]
    assert len(first.posts) == boards.POSTS_PAGE


def _count_selects(db: Session, call: Callable[[], object], viewer: Account | None) -> int:
    """SELECT statements `call` sends, with nothing cached in the session but the viewer
    (the signed-in account the state hands over)."""
    statements: list[str] = []

    def count(*args: object) -> None:
        statements.append(str(args[2]))

    db.flush()
    db.expire_all()
    if viewer is not None:
        db.refresh(viewer)
    engine = db.get_bind()
    event.listen(engine, "before_cursor_execute", count)
    try:
        call()
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return sum(1 for sql in statements if sql.lstrip().upper().startswith("SELECT"))


def _busy_thread(
    db: Session, mod: Account, writers: list[Account], replies: int, at: datetime
) -> BoardThread:
    """A thread with `replies` approved replies, each quoting the one before it."""
    thread = open_thread(db, writers[0], mod, at, limits=UNLIMITED)
    quoted = opening_of(db, thread).id
    for n in range(replies):
        writer = writers[n % len(writers)]
        post = published_reply(
            db,
            writer,
            mod,
            thread,
            at + timedelta(seconds=n + 1),
            quote_of=quoted,
            limits=UNLIMITED,
        )
        quoted = post.id
    return thread


def test_a_thread_page_costs_the_same_queries_for_five_or_sixty_posts(
    db: Session, reader: Account, mod: Account
) -> None:
    writers = [add_account(db, f"Schrijver{n}") for n in range(4)]
    small = _busy_thread(db, mod, writers, 4, NOW)
    large = _busy_thread(db, mod, writers, 59, NOW + HOUR)
    answer(db, reader, large.id, now=NOW + 2 * HOUR, limits=UNLIMITED)  # his own, waiting

    counts: dict[tuple[str, str], int] = {}
    for name, thread_id in (("small", small.id), ("large", large.id)):
        for who, viewer in (("visitor", None), ("member", reader)):
            counts[name, who] = _count_selects(
                db, partial(boards.get_thread, db, thread_id, viewer), viewer
            )

    assert set(counts.values()) == {2}, counts
    large_view = boards.get_thread(db, large.id, reader)
    assert large_view is not None and len(large_view.posts) == boards.POSTS_PAGE
    cursor = large_view.next_cursor
    next_page = _count_selects(db, lambda: boards.get_thread(db, large.id, reader, cursor), reader)
    assert next_page == 2


def test_a_board_page_costs_the_same_queries_for_five_or_sixty_threads(
    db: Session, reader: Account, mod: Account
) -> None:
    writers = [add_account(db, f"Schrijver{n}") for n in range(4)]
    for n in range(5):
        open_thread(db, writers[n % 4], mod, NOW + timedelta(seconds=n), limits=UNLIMITED)
    for n in range(60):
        open_thread(
            db,
            writers[n % 4],
            mod,
            NOW + timedelta(minutes=1, seconds=n),
            board="herstel",
            limits=UNLIMITED,
        )
    for board in (BOARD, "herstel"):
        start(db, reader, board=board, now=NOW + HOUR, limits=UNLIMITED)  # his own, waiting

    counts: dict[tuple[str, str], int] = {}
    for board in (BOARD, "herstel"):
        counts[board, "visitor"] = _count_selects(
            db, partial(boards.list_threads, db, board, None), None
        )
        counts[board, "member"] = _count_selects(
            db, partial(boards.list_threads, db, board, reader), reader
        )

    assert counts == {
        (BOARD, "visitor"): 1,
        (BOARD, "member"): 2,
        ("herstel", "visitor"): 1,
        ("herstel", "member"): 2,
    }
    first = boards.list_threads(db, "herstel", reader)
    assert len(first.threads) == boards.THREADS_PAGE + 1
    cursor = first.next_cursor
    next_page = _count_selects(
        db, lambda: boards.list_threads(db, "herstel", reader, cursor), reader
    )
    assert next_page == 1

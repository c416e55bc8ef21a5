"""One open draft per author: asking for a new one reopens his draft, also from two tabs
or from many requests at once, and another story becomes his draft only once that one
is sent or deleted."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from peersupport.models import Account, Story
from peersupport.services import moderation, stories
from peersupport.services.errors import InvalidInput

from .conftest import NOW, add_account

BODY = (
    "Ik was vijftien toen iemand online heel aardig tegen me deed. Pas veel later "
    "begreep ik dat het niet mijn schuld was. Praten hielp me echt."
)
ATTEMPTS = 8


def save(
    db: Session, author: Account, story_id: int | None, title: str = "Mijn verhaal"
) -> stories.OwnStory:
    return stories.save_draft(
        db,
        author,
        story_id,
        title=title,
        body=BODY,
        language="nl",
        themes=["shame"],
        warnings=[],
        now=NOW,
    )


def drafts_of(db: Session, author_id: int) -> list[int]:
    return list(
        db.scalars(select(Story.id).where(Story.author_id == author_id, Story.state == "draft"))
    )


@pytest.fixture
def author(db: Session) -> Account:
    return add_account(db, "StilleVos42")


def test_asking_for_a_new_draft_returns_his_open_draft_unchanged(
    db: Session, author: Account
) -> None:
    first = save(db, author, None, title="Wat er gebeurde")

    again = save(db, author, None, title="Een tweede tab")

    assert again.id == first.id
    assert (again.title, again.body) == ("Wat er gebeurde", BODY)
    assert drafts_of(db, author.id) == [first.id]
    assert stories.open_draft(db, author) == first


def test_without_a_draft_there_is_nothing_to_reopen(db: Session, author: Account) -> None:
    assert stories.open_draft(db, author) is None


def test_another_members_draft_is_not_his(db: Session, author: Account) -> None:
    other = add_account(db, "RustigeUil7")
    save(db, other, None)

    assert stories.open_draft(db, author) is None
    assert save(db, author, None).id not in drafts_of(db, other.id)


def test_once_his_draft_is_sent_or_deleted_a_new_story_can_start(
    db: Session, author: Account
) -> None:
    sent = save(db, author, None)
    stories.submit_story(db, author, sent.id, keep_findings=True, now=NOW)
    second = save(db, author, None, title="Nog een verhaal")
    stories.delete_story(db, author, second.id)

    third = save(db, author, None, title="Opnieuw begonnen")

    assert (third.title, third.state) == ("Opnieuw begonnen", "draft")
    assert third.id != sent.id
    assert drafts_of(db, author.id) == [third.id]


def test_a_rejected_story_becomes_his_draft_only_when_he_has_no_other(
    db: Session, author: Account
) -> None:
    moderator = add_account(db, "Moderator1", role="moderator")
    story = save(db, author, None)
    item = stories.submit_story(db, author, story.id, keep_findings=True, now=NOW)
    moderation.reject_item(db, moderator, item.id, template="unsafe", text="", now=NOW)
    open_one = save(db, author, None, title="Iets nieuws")

    with pytest.raises(InvalidInput) as refused:
        save(db, author, story.id, title="Aangepast")
    stories.delete_story(db, author, open_one.id)
    edited = save(db, author, story.id, title="Aangepast")

    assert refused.value.code == "draft_open"
    assert (edited.state, edited.title) == ("draft", "Aangepast")
    assert drafts_of(db, author.id) == [story.id]


def test_the_database_itself_refuses_a_second_draft(db: Session, author: Account) -> None:
    save(db, author, None)
    db.add(
        Story(
            author_id=author.id,
            state="draft",
            language="nl",
            title="Langs de service heen",
            body="",
            created_at=NOW,
            updated_at=NOW + timedelta(seconds=1),
        )
    )

    with pytest.raises(IntegrityError):
        db.flush()


def test_many_requests_at_once_make_one_draft(shared_engine: Engine) -> None:
    with Session(shared_engine, expire_on_commit=False) as setup:
        author = add_account(setup, "raceschrijver")
        setup.commit()
    start = threading.Barrier(ATTEMPTS)

    def attempt(number: int) -> int:
        with Session(shared_engine, expire_on_commit=False) as session:
            account = session.get(Account, author.id)
            assert account is not None
            start.wait()
            story = save(session, account, None, title=f"Tab {number}")
            session.commit()
            return story.id

    with ThreadPoolExecutor(max_workers=ATTEMPTS) as pool:
        ids = list(pool.map(attempt, range(ATTEMPTS)))

    with Session(shared_engine) as check:
        count = check.scalar(
            select(func.count()).select_from(Story).where(Story.author_id == author.id)
        )
        kept = drafts_of(check, author.id)
    assert count == 1
    assert set(ids) == set(kept) and len(kept) == 1

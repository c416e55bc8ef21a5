"""Reporting stories: members report once, reports from three members hide the story
from every reading path, moderators keep or remove it (audit log), and two reports
from one member at the same moment count once."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from peersupport.models import Account, AuditEntry, Story, StoryReport
from peersupport.services import boards, stories, story_reports
from peersupport.services.errors import InvalidInput, NotAuthorized, ServiceError
from peersupport.settings import PostingLimits

from .conftest import NOW, add_account
from .test_stories_service import published

LIMITS = PostingLimits()
LATER = NOW + timedelta(hours=1)


@pytest.fixture
def story_id(db: Session, author: Account, moderator: Account) -> int:
    return published(db, author, moderator)


def report(db: Session, who: Account, story_id: object, reason: object = "unsafe") -> bool:
    return story_reports.report_story(
        db, who, story_id, reason=reason, text="", limits=LIMITS, now=LATER
    )


def readers(db: Session, count: int) -> list[Account]:
    return [add_account(db, f"Lezer{n}") for n in range(count)]


def listed_ids(db: Session, **filters: object) -> list[int]:
    cards, _ = stories.list_published(db, **filters)  # type: ignore[arg-type]
    return [card.id for card in cards]


def test_reports_from_three_members_hide_the_story_everywhere(db: Session, story_id: int) -> None:
    first, second, third = readers(db, 3)
    assert report(db, first, story_id) is False
    assert report(db, second, story_id, "contact_details") is False
    assert story_id in listed_ids(db)
    assert report(db, third, story_id, "identifying") is True
    assert story_id not in listed_ids(db)
    assert story_id not in listed_ids(db, theme="online_grooming")
    assert stories.get_published(db, story_id) is None
    with pytest.raises(InvalidInput) as refused:
        report(db, add_account(db, "Lezer9"), story_id)
    assert refused.value.code == "unknown_story"


def test_a_member_reports_a_story_once_and_never_his_own(
    db: Session, story_id: int, author: Account
) -> None:
    (reader,) = readers(db, 1)
    report(db, reader, story_id)
    with pytest.raises(InvalidInput) as again:
        report(db, reader, story_id)
    assert again.value.code == "already_reported"
    with pytest.raises(InvalidInput) as own:
        report(db, author, story_id)
    assert own.value.code == "own_story"


@pytest.mark.parametrize(
    ("story", "reason", "text", "code"),
    [
        (0, "unsafe", "", "unknown_story"),
        ("1", "unsafe", "", "unknown_story"),
        (True, "unsafe", "", "unknown_story"),
        (None, "spam", "", "invalid_reason"),
        (None, ["unsafe"], "", "invalid_reason"),
        (None, "other", "   ", "reason_text_missing"),
        (None, "unsafe", "x" * 501, "report_too_long"),
        (None, "unsafe", {"a": 1}, "report_too_long"),
    ],
)
def test_hostile_report_arguments_are_refused(
    db: Session, story_id: int, story: object, reason: object, text: object, code: str
) -> None:
    (reader,) = readers(db, 1)
    with pytest.raises(InvalidInput) as refused:
        story_reports.report_story(
            db,
            reader,
            story_id if story is None else story,
            reason=reason,
            text=text,
            limits=LIMITS,
            now=LATER,
        )
    assert refused.value.code == code
    assert db.scalar(select(func.count()).select_from(StoryReport)) == 0


def test_a_suspended_member_cannot_report(db: Session, story_id: int) -> None:
    (reader,) = readers(db, 1)
    reader.suspended = True
    with pytest.raises(NotAuthorized):
        report(db, reader, story_id)


def test_story_and_board_reports_share_the_daily_limit(
    db: Session, author: Account, moderator: Account
) -> None:
    (reader,) = readers(db, 1)
    ids = [published(db, author, moderator, title=f"Verhaal {n}") for n in range(3)]
    limits = PostingLimits(reports_per_day=2)
    for story in ids[:2]:
        story_reports.report_story(
            db, reader, story, reason="unsafe", text="", limits=limits, now=LATER
        )
    with pytest.raises(InvalidInput) as refused:
        story_reports.report_story(
            db, reader, ids[2], reason="unsafe", text="", limits=limits, now=LATER
        )
    assert refused.value.code == "too_many_reports"
    # A day later it works again.
    story_reports.report_story(
        db, reader, ids[2], reason="unsafe", text="", limits=limits, now=LATER + timedelta(days=1)
    )


def test_only_staff_list_keep_and_remove(db: Session, story_id: int) -> None:
    (reader,) = readers(db, 1)
    report(db, reader, story_id)
    for act in (
        lambda: story_reports.list_reported(db, reader),
        lambda: story_reports.keep_story(db, reader, story_id, LATER),
        lambda: story_reports.remove_story(db, reader, story_id, reason="weg", now=LATER),
    ):
        with pytest.raises(NotAuthorized):
            act()
    assert (
        db.scalar(
            select(func.count())
            .select_from(AuditEntry)
            .where(AuditEntry.action.in_(("keep", "remove")))
        )
        == 0
    )


def test_keeping_a_hidden_story_shows_it_again_with_its_themes(
    db: Session, story_id: int, moderator: Account
) -> None:
    for reader in readers(db, 3):
        report(db, reader, story_id)
    (listed,) = story_reports.list_reported(db, moderator)
    assert listed.story_id == story_id and listed.hidden and len(listed.reports) == 3
    assert listed.author == "Schrijver"
    story_reports.keep_story(db, moderator, story_id, LATER)
    assert story_id in listed_ids(db, theme="online_grooming")
    assert stories.get_published(db, story_id) is not None
    assert story_reports.list_reported(db, moderator) == []
    with pytest.raises(InvalidInput) as again:
        story_reports.keep_story(db, moderator, story_id, LATER)
    assert again.value.code == "no_reports"
    entry = db.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert entry is not None
    assert (entry.action, entry.subject) == ("keep", f"story:{story_id}")


def test_removing_a_story_needs_a_reason_which_the_author_and_the_log_keep(
    db: Session, story_id: int, moderator: Account
) -> None:
    (reader,) = readers(db, 1)
    report(db, reader, story_id)
    with pytest.raises(InvalidInput) as no_reason:
        story_reports.remove_story(db, moderator, story_id, reason="  ", now=LATER)
    assert no_reason.value.code == "reason_missing"
    story_reports.remove_story(db, moderator, story_id, reason="Er staat een school in.", now=LATER)
    story = db.get(Story, story_id)
    assert story is not None
    assert (story.state, story.rejection_reason) == ("rejected", "Er staat een school in.")
    assert story_id not in listed_ids(db)
    assert story_reports.list_reported(db, moderator) == []
    entry = db.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert entry is not None
    assert (entry.action, entry.subject, entry.reason) == (
        "remove",
        f"story:{story_id}",
        "Er staat een school in.",
    )


def test_the_threshold_is_the_boards_threshold() -> None:
    assert story_reports.HIDE_AFTER_REPORTS == boards.HIDE_AFTER_REPORTS == 3


def test_ten_reports_from_one_member_at_the_same_moment_count_once(
    shared_engine: Engine,
) -> None:
    with Session(shared_engine, expire_on_commit=False) as session:
        author = add_account(session, "raceSchrijver")
        moderator = add_account(session, "raceModerator", role="moderator")
        reader = add_account(session, "raceLezer")
        story_id = published(session, author, moderator)
        session.commit()
    attempts = 10
    start = threading.Barrier(attempts)

    def one(_: int) -> str:
        start.wait()
        with Session(shared_engine, expire_on_commit=False) as session:
            me = session.get(Account, reader.id)
            assert me is not None
            try:
                report(session, me, story_id)
                session.commit()
            except ServiceError as error:
                session.rollback()
                return error.code
        return "ok"

    with ThreadPoolExecutor(max_workers=attempts) as pool:
        outcomes = list(pool.map(one, range(attempts)))
    assert outcomes.count("ok") == 1
    assert set(outcomes) == {"ok", "already_reported"}
    with Session(shared_engine) as session:
        count = session.scalar(
            select(func.count()).select_from(StoryReport).where(StoryReport.story_id == story_id)
        )
        story = session.get(Story, story_id)
        assert count == 1
        assert story is not None and not story.hidden

"""Moderators see a story whose "Dit hielp me" count jumps against its own usual days;
nobody else can ask, and nothing changes a count by itself."""

from __future__ import annotations

import secrets
from datetime import date, timedelta

import pytest
from sqlalchemy.orm import Session

from peersupport.models import Account, Story, StoryHelp
from peersupport.services import helped_jumps
from peersupport.services.errors import NotAuthorized
from peersupport.state.moderation_view import _jump_row

from .conftest import NOW, add_account
from .test_story_pages import publish

TODAY = NOW.date()


def marks(db: Session, story_id: int, day: date, count: int) -> None:
    for _ in range(count):
        db.add(StoryHelp(story_id=story_id, marker=secrets.token_hex(32), counted_on=day))
    db.flush()


def test_a_story_marked_far_more_than_usual_is_shown_with_both_figures(
    db: Session, moderator: Account, author: Account
) -> None:
    jumping = publish(db, author, "Opeens populair")
    marks(db, jumping, TODAY, 9)
    marks(db, jumping, TODAY - timedelta(days=1), 3)
    marks(db, jumping, TODAY - timedelta(days=5), 7)  # 1 in two days, usually

    found = helped_jumps.jumping_stories(db, moderator, TODAY)

    assert [(jump.story_id, jump.recent, jump.usual) for jump in found] == [(jumping, 12, 1.0)]
    row = _jump_row(found[0])
    assert row.figures_nl == "12 keer in de laatste 2 dagen; normaal ongeveer 1,0 in 2 dagen."
    assert row.figures_en == "12 times in the last 2 days; usually about 1.0 in 2 days."


def test_a_story_that_is_always_this_popular_is_not_shown(
    db: Session, moderator: Account, author: Account
) -> None:
    steady = publish(db, author, "Altijd gelezen")
    for days_ago in range(16):
        marks(db, steady, TODAY - timedelta(days=days_ago), 6)

    assert helped_jumps.jumping_stories(db, moderator, TODAY) == []


def test_a_few_marks_are_no_jump_and_old_or_unpublished_ones_do_not_count(
    db: Session, moderator: Account, author: Account
) -> None:
    few = publish(db, author, "Een paar keer")
    marks(db, few, TODAY, helped_jumps.JUMP_AT_LEAST - 1)
    old = publish(db, author, "Lang geleden")
    marks(db, old, TODAY - timedelta(days=3), 40)
    hidden = publish(db, author, "Teruggetrokken")
    marks(db, hidden, TODAY, 40)
    story = db.get(Story, hidden)
    assert story is not None
    story.state = "withdrawn"
    db.flush()

    assert helped_jumps.jumping_stories(db, moderator, TODAY) == []


@pytest.mark.parametrize("role", ["member", "suspended moderator"])
def test_only_an_active_moderator_may_ask(db: Session, role: str) -> None:
    account = add_account(db, "Iemand", role="moderator" if "moderator" in role else role)
    account.suspended = role.startswith("suspended")

    with pytest.raises(NotAuthorized):
        helped_jumps.jumping_stories(db, account, TODAY)


def test_an_admin_may_ask(db: Session) -> None:
    admin = add_account(db, "Beheerder", role="admin")

    assert helped_jumps.jumping_stories(db, admin, TODAY) == []


def test_a_counted_mark_keeps_only_its_day(db: Session, author: Account) -> None:
    from peersupport.services import helped_tokens, stories

    secret = secrets.token_bytes(32)
    story_id = publish(db, author, "Geteld")
    token = helped_tokens.issue(secret, story_id, NOW)

    count, counted = stories.mark_helped(
        db, story_id, secrets.token_urlsafe(32), secret, token=token, now=NOW
    )

    assert (count, counted) == (1, True)
    kept = db.query(StoryHelp).filter_by(story_id=story_id).one()
    assert kept.counted_on == TODAY

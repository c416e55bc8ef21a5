"""Steps the story tests share: a member at the write form, sending the story he wrote,
and a moderator placing it."""

from __future__ import annotations

from datetime import UTC, datetime

from playwright.sync_api import Page, expect
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from peersupport.models import ModerationItem, Story
from peersupport.services import moderation
from tests.browser.conftest import RunningApp
from tests.browser.test_accounts_notes import SECURING_TIMEOUT_MS, go
from tests.browser.test_writing import Member, member_on_this_device, moderator, wait_for_form


def member_at_the_write_form(
    page: Page, app: RunningApp, database: sessionmaker[Session]
) -> Member:
    """A new member signed in on this device, on an empty write form."""
    member = member_on_this_device(page, app, database)
    go(page, app, "/schrijven")
    wait_for_form(page)
    return member


def send_story(page: Page, database: sessionmaker[Session], member: Member) -> int:
    """Sends the story in the write form; returns its id once he is told it was sent."""
    page.get_by_role("button", name="Insturen").click()
    expect(page.locator("#ps-story-sent")).to_be_visible(timeout=SECURING_TIMEOUT_MS)
    with database() as db:
        story_id = db.scalar(select(Story.id).where(Story.author_id == member.account_id))
        assert story_id is not None
    return story_id


def place_story(database: sessionmaker[Session], story_id: int) -> None:
    """A moderator approves the story waiting in the queue."""
    with database() as db:
        item_id = db.scalar(select(ModerationItem.id).where(ModerationItem.story_id == story_id))
        assert item_id is not None
        moderation.approve_item(db, moderator(db), item_id, datetime.now(UTC))
        db.commit()

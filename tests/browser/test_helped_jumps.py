"""A moderator sees a story whose "Dit hielp me" count jumps, with both figures."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime, timedelta

from playwright.sync_api import Page, expect
from sqlalchemy.orm import Session, sessionmaker

from peersupport.models import StoryHelp
from tests.browser.conftest import RunningApp, wait_until_hydrated
from tests.browser.test_accounts_notes import unique
from tests.browser.test_history_list import published_story
from tests.browser.test_pages import SCREENSHOTS
from tests.browser.test_writing import database, member_on_this_device  # noqa: F401


def test_a_moderator_sees_a_story_whose_count_jumps(
    page: Page,
    running_app: RunningApp,
    database: sessionmaker[Session],  # noqa: F811
) -> None:
    title = unique("Ineens heel vaak geholpen")
    now = datetime.now(UTC)
    with database.begin() as db:
        story = published_story(db, title, now)
        for _ in range(25):
            db.add(
                StoryHelp(story_id=story.id, marker=secrets.token_hex(32), counted_on=now.date())
            )
        db.add(
            StoryHelp(
                story_id=story.id,
                marker=secrets.token_hex(32),
                counted_on=(now - timedelta(days=6)).date(),
            )
        )

    member_on_this_device(page, running_app, database, role="moderator")
    page.goto(f"{running_app.url}/moderatie")
    wait_until_hydrated(page)

    section = page.locator(".mod-section--helped")
    expect(section).to_be_visible(timeout=20_000)
    expect(section.get_by_role("heading")).to_have_text("Opvallend vaak ‘Dit hielp me’")
    expect(section.get_by_role("link", name=title)).to_be_visible()
    expect(section).to_contain_text("25 keer in de laatste 2 dagen; normaal ongeveer 0,1")
    section.scroll_into_view_if_needed()
    page.screenshot(path=SCREENSHOTS / "moderation-helped-jumps-nl-360x740.png")

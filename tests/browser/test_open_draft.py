"""One open draft per member: opening "Een verhaal schrijven" again, in the same tab or a
second one, brings back his draft with its text instead of starting another."""

from __future__ import annotations

from playwright.sync_api import Page, expect
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from peersupport.models import Story
from tests.browser.conftest import RunningApp
from tests.browser.story_steps import member_at_the_write_form
from tests.browser.test_accounts_notes import go
from tests.browser.test_pages import SCREENSHOTS
from tests.browser.test_writing import (
    database,  # noqa: F401  (the module's database fixture)
    stored_story_id,
    wait_for_form,
    wait_until_stored,
    write,
)

TITLE = "Wat ik nog wilde zeggen"
BODY = "Ik schrijf dit stukje voor stukje. Vandaag het begin, morgen de rest."


def test_opening_the_write_page_twice_brings_back_the_same_draft(
    page: Page,
    running_app: RunningApp,
    database: sessionmaker[Session],  # noqa: F811
) -> None:
    member = member_at_the_write_form(page, running_app, database)
    write(page, TITLE, BODY)
    story_id = stored_story_id(page)
    wait_until_stored(database, story_id, lambda story: story.warnings == "sexual_abuse")

    # He comes back later: the address without an id opens his draft, not a new one.
    go(page, running_app, "/schrijven")
    wait_for_form(page)
    expect(page.locator("#ps-story-title")).to_have_value(TITLE)
    expect(page.locator("#ps-story-body")).to_have_value(BODY)
    expect(page.locator("#ps-story-theme-online_grooming")).to_be_checked()
    assert stored_story_id(page) == story_id
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.locator("#ps-story-title").evaluate("field => field.scrollIntoView({block: 'start'})")
    page.screenshot(path=str(SCREENSHOTS / "write-reopened-draft-nl.png"))

    # A second tab opens the same draft; what he adds there goes into that one draft.
    second = page.context.new_page()
    go(second, running_app, "/schrijven")
    wait_for_form(second)
    expect(second.locator("#ps-story-body")).to_have_value(BODY)
    second.fill("#ps-story-body", BODY + " En nog een zin.")
    wait_until_stored(database, story_id, lambda story: story.body.endswith("En nog een zin."))
    assert stored_story_id(second) == story_id
    second.close()

    with database() as db:
        his = db.scalars(select(Story).where(Story.author_id == member.account_id)).all()
    assert [(story.id, story.state) for story in his] == [(story_id, "draft")]

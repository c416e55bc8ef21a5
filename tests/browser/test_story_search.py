"""Whether search engines may find his story, on a phone: the plain question in the write
form (no until he says yes), the answer kept when he sends it, the story page's robots
line following it once published, and changing it later under Mijn verhalen. Both pages
are checked with axe-core and photographed at 360x740."""

from __future__ import annotations

from playwright.sync_api import Page, expect
from sqlalchemy.orm import Session, sessionmaker

from tests.browser.conftest import RunningApp
from tests.browser.story_steps import member_at_the_write_form, place_story, send_story
from tests.browser.test_accounts_notes import SECURING_TIMEOUT_MS, go
from tests.browser.test_writing import (  # noqa: F401 (the database fixture)
    BODY,
    check_and_photograph,
    database,
    wait_until_stored,
    write,
)

TITLE = "Wat ik wil dat jongens lezen"
ROBOTS = "meta[name='robots']"


def robots_of_story(page: Page, app: RunningApp, story_id: int) -> str | None:
    page.goto(f"{app.url}/verhalen/{story_id}")
    return page.locator(ROBOTS).get_attribute("content")


def test_he_chooses_when_sending_and_changes_it_later_under_my_stories(
    page: Page,
    running_app: RunningApp,
    database: sessionmaker[Session],  # noqa: F811
) -> None:
    member = member_at_the_write_form(page, running_app, database)

    # The plain question, answered "no" until he says otherwise.
    question = page.get_by_role("group", name="Mogen zoekmachines zoals Google je verhaal")
    expect(question).to_be_visible()
    expect(page.get_by_label("Nee, alleen op Kompas")).to_be_checked()
    write(page, TITLE, BODY)
    page.get_by_label("Ja, zoekmachines mogen het laten zien").check()
    expect(page.get_by_label("Ja, zoekmachines mogen het laten zien")).to_be_checked()
    check_and_photograph(page, "write-search-question-nl", scroll_to=".choice-group--search")

    story_id = send_story(page, database, member)
    wait_until_stored(database, story_id, lambda s: s.state == "pending" and s.indexable)

    # A moderator places it; that leaves his choice as it is.
    place_story(database, story_id)
    assert robots_of_story(page, running_app, story_id) == "index, follow"

    # Later, under Mijn verhalen, he takes it out of search engines, and back in.
    go(page, running_app, "/mijn-verhalen")
    row = page.locator(".my-story", has_text=TITLE)
    expect(row).to_contain_text("Zoekmachines mogen dit verhaal laten zien")
    row.get_by_role("button", name="Uit zoekmachines halen").click()
    expect(page.get_by_text("Zoekmachines mogen dit verhaal niet meer laten zien.")).to_be_visible(
        timeout=SECURING_TIMEOUT_MS
    )
    expect(row).to_contain_text("Zoekmachines laten dit verhaal niet zien")
    check_and_photograph(page, "my-stories-search-nl", scroll_to=".my-story__search")
    wait_until_stored(database, story_id, lambda s: not s.indexable)
    assert robots_of_story(page, running_app, story_id) == "noindex, nofollow"

    go(page, running_app, "/mijn-verhalen")
    row = page.locator(".my-story", has_text=TITLE)
    row.get_by_role("button", name="Wel in zoekmachines").click()
    expect(row.get_by_role("button", name="Uit zoekmachines halen")).to_be_visible(
        timeout=SECURING_TIMEOUT_MS
    )
    wait_until_stored(database, story_id, lambda s: s.indexable)
    assert robots_of_story(page, running_app, story_id) == "index, follow"


def test_a_story_sent_without_answering_stays_out_of_search_engines(
    page: Page,
    running_app: RunningApp,
    database: sessionmaker[Session],  # noqa: F811
) -> None:
    member = member_at_the_write_form(page, running_app, database)
    write(page, TITLE, BODY)
    story_id = send_story(page, database, member)
    place_story(database, story_id)
    assert robots_of_story(page, running_app, story_id) == "noindex, nofollow"

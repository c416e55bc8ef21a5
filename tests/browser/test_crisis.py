"""Crisis first, in the browser: a member who sends a reply with crisis words sees at once,
on a phone, the calm message with the routes that answer now as tel: links, inside the
screen; a moderator then finds that reply first in the queue, marked urgent with the
reason and how long it has waited. Photographed in both languages at 360x740."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from peersupport.models import BoardPost, ModerationItem
from peersupport.translations import translate
from tests.browser.conftest import PHONE, RunningApp
from tests.browser.test_accounts_notes import go, unique
from tests.browser.test_boards import (
    account,
    new_thread,
    open_thread,
    published_thread,
    staff_member,
)
from tests.browser.test_moderation import choose_language
from tests.browser.test_writing import (  # noqa: F401
    check_and_photograph,
    database,
    member_on_this_device,
)

STEP_TIMEOUT_MS = 20_000
CALLS = ("tel:08000113", "tel:08000432", "tel:112")


@pytest.fixture
def second_phone(browser: Browser, running_app: RunningApp) -> Iterator[Page]:
    """Another phone: a second member, or the moderator."""
    context = browser.new_context(viewport=PHONE, service_workers="block")
    yield context.new_page()
    context.close()


def inside_the_screen(page: Page, selector: str) -> bool:
    box = page.locator(selector).bounding_box()
    assert box is not None, selector
    return (
        box["x"] >= 0
        and box["y"] >= 0
        and box["x"] + box["width"] <= PHONE["width"]
        and box["y"] + box["height"] <= PHONE["height"]
    )


def send_a_crisis_reply(
    page: Page,
    app: RunningApp,
    database: sessionmaker[Session],  # noqa: F811
    thread_id: int,
    language: str,
    body: str,
) -> None:
    """A new member replies with crisis words and sees the routes at once, in `language`."""
    member_on_this_device(page, app, database)
    open_thread(page, app, thread_id)
    choose_language(page, language)
    page.fill("#ps-post-body", body)
    page.get_by_role("button", name=translate(language, "boards.reply.send")).click()

    message = page.get_by_role("dialog")
    expect(message).to_be_visible(timeout=STEP_TIMEOUT_MS)
    expect(message.get_by_role("heading")).to_have_text(translate(language, "crisis.title"))
    expect(message.get_by_role("heading")).to_be_focused()
    expect(message).to_contain_text("113 Zelfmoordpreventie")
    expect(message).to_contain_text(translate(language, "crisis.chat", site="113.nl"))
    expect(message).to_contain_text(translate(language, "crisis.sent"))
    for href in CALLS:
        assert inside_the_screen(page, f".crisis-help a[href='{href}']"), href
    said = message.inner_text().lower()
    assert not any(word in said for word in ("gewaarschuwd", "gealarmeerd", "alerted", "notified"))
    check_and_photograph(page, f"crisis-message-{language}")

    message.get_by_role("button", name=translate(language, "crisis.close")).click()
    expect(page.get_by_role("dialog")).to_have_count(0)
    expect(page.locator("#ps-post-body")).to_be_focused()
    with database() as db:
        post = db.scalar(select(BoardPost).where(BoardPost.body == body))
        assert post is not None and post.state == "pending"  # nobody else sees it yet
        item = db.scalar(select(ModerationItem).where(ModerationItem.post_id == post.id))
        assert item is not None and (item.urgent, item.urgent_reasons) == (True, "suicide")


def test_a_reply_with_crisis_words_shows_the_routes_at_once_and_tops_the_queue(
    page: Page,
    second_phone: Page,
    browser: Browser,
    running_app: RunningApp,
    database: sessionmaker[Session],  # noqa: F811
) -> None:
    with database.begin() as db:
        staff = staff_member(db)
        thread_id, _ = published_thread(db, staff, "herstel", unique("Hoe ga jij om met "))
        # An older calm thread waits already: the urgent reply must pass it.
        new_thread(db, account(db), "vragen", unique("Eerder in de wachtrij "))

    send_a_crisis_reply(page, running_app, database, thread_id, "nl", unique("Ik wil dood. "))
    send_a_crisis_reply(
        second_phone, running_app, database, thread_id, "en", unique("I want to die. ")
    )

    moderator = browser.new_context(viewport=PHONE, service_workers="block").new_page()
    member_on_this_device(moderator, running_app, database, role="moderator")
    go(moderator, running_app, "/moderatie")
    first = moderator.locator(".mod-queue > li").first
    expect(first).to_contain_text("Dringend", timeout=STEP_TIMEOUT_MS)
    expect(first).to_contain_text("gedachten aan zelfdoding")
    expect(first).to_contain_text("wacht")
    expect(first.locator(".mod-card__open")).to_contain_text("Hoe ga jij om met")
    check_and_photograph(moderator, "crisis-queue-nl", scroll_to=".mod-queue > li:first-child")
    choose_language(moderator, "en")
    expect(first).to_contain_text("Urgent")
    expect(first).to_contain_text("thoughts of suicide")
    expect(first).to_contain_text("waiting")
    check_and_photograph(moderator, "crisis-queue-en", scroll_to=".mod-queue > li:first-child")
    moderator.context.close()

"""Grooming signals in the browser: a moderator on a phone sees, on a queued reply, its
signals with their reasons in plain words and the words that matched, together with the
account's signals; he opens the account's history in one tap. A member who opens the
account page sees only that it is not for him. Photographed at 360x740 and 1280x800."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlalchemy.orm import Session, sessionmaker

from peersupport.translations import translate
from tests.browser.conftest import DESKTOP, PHONE, RunningApp
from tests.browser.test_accounts_notes import go, unique
from tests.browser.test_boards import account, new_reply, published_thread, staff_member
from tests.browser.test_moderation import choose_language
from tests.browser.test_pages import SCREENSHOTS, axe_violations
from tests.browser.test_writing import (  # noqa: F401
    check_and_photograph,
    database,
    member_on_this_device,
)

STEP_TIMEOUT_MS = 20_000
ASKING = "Hoe oud ben je eigenlijk? Zeg het tegen niemand, oké."
CALM = "Sterkte, echt. Je staat er niet alleen voor."


@pytest.fixture
def phone(browser: Browser, running_app: RunningApp) -> Iterator[Page]:
    context = browser.new_context(viewport=PHONE, service_workers="block")
    yield context.new_page()
    context.close()


def seed(db: Session) -> tuple[str, str, int]:
    """A boy's thread and a man who replies only there: (thread title, man, man's id)."""
    staff = staff_member(db)
    title = unique("Weet iemand wat ik moet doen ")
    thread_id, _ = published_thread(db, staff, "vragen", title)
    man = account(db)
    for _ in range(3):
        new_reply(db, man, thread_id, body=CALM)
    new_reply(db, man, thread_id, body="Waar woon je? Dan kunnen we afspreken.")
    new_reply(db, man, thread_id, body=ASKING)
    return title, man.pseudonym, man.id


def test_a_moderator_sees_the_signals_with_reasons_and_opens_the_account(
    phone: Page,
    browser: Browser,
    running_app: RunningApp,
    database: sessionmaker[Session],  # noqa: F811
) -> None:
    with database.begin() as db:
        title, man, man_id = seed(db)

    member_on_this_device(phone, running_app, database, role="moderator")
    go(phone, running_app, "/moderatie")
    choose_language(phone, "nl")
    card = phone.locator(".mod-queue > li", has_text=title).filter(
        has=phone.locator("mark", has_text="hoe oud ben je")
    )
    expect(card).to_have_count(1, timeout=STEP_TIMEOUT_MS)
    signals = card.locator(".mod-alert--signals")
    expect(signals).to_contain_text(translate("nl", "signals.title"))
    expect(signals).to_contain_text(translate("nl", "signals.text.asks_age"))
    expect(signals).to_contain_text(translate("nl", "signals.text.secrecy"))
    expect(signals.locator("mark").first).to_have_text("hoe oud ben je")
    expect(signals).to_contain_text("van zijn 5 reacties in 30 dagen")
    expect(signals).to_contain_text(translate("nl", "signals.explain"))
    assert card.locator(".mod-card__open").inner_text().endswith(title)
    card.scroll_into_view_if_needed()
    check_and_photograph(phone, "grooming-signals-queue-nl")

    choose_language(phone, "en")
    expect(signals).to_contain_text(translate("en", "signals.text.asks_age"))
    expect(signals).to_contain_text("of his 5 replies in 30 days")
    card.scroll_into_view_if_needed()
    check_and_photograph(phone, "grooming-signals-queue-en")
    choose_language(phone, "nl")

    card.locator(".mod-card__open").click()
    detail = phone.locator(".mod-detail")
    expect(detail.locator(".mod-alert--signals")).to_contain_text(
        translate("nl", "signals.text.secrecy"), timeout=STEP_TIMEOUT_MS
    )
    detail.get_by_role("link", name=translate("nl", "signals.open_account")).click()

    expect(phone).to_have_url(
        re.compile(rf"/moderatie/account\?nr={man_id}$"), timeout=STEP_TIMEOUT_MS
    )
    expect(phone.locator("#account-review-name")).to_have_text(man, timeout=STEP_TIMEOUT_MS)
    review = phone.locator(".account-review")
    expect(review).to_contain_text("2 van zijn 5 berichten in 30 dagen hadden signalen")
    expect(review).to_contain_text("5 wachten, 0 geplaatst, 0 afgewezen")
    expect(review).to_contain_text(translate("nl", "signals.text.asks_place"))
    check_and_photograph(phone, "grooming-account-nl")

    laptop = browser.new_context(viewport=DESKTOP, service_workers="block").new_page()
    try:
        member_on_this_device(laptop, running_app, database, role="moderator")
        go(laptop, running_app, "/moderatie")
        wide_card = laptop.locator(".mod-queue > li", has_text=title).filter(
            has=laptop.locator("mark", has_text="hoe oud ben je")
        )
        expect(wide_card).to_have_count(1, timeout=STEP_TIMEOUT_MS)
        assert axe_violations(laptop) == []
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        wide_card.scroll_into_view_if_needed()
        laptop.screenshot(path=str(SCREENSHOTS / "grooming-signals-queue-1280.png"))
        go(laptop, running_app, f"/moderatie/account?nr={man_id}")
        expect(laptop.locator("#account-review-name")).to_have_text(man, timeout=STEP_TIMEOUT_MS)
        assert axe_violations(laptop) == []
        laptop.screenshot(path=str(SCREENSHOTS / "grooming-account-1280.png"), full_page=True)
    finally:
        laptop.context.close()


def test_a_member_who_opens_the_account_page_sees_only_that_it_is_not_for_him(
    phone: Page,
    running_app: RunningApp,
    database: sessionmaker[Session],  # noqa: F811
) -> None:
    with database.begin() as db:
        _title, man, man_id = seed(db)
    member_on_this_device(phone, running_app, database)
    go(phone, running_app, f"/moderatie/account?nr={man_id}")
    expect(phone.locator("main")).to_contain_text(
        translate("nl", "moderation.not_for_you"), timeout=STEP_TIMEOUT_MS
    )
    assert man not in phone.locator("body").inner_text()
    assert phone.locator(".account-review").count() == 0

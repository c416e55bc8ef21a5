"""Nothing a member or moderator types is ever run as code: a list of XSS payloads goes
through every field of stories, the message boards and moderation (title, text, quote,
report, rejection reason, edit reason, removal reason, watched word, suspension reason)
and every page that shows them is opened in Chromium. Any payload that ran would call
alert(), which is recorded here."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from playwright.sync_api import Browser, BrowserContext, Dialog, Page, expect
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from peersupport.models import Account, ModerationItem
from peersupport.services import moderation, stories
from tests.browser.conftest import PHONE, RunningApp
from tests.browser.test_accounts_notes import go, unique
from tests.browser.test_boards import (
    STEP_TIMEOUT_MS,
    approve,
    board_path,
    new_reply,
    new_thread,
    notice,
    open_thread,
    opening_post,
    posts,
    send_a_new_thread,
    thread_path,
)
from tests.browser.test_writing import database, member_on_this_device  # noqa: F401
from tests.unit.conftest import add_account

PAYLOADS = (
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(2)">',
    '<svg onload="alert(3)">',
    '"><img src=x onerror=alert(4)>',
    "[klik](javascript:alert(5))",
    '![x](x" onerror="alert(6))',
    '<iframe srcdoc="<script>parent.alert(7)</script>"></iframe>',
    '<a href="javascript:alert(8)">x</a>',
    "{{constructor.constructor('alert(9)')()}}",
    "${alert(10)}",
    '<details open ontoggle="alert(11)">',
    "</textarea><img src=x onerror=alert(12)>",
    "<body onload=alert(14)>",
    "&lt;img src=x onerror=alert(15)&gt;",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(16)>",
    "<input autofocus onfocus=alert(17)>",
    "</script><script>alert(18)</script>",
    '<div style="background:url(javascript:alert(19))">',
)
BODY = "Wat er gebeurde, in mijn eigen woorden.\n\n" + "\n\n".join(PAYLOADS)
# Every way a page could run a payload ends in one of these being called.
TRAP = """
window.__ran = [];
for (const name of ["alert", "confirm", "prompt"]) {
  window[name] = (...args) => { window.__ran.push(name + ":" + args.join(",")); };
}
"""


def trapped_page(context: BrowserContext) -> tuple[Page, list[str]]:
    dialogs: list[str] = []
    context.add_init_script(TRAP)
    page = context.new_page()

    def dismiss(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)
    return page, dialogs


def assert_nothing_ran(page: Page, dialogs: list[str]) -> None:
    page.wait_for_timeout(300)  # onerror/onload handlers fire after parsing
    assert page.evaluate("window.__ran") == []
    assert dialogs == []
    dangerous = page.evaluate(
        """() => [...document.querySelectorAll('main *')].flatMap(el =>
            [...el.attributes].filter(a => /^on/i.test(a.name) ||
              /^\\s*javascript:/i.test(a.value)).map(a => el.tagName + ' ' + a.name))"""
    )
    assert dangerous == []
    assert page.locator("main iframe, main svg[onload], main img[src='x']").count() == 0


def story_of(db: Session, item_id: int) -> int:
    item = db.get(ModerationItem, item_id)
    assert item is not None and item.story_id is not None
    return item.story_id


def story(db: Session, author: Account, title: str) -> int:
    draft = stories.save_draft(
        db,
        author,
        None,
        title=title,
        body=BODY,
        language="nl",
        themes=["shame"],
        warnings=["violence"],
        now=datetime.now(UTC),
    )
    return stories.submit_story(db, author, draft.id, keep_findings=True, now=datetime.now(UTC)).id


@pytest.fixture
def author_context(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context(viewport=PHONE, service_workers="block")
    yield context
    context.close()


@pytest.fixture
def admin_context(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context(viewport=PHONE, service_workers="block")
    yield context
    context.close()


def test_no_payload_runs_on_any_story_or_moderation_page(
    running_app: RunningApp,
    database: sessionmaker[Session],  # noqa: F811
    author_context: BrowserContext,
    admin_context: BrowserContext,
) -> None:
    author_page, author_dialogs = trapped_page(author_context)
    admin_page, admin_dialogs = trapped_page(admin_context)
    author = member_on_this_device(author_page, running_app, database)
    admin = member_on_this_device(admin_page, running_app, database, role="admin")
    now = datetime.now(UTC)
    with database.begin() as db:
        writer = db.get(Account, author.account_id)
        staff = db.get(Account, admin.account_id)
        assert writer is not None and staff is not None
        approved = story(db, writer, PAYLOADS[1])
        moderation.approve_item(db, staff, approved, now)
        edited = story(db, writer, PAYLOADS[3])
        moderation.edit_and_approve_item(
            db,
            staff,
            edited,
            title=PAYLOADS[16][:120],
            body=BODY.replace(PAYLOADS[0], PAYLOADS[8]),
            reason=PAYLOADS[2],
            now=now,
        )
        rejected = story(db, writer, PAYLOADS[0])
        moderation.reject_item(db, staff, rejected, template="other", text=PAYLOADS[4], now=now)
        moderation.set_watched_word(db, staff, PAYLOADS[2][:64], "flag", now)
        other = add_account(db, unique("Ander"))
        story(db, other, PAYLOADS[12])  # stays in the queue
        moderation.suspend_account(db, staff, other.pseudonym, reason=PAYLOADS[11], now=now)
        published_ids = [story_of(db, approved), story_of(db, edited)]
        rejected_story = story_of(db, rejected)

    # Readers: the list and both published stories, warnings opened.
    for path in ["/verhalen", *(f"/verhalen/{story_id}" for story_id in published_ids)]:
        author_page.goto(running_app.url + path)
        read_anyway = author_page.locator("[data-read-anyway]")
        if read_anyway.count():
            read_anyway.click()
        expect(author_page.locator("main h1")).to_be_visible()
        assert_nothing_ran(author_page, author_dialogs)
    expect(author_page.locator(".story-text")).to_contain_text(PAYLOADS[8])

    # The author: his stories (rejection reason, what the moderator changed) and the editor.
    go(author_page, running_app, "/mijn-verhalen")
    expect(author_page.get_by_text(PAYLOADS[4])).to_be_visible(timeout=20_000)
    assert_nothing_ran(author_page, author_dialogs)
    go(author_page, running_app, f"/schrijven?verhaal={rejected_story}")
    expect(author_page.locator("textarea")).to_have_value(BODY, timeout=20_000)
    assert_nothing_ran(author_page, author_dialogs)

    # The admin: the queue with the pending item opened, and the audit log.
    go(admin_page, running_app, "/moderatie")
    expect(admin_page.get_by_text(PAYLOADS[12]).first).to_be_visible(timeout=20_000)
    admin_page.get_by_text(PAYLOADS[12]).first.click()
    expect(admin_page.locator(".mod-detail").get_by_text(PAYLOADS[2]).first).to_be_visible(
        timeout=20_000
    )
    assert_nothing_ran(admin_page, admin_dialogs)
    go(admin_page, running_app, "/moderatie/logboek")
    expect(admin_page.get_by_text(PAYLOADS[11]).first).to_be_visible(timeout=20_000)
    assert_nothing_ran(admin_page, admin_dialogs)


def test_the_trap_catches_a_payload_that_does_run(
    running_app: RunningApp, author_context: BrowserContext, browser: Browser
) -> None:
    """The trap works (shown with the page's policy switched off), and the policy alone
    already stops an inline handler that slipped into a page."""
    insert = "html => document.querySelector('main').insertAdjacentHTML('beforeend', html)"
    page, dialogs = trapped_page(author_context)
    page.goto(running_app.url + "/verhalen")

    page.evaluate(insert, PAYLOADS[1])
    page.wait_for_timeout(300)

    assert (page.evaluate("window.__ran"), dialogs) == ([], [])  # blocked by the policy
    without_policy = browser.new_context(viewport=PHONE, bypass_csp=True)
    try:
        page, dialogs = trapped_page(without_policy)
        page.goto(running_app.url + "/verhalen")
        page.evaluate(insert, PAYLOADS[1])
        with pytest.raises(AssertionError):
            assert_nothing_ran(page, dialogs)
        assert page.evaluate("window.__ran") == ["alert:2"]
    finally:
        without_policy.close()


def decide_every_pending_item(db: Session, staff: Account) -> None:
    """An empty queue, so the items of this test are on its first page."""
    for item in db.scalars(select(ModerationItem).where(ModerationItem.state == "pending")):
        item.claimed_by = item.claimed_at = None
        moderation.reject_item(
            db, staff, item.id, template="other", text="Opgeruimd", now=datetime.now(UTC)
        )


def test_no_payload_runs_on_any_board_page(
    running_app: RunningApp,
    database: sessionmaker[Session],  # noqa: F811
    author_context: BrowserContext,
    admin_context: BrowserContext,
) -> None:
    author_page, author_dialogs = trapped_page(author_context)
    admin_page, admin_dialogs = trapped_page(admin_context)
    member_on_this_device(author_page, running_app, database)
    admin = member_on_this_device(admin_page, running_app, database, role="admin")
    title, own_title = "Vraag " + PAYLOADS[1], "Mijn vraag " + PAYLOADS[3]
    doomed, quoting = "Weg " + PAYLOADS[5], "Antwoord " + PAYLOADS[0]
    reply_body = "\n\n".join(reversed(PAYLOADS))
    report, removal = "Meld " + PAYLOADS[6], "Reden " + PAYLOADS[10]
    with database.begin() as db:
        staff = db.get(Account, admin.account_id)
        assert staff is not None
        decide_every_pending_item(db, staff)
        thread_id = new_thread(db, add_account(db, unique("Ander")), "hulp-zoeken", title, BODY)
        approve(db, staff, opening_post(db, thread_id).id)
        payload_reply = new_reply(db, add_account(db, unique("Ander")), thread_id, BODY)
        approve(db, staff, payload_reply)
        for text, quote_of in ((quoting, payload_reply), (doomed, None)):
            approve(
                db,
                staff,
                new_reply(db, add_account(db, unique("Ander")), thread_id, text, quote_of),
            )

    # A member: a thread of his own through the form, the board, the thread, a report.
    send_a_new_thread(author_page, running_app, "hulp-zoeken", own_title, BODY)
    notice(author_page, "Verstuurd.")
    expect(author_page.get_by_text(own_title, exact=True)).to_be_visible()
    expect(author_page.get_by_text(title, exact=True)).to_be_visible()
    assert_nothing_ran(author_page, author_dialogs)
    open_thread(author_page, running_app, thread_id)
    expect(author_page.locator("h2.thread-title")).to_have_text(title)
    expect(posts(author_page).nth(1).locator(".post__body")).to_contain_text(PAYLOADS[8])
    expect(posts(author_page).nth(2).locator("blockquote")).to_contain_text(PAYLOADS[0])
    assert_nothing_ran(author_page, author_dialogs)
    posts(author_page).nth(1).get_by_role("button", name="Meld").click()
    author_page.get_by_role("radio", name="Iets anders").check()
    author_page.fill("#ps-report-text", report)
    author_page.get_by_role("button", name="Melding versturen").click()
    notice(author_page, "Dank je.")
    assert_nothing_ran(author_page, author_dialogs)

    # The admin: a reply quoting the payloads, then a post taken down with a reason.
    open_thread(admin_page, running_app, thread_id)
    posts(admin_page).nth(1).get_by_role("button", name="Citeer").click()
    expect(admin_page.locator(".quoting blockquote")).to_contain_text(PAYLOADS[0])
    admin_page.fill("#ps-post-body", reply_body)
    admin_page.get_by_role("button", name="Stuur naar moderator").click()
    notice(admin_page, "Verstuurd.")
    waiting = admin_page.locator(".post--waiting")
    expect(waiting.locator(".post__body")).to_contain_text(PAYLOADS[17])
    expect(waiting.locator("blockquote")).to_contain_text(PAYLOADS[0])
    assert_nothing_ran(admin_page, admin_dialogs)
    posts(admin_page).filter(has_text=doomed).get_by_role("button", name="Haal weg").click()
    admin_page.fill("#ps-remove-reason", removal)
    admin_page.get_by_role("button", name="Bericht weghalen").click()
    notice(admin_page, "Het bericht is weggehaald.")
    expect(admin_page.get_by_text(doomed)).to_have_count(0)
    assert_nothing_ran(admin_page, admin_dialogs)

    # The reading pages from the server show the same words as text.
    go(author_page, running_app, board_path("hulp-zoeken"))
    expect(author_page.get_by_text(title, exact=True)).to_be_visible()
    assert_nothing_ran(author_page, author_dialogs)
    go(author_page, running_app, thread_path(thread_id))
    expect(author_page.locator("h2.thread-title")).to_have_text(title)
    expect(posts(author_page).nth(1).locator(".post__body")).to_contain_text(PAYLOADS[8])
    expect(posts(author_page).nth(2).locator("blockquote")).to_contain_text(PAYLOADS[0])
    assert_nothing_ran(author_page, author_dialogs)

    # The queue with both waiting items opened, and the audit log.
    for shown_in_queue in (PAYLOADS[3], PAYLOADS[1]):
        go(admin_page, running_app, "/moderatie")
        card = admin_page.locator(".mod-queue > li", has_text=shown_in_queue)
        expect(card).to_have_count(1, timeout=STEP_TIMEOUT_MS)
        card.get_by_role("button").first.click()
        expect(admin_page.locator(".mod-detail .mod-story")).to_contain_text(
            PAYLOADS[8], timeout=STEP_TIMEOUT_MS
        )
        assert_nothing_ran(admin_page, admin_dialogs)
    go(admin_page, running_app, "/moderatie/logboek")
    expect(admin_page.get_by_text(removal).first).to_be_visible(timeout=STEP_TIMEOUT_MS)
    assert_nothing_ran(admin_page, admin_dialogs)

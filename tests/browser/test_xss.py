"""Nothing a member or moderator types is ever run as code: a list of XSS payloads goes
through every field of stories and moderation (title, text, rejection reason, edit
reason, watched word, suspension reason) and every page that shows them is opened in
Chromium. Any payload that ran would call alert(), which is recorded here."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect
from sqlalchemy.orm import Session, sessionmaker

from peersupport.models import Account, ModerationItem
from peersupport.services import moderation, stories
from tests.browser.conftest import PHONE, RunningApp
from tests.browser.test_accounts_notes import go, unique
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
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
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
    running_app: RunningApp, author_context: BrowserContext
) -> None:
    page, dialogs = trapped_page(author_context)
    page.goto(running_app.url + "/verhalen")

    page.evaluate(
        "html => document.querySelector('main').insertAdjacentHTML('beforeend', html)",
        PAYLOADS[1],
    )

    with pytest.raises(AssertionError):
        assert_nothing_ran(page, dialogs)
    assert page.evaluate("window.__ran") == ["alert:2"]

"""Story reports, queue health and the moderators' own safety in the browser, at
360x740 (and the queue at 1280x800): a member reports a story from its page and the
third report hides it until a moderator keeps it; the queue shows the waiting-time
chart (an SVG from the server) and marks an item waiting past the alert hours; an
item with sexual content sends no title or text until "Toon tekst"; a moderator's
pause hides the queue and holds after a reload. axe-core on every state."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from playwright.sync_api import Browser, Page, ViewportSize, expect
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from peersupport.models import Account, BoardPost, ModerationItem
from peersupport.services import boards, stories, story_reports
from peersupport.settings import PostingLimits
from peersupport.translations import translate
from tests.browser.conftest import DESKTOP, PHONE, RunningApp, wait_until_hydrated
from tests.browser.test_accounts_notes import go, unique
from tests.browser.test_history_list import published_story
from tests.browser.test_pages import SCREENSHOTS, axe_violations, shown_catalog_keys
from tests.browser.test_writing import (  # noqa: F401
    check_and_photograph,
    database,
    member_on_this_device,
)
from tests.unit.conftest import add_account

STEP_TIMEOUT_MS = 20_000
LIMITS = PostingLimits()
BODY = (
    "Ik was vijftien toen het begon. Eerst was hij aardig, later wilde hij naaktfoto's "
    "en dreigde hij ze door te sturen. Nu gaat het beter met me."
)


def nl(key: str, **values: object) -> str:
    return translate("nl", key, **values)


def new_page(browser: Browser, size: ViewportSize) -> Page:
    return browser.new_context(viewport=size, service_workers="block").new_page()


def test_a_member_reports_a_story_and_the_third_report_hides_it_until_a_moderator_keeps_it(
    page: Page,
    browser: Browser,
    running_app: RunningApp,
    database: sessionmaker[Session],  # noqa: F811
) -> None:
    title = unique("Wat mij overkwam ")
    now = datetime.now(UTC)
    with database.begin() as db:
        story_id = published_story(db, title, now).id
        for reason in ("unsafe", "identifying"):
            reporter = add_account(db, unique("Melder"))
            story_reports.report_story(
                db, reporter, story_id, reason=reason, text="", limits=LIMITS, now=now
            )

    member_on_this_device(page, running_app, database)
    page.goto(f"{running_app.url}/verhalen/{story_id}")  # a page from the server, not Reflex
    page.get_by_role("link", name=nl("story_report.link")).click()
    page.wait_for_url(f"**/verhalen/melden/?nr={story_id}", timeout=STEP_TIMEOUT_MS)
    wait_until_hydrated(page)
    expect(page.get_by_text(title)).to_be_visible(timeout=STEP_TIMEOUT_MS)
    page.get_by_label(nl("boards.report.reason.contact_details")).check()
    page.fill("#ps-story-report-text", "Er staat een Snapchat-naam in.")
    check_and_photograph(page, "story-report-form")
    page.get_by_role("button", name=nl("boards.report.send")).click()
    expect(page.get_by_text(nl("story_report.sent_hidden"))).to_be_visible(timeout=STEP_TIMEOUT_MS)
    check_and_photograph(page, "story-report-sent")
    # Hidden from readers until a moderator decides.
    assert page.request.get(f"{running_app.url}/verhalen/{story_id}").status == 404

    moderator = new_page(browser, PHONE)
    member_on_this_device(moderator, running_app, database, role="moderator")
    go(moderator, running_app, "/moderatie")
    card = moderator.locator(".mod-section--story-reports .mod-card", has_text=title)
    expect(card).to_contain_text(nl("moderation.reports.count_many", n=3), timeout=STEP_TIMEOUT_MS)
    expect(card).to_contain_text("Er staat een Snapchat-naam in.")
    expect(card).to_contain_text(nl("moderation.reports.hidden"))
    check_and_photograph(
        moderator, "story-reports-moderator", scroll_to=".mod-section--story-reports"
    )
    card.get_by_role("button", name=nl("story_report.mod.keep")).click()
    expect(moderator.get_by_text(nl("story_report.mod.kept"))).to_be_visible(
        timeout=STEP_TIMEOUT_MS
    )
    expect(card).to_have_count(0)
    assert page.request.get(f"{running_app.url}/verhalen/{story_id}").status == 200
    moderator.context.close()


def queue_items(db: Session) -> tuple[str, str, str]:
    """A waiting story with sexual content, a thread waiting past the alert hours, and
    decisions over the last days for the chart; returns (hidden title, its author,
    the overdue thread's title)."""
    now = datetime.now(UTC)
    admin = add_account(db, unique("Beheer"), role="admin")
    author = add_account(db, unique("Schrijver"))
    hidden_title = unique("Wat hij van me wilde ")
    draft = stories.save_draft(
        db,
        author,
        None,
        title=hidden_title,
        body=BODY,
        language="nl",
        themes=["sextortion"],
        warnings=[],
        now=now,
    )
    stories.submit_story(db, author, draft.id, keep_findings=True, now=now)
    late_title = unique("Hoe vertel ik het thuis ")
    thread = boards.start_thread(
        db,
        add_account(db, unique("Vrager")),
        "vragen",
        title=late_title,
        body="Ik weet niet hoe ik het mijn ouders moet vertellen. Hoe deden jullie dat?",
        keep_findings=False,
        limits=LIMITS,
        now=now,
    )
    late = db.scalar(
        select(ModerationItem)
        .join(BoardPost, BoardPost.id == ModerationItem.post_id)
        .where(BoardPost.thread_id == thread.id)
    )
    assert late is not None
    late.queued_at = now - timedelta(hours=13)
    # Decided items: one a day over the last week, waiting 2 to 20 hours.
    for day, hours in enumerate((2, 5, 20, 3, 8, 14, 4), start=1):
        done = published_story(db, unique("Eerder "), now)
        item = ModerationItem(
            kind="story",
            story_id=done.id,
            author_id=done.author_id,
            state="approved",
            queued_at=now - timedelta(days=day, hours=hours),
            original_body=done.body,
            decision="approved",
            decided_by=admin.id,
            decided_at=now - timedelta(days=day),
        )
        db.add(item)
    db.flush()
    return hidden_title, author.pseudonym, late_title


def test_the_queue_shows_its_health_hides_sensitive_text_and_a_moderator_can_pause(
    browser: Browser,
    running_app: RunningApp,
    database: sessionmaker[Session],  # noqa: F811
) -> None:
    with database.begin() as db:
        hidden_title, author, late_title = queue_items(db)
    moderator = new_page(browser, PHONE)
    member = member_on_this_device(moderator, running_app, database, role="moderator")
    go(moderator, running_app, "/moderatie")
    expect(moderator.locator("#mod-queue-title")).to_be_visible(timeout=STEP_TIMEOUT_MS)

    # The chart: an SVG from the server, a bar for each day with decisions, the limit line.
    chart = moderator.locator(".wait-chart svg")
    expect(chart).to_be_visible()
    assert chart.locator("rect").count() >= 7
    expect(chart.locator(".wait-chart__alert")).to_have_count(1)
    expect(chart.locator(".wait-chart__bar--over")).not_to_have_count(0)
    expect(moderator.locator(".wait-overdue")).to_contain_text("12 uur")

    # The thread waiting 13 hours is marked.
    late = moderator.locator(".mod-queue > li", has_text=late_title)
    expect(late).to_have_attribute("data-overdue", "true")
    expect(late).to_contain_text(nl("queue.overdue.mark"))

    # The story with sexual content: no title, no text in the page until he asks.
    hidden = moderator.locator(".mod-queue > li", has_text=author)
    expect(hidden).to_contain_text(nl("queue.blur.heading"))
    expect(hidden).to_contain_text(nl("queue.blur.reason.sexual"))
    assert hidden_title not in moderator.content()
    assert "naaktfoto" not in moderator.content()
    check_and_photograph(moderator, "queue-health-phone", scroll_to=".mod-section--waiting")
    moderator.locator(".mod-queue").scroll_into_view_if_needed()
    moderator.screenshot(path=str(SCREENSHOTS / "queue-hidden-item-360x740.png"))
    hidden.get_by_role("button", name=nl("queue.blur.show")).click()
    expect(hidden).to_contain_text(hidden_title, timeout=STEP_TIMEOUT_MS)
    hidden.locator(".mod-card__open").click()
    expect(moderator.locator(".mod-detail .mod-story")).to_contain_text("naaktfoto")

    # Desktop: the same queue at 1280x800.
    wide = new_page(browser, DESKTOP)
    wide.goto(running_app.url + "/")
    token = moderator.evaluate("() => localStorage.getItem('ps-device')")
    wide.evaluate("token => localStorage.setItem('ps-device', token)", token)
    go(wide, running_app, "/moderatie")
    expect(wide.locator(".wait-chart svg")).to_be_visible(timeout=STEP_TIMEOUT_MS)
    assert axe_violations(wide) == []
    assert shown_catalog_keys(wide) == set()
    wide.screenshot(path=str(SCREENSHOTS / "queue-health-1280x800.png"))
    wide.screenshot(path=str(SCREENSHOTS / "queue-health-1280x800-full.png"), full_page=True)
    wide.context.close()

    # The pause: the queue goes, and stays gone after a reload (it is on his account).
    moderator.get_by_role("button", name=nl("queue.pause.start")).click()
    expect(moderator.get_by_text(nl("queue.pause.on_title"))).to_be_visible(timeout=STEP_TIMEOUT_MS)
    expect(moderator.locator("#mod-queue-title")).to_have_count(0)
    check_and_photograph(moderator, "queue-paused-phone", scroll_to="#mod-pause")
    go(moderator, running_app, "/moderatie")
    expect(moderator.get_by_text(nl("queue.pause.on_title"))).to_be_visible(timeout=STEP_TIMEOUT_MS)
    expect(moderator.locator("#mod-queue-title")).to_have_count(0)
    with database() as db:
        account = db.get(Account, member.account_id)
        assert account is not None and account.moderation_paused
    moderator.get_by_role("button", name=nl("queue.pause.resume")).click()
    expect(moderator.locator("#mod-queue-title")).to_be_visible(timeout=STEP_TIMEOUT_MS)
    moderator.context.close()

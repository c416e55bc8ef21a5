"""The moderators' side in the browser: the queue at a glance, claiming, editing before
publishing, undoing, approving and rejecting; board threads and replies in the same
queue; reported board posts with all their reports, let stay or removed; a second
moderator sees who holds an item; the audit log for admins; members see only that the
page is not for them. axe-core on every state of both pages, in both languages, at
phone and laptop size."""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from playwright.sync_api import Browser, Page, ViewportSize, expect
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from peersupport.database import make_engine
from peersupport.models import Account, BoardPost, BoardThread, ModerationItem, Story
from peersupport.services import accounts, board_moderation, boards, moderation, stories
from peersupport.settings import PostingLimits
from peersupport.translations import translate
from tests.browser.conftest import DESKTOP, PHONE, RunningApp
from tests.browser.test_accounts_notes import database_url_of, go, log_in
from tests.browser.test_pages import SCREENSHOTS, axe_violations, shown_catalog_keys
from tests.unit.conftest import add_account

PASSPHRASE = "toren brug rivier molen"
BODY = (
    "Ik was vijftien toen het begon. Eerst was hij aardig en gaf hij me aandacht, "
    "later moest ik dingen doen die ik niet wilde. Nu gaat het beter met me."
)
PHONE_NUMBER = "06-12345678"
STEP_TIMEOUT_MS = 20_000
LIMITS = PostingLimits()
# A reply that looks like markup: the moderator must see these characters, not bold text.
MARKUP_REPLY = "Kijk <b>hier</b> eens.\nEn dan <script>x()</script> zo."
REPORTS = [
    ("unkind", ""),
    ("contact_details", "Hij zet er zijn Snap onder."),
    ("other", "Dit voelt niet goed."),
]


def unique(prefix: str) -> str:
    return prefix + "".join(secrets.choice("abcdefghjkmnpqrstuvwxyz") for _ in range(6))


class AppDatabase:
    """The running app's own database, used the way the services use it."""

    def __init__(self, url: str) -> None:
        self.engine = make_engine(url)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)

    def account(self, prefix: str, role: str) -> str:
        """An account that can log in with PASSPHRASE (keys derived as a browser would)."""
        name = unique(prefix)
        with self.sessions.begin() as session:
            account, _code = accounts.create_admin(session, name, PASSPHRASE, datetime.now(UTC))
            account.role = role
        return name

    def submit(self, title: str, body: str, author: str | None = None) -> int:
        """A member's story sent to the queue (contact details kept, as he may); by a
        new writer unless `author` is named (a member sends a few stories a day)."""
        now = datetime.now(UTC)
        with self.sessions.begin() as session:
            if author is None:
                writer = add_account(session, unique("Schrijver"))
            else:
                writer = self._by_name(session, author)
            draft = stories.save_draft(
                session,
                writer,
                None,
                title=title,
                body=body,
                language="nl",
                themes=["online_grooming", "getting_help"],
                # Not "sexual_abuse": such a story stays hidden until the moderator asks
                # (tests/browser/test_queue_health.py); these tests read it at once.
                warnings=["violence"],
                now=now,
            )
            return stories.submit_story(session, writer, draft.id, keep_findings=True, now=now).id

    def story(self, item_id: int) -> tuple[str, str, str]:
        with self.sessions() as session:
            item = session.get(ModerationItem, item_id)
            assert item is not None and item.story_id is not None
            story = session.get(Story, item.story_id)
            assert story is not None
            return story.state, story.body, story.rejection_template or ""

    def empty_the_queue(self, admin: str) -> None:
        """Every pending item decided, so that each test starts from a known queue."""
        now = datetime.now(UTC)
        with self.sessions.begin() as session:
            actor = self._by_name(session, admin)
            pending = session.scalars(
                select(ModerationItem).where(ModerationItem.state == "pending")
            ).all()
            for item in pending:
                item.claimed_by = item.claimed_at = None  # claims of earlier tests lapse
                moderation.reject_item(
                    session, actor, item.id, template="other", text="Opgeruimd", now=now
                )

    def board_thread(self, title: str, body: str, board: str = "vragen") -> tuple[int, int]:
        """A new thread by a new member, waiting in the queue: (thread id, item id)."""
        now = datetime.now(UTC)
        with self.sessions.begin() as session:
            writer = add_account(session, unique("Vrager"))
            thread = boards.start_thread(
                session,
                writer,
                board,
                title=title,
                body=body,
                keep_findings=False,
                limits=LIMITS,
                now=now,
            )
            post = session.scalar(select(BoardPost).where(BoardPost.thread_id == thread.id))
            assert post is not None
            return thread.id, self._item_of(session, post.id)

    def board_reply(self, thread_id: int, body: str) -> tuple[int, int]:
        """A reply by a new member, waiting in the queue: (post id, item id)."""
        now = datetime.now(UTC)
        with self.sessions.begin() as session:
            writer = add_account(session, unique("Antwoord"))
            post = boards.reply(
                session,
                writer,
                thread_id,
                body=body,
                quote_of=None,
                keep_findings=False,
                limits=LIMITS,
                now=now,
            )
            return post.id, self._item_of(session, post.id)

    def approve(self, item_id: int, admin: str) -> None:
        with self.sessions.begin() as session:
            moderation.approve_item(
                session, self._by_name(session, admin), item_id, datetime.now(UTC)
            )

    def reported_reply(self, admin: str, title: str, body: str) -> int:
        """A published reply in a published thread, reported by three members (so
        hidden); returns the reply's post id."""
        thread_id, opening = self.board_thread(title, "Is dit anderen ook overkomen?")
        self.approve(opening, admin)
        post_id, item = self.board_reply(thread_id, body)
        self.approve(item, admin)
        now = datetime.now(UTC)
        with self.sessions.begin() as session:
            for reason, text in REPORTS:
                reporter = add_account(session, unique("Melder"))
                boards.report_post(
                    session, reporter, post_id, reason=reason, text=text, limits=LIMITS, now=now
                )
        return post_id

    def post(self, post_id: int) -> tuple[str, bool, str]:
        with self.sessions() as session:
            post = session.get(BoardPost, post_id)
            assert post is not None
            return post.state, post.hidden, post.body

    def thread_title(self, thread_id: int) -> str:
        with self.sessions() as session:
            thread = session.get(BoardThread, thread_id)
            assert thread is not None
            return thread.title

    def close_all_reports(self, admin: str) -> None:
        """Every open report closed, so that each test starts from a known list."""
        now = datetime.now(UTC)
        with self.sessions.begin() as session:
            actor = self._by_name(session, admin)
            for reported in board_moderation.list_reported(session, actor):
                board_moderation.dismiss_reports(session, actor, reported.post_id, now)

    @staticmethod
    def _item_of(session: Session, post_id: int) -> int:
        item = session.scalar(select(ModerationItem.id).where(ModerationItem.post_id == post_id))
        assert item is not None
        return int(item)

    @staticmethod
    def _by_name(session: Session, name: str) -> Account:
        account = session.scalar(select(Account).where(Account.pseudonym == name))
        assert account is not None
        return account


@pytest.fixture(scope="module")
def app_db(running_app: RunningApp, app_env: dict[str, str]) -> Iterator[AppDatabase]:
    database = AppDatabase(database_url_of(running_app, app_env))
    yield database
    database.engine.dispose()


@pytest.fixture(scope="module")
def staff(app_db: AppDatabase) -> dict[str, str]:
    return {
        "moderator": app_db.account("Moderator", "moderator"),
        "second": app_db.account("Collega", "moderator"),
        "admin": app_db.account("Beheer", "admin"),
        "writer": app_db.account("Schrijver", "member"),
    }


def open_moderation(page: Page, app: RunningApp) -> None:
    go(page, app, "/moderatie")
    expect(page.locator("#mod-queue-title")).to_be_visible(timeout=STEP_TIMEOUT_MS)


def wait_for_notice(page: Page, text: str) -> None:
    expect(page.locator(".status--notice", has_text=text)).to_be_visible(timeout=STEP_TIMEOUT_MS)


def photograph(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    size = page.viewport_size or PHONE
    page.screenshot(
        path=str(SCREENSHOTS / f"{name}-{size['width']}x{size['height']}.png"), full_page=True
    )


def test_a_moderator_works_through_the_queue(
    page: Page,
    browser: Browser,
    running_app: RunningApp,
    app_db: AppDatabase,
    staff: dict[str, str],
) -> None:
    app_db.empty_the_queue(staff["admin"])
    writer = staff["writer"]
    first = app_db.submit("Wat er gebeurde", f"{BODY} Bel me op {PHONE_NUMBER}.", writer)
    second = app_db.submit("Hoe ik hulp vond", BODY, writer)
    third = app_db.submit("Een zware week", BODY, writer)

    log_in(page, running_app, staff["moderator"], PASSPHRASE)
    open_moderation(page, running_app)
    expect(page.locator(".mod-stat__number")).to_have_text("3")
    expect(page.locator(".mod-stat--oldest")).to_contain_text("Oudste wacht")
    expect(page.locator(".mod-chart__column")).to_have_count(moderation.CHART_DAYS)
    expect(page.locator("table.visually-hidden tbody tr")).to_have_count(moderation.CHART_DAYS)
    expect(page.locator(".mod-queue > li")).to_have_count(3)
    flagged = page.locator(".mod-queue > li", has_text="Wat er gebeurde")
    expect(flagged).to_have_class("mod-card mod-card--flagged")
    expect(flagged.locator(".mod-alert")).to_contain_text("Telefoonnummer")
    expect(flagged.locator(".mod-alert mark")).to_have_text(PHONE_NUMBER)
    expect(flagged).to_contain_text(staff["writer"])

    # Open, claim: a colleague sees who holds it.
    flagged.get_by_role("button", name="Wat er gebeurde").click()
    detail = page.locator(".mod-detail")
    expect(detail.locator("h2")).to_have_text("Wat er gebeurde")
    expect(detail.locator(".mod-story")).to_contain_text(PHONE_NUMBER)
    detail.get_by_role("button", name="Ik pak dit op").click()
    wait_for_notice(page, "Je hebt dit opgepakt")
    expect(detail.locator(".mod-claim")).to_have_text("Jij bent hiermee bezig.")

    colleague_context = browser.new_context(viewport=PHONE, service_workers="block")
    colleague = colleague_context.new_page()
    log_in(colleague, running_app, staff["second"], PASSPHRASE)
    open_moderation(colleague, running_app)
    held = colleague.locator(".mod-queue > li", has_text="Wat er gebeurde")
    expect(held.locator(".mod-claim")).to_have_text(f"Hiermee bezig: {staff['moderator']}")
    held.get_by_role("button", name="Wat er gebeurde").click()
    expect(colleague.locator(".mod-detail .callout")).to_contain_text("Een andere moderator")
    expect(colleague.get_by_role("button", name="Publiceren zoals het is")).to_have_count(0)
    colleague_context.close()

    # Edit before publishing: a reason is needed, then it is published.
    detail.locator("summary", has_text="Aanpassen en publiceren").click()
    page.fill("#mod-edit-body", f"{BODY} Bel me maar niet.")
    detail.get_by_role("button", name="Aangepast publiceren").click()
    expect(detail.get_by_role("alert")).to_have_text(
        "Schrijf een reden op.", timeout=STEP_TIMEOUT_MS
    )
    page.fill("#mod-edit-reason", "Telefoonnummer weggehaald")
    detail.get_by_role("button", name="Aangepast publiceren").click()
    wait_for_notice(page, "Aangepast gepubliceerd")
    expect(page.locator(".mod-detail")).to_have_count(0)
    expect(page.locator(".mod-queue > li")).to_have_count(2)
    assert app_db.story(first)[0] == "published"
    assert PHONE_NUMBER not in app_db.story(first)[1]

    # Undo: back in the queue as submitted, still his.
    recent = page.locator(".mod-recent", has_text="Wat er gebeurde")
    expect(recent).to_contain_text("Aangepast gepubliceerd")
    recent.get_by_role("button", name="Terugdraaien").click()
    wait_for_notice(page, "Teruggedraaid")
    expect(page.locator(".mod-queue > li")).to_have_count(3)
    assert app_db.story(first)[:2] == ("pending", f"{BODY} Bel me op {PHONE_NUMBER}.")

    # Approve the second as it is.
    page.locator(".mod-queue > li", has_text="Hoe ik hulp vond").get_by_role("button").click()
    page.locator(".mod-detail").get_by_role("button", name="Publiceren zoals het is").click()
    wait_for_notice(page, "Gepubliceerd.")
    assert app_db.story(second)[0] == "published"

    # Reject the third with a template.
    page.locator(".mod-queue > li", has_text="Een zware week").get_by_role("button").click()
    detail = page.locator(".mod-detail")
    detail.locator("summary", has_text="Afwijzen").click()
    detail.get_by_role("button", name="Afwijzen en uitleg sturen").click()
    expect(detail.get_by_role("alert")).to_have_text(
        "Kies waarom je het afwijst.", timeout=STEP_TIMEOUT_MS
    )
    detail.get_by_label("Herkenbaar").check()
    page.fill("#mod-reject-text", "De naam van je school staat erin.")
    detail.get_by_role("button", name="Afwijzen en uitleg sturen").click()
    wait_for_notice(page, "Afgewezen")
    assert app_db.story(third) == ("rejected", BODY, "identifying")
    expect(page.locator(".mod-queue > li")).to_have_count(1)
    expect(page.locator(".mod-recent")).to_have_count(2)
    assert axe_violations(page) == []


def test_the_admin_reads_what_happened_in_the_audit_log(
    page: Page, running_app: RunningApp, staff: dict[str, str]
) -> None:
    log_in(page, running_app, staff["admin"], PASSPHRASE)
    open_moderation(page, running_app)
    page.get_by_role("link", name="Logboek: alles wat moderatoren deden").click()
    page.wait_for_url(running_app.url + "/moderatie/logboek")
    entries = page.locator(".mod-log > li")
    expect(entries.first).to_be_visible(timeout=STEP_TIMEOUT_MS)
    edit = entries.filter(has=page.locator("del")).first
    expect(edit).to_contain_text("Telefoonnummer weggehaald")
    expect(edit.locator("del")).to_contain_text(PHONE_NUMBER)
    expect(edit.locator("ins")).to_contain_text("niet.")
    expect(entries.filter(has_text="Herkenbaar").first).to_contain_text("Afgewezen")
    expect(entries.filter(has_text="Besluit teruggedraaid").first).to_contain_text(
        "Eerder besluit: Aangepast gepubliceerd"
    )
    expect(page.get_by_role("button", name="Verwijderen")).to_have_count(0)


def test_a_member_sees_only_that_the_pages_are_not_for_him(
    page: Page, running_app: RunningApp, staff: dict[str, str]
) -> None:
    log_in(page, running_app, staff["writer"], PASSPHRASE)
    go(page, running_app, "/moderatie")
    expect(page.get_by_text("Deze pagina is alleen voor moderatoren.")).to_be_visible(
        timeout=STEP_TIMEOUT_MS
    )
    expect(page.locator(".moderation")).to_have_count(0)
    expect(page.locator("main form")).to_have_count(0)
    go(page, running_app, "/moderatie/logboek")
    expect(page.get_by_text("Deze pagina is alleen voor beheerders.")).to_be_visible(
        timeout=STEP_TIMEOUT_MS
    )
    expect(page.locator(".mod-log")).to_have_count(0)
    # Refused, not signed out.
    go(page, running_app, "/account")
    expect(page.get_by_role("button", name="Uitloggen", exact=True)).to_be_visible()


def test_a_visitor_sees_only_that_the_page_is_not_for_him(
    page: Page, running_app: RunningApp
) -> None:
    go(page, running_app, "/moderatie")
    expect(page.get_by_text("Deze pagina is alleen voor moderatoren.")).to_be_visible(
        timeout=STEP_TIMEOUT_MS
    )
    expect(page.locator(".moderation")).to_have_count(0)


def choose_language(page: Page, language: str) -> None:
    """Flip the language switch until the page shows `language` (a click that lands
    while the page's first events are still answered can be overtaken by them)."""
    for _ in range(3):
        if page.locator("html").get_attribute("lang") == language:
            return
        page.click("button.language-switch")
        try:
            expect(page.locator("html")).to_have_attribute("lang", language, timeout=3000)
        except AssertionError:
            continue
    expect(page.locator("html")).to_have_attribute("lang", language)


def check_page(page: Page, name: str, language: str) -> None:
    choose_language(page, language)
    assert axe_violations(page) == []
    assert shown_catalog_keys(page) == set()
    photograph(page, f"{name}-{language}")
    width = (page.viewport_size or PHONE)["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    choose_language(page, "nl")


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "laptop"])
@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_moderation_pages_are_accessible_in_every_state(
    page: Page,
    running_app: RunningApp,
    app_db: AppDatabase,
    staff: dict[str, str],
    language: str,
    size: ViewportSize,
) -> None:
    page.set_viewport_size(size)
    app_db.empty_the_queue(staff["admin"])
    app_db.submit("Wat er gebeurde", f"{BODY} Bel me op {PHONE_NUMBER}.")
    app_db.submit("Hoe ik hulp vond", BODY)
    log_in(page, running_app, staff["admin"], PASSPHRASE)

    open_moderation(page, running_app)
    expect(page.locator(".mod-queue > li")).to_have_count(2)
    check_page(page, "moderation-queue", language)

    page.locator(".mod-queue > li", has_text="Wat er gebeurde").get_by_role("button").click()
    expect(page.locator(".mod-detail")).to_be_visible()
    for summary in page.locator(".mod-detail summary").all():
        summary.click()
    check_page(page, "moderation-item", language)

    app_db.empty_the_queue(staff["admin"])
    open_moderation(page, running_app)
    expect(page.locator(".mod-section--queue .mod-empty")).to_be_visible()
    check_page(page, "moderation-empty", language)

    go(page, running_app, "/moderatie/logboek")
    expect(page.locator(".mod-log > li").first).to_be_visible(timeout=STEP_TIMEOUT_MS)
    check_page(page, "moderation-log", language)


def reason_words(code: str) -> str:
    return translate("nl", boards.REPORT_REASON_KEYS[code])


def test_board_threads_and_replies_are_decided_in_the_same_queue(
    page: Page, running_app: RunningApp, app_db: AppDatabase, staff: dict[str, str]
) -> None:
    app_db.empty_the_queue(staff["admin"])
    context_thread, opening = app_db.board_thread(
        "Hoe vertel ik het thuis?", "Mijn ouders weten van niets."
    )
    app_db.approve(opening, staff["admin"])
    reply, _ = app_db.board_reply(context_thread, "Ik schreef eerst een brief.\nDat hielp mij.")
    new_thread, _ = app_db.board_thread(
        "Slapen lukt niet", "Sinds het gebeurde slaap ik slecht.", board="herstel"
    )

    log_in(page, running_app, staff["moderator"], PASSPHRASE)
    open_moderation(page, running_app)
    cards = page.locator(".mod-queue > li")
    expect(cards).to_have_count(2)
    reply_card = cards.filter(has_text="Reactie")
    expect(reply_card.locator(".marks")).to_contain_text("Prikbord: Vragen")
    expect(reply_card.get_by_role("button")).to_have_text("in: Hoe vertel ik het thuis?")
    thread_card = cards.filter(has_text="Nieuw onderwerp")
    expect(thread_card.locator(".marks")).to_contain_text("Prikbord: Herstel")
    expect(thread_card.get_by_role("button")).to_have_text("Slapen lukt niet")

    # A reply has no title of its own to edit; the reject reasons read well for a post.
    reply_card.get_by_role("button").click()
    detail = page.locator(".mod-detail")
    expect(detail.locator("h2")).to_have_text("in: Hoe vertel ik het thuis?")
    expect(detail.locator(".mod-story p")).to_contain_text("Dat hielp mij.")
    expect(detail.locator(".mod-story br")).to_have_count(1)
    for summary in ("Aanpassen en publiceren", "Afwijzen", "Doorsturen naar beheer"):
        detail.locator("summary", has_text=summary).click()
    expect(page.locator("#mod-edit-body")).to_be_visible()
    expect(page.locator("#mod-edit-title")).to_have_count(0)
    expect(detail.get_by_label("Past hier niet")).to_be_visible()
    expect(detail).not_to_contain_text("verhaal bevat")
    assert axe_violations(page) == []
    detail.get_by_role("button", name="Publiceren zoals het is").click()
    wait_for_notice(page, "Gepubliceerd.")
    assert app_db.post(reply)[0] == "published"

    # A new thread's title can be edited before it is published.
    page.locator(".mod-queue > li", has_text="Slapen lukt niet").get_by_role("button").click()
    detail = page.locator(".mod-detail")
    detail.locator("summary", has_text="Aanpassen en publiceren").click()
    expect(page.locator("#mod-edit-title")).to_have_value("Slapen lukt niet")
    page.fill("#mod-edit-title", "Slapen lukt slecht")
    page.fill("#mod-edit-reason", "Titel duidelijker")
    detail.get_by_role("button", name="Aangepast publiceren").click()
    wait_for_notice(page, "Aangepast gepubliceerd")
    assert app_db.thread_title(new_thread) == "Slapen lukt slecht"
    expect(page.locator(".mod-section--queue .mod-empty")).to_be_visible()
    expect(page.locator(".mod-recent", has_text="Slapen lukt slecht")).to_contain_text(
        "Aangepast gepubliceerd"
    )


def test_a_reported_post_is_read_with_all_its_reports_and_removed_with_a_reason(
    page: Page, running_app: RunningApp, app_db: AppDatabase, staff: dict[str, str]
) -> None:
    app_db.close_all_reports(staff["admin"])
    title = "Wie herkent dit?"
    removed = app_db.reported_reply(staff["admin"], title, MARKUP_REPLY)
    kept = app_db.reported_reply(staff["admin"], "Nog een vraag", "Gewoon een aardige reactie.")

    log_in(page, running_app, staff["moderator"], PASSPHRASE)
    open_moderation(page, running_app)
    section = page.locator(".mod-section--reports")
    cards = section.locator(".mod-reported")
    expect(cards).to_have_count(2)
    card = cards.filter(has_text=title)
    expect(card.locator("h3")).to_have_text(f"in: {title}")
    for mark in ("Reactie", "Prikbord: Vragen", "Verborgen"):
        expect(card.locator(".marks")).to_contain_text(mark)
    # The member's text as text: the characters of the markup, on two lines, no elements.
    body = card.locator("article .post__body")
    expect(body).to_have_text(MARKUP_REPLY)
    expect(card.locator("article b, article script")).to_have_count(0)
    assert body.evaluate("element => getComputedStyle(element).whiteSpace") == "pre-wrap"
    # All three reports together, each with its reason in words, its words and its date.
    expect(card.locator(".mod-alert h4")).to_have_text("3 meldingen")
    reports = card.locator(".mod-alert li")
    expect(reports).to_have_count(3)
    for row, (reason, text) in zip(reports.all(), REPORTS, strict=True):
        expect(row).to_contain_text(reason_words(reason))
        expect(row).to_contain_text(re.compile(r"\d{2}-\d{2}-\d{4} \d{2}:\d{2}"))
        if text:
            expect(row).to_contain_text(text)
    assert axe_violations(page) == []

    # Taking it down needs a reason.
    card.locator("summary", has_text="Haal weg").click()
    card.get_by_role("button", name="Bericht weghalen").click()
    expect(section.get_by_role("alert")).to_have_text(
        "Schrijf een reden op.", timeout=STEP_TIMEOUT_MS
    )
    card.get_by_label("Waarom haal je het weg? (verplicht)").fill("Wijst naar een andere app")
    card.get_by_role("button", name="Bericht weghalen").click()
    wait_for_notice(page, "Het bericht is weggehaald.")
    expect(cards).to_have_count(1)
    assert app_db.post(removed)[:2] == ("removed", False)

    # The other one may stay: its reports close and everyone sees it again.
    cards.first.get_by_role("button", name="Laat staan").click()
    wait_for_notice(page, "Het bericht blijft staan.")
    expect(section.locator(".mod-empty")).to_have_text("Geen meldingen. Er is niets gemeld.")
    assert app_db.post(kept)[:2] == ("published", False)


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "laptop"])
@pytest.mark.parametrize("language", ["nl", "en"])
def test_board_items_and_reports_are_accessible_and_photographed(
    page: Page,
    running_app: RunningApp,
    app_db: AppDatabase,
    staff: dict[str, str],
    language: str,
    size: ViewportSize,
) -> None:
    page.set_viewport_size(size)
    admin = staff["admin"]
    app_db.empty_the_queue(admin)
    app_db.close_all_reports(admin)
    thread_id, opening = app_db.board_thread(
        "Hoe vertel ik het thuis?", "Mijn ouders weten van niets."
    )
    app_db.approve(opening, admin)
    app_db.board_reply(thread_id, "Ik schreef eerst een brief.\nDat hielp mij.")
    app_db.board_thread("Slapen lukt niet", "Sinds het gebeurde slaap ik slecht.", board="herstel")
    app_db.reported_reply(admin, "Wie herkent dit?", MARKUP_REPLY)
    log_in(page, running_app, admin, PASSPHRASE)

    open_moderation(page, running_app)
    section = page.locator(".mod-section--reports")
    expect(section.locator(".mod-reported")).to_have_count(1)
    section.locator("summary").click()
    check_page(page, "moderation-reports", language)
    choose_language(page, language)
    section.screenshot(
        path=str(
            SCREENSHOTS
            / f"moderation-reports-section-{language}-{size['width']}x{size['height']}.png"
        ),
        style=".bottom-nav, .quick-exit { visibility: hidden !important; }",
    )
    choose_language(page, "nl")

    page.locator(".mod-queue > li", has_text="Reactie").get_by_role("button").click()
    expect(page.locator(".mod-detail h2")).to_have_text("in: Hoe vertel ik het thuis?")
    for summary in page.locator(".mod-detail summary").all():
        summary.click()
    check_page(page, "moderation-reply", language)

    app_db.close_all_reports(admin)
    open_moderation(page, running_app)
    expect(section.locator(".mod-empty")).to_be_visible()
    check_page(page, "moderation-reports-empty", language)

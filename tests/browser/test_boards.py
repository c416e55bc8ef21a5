"""The message boards on a phone: a visitor reads, a member starts a thread and replies
with a quote, and nobody else sees either until a moderator approved it. The scrubber
catches a Snapchat name in a reply, the daily limit keeps the draft, three reports hide
a post, a locked thread takes no replies. Every state of the three pages is checked with
axe-core in both languages and photographed at 360x740."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import Browser, Locator, Page, expect
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from peersupport.content.boards import boards_content
from peersupport.models import Account, BoardPost, BoardThread, ModerationItem, PostReport
from peersupport.services import board_moderation, boards, moderation
from peersupport.settings import PostingLimits, load_settings
from peersupport.translations import translate
from tests.browser.conftest import PHONE, RunningApp
from tests.browser.test_accounts_notes import go, unique
from tests.browser.test_moderation import choose_language
from tests.browser.test_writing import (  # noqa: F401
    Member,
    check_and_photograph,
    database,
    member_on_this_device,
)
from tests.unit.conftest import add_account

STEP_TIMEOUT_MS = 20_000
# Nothing in this file posts here, so its empty state shows.
EMPTY_BOARD = "coming-out"
OPENING = (
    "Ik was veertien toen iemand online heel aardig tegen me deed. Later moest ik dingen "
    "doen die ik niet wilde. Is dit andere jongens ook overkomen?"
)
REPLY = "Ja, bij mij ging het net zo. Het was niet jouw schuld."
SNAP_REPLY = "Hoi, snap me: jongen123 als je wilt praten."
SNAP_REMOVED = "Hoi, als je wilt praten."
# Seeded posts are written an hour ago, so a member who then posts in the browser is
# not held back by the pause between two posts; the app's own limits still apply there.
SEED_LIMITS = PostingLimits(
    new_threads_per_day=1000,
    new_replies_per_day=1000,
    new_seconds_between_posts=0,
    threads_per_day=1000,
    replies_per_day=1000,
    seconds_between_posts=0,
    reports_per_day=1000,
)


# --- the app's database, used the way the services use it ---------------------------


def written_at() -> datetime:
    return datetime.now(UTC) - timedelta(hours=1)


def staff_member(db: Session) -> Account:
    return add_account(db, unique("Beheer"), role="admin")


def account(db: Session, member: Member | None = None) -> Account:
    """The member's account row, or a new member nobody logs in as."""
    if member is None:
        return add_account(db, unique("Lid"))
    found = db.get(Account, member.account_id)
    assert found is not None
    return found


def approve(db: Session, staff: Account, post_id: int) -> None:
    item_id = db.scalar(select(ModerationItem.id).where(ModerationItem.post_id == post_id))
    assert item_id is not None
    moderation.approve_item(db, staff, item_id, datetime.now(UTC))


def opening_post(db: Session, thread_id: int) -> BoardPost:
    post = db.scalar(select(BoardPost).where(BoardPost.thread_id == thread_id, BoardPost.opening))
    assert post is not None
    return post


def new_thread(db: Session, author: Account, board: str, title: str, body: str = OPENING) -> int:
    """A thread that waits for a moderator; returns its id."""
    return boards.start_thread(
        db,
        author,
        board,
        title=title,
        body=body,
        keep_findings=True,
        limits=SEED_LIMITS,
        now=written_at(),
    ).id


def new_reply(
    db: Session, author: Account, thread_id: int, body: str = REPLY, quote_of: int | None = None
) -> int:
    """A reply that waits for a moderator; returns the post's id."""
    return boards.reply(
        db,
        author,
        thread_id,
        body=body,
        quote_of=quote_of,
        keep_findings=True,
        limits=SEED_LIMITS,
        now=written_at(),
    ).id


def waiting_thread_by_a_member(db: Session, board: str, title: str) -> tuple[int, str]:
    """A new member's thread that waits for a moderator: (its id, his pseudonym)."""
    starter = account(db)
    return new_thread(db, starter, board, title), starter.pseudonym


def published_thread(db: Session, staff: Account, board: str, title: str) -> tuple[int, int]:
    """An approved thread by a new member: (thread id, opening post id)."""
    thread_id = new_thread(db, account(db), board, title)
    post_id = opening_post(db, thread_id).id
    approve(db, staff, post_id)
    return thread_id, post_id


def hide_by_reports(db: Session, post_id: int, reporters: int) -> bool:
    hidden = False
    for _ in range(reporters):
        hidden = boards.report_post(
            db,
            account(db),
            post_id,
            reason="unkind",
            text="",
            limits=SEED_LIMITS,
            now=datetime.now(UTC),
        )
    return hidden


# --- page helpers --------------------------------------------------------------------


@pytest.fixture
def visitor(browser: Browser, running_app: RunningApp) -> Iterator[Page]:
    """A second phone, nobody logged in."""
    context = browser.new_context(viewport=PHONE, service_workers="block")
    yield context.new_page()
    context.close()


def board_path(board: str) -> str:
    """The address of the board with this key: its number, never its key (anything that
    is no board's key goes into the address as it is, as a hostile link would)."""
    found = boards_content().board(board)
    return f"/prikbord/bord?nr={found.number if found is not None else board}"


def thread_path(thread_id: int) -> str:
    return f"/prikbord/onderwerp?id={thread_id}"


def write_path(board: str) -> str:
    """The app's page to start a thread on a board (the board's threads, his own waiting
    ones too); `board_path` is the page from the server to read it."""
    return board_path(board).replace("/prikbord/bord?", "/prikbord/bord/schrijven?")


def reply_path(thread_id: int) -> str:
    """The app's page to reply in a thread (his own waiting replies, reports, the
    moderators' tools); `thread_path` is the page from the server to read it."""
    return f"/prikbord/onderwerp/reageren?id={thread_id}"


def open_board(page: Page, app: RunningApp, board: str) -> None:
    go(page, app, write_path(board))
    expect(page.locator("h2.board-name")).to_be_visible(timeout=STEP_TIMEOUT_MS)


def open_thread(page: Page, app: RunningApp, thread_id: int) -> None:
    go(page, app, reply_path(thread_id))
    expect(page.locator("h2.thread-title")).to_be_visible(timeout=STEP_TIMEOUT_MS)


def notice(page: Page, text: str) -> None:
    expect(page.locator(".status--notice")).to_contain_text(text, timeout=STEP_TIMEOUT_MS)


def send_a_new_thread(page: Page, app: RunningApp, board: str, title: str, body: str) -> None:
    """On `board`, he opens the form for a new thread (its title field takes the focus),
    writes `title` and `body` and sends it to the moderators."""
    open_board(page, app, board)
    page.get_by_role("button", name="Nieuw onderwerp beginnen").click()
    expect(page.locator("#ps-post-title")).to_be_focused()
    page.fill("#ps-post-title", title)
    page.fill("#ps-post-body", body)
    page.get_by_role("button", name="Stuur naar moderator").click()


def quote_and_reply(page: Page, starter_name: str) -> Locator:
    """In the reply form 'Citeer' opened on the opening post: the quote is shown and the
    text field has the focus; he sends REPLY and is thanked. Returns the quote box."""
    quoting = page.locator(".quoting")
    expect(quoting).to_contain_text(f"Je citeert {starter_name}", timeout=STEP_TIMEOUT_MS)
    expect(quoting.locator("blockquote")).to_have_text(OPENING)
    expect(page.locator("#ps-post-body")).to_be_focused()
    page.fill("#ps-post-body", REPLY)
    page.get_by_role("button", name="Stuur naar moderator").click()
    notice(page, "Verstuurd. Je reactie wacht nu op een moderator")
    return quoting


def posts(page: Page) -> Locator:
    return page.locator("ol.post-list > li")


# --- reading without an account -------------------------------------------------------


def test_a_visitor_finds_four_boards_and_the_house_rules_but_no_form(
    page: Page, running_app: RunningApp
) -> None:
    go(page, running_app, "/prikbord")
    expect(page.locator("main h1")).to_have_text("Prikbord")
    cards = page.locator("nav.card-list a.card-link")
    expect(cards.locator(".card-link__title")).to_have_text(
        [board.name["nl"] for board in boards_content().boards]
    )
    assert len(boards_content().boards) == 4
    rules = page.locator("details.house-rules")
    expect(rules).to_have_attribute("open", "")
    house_rules = boards_content().rules
    expect(rules.locator("ul.rules > li strong")).to_have_text(
        [rule.text["nl"] for rule in house_rules]
    )
    for rule in house_rules:
        expect(rules.get_by_text(rule.why["nl"])).to_be_visible()

    cards.filter(has_text="Coming out").click()
    page.wait_for_url(running_app.url + board_path(EMPTY_BOARD))
    expect(page.locator("h2.board-name")).to_have_text("Coming out", timeout=STEP_TIMEOUT_MS)
    expect(page.get_by_text("Hier staat nog geen onderwerp.")).to_be_visible()
    expect(page.locator("main").get_by_role("link", name="Inloggen")).to_have_attribute(
        "href", "/inloggen"
    )
    expect(page.get_by_role("button", name="Nieuw onderwerp beginnen")).to_have_count(0)
    expect(page.locator("main form")).to_have_count(0)
    expect(page.locator("details.house-rules")).to_have_count(1)
    check_and_photograph(page, "boards-board-visitor-nl")


def test_an_unknown_board_or_thread_says_so(page: Page, running_app: RunningApp) -> None:
    for board in ("bestaat-niet", "%3Cscript%3E", ""):
        go(page, running_app, board_path(board))
        expect(page.get_by_text("Dit prikbord bestaat niet.")).to_be_visible(
            timeout=STEP_TIMEOUT_MS
        )
    for thread in ("0", "-1", "abc", "99999999999", "2147483647"):
        go(page, running_app, f"/prikbord/onderwerp?id={thread}")
        expect(page.get_by_text("Dit onderwerp bestaat niet (meer)")).to_be_visible(
            timeout=STEP_TIMEOUT_MS
        )
        expect(page.locator("main form")).to_have_count(0)


def test_a_board_and_a_thread_read_with_javascript_off(
    browser: Browser,
    running_app: RunningApp,
    database: sessionmaker[Session],  # noqa: F811
) -> None:
    title = unique("Lezen zonder scripts ")
    with database.begin() as db:
        staff = staff_member(db)
        thread_id, opening_id = published_thread(db, staff, "vragen", title)
        approve(db, staff, new_reply(db, account(db), thread_id, REPLY, quote_of=opening_id))
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(running_app.url + "/prikbord")
        page.locator("main a.card-link", has_text="Vragen").click()
        page.wait_for_url(running_app.url + board_path("vragen"))
        expect(page.locator("h2.board-name")).to_have_text("Vragen")
        card = page.locator(".thread-list > li", has_text=title)
        expect(card).to_contain_text(" · 1 reactie")
        card.locator("a").click()
        page.wait_for_url(running_app.url + thread_path(thread_id))
        expect(page.locator("h2.thread-title")).to_have_text(title)
        expect(posts(page)).to_have_count(2)
        expect(posts(page).first.locator(".post__body")).to_have_text(OPENING)
        expect(posts(page).nth(1).locator("blockquote")).to_contain_text(OPENING)
        expect(posts(page).nth(1).locator(".post__body")).to_have_text(REPLY)
        expect(page.get_by_role("link", name="Reageren")).to_have_attribute(
            "href", f"/prikbord/onderwerp/reageren/?id={thread_id}"
        )
        page.locator("main .breadcrumb a").click()
        page.wait_for_url(running_app.url + board_path("vragen"))
        expect(page.locator(".thread-list > li", has_text=title)).to_have_count(1)
    finally:
        context.close()


def test_from_the_reading_page_a_member_quotes_and_replies_then_reads_on(
    page: Page,
    running_app: RunningApp,
    database: sessionmaker[Session],  # noqa: F811
) -> None:
    title = unique("Citeren vanaf het lezen ")
    with database.begin() as db:
        staff = staff_member(db)
        thread_id, starter_name = waiting_thread_by_a_member(db, "herstel", title)
        approve(db, staff, opening_post(db, thread_id).id)
    member = member_on_this_device(page, running_app, database)
    go(page, running_app, thread_path(thread_id))
    expect(page.locator("h2.thread-title")).to_have_text(title)
    check_and_photograph(page, "boards-thread-reading-nl")
    posts(page).first.get_by_role("link", name="Citeer").click()

    page.wait_for_url(re.compile(r"/prikbord/onderwerp/reageren/?\?id=\d+&citeer=\d+$"))
    quote_and_reply(page, starter_name)
    mine = posts(page).nth(1)
    expect(mine).to_contain_text(member.pseudonym)
    expect(mine.locator(".mark--waiting")).to_be_visible()

    # Back to reading: his reply waits, so it is not there yet.
    page.get_by_role("link", name="Terug naar het lezen").click()
    page.wait_for_url(running_app.url + thread_path(thread_id))
    expect(posts(page)).to_have_count(1)
    expect(page.get_by_text(REPLY)).to_have_count(0)

    # "Meld" on the reading page opens the report form of that post on the reply page.
    posts(page).first.get_by_role("link", name="Meld").click()
    form = posts(page).first.locator("form")
    expect(form.locator("legend")).to_have_text(
        "Waarom meld je dit bericht?", timeout=STEP_TIMEOUT_MS
    )


# --- posting waits for a moderator ------------------------------------------------------


def test_a_new_thread_waits_and_only_its_author_sees_it(
    page: Page,
    visitor: Page,
    running_app: RunningApp,
    database: sessionmaker[Session],  # noqa: F811
) -> None:
    member_on_this_device(page, running_app, database)
    title = unique("Is dit normaal ")
    send_a_new_thread(page, running_app, "vragen", title, OPENING)

    notice(page, "Verstuurd. Je onderwerp wacht nu op een moderator")
    expect(page.locator("#ps-post-form")).to_have_count(0)
    card = page.locator(".thread-list > li", has_text=title)
    expect(card.locator(".mark--waiting")).to_have_text("Wacht op moderator")
    href = card.locator("a").get_attribute("href")
    assert href is not None and href.startswith("/prikbord/onderwerp?id=")
    thread_id = int(href.rsplit("=", 1)[1])
    with database() as db:
        thread = db.get(BoardThread, thread_id)
        assert thread is not None and (thread.title, thread.listed) == (title, False)
        assert opening_post(db, thread_id).body == OPENING

    # He sees it in place, marked.
    open_thread(page, running_app, thread_id)
    expect(page.locator("h2.thread-title")).to_have_text(title)
    expect(posts(page).first).to_contain_text(OPENING)
    expect(posts(page).first.locator(".mark--waiting")).to_have_text(
        "Wacht op een moderator. Alleen jij ziet dit nu."
    )

    # Nobody else does: not on the board, not at its address.
    open_board(visitor, running_app, "vragen")
    expect(visitor.get_by_text(title)).to_have_count(0)
    open_link = visitor.locator(f"a[href='{thread_path(thread_id)}']")
    expect(open_link).to_have_count(0)
    go(visitor, running_app, thread_path(thread_id))
    expect(visitor.get_by_text("Dit onderwerp bestaat niet (meer)")).to_be_visible(
        timeout=STEP_TIMEOUT_MS
    )
    expect(visitor.get_by_text(title)).to_have_count(0)
    expect(visitor.get_by_text(OPENING)).to_have_count(0)


def test_a_reply_with_a_quote_waits_then_shows_with_its_quote(
    page: Page,
    visitor: Page,
    running_app: RunningApp,
    database: sessionmaker[Session],  # noqa: F811
) -> None:
    title = unique("Wie herkent dit ")
    with database.begin() as db:
        staff = staff_member(db)
        thread_id, starter_name = waiting_thread_by_a_member(db, "vragen", title)
        opening_id = opening_post(db, thread_id).id

    # Not yet approved: the visitor does not see it; approved: he does.
    open_board(visitor, running_app, "vragen")
    expect(visitor.get_by_text(title)).to_have_count(0)
    with database.begin() as db:
        approve(db, staff_member(db), opening_id)
    open_board(visitor, running_app, "vragen")
    card = visitor.locator(".thread-list > li", has_text=title)
    expect(card).to_contain_text(f"{starter_name} · 0 reacties")
    card.locator("a").click()
    visitor.wait_for_url(running_app.url + thread_path(thread_id))
    expect(visitor.locator("h2.thread-title")).to_have_text(title, timeout=STEP_TIMEOUT_MS)
    expect(posts(visitor)).to_have_count(1)
    expect(posts(visitor).first).to_contain_text(OPENING)
    expect(visitor.get_by_role("button", name="Citeer")).to_have_count(0)
    expect(visitor.locator("#ps-post-form")).to_have_count(0)

    # A member quotes the opening post in his reply.
    member = member_on_this_device(page, running_app, database)
    open_thread(page, running_app, thread_id)
    posts(page).first.get_by_role("button", name="Citeer").click()
    quoting = quote_and_reply(page, starter_name)

    expect(page.locator("#ps-post-body")).to_have_value("")
    expect(quoting).to_have_count(0)
    expect(posts(page)).to_have_count(2)
    mine = posts(page).nth(1)
    expect(mine).to_contain_text(member.pseudonym)
    expect(mine.locator(".mark--waiting")).to_have_text(
        "Wacht op een moderator. Alleen jij ziet dit nu."
    )
    expect(mine.locator("blockquote")).to_contain_text(f"{starter_name} schreef:")
    expect(mine.locator("blockquote")).to_contain_text(OPENING)
    expect(mine.locator(".post__body")).to_have_text(REPLY)
    with database() as db:
        reply = db.scalar(
            select(BoardPost).where(BoardPost.thread_id == thread_id, ~BoardPost.opening)
        )
        assert reply is not None
        assert (reply.body, reply.quote_of, reply.state) == (REPLY, opening_id, "pending")
        reply_id = reply.id

    # The visitor does not see the waiting reply.
    open_thread(visitor, running_app, thread_id)
    expect(posts(visitor)).to_have_count(1)
    expect(visitor.get_by_text(REPLY)).to_have_count(0)

    # Approved: everyone sees it, with its quote.
    with database.begin() as db:
        approve(db, staff, reply_id)
    open_thread(visitor, running_app, thread_id)
    expect(posts(visitor)).to_have_count(2)
    shown = posts(visitor).nth(1)
    expect(shown.locator(".post__body")).to_have_text(REPLY)
    expect(shown.locator("blockquote")).to_contain_text(f"{starter_name} schreef:")
    expect(shown.locator("blockquote")).to_contain_text(OPENING)
    expect(shown.locator(".mark--waiting")).to_have_count(0)
    open_board(visitor, running_app, "vragen")
    expect(visitor.locator(".thread-list > li", has_text=title)).to_contain_text(
        re.compile(r" · 1 reactie( ·|$)")
    )
    open_thread(page, running_app, thread_id)
    expect(posts(page).nth(1).locator(".mark--waiting")).to_have_count(0)


# --- the scrubber, the limits, reports and locks ------------------------------------------


def test_a_snapchat_name_in_a_reply_is_found_and_taken_out(
    page: Page,
    running_app: RunningApp,
    database: sessionmaker[Session],  # noqa: F811
) -> None:
    with database.begin() as db:
        thread_id, _ = published_thread(db, staff_member(db), "herstel", unique("Wat helpt "))
    member = member_on_this_device(page, running_app, database)
    open_thread(page, running_app, thread_id)
    page.fill("#ps-post-body", SNAP_REPLY)
    page.get_by_role("button", name="Stuur naar moderator").click()

    findings = page.locator(".post-findings")
    expect(findings).to_be_visible(timeout=STEP_TIMEOUT_MS)
    expect(findings).to_contain_text("snap me: jongen123 (app met gebruikersnaam)")
    expect(findings).to_contain_text("Mensen die jongens uitbuiten")
    expect(page.get_by_role("alert")).to_have_text(
        "Er staan contactgegevens in je tekst. Kijk hieronder wat we vonden."
    )
    expect(page.locator("#ps-post-body")).to_have_value(SNAP_REPLY)

    findings.get_by_role("button", name="Haal het weg").click()
    expect(page.locator("#ps-post-body")).to_have_value(SNAP_REMOVED)
    expect(findings).to_have_count(0)
    notice(page, "Weggehaald.")

    page.get_by_role("button", name="Stuur naar moderator").click()
    notice(page, "Verstuurd. Je reactie wacht nu op een moderator")
    expect(posts(page).nth(1).locator(".post__body")).to_have_text(SNAP_REMOVED)
    with database() as db:
        stored = db.scalar(select(BoardPost).where(BoardPost.author_id == member.account_id))
        assert stored is not None and stored.body == SNAP_REMOVED
        item = db.scalar(select(ModerationItem).where(ModerationItem.post_id == stored.id))
        assert item is not None and item.findings == "[]"


def test_the_daily_thread_limit_says_so_and_keeps_the_draft(
    page: Page,
    running_app: RunningApp,
    database: sessionmaker[Session],  # noqa: F811
    app_env: dict[str, str],
) -> None:
    member = member_on_this_device(page, running_app, database)
    per_day = load_settings(app_env).posting_limits.new_threads_per_day
    with database.begin() as db:
        author = account(db, member)
        for number in range(per_day):
            new_thread(db, author, "herstel", f"Eerder vandaag {number}")
    title, body = "Nog een vraag", "Mag ik vandaag nog iets vragen?"
    open_board(page, running_app, "herstel")
    page.get_by_role("button", name="Nieuw onderwerp beginnen").click()
    expect(page.locator("#ps-post-title")).to_be_focused()  # the form takes the focus
    page.fill("#ps-post-title", title)
    page.fill("#ps-post-body", body)
    page.get_by_role("button", name="Stuur naar moderator").click()

    expect(page.get_by_role("alert")).to_have_text(
        "Je hebt vandaag al genoeg onderwerpen gestart. Morgen kan het weer. "
        "Je tekst staat er nog.",
        timeout=STEP_TIMEOUT_MS,
    )
    expect(page.locator("#ps-post-title")).to_have_value(title)
    expect(page.locator("#ps-post-body")).to_have_value(body)
    with database() as db:
        count = db.scalar(
            select(BoardThread.id).where(
                BoardThread.author_id == member.account_id, BoardThread.title == title
            )
        )
        assert count is None


def test_a_report_is_thanked_and_three_hide_the_post(
    page: Page,
    visitor: Page,
    running_app: RunningApp,
    database: sessionmaker[Session],  # noqa: F811
) -> None:
    unkind = "Jij bent gewoon dom, niemand gelooft je."
    with database.begin() as db:
        staff = staff_member(db)
        thread_id, _ = published_thread(db, staff, "herstel", unique("Slecht geslapen "))
        reply_id = new_reply(db, account(db), thread_id, body=unkind)
        approve(db, staff, reply_id)
    member = member_on_this_device(page, running_app, database)
    open_thread(page, running_app, thread_id)
    reported = posts(page).nth(1)
    reported.get_by_role("button", name="Meld").click()
    form = reported.locator("form")
    expect(form.locator("legend")).to_have_text("Waarom meld je dit bericht?")
    form.get_by_label("Het is gemeen of kwetsend").check()
    page.fill("#ps-report-text", "Hij scheldt iemand uit.")
    form.get_by_role("button", name="Melding versturen").click()

    notice(page, "Dank je. Een moderator kijkt ernaar.")
    expect(reported.locator("form")).to_have_count(0)
    expect(reported.locator(".post__body")).to_have_text(unkind)
    with database() as db:
        report = db.scalar(select(PostReport).where(PostReport.reporter_id == member.account_id))
        assert report is not None
        assert (report.post_id, report.reason, report.text) == (
            reply_id,
            "unkind",
            "Hij scheldt iemand uit.",
        )

    # Twice more, by others: hidden until a moderator looks.
    with database.begin() as db:
        assert hide_by_reports(db, reply_id, 2)
    open_thread(visitor, running_app, thread_id)
    expect(posts(visitor)).to_have_count(2)
    expect(posts(visitor).nth(1).locator(".post__placeholder")).to_have_text(
        "Dit bericht is even verborgen: een moderator kijkt ernaar."
    )
    expect(visitor.get_by_text(unkind)).to_have_count(0)
    expect(posts(visitor).first).to_contain_text(OPENING)
    open_thread(page, running_app, thread_id)
    expect(page.get_by_text(unkind)).to_have_count(0)
    expect(posts(page).nth(1).get_by_role("button", name="Meld")).to_have_count(0)


def test_a_locked_thread_can_be_read_but_not_answered(
    page: Page,
    running_app: RunningApp,
    database: sessionmaker[Session],  # noqa: F811
) -> None:
    title = unique("Gesloten vraag ")
    with database.begin() as db:
        staff = staff_member(db)
        thread_id, _ = published_thread(db, staff, "hulp-zoeken", title)
        board_moderation.set_locked(db, staff, thread_id, True, datetime.now(UTC))
    member_on_this_device(page, running_app, database)
    open_thread(page, running_app, thread_id)
    expect(page.locator(".callout", has_text="gesloten")).to_have_text(
        "Een moderator heeft dit onderwerp gesloten. Je kunt het nog lezen, "
        "maar niet meer reageren."
    )
    expect(posts(page).first).to_contain_text(OPENING)
    expect(page.locator("#ps-post-form")).to_have_count(0)
    expect(page.locator("#ps-post-body")).to_have_count(0)
    expect(page.get_by_role("button", name="Citeer")).to_have_count(0)
    expect(page.get_by_role("button", name="Meld")).to_have_count(1)
    open_board(page, running_app, "hulp-zoeken")
    expect(page.locator(".thread-list > li", has_text=title).locator(".mark")).to_have_text(
        "Gesloten"
    )


# --- every state, both languages: axe-core and screenshots ----------------------------------


def seed_a_full_thread(database: sessionmaker[Session], viewer: Member) -> int:  # noqa: F811
    """A thread with every kind of post the viewer can meet: published, quoting,
    hidden by reports, removed by a moderator, and his own still waiting. He also has
    a thread of his own waiting on the same board."""
    with database.begin() as db:
        staff = staff_member(db)
        thread_id, opening_id = published_thread(
            db, staff, "herstel", unique("Wat helpt jou als je slecht slaapt ")
        )
        quoting = new_reply(db, account(db), thread_id, " ".join([REPLY] * 3), quote_of=opening_id)
        approve(db, staff, quoting)
        hidden = new_reply(db, account(db), thread_id, "Dit werd drie keer gemeld.")
        approve(db, staff, hidden)
        hide_by_reports(db, hidden, boards.HIDE_AFTER_REPORTS)
        removed = new_reply(db, account(db), thread_id, "Dit haalde een moderator weg.")
        approve(db, staff, removed)
        board_moderation.remove_post(
            db, staff, removed, reason="Een plaatsnaam", now=datetime.now(UTC)
        )
        me = account(db, viewer)
        new_reply(db, me, thread_id, "Ik lees mee. Mij helpt muziek luisteren.")
        new_thread(db, me, "herstel", "Mijn eigen vraag, nog niet goedgekeurd")
    return thread_id


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_board_page_state_is_accessible_and_photographed(
    page: Page,
    running_app: RunningApp,
    database: sessionmaker[Session],  # noqa: F811
    language: str,
) -> None:
    viewer = member_on_this_device(page, running_app, database)
    thread_id = seed_a_full_thread(database, viewer)

    def say(key: str) -> str:
        return translate(language, key)

    go(page, running_app, "/prikbord")
    choose_language(page, language)
    expect(page.locator("main h1")).to_have_text(say("boards.title"))
    check_and_photograph(page, f"boards-list-{language}")

    open_board(page, running_app, "herstel")
    choose_language(page, language)
    expect(page.locator("h2.board-name")).to_have_text(
        "Herstel" if language == "nl" else "Recovery"
    )
    expect(page.locator(".mark--waiting").first).to_have_text(say("boards.waiting"))
    check_and_photograph(page, f"boards-board-{language}")

    open_thread(page, running_app, thread_id)
    choose_language(page, language)
    expect(posts(page)).to_have_count(5)
    expect(page.locator(".post__placeholder")).to_have_text(
        [say("boards.post.hidden"), say("boards.post.removed")]
    )
    expect(page.locator(".post--waiting .mark--waiting")).to_have_text(say("boards.post.waiting"))
    check_and_photograph(page, f"boards-thread-{language}")

    posts(page).first.get_by_role("button", name=say("boards.report.open")).click()
    expect(page.locator("#ps-report-text")).to_be_visible()
    check_and_photograph(page, f"boards-report-{language}", scroll_to="#ps-report-text")

    open_board(page, running_app, "herstel")
    choose_language(page, language)
    page.get_by_role("button", name=say("boards.new_thread.open")).click()
    expect(page.locator("#ps-post-title")).to_be_focused()
    page.fill("#ps-post-title", "Mag ik iets vragen?")
    page.fill("#ps-post-body", SNAP_REPLY)
    page.get_by_role("button", name=say("boards.new_thread.send")).click()
    expect(page.locator(".post-findings")).to_be_visible(timeout=STEP_TIMEOUT_MS)
    check_and_photograph(page, f"boards-findings-{language}", scroll_to=".post-findings")

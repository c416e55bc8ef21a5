"""Writing a story on a phone: a member writes, the draft saves itself, survives a
reload, shows in the preview as a reader will see it, the privacy scrubber catches a
phone number and removes it, he sends it and sees it waiting in Mijn verhalen, and
withdraws it. Every state of both pages is checked with axe-core in both languages and
photographed at 360x740."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from peersupport.database import make_engine
from peersupport.models import Account, ModerationItem, Story
from peersupport.services import accounts, moderation, sessions, stories
from peersupport.settings import load_settings
from tests.browser.conftest import RunningApp, wait_until_hydrated
from tests.browser.test_accounts_notes import SECURING_TIMEOUT_MS, go, sign_up, unique
from tests.browser.test_pages import SCREENSHOTS, axe_violations, shown_catalog_keys
from tests.unit.conftest import add_account, browser_keys

AUTOSAVE_TIMEOUT_MS = 15_000
TITLE = "Wat ik toen niet zag"
BODY = (
    "Het begon met een berichtje op een chatsite. Hij was **heel aardig** en luisterde.\n\n"
    "- eerst complimentjes\n- toen cadeautjes\n\n"
    "> Het was niet mijn schuld.\n\n"
    "Pas veel later zag ik *wat er eigenlijk gebeurde*."
)
PHONE_LINE = "\n\nBel me op 06 12 34 56 78."
HEADINGS = {"/schrijven": ("Een verhaal schrijven", "Write a story")}
MY_STORIES = ("Mijn verhalen", "My stories")


# --- a member on this device, without the slow sign-up -------------------------------


@dataclass(frozen=True)
class Member:
    pseudonym: str
    account_id: int


@pytest.fixture(scope="module")
def database(running_app: RunningApp, app_env: dict[str, str]) -> Iterator[sessionmaker[Session]]:
    engine = make_engine(load_settings(env=app_env).database_url)
    yield sessionmaker(engine, expire_on_commit=False)
    engine.dispose()


def member_on_this_device(
    page: Page, app: RunningApp, database: sessionmaker[Session], role: str = "member"
) -> Member:
    """A new member whose session this browser remembers (as after "remember me"); he
    never logs in with a passphrase, so his keys skip the slow Argon2 step."""
    pseudonym, now = unique("Schrijver"), datetime.now(UTC)
    with database() as db:
        account = accounts.register(db, pseudonym, browser_keys(pseudonym).bundle, now)
        account.role = role
        token = sessions.create_session(db, account, True, now)
        db.commit()
        member = Member(pseudonym, account.id)
    go(page, app, "/")
    page.evaluate("token => localStorage.setItem('ps-device', token)", token)
    return member


def moderator(db: Session) -> Account:
    return add_account(db, unique("Moderator"), role="moderator")


def seed_every_state(database: sessionmaker[Session], member: Member) -> None:
    """One story in each state, the published one edited by a moderator."""
    now = datetime.now(UTC)
    fields = {"body": BODY, "language": "nl", "themes": ["online_grooming"], "warnings": []}
    with database() as db:
        author = db.get(Account, member.account_id)
        assert author is not None
        staff = moderator(db)
        ids = {}
        # One open draft at a time: each is sent before the next is written.
        # Three a day at most: two of them were sent in the day before yesterday.
        for title, sent_at in (
            ("Teruggenomen", now - timedelta(days=2)),
            ("Afgewezen", now - timedelta(days=2)),
            ("Ingestuurd", now),
            ("Online", now),
        ):
            ids[title] = stories.save_draft(db, author, None, title=title, now=now, **fields).id
            stories.submit_story(db, author, ids[title], keep_findings=False, now=sent_at)
        ids["Nog bezig"] = stories.save_draft(
            db, author, None, title="Nog bezig", now=now, **fields
        ).id
        items = {
            story_id: item_id
            for item_id, story_id in db.execute(
                select(ModerationItem.id, ModerationItem.story_id).where(
                    ModerationItem.author_id == author.id
                )
            )
        }
        moderation.edit_and_approve_item(
            db,
            staff,
            items[ids["Online"]],
            title="Online",
            body=BODY.replace("chatsite", "website"),
            reason="Zonder de naam van de site.",
            now=now,
        )
        moderation.reject_item(
            db,
            staff,
            items[ids["Afgewezen"]],
            template="identifying",
            text="Je noemt de naam van je school. Haal die weg, dan kijken we opnieuw.",
            now=now,
        )
        stories.withdraw_story(db, author, ids["Teruggenomen"], now)
        db.commit()


# --- page helpers --------------------------------------------------------------------


def open_page(page: Page, app: RunningApp, path: str, language: str = "nl") -> None:
    go(page, app, path)
    if language == "en":
        page.click("button.language-switch")
    expect(page.locator("html")).to_have_attribute("lang", language)


def check_and_photograph(page: Page, name: str, scroll_to: str | None = None) -> None:
    """axe-core finds nothing, no catalog key shows, nothing sticks out sideways."""
    assert axe_violations(page) == []
    assert shown_catalog_keys(page) == set()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    if scroll_to:
        page.locator(scroll_to).scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))
    page.screenshot(path=str(SCREENSHOTS / f"{name}-full.png"), full_page=True)


def write(page: Page, title: str, body: str) -> None:
    page.fill("#ps-story-title", title)
    page.fill("#ps-story-body", body)
    page.check("#ps-story-theme-online_grooming")
    page.check("#ps-story-warning-sexual_abuse")


def stored_story_id(page: Page) -> int:
    """The draft's id, which the address holds once it was first saved."""
    expect(page).to_have_url(re.compile(r"/schrijven\?verhaal=\d+$"), timeout=AUTOSAVE_TIMEOUT_MS)
    return int(page.url.rsplit("=", 1)[1])


def wait_until_stored(
    database: sessionmaker[Session], story_id: int, check: Callable[[Story], bool]
) -> None:
    """Wait until the draft in the database passes `check` (the last change was saved)."""
    deadline = time.monotonic() + AUTOSAVE_TIMEOUT_MS / 1000
    while True:
        with database() as db:
            story = db.get(Story, story_id)
            if story is not None and check(story):
                return
        assert time.monotonic() < deadline, "the draft was not saved in time"
        time.sleep(0.25)


def wait_for_form(page: Page) -> None:
    expect(page.locator("#ps-story-form")).to_be_visible(timeout=SECURING_TIMEOUT_MS)


# --- the whole flow ------------------------------------------------------------------


def test_member_writes_previews_cleans_sends_and_withdraws_a_story(
    page: Page, running_app: RunningApp, database: sessionmaker[Session]
) -> None:
    sign_up(page, running_app, unique("Verteller"), "rivier boom lantaarn sneeuw")
    go(page, running_app, "/account")
    page.get_by_role("link", name="Een verhaal schrijven").click()
    page.wait_for_url(running_app.url + "/schrijven")
    wait_for_form(page)
    expect(page.locator("#ps-story-language-nl")).to_be_checked()

    # The draft saves itself a moment after he stops typing.
    write(page, TITLE, BODY)
    expect(page.locator(".writing-saved")).to_contain_text(
        re.compile(r"Concept opgeslagen om \d\d:\d\d"), timeout=AUTOSAVE_TIMEOUT_MS
    )
    # The last change (the warning) is saved a moment after it, too.
    wait_until_stored(
        database, stored_story_id(page), lambda story: story.warnings == "sexual_abuse"
    )

    # A reload finds the draft again.
    page.reload()
    wait_until_hydrated(page)
    wait_for_form(page)
    expect(page.locator("#ps-story-title")).to_have_value(TITLE)
    expect(page.locator("#ps-story-body")).to_have_value(BODY)
    expect(page.locator("#ps-story-theme-online_grooming")).to_be_checked()
    expect(page.locator("#ps-story-warning-sexual_abuse")).to_be_checked()
    expect(page.locator("#ps-story-theme-shame")).not_to_be_checked()

    # The preview shows the formatting, never the markers.
    page.get_by_role("button", name="Bekijk hoe het eruitziet").click()
    preview = page.locator(".writing-preview")
    expect(preview.locator(".story-text strong")).to_have_text("heel aardig")
    expect(preview.locator(".story-text em")).to_have_text("wat er eigenlijk gebeurde")
    expect(preview.locator(".story-text li")).to_have_count(2)
    expect(preview.locator(".story-text blockquote")).to_contain_text("niet mijn schuld")
    expect(preview).to_contain_text("Dit verhaal gaat over: seksueel misbruik.")
    expect(preview.locator(".mark")).to_have_text(["Online grooming"])
    assert "**" not in preview.inner_text()
    assert "> Het" not in preview.inner_text()
    expect(page.locator("#ps-story-preview-title")).to_be_focused()
    page.get_by_role("button", name="Verder schrijven").click()
    wait_for_form(page)

    # The scrubber finds the phone number; "Haal het weg" removes it.
    page.fill("#ps-story-body", BODY + PHONE_LINE)
    page.get_by_role("button", name="Insturen").click()
    findings = page.locator(".writing-findings")
    expect(findings).to_be_visible(timeout=SECURING_TIMEOUT_MS)
    expect(findings).to_contain_text("06 12 34 56 78 (telefoonnummer)")
    expect(findings).to_contain_text("privéchat")
    findings.get_by_role("button", name="Haal het weg").click()
    expect(page.locator("#ps-story-body")).to_have_value(BODY + "\n\nBel me op.")
    expect(findings).to_be_hidden()
    expect(page.locator("#ps-story-form").get_by_text("Weggehaald.")).to_be_visible()

    # Sending: a calm confirmation, then the story waits in Mijn verhalen.
    page.get_by_role("button", name="Insturen").click()
    sent = page.locator("#ps-story-sent")
    expect(sent).to_be_visible(timeout=SECURING_TIMEOUT_MS)
    expect(page.get_by_text("Je verhaal wacht nu op een moderator.")).to_be_visible()
    expect(page.locator("#ps-story-form")).to_be_hidden()
    expect(sent).to_be_focused()
    check_and_photograph(page, "write-sent-nl")
    page.locator("section[aria-labelledby='ps-story-sent']").get_by_role(
        "link", name="Mijn verhalen"
    ).click()
    page.wait_for_url(running_app.url + "/mijn-verhalen")
    row = page.locator(".my-story", has_text=TITLE)
    expect(row.locator(".state-badge")).to_have_text("Wacht op moderator")

    # Withdrawing asks first.
    row.get_by_role("button", name="Terugtrekken").click()
    expect(page.locator("#ps-confirm-yes")).to_be_focused()
    page.get_by_role("button", name="Ja, trek het terug").click()
    expect(row.locator(".state-badge")).to_have_text("Teruggetrokken")
    expect(page.get_by_text("Je verhaal is teruggetrokken.")).to_be_visible()
    expect(row.get_by_role("link", name="Aanpassen")).to_have_attribute(
        "href", re.compile(r"^/schrijven\?verhaal=\d+$")
    )


def test_a_failed_save_keeps_the_text_and_says_so(
    page: Page, running_app: RunningApp, database: sessionmaker[Session]
) -> None:
    member = member_on_this_device(page, running_app, database)
    go(page, running_app, "/schrijven")
    wait_for_form(page)
    write(page, TITLE, BODY)
    expect(page.locator(".writing-saved")).to_contain_text(
        "Concept opgeslagen", timeout=AUTOSAVE_TIMEOUT_MS
    )
    # The session ends elsewhere (say: "log out everywhere" on another phone).
    with database() as db:
        account = db.get(Account, member.account_id)
        assert account is not None
        sessions.end_all_sessions(db, account)
        db.commit()

    page.fill("#ps-story-body", BODY + "\n\nEen zin erbij.")
    page.locator("#ps-story-title").focus()  # leaving the text field saves at once

    expect(page.get_by_text("Je bent niet meer ingelogd.")).to_be_visible(
        timeout=AUTOSAVE_TIMEOUT_MS
    )
    expect(page.locator("#ps-story-body")).to_have_value(BODY + "\n\nEen zin erbij.")
    expect(page.locator("#ps-story-form")).to_be_visible()


@pytest.mark.parametrize("role", ["member", "moderator", "admin"])
def test_the_account_page_links_to_writing_and_for_staff_to_moderation(
    page: Page, running_app: RunningApp, database: sessionmaker[Session], role: str
) -> None:
    member_on_this_device(page, running_app, database, role=role)
    go(page, running_app, "/account")

    expect(page.get_by_role("link", name="Mijn verhalen")).to_have_attribute(
        "href", "/mijn-verhalen"
    )
    expect(page.get_by_role("link", name="Een verhaal schrijven")).to_have_attribute(
        "href", "/schrijven"
    )
    moderation_link = page.get_by_role("link", name="Moderatie")
    if role == "member":
        expect(moderation_link).to_have_count(0)
    else:
        expect(moderation_link).to_have_attribute("href", "/moderatie")


def test_a_visitor_is_told_what_he_needs(page: Page, running_app: RunningApp) -> None:
    go(page, running_app, "/schrijven")
    expect(page.get_by_text("Daarvoor heb je een account nodig.")).to_be_visible()
    expect(page.get_by_role("link", name="Account maken")).to_be_visible()
    expect(page.locator("#ps-story-form")).to_be_hidden()
    check_and_photograph(page, "write-visitor-nl")
    go(page, running_app, "/mijn-verhalen")
    expect(page.get_by_text("Log in om ze te bekijken.")).to_be_visible()
    check_and_photograph(page, "my-stories-visitor-nl")


def test_another_members_story_is_not_opened(
    page: Page, running_app: RunningApp, database: sessionmaker[Session]
) -> None:
    owner = member_on_this_device(page, running_app, database)
    with database() as db:
        author = db.get(Account, owner.account_id)
        assert author is not None
        secret_body = "Dit is van iemand anders en blijft van iemand anders. " * 3
        story_id = stories.save_draft(
            db,
            author,
            None,
            title="Van een ander",
            body=secret_body,
            language="nl",
            themes=["shame"],
            warnings=[],
            now=datetime.now(UTC),
        ).id
        db.commit()
    member_on_this_device(page, running_app, database)  # another member, same phone

    for query in (str(story_id), "1;DROP%20TABLE%20stories", "-3", "99999999999"):
        go(page, running_app, f"/schrijven?verhaal={query}")
        expect(page.get_by_text("We kunnen dit verhaal niet vinden.")).to_be_visible()
        expect(page.locator("#ps-story-form")).to_be_hidden()
        assert "iemand anders" not in page.locator("#ps-story-body").input_value()


# --- every state, both languages: axe-core and screenshots --------------------------


@pytest.mark.parametrize("language", ["nl", "en"])
def test_write_page_states_are_accessible_and_photographed(
    page: Page, running_app: RunningApp, database: sessionmaker[Session], language: str
) -> None:
    member_on_this_device(page, running_app, database)
    open_page(page, running_app, "/schrijven", language)
    expect(page.locator("main h1")).to_have_text(HEADINGS["/schrijven"][language == "en"])
    wait_for_form(page)
    if language == "en":
        expect(page.locator("label[for='ps-story-title']")).to_have_text("Title")
        expect(page.get_by_role("button", name="Send in")).to_be_visible()
    check_and_photograph(page, f"write-{language}")

    write(page, TITLE, BODY + PHONE_LINE)
    submit = "Insturen" if language == "nl" else "Send in"
    page.get_by_role("button", name=submit).click()
    expect(page.locator(".writing-findings")).to_be_visible(timeout=SECURING_TIMEOUT_MS)
    check_and_photograph(page, f"write-findings-{language}", scroll_to=".writing-findings")

    preview = "Bekijk hoe het eruitziet" if language == "nl" else "See how it looks"
    page.get_by_role("button", name=preview).click()
    expect(page.locator(".writing-preview .story-text")).to_be_visible()
    check_and_photograph(page, f"write-preview-{language}")


@pytest.mark.parametrize("language", ["nl", "en"])
def test_my_stories_states_are_accessible_and_photographed(
    page: Page, running_app: RunningApp, database: sessionmaker[Session], language: str
) -> None:
    member = member_on_this_device(page, running_app, database)
    open_page(page, running_app, "/mijn-verhalen", language)
    expect(page.locator("main h1")).to_have_text(MY_STORIES[language == "en"])
    empty = "Je hebt nog geen verhalen." if language == "nl" else "You don't have any stories yet."
    expect(page.get_by_text(empty)).to_be_visible()
    check_and_photograph(page, f"my-stories-empty-{language}")

    seed_every_state(database, member)
    page.reload()
    wait_until_hydrated(page)
    rows = page.locator(".my-story")
    expect(rows).to_have_count(5)
    if language == "nl":
        badges = {
            "Nog bezig": "Concept",
            "Ingestuurd": "Wacht op moderator",
            "Online": "Gepubliceerd",
            "Afgewezen": "Niet geplaatst",
            "Teruggenomen": "Teruggetrokken",
        }
        for title, badge in badges.items():
            expect(rows.filter(has_text=title).locator(".state-badge")).to_have_text(badge)
        rejected = rows.filter(has_text="Afgewezen")
        expect(rejected).to_contain_text("Je noemt de naam van je school.")
        published = rows.filter(has_text="Online")
        expect(published).to_contain_text("De moderator heeft iets aangepast")
        expect(published.locator(".my-story__change")).to_contain_text(["chatsite"])
        expect(published.locator(".my-story__change")).to_contain_text(["website"])
        read = published.get_by_role("link", name="Bekijk het verhaal")
        expect(read).to_have_attribute("href", re.compile(r"^/verhalen/\d+$"))
        expect(read).to_have_attribute("data-replace", "")
        expect(published.get_by_role("button", name="Verwijderen")).to_have_count(0)
        expect(rows.filter(has_text="Nog bezig").get_by_role("button")).to_have_text(
            ["Verwijderen"]
        )
    check_and_photograph(page, f"my-stories-{language}")

    # Asking before deleting, with its question shown.
    delete = "Verwijderen" if language == "nl" else "Delete"
    asking = rows.filter(has_text="Nog bezig").get_by_role("button", name=delete)
    asking.click()
    expect(page.locator("#ps-confirm-yes")).to_be_focused()
    # "No" closes the question and gives the focus back to the button that asked.
    page.get_by_role(
        "button", name="Nee, laat maar" if language == "nl" else "No, leave it"
    ).click()
    expect(page.locator("#ps-confirm-yes")).to_have_count(0)
    expect(asking).to_be_focused()
    asking.click()
    expect(page.locator("#ps-confirm-yes")).to_be_focused()
    check_and_photograph(page, f"my-stories-confirm-{language}", scroll_to="#ps-confirm-yes")
    page.locator("#ps-confirm-yes").click()
    expect(rows).to_have_count(4)

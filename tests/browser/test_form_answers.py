"""Every form answers where he is looking: at 360x740, after a failed action, its message
is inside the window within a second, not under the bottom bar or the quick exit, and
announced. One test per form, in Dutch and in English; each keeps a screenshot."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from playwright.sync_api import Locator, Page, expect
from sqlalchemy.orm import Session, sessionmaker

from peersupport.services import board_moderation
from peersupport.translations import translate
from tests.browser.answers import ERROR, expect_answer_in_view, photograph_answer
from tests.browser.conftest import RunningApp
from tests.browser.test_accounts_notes import go, log_in, sign_up, unique
from tests.browser.test_boards import (
    account,
    approve,
    new_reply,
    open_board,
    open_thread,
    posts,
    published_thread,
    staff_member,
)
from tests.browser.test_moderation import (
    BODY,
    PASSPHRASE,
    AppDatabase,
    choose_language,
    open_moderation,
)
from tests.browser.test_moderation import app_db as app_db
from tests.browser.test_moderation import staff as staff
from tests.browser.test_writing import database as database
from tests.browser.test_writing import member_on_this_device, wait_for_form

LANGUAGES = ("nl", "en")
NEW_PASSPHRASE = "lantaarn haven wolk spiegel"
WRONG_PASSPHRASE = "niet mijn wachtzin hoor"
PHONE_LINE = "Bel me op 06 12 34 56 78."
# 26 letters of the code alphabet whose unused trailing bits are zero: a code the
# browser accepts, which fits no account.
WELL_FORMED_CODE = "AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AA"


def open_in(page: Page, app: RunningApp, path: str, language: str) -> None:
    go(page, app, path)
    choose_language(page, language)


def button(scope: Page | Locator, language: str, key: str) -> Locator:
    return scope.get_by_role("button", name=translate(language, key), exact=True)


def answer_shows(page: Page, name: str) -> str:
    """The error's text, once it is in view (photographed either way)."""
    try:
        expect_answer_in_view(page, page.locator(ERROR))
    finally:
        photograph_answer(page, name)
    return page.locator(ERROR).inner_text()


def submit_and_see_the_answer(
    page: Page, language: str, fields: dict[str, str], submit: str, name: str
) -> str:
    """Fills FIELDS (selector: value), presses the button SUBMIT (a catalog key) and
    returns the error's text once it is in view; the screenshot is NAME-language."""
    for selector, value in fields.items():
        page.fill(selector, value)
    button(page, language, submit).click()
    return answer_shows(page, f"{name}-{language}")


def recover_with(page: Page, app: RunningApp, language: str, code: str, name: str) -> str:
    """Sends the recovery form in LANGUAGE with CODE for an unknown pseudonym; returns the
    error's text once it is in view (screenshot NAME-language)."""
    open_in(page, app, "/herstellen", language)
    fields = {
        "#ps-pseudonym": unique("Kwijt"),
        "#ps-recovery-input": code,
        "#ps-new-passphrase": NEW_PASSPHRASE,
        "#ps-new-passphrase-repeat": NEW_PASSPHRASE,
    }
    return submit_and_see_the_answer(page, language, fields, "account.recover.submit", name)


def open_account_settings(
    page: Page, app: RunningApp, database: sessionmaker[Session], language: str
) -> None:
    """A member signed in on this device, on his account page in LANGUAGE."""
    member_on_this_device(page, app, database)
    open_in(page, app, "/account", language)
    expect(page.locator("#ps-confirm-passphrase")).to_be_visible(timeout=20_000)


def member_in_thread(
    page: Page, app: RunningApp, database: sessionmaker[Session], thread_id: int, language: str
) -> None:
    """A member signed in on this device, reading the thread THREAD_ID in LANGUAGE."""
    member_on_this_device(page, app, database)
    open_thread(page, app, thread_id)
    choose_language(page, language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_sign_up_answers_beside_the_form(
    page: Page, running_app: RunningApp, language: str
) -> None:
    open_in(page, running_app, "/aanmelden", language)
    fields = {
        "#ps-pseudonym": unique("Nieuw"),
        "#ps-new-passphrase": NEW_PASSPHRASE,
        "#ps-new-passphrase-repeat": NEW_PASSPHRASE + " en nog wat",
    }
    submit_and_see_the_answer(page, language, fields, "account.signup.submit", "signup-mismatch")


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_wrong_login_answers_above_the_bottom_bar(
    page: Page, running_app: RunningApp, language: str
) -> None:
    open_in(page, running_app, "/inloggen", language)
    fields = {"#ps-pseudonym": unique("Niemand"), "#ps-passphrase": WRONG_PASSPHRASE}
    submit_and_see_the_answer(page, language, fields, "account.login.submit", "login-wrong")


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_wrong_recovery_code_answers_in_view(
    page: Page, running_app: RunningApp, language: str
) -> None:
    shown = recover_with(page, running_app, language, WELL_FORMED_CODE, "recover-wrong")
    # The code was wrong, and the first of the five free tries is used.
    assert shown == " ".join(
        (
            translate(language, "error.recovery_wrong"),
            translate(language, "error.tries_left.many", n=4),
        )
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_mistyped_recovery_code_says_what_a_code_looks_like(
    page: Page, running_app: RunningApp, language: str
) -> None:
    mistyped = "ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ"
    shown = recover_with(page, running_app, language, mistyped, "recover-malformed")
    assert shown == translate(language, "error.recovery_malformed")


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_wrong_current_passphrase_answers_beside_the_change_form(
    page: Page, running_app: RunningApp, database: sessionmaker[Session], language: str
) -> None:
    open_account_settings(page, running_app, database, language)
    fields = {
        "#ps-passphrase": WRONG_PASSPHRASE,
        "#ps-new-passphrase": NEW_PASSPHRASE,
        "#ps-new-passphrase-repeat": NEW_PASSPHRASE,
    }
    shown = submit_and_see_the_answer(
        page, language, fields, "account.change.submit", "account-change-wrong"
    )
    assert shown.startswith(translate(language, "error.current_passphrase_wrong"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_export_after_a_reload_answers_beside_its_button(
    page: Page, running_app: RunningApp, database: sessionmaker[Session], language: str
) -> None:
    open_account_settings(page, running_app, database, language)
    submit_and_see_the_answer(page, language, {}, "account.export.submit", "account-export-locked")


@pytest.mark.parametrize("language", LANGUAGES)
def test_deleting_the_account_with_a_wrong_passphrase_answers_beside_it(
    page: Page, running_app: RunningApp, database: sessionmaker[Session], language: str
) -> None:
    open_account_settings(page, running_app, database, language)
    page.fill("#ps-confirm-passphrase", WRONG_PASSPHRASE)
    button(page, language, "account.delete.submit").click()
    button(page, language, "account.delete.yes").click()
    shown = answer_shows(page, f"account-delete-wrong-{language}")
    # It names the field that was wrong (the passphrase; he is signed in, so his
    # pseudonym is not in doubt) and how many tries are left.
    assert shown == " ".join(
        (
            translate(language, "error.passphrase_wrong"),
            translate(language, "error.tries_left.many", n=4),
        )
    )
    assert translate(language, "account.pseudonym").lower() not in shown.lower()


@pytest.mark.parametrize("language", LANGUAGES)
def test_saving_an_empty_note_answers_in_the_editor(
    page: Page, running_app: RunningApp, language: str
) -> None:
    sign_up(page, running_app, unique("Noteer"), NEW_PASSPHRASE)
    choose_language(page, language)
    button(page, language, "notes.new").click()
    button(page, language, "notes.save").click()
    answer_shows(page, f"note-empty-{language}")


@pytest.mark.parametrize("language", LANGUAGES)
def test_sending_an_empty_story_answers_beside_the_button(
    page: Page, running_app: RunningApp, database: sessionmaker[Session], language: str
) -> None:
    member_on_this_device(page, running_app, database)
    open_in(page, running_app, "/schrijven", language)
    wait_for_form(page)
    button(page.locator("#ps-story-form"), language, "writing.submit").click()
    answer_shows(page, f"story-send-empty-{language}")


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_new_thread_with_a_phone_number_answers_beside_the_form(
    page: Page, running_app: RunningApp, database: sessionmaker[Session], language: str
) -> None:
    member_on_this_device(page, running_app, database)
    open_board(page, running_app, "vragen")
    choose_language(page, language)
    button(page, language, "boards.new_thread.open").click()
    fields = {
        "#ps-post-title": "Wie herkent dit?",
        "#ps-post-body": f"Ik wil graag praten. {PHONE_LINE}",
    }
    submit_and_see_the_answer(
        page, language, fields, "boards.new_thread.send", "board-thread-phone"
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_reply_with_a_phone_number_answers_beside_the_form(
    page: Page, running_app: RunningApp, database: sessionmaker[Session], language: str
) -> None:
    with database.begin() as db:
        thread_id, _ = published_thread(db, staff_member(db), "vragen", unique("Vraag "))
    member_in_thread(page, running_app, database, thread_id, language)
    fields = {"#ps-post-body": f"Bij mij ook. {PHONE_LINE}"}
    submit_and_see_the_answer(page, language, fields, "boards.reply.send", "board-reply-phone")


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_report_of_a_post_taken_down_meanwhile_answers_at_the_post(
    page: Page, running_app: RunningApp, database: sessionmaker[Session], language: str
) -> None:
    with database.begin() as db:
        staff_account = staff_member(db)
        thread_id, _ = published_thread(db, staff_account, "herstel", unique("Moe "))
        reply_id = new_reply(db, account(db), thread_id, body="Jij snapt er niks van.")
        approve(db, staff_account, reply_id)
        staff_id = staff_account.id
    member_in_thread(page, running_app, database, thread_id, language)
    reported = posts(page).nth(1)
    button(reported, language, "boards.report.open").click()
    reported.locator("input[type=radio]").first.check()
    with database.begin() as db:
        staff_again = db.get(type(staff_account), staff_id)
        assert staff_again is not None
        board_moderation.remove_post(
            db, staff_again, reply_id, reason="Niet aardig", now=datetime.now(UTC)
        )
    button(reported, language, "boards.report.send").click()
    answer_shows(page, f"board-report-gone-{language}")


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_rejection_without_a_reason_answers_in_the_moderation_form(
    page: Page,
    running_app: RunningApp,
    app_db: AppDatabase,
    staff: dict[str, str],
    language: str,
) -> None:
    app_db.empty_the_queue(staff["admin"])
    title = unique("Verhaal ")
    app_db.submit(title, BODY, staff["writer"])
    log_in(page, running_app, staff["moderator"], PASSPHRASE)
    open_moderation(page, running_app)
    choose_language(page, language)
    page.locator(".mod-queue > li", has_text=title).get_by_role("button").first.click()
    detail = page.locator(".mod-detail")
    button(detail, language, "moderation.claim").click()
    detail.locator("summary", has_text=translate(language, "moderation.rejecting.title")).click()
    button(detail, language, "moderation.rejecting.submit").click()
    answer_shows(page, f"moderation-reject-empty-{language}")


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_story_report_without_its_words_answers_beside_the_form(
    page: Page,
    running_app: RunningApp,
    app_db: AppDatabase,
    staff: dict[str, str],
    database: sessionmaker[Session],
    language: str,
) -> None:
    title = unique("Gelezen ")
    app_db.approve(app_db.submit(title, BODY), staff["admin"])
    page.goto(running_app.url + "/verhalen")
    href = page.get_by_role("link", name=title).get_attribute("href")
    assert href is not None
    member_on_this_device(page, running_app, database)
    open_in(page, running_app, f"/verhalen/melden?nr={href.rsplit('/', 1)[1]}", language)
    page.locator("input[name='reason'][value='other']").check()
    button(page, language, "boards.report.send").click()
    text = answer_shows(page, f"story-report-no-words-{language}")
    assert text == translate(language, "boards.error.reason_text_missing")

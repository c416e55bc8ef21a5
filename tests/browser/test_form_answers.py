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


def wait_for_account_settings(page: Page) -> None:
    expect(page.locator("#ps-confirm-passphrase")).to_be_visible(timeout=20_000)


@pytest.mark.parametrize("language", LANGUAGES)
def test_sign_up_answers_beside_the_form(
    page: Page, running_app: RunningApp, language: str
) -> None:
    open_in(page, running_app, "/aanmelden", language)
    page.fill("#ps-pseudonym", unique("Nieuw"))
    page.fill("#ps-new-passphrase", NEW_PASSPHRASE)
    page.fill("#ps-new-passphrase-repeat", NEW_PASSPHRASE + " en nog wat")
    button(page, language, "account.signup.submit").click()
    answer_shows(page, f"signup-mismatch-{language}")


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_wrong_login_answers_above_the_bottom_bar(
    page: Page, running_app: RunningApp, language: str
) -> None:
    open_in(page, running_app, "/inloggen", language)
    page.fill("#ps-pseudonym", unique("Niemand"))
    page.fill("#ps-passphrase", WRONG_PASSPHRASE)
    button(page, language, "account.login.submit").click()
    answer_shows(page, f"login-wrong-{language}")


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_wrong_recovery_code_answers_in_view(
    page: Page, running_app: RunningApp, language: str
) -> None:
    open_in(page, running_app, "/herstellen", language)
    page.fill("#ps-pseudonym", unique("Kwijt"))
    page.fill("#ps-recovery-input", WELL_FORMED_CODE)
    page.fill("#ps-new-passphrase", NEW_PASSPHRASE)
    page.fill("#ps-new-passphrase-repeat", NEW_PASSPHRASE)
    button(page, language, "account.recover.submit").click()
    shown = answer_shows(page, f"recover-wrong-{language}")
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
    open_in(page, running_app, "/herstellen", language)
    page.fill("#ps-pseudonym", unique("Kwijt"))
    page.fill("#ps-recovery-input", "ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ")
    page.fill("#ps-new-passphrase", NEW_PASSPHRASE)
    page.fill("#ps-new-passphrase-repeat", NEW_PASSPHRASE)
    button(page, language, "account.recover.submit").click()
    shown = answer_shows(page, f"recover-malformed-{language}")
    assert shown == translate(language, "error.recovery_malformed")


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_wrong_current_passphrase_answers_beside_the_change_form(
    page: Page, running_app: RunningApp, database: sessionmaker[Session], language: str
) -> None:
    member_on_this_device(page, running_app, database)
    open_in(page, running_app, "/account", language)
    wait_for_account_settings(page)
    page.fill("#ps-passphrase", WRONG_PASSPHRASE)
    page.fill("#ps-new-passphrase", NEW_PASSPHRASE)
    page.fill("#ps-new-passphrase-repeat", NEW_PASSPHRASE)
    button(page, language, "account.change.submit").click()
    shown = answer_shows(page, f"account-change-wrong-{language}")
    assert shown.startswith(translate(language, "error.current_passphrase_wrong"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_export_after_a_reload_answers_beside_its_button(
    page: Page, running_app: RunningApp, database: sessionmaker[Session], language: str
) -> None:
    member_on_this_device(page, running_app, database)
    open_in(page, running_app, "/account", language)
    wait_for_account_settings(page)
    button(page, language, "account.export.submit").click()
    answer_shows(page, f"account-export-locked-{language}")


@pytest.mark.parametrize("language", LANGUAGES)
def test_deleting_the_account_with_a_wrong_passphrase_answers_beside_it(
    page: Page, running_app: RunningApp, database: sessionmaker[Session], language: str
) -> None:
    member_on_this_device(page, running_app, database)
    open_in(page, running_app, "/account", language)
    wait_for_account_settings(page)
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
    page.fill("#ps-post-title", "Wie herkent dit?")
    page.fill("#ps-post-body", f"Ik wil graag praten. {PHONE_LINE}")
    button(page, language, "boards.new_thread.send").click()
    answer_shows(page, f"board-thread-phone-{language}")


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_reply_with_a_phone_number_answers_beside_the_form(
    page: Page, running_app: RunningApp, database: sessionmaker[Session], language: str
) -> None:
    with database.begin() as db:
        thread_id, _ = published_thread(db, staff_member(db), "vragen", unique("Vraag "))
    member_on_this_device(page, running_app, database)
    open_thread(page, running_app, thread_id)
    choose_language(page, language)
    page.fill("#ps-post-body", f"Bij mij ook. {PHONE_LINE}")
    button(page, language, "boards.reply.send").click()
    answer_shows(page, f"board-reply-phone-{language}")


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
    member_on_this_device(page, running_app, database)
    open_thread(page, running_app, thread_id)
    choose_language(page, language)
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

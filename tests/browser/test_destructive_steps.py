"""A step that cannot be undone asks once, in plain words, right below its button: the
focus goes to the question, "no" or Escape give it back to the button, and only "yes"
acts. Deleting the account ends on a page that says it is done and what is gone."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from peersupport.models import Account
from peersupport.translations import translate
from tests.browser.answers import photograph_answer
from tests.browser.conftest import RunningApp
from tests.browser.test_accounts_notes import SECURING_TIMEOUT_MS, go, sign_up, unique
from tests.browser.test_form_answers import button
from tests.browser.test_moderation import choose_language
from tests.browser.test_writing import database as database

PASSPHRASE = "lantaarn haven wolk spiegel"


@pytest.mark.parametrize("language", ["nl", "en"])
def test_deleting_the_account_asks_once_then_says_what_is_gone(
    page: Page, running_app: RunningApp, database: sessionmaker[Session], language: str
) -> None:
    pseudonym = unique("Weg")
    sign_up(page, running_app, pseudonym, PASSPHRASE)
    go(page, running_app, "/account")
    choose_language(page, language)
    page.fill("#ps-confirm-passphrase", PASSPHRASE)
    opener = button(page, language, "account.delete.submit")

    opener.click()
    question = page.locator("#ps-account-delete-question")
    expect(question).to_be_focused()
    expect(question).to_have_text(translate(language, "account.delete.question"))
    expect(page.locator("#ps-account-delete-ask")).to_have_attribute("role", "group")
    photograph_answer(page, f"account-delete-question-{language}")
    page.keyboard.press("Escape")
    expect(question).to_be_hidden()
    expect(opener).to_be_focused()

    opener.click()
    button(page, language, "confirm.keep").click()
    expect(opener).to_be_focused()
    with database() as db:
        assert db.scalar(select(Account).where(Account.pseudonym == pseudonym)) is not None

    opener.click()
    button(page, language, "account.delete.yes").click()
    done = page.locator("#account-deleted")
    expect(done).to_be_visible(timeout=SECURING_TIMEOUT_MS)
    expect(done).to_be_focused()
    expect(done).to_have_text(translate(language, "account.deleted.title"))
    for key in ("account.deleted.gone", "account.deleted.kept", "account.deleted.device"):
        expect(page.get_by_text(translate(language, key))).to_be_visible()
    expect(page.get_by_text(translate(language, "account.settings.signed_out"))).to_be_hidden()
    photograph_answer(page, f"account-deleted-{language}")
    with database() as db:
        assert db.scalar(select(Account).where(Account.pseudonym == pseudonym)) is None
    assert page.evaluate("localStorage.getItem('ps-device')") is None

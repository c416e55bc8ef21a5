"""The audit log page after a member deleted his account: every moderator action on his
story and on his account is still listed, with its reason, but his pseudonym reads
"verwijderd account" and nothing he wrote (nor what was edited out of it) is shown."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from playwright.sync_api import Page, expect

from peersupport.services import account_deletion, moderation
from peersupport.services.notes_protocol import KdfParams, derive_keys
from peersupport.settings import load_settings, server_secret
from tests.browser.conftest import RunningApp
from tests.browser.test_accounts_notes import database_url_of, go, log_in
from tests.browser.test_moderation import (
    BODY,
    PASSPHRASE,
    STEP_TIMEOUT_MS,
    AppDatabase,
    photograph,
)

# Only he wrote these: a number of his own and the place he named.
HIS_PHONE = "06-87654321"
HIS_PLACE = "Lelystad"


def test_the_log_keeps_the_actions_on_a_deleted_account_in_neutral_words(
    page: Page, running_app: RunningApp, app_env: dict[str, str]
) -> None:
    app_db = AppDatabase(database_url_of(running_app, app_env))
    admin = app_db.account("Beheer", "admin")
    moderator = app_db.account("Moderator", "moderator")
    boy = app_db.account("Weg", "member")
    item = app_db.submit("Wat er gebeurde", f"{BODY} Ik woon in {HIS_PLACE}, bel {HIS_PHONE}.", boy)
    now = datetime.now(UTC)
    with app_db.sessions.begin() as session:
        actor = app_db._by_name(session, moderator)
        moderation.edit_and_approve_item(
            session,
            actor,
            item,
            title="Wat er gebeurde",
            body=BODY,
            reason="Woonplaats en nummer weggehaald",
            now=now,
        )
        moderation.suspend_account(session, actor, boy, reason="Deelde zijn nummer", now=now)
    # A plain session, as the app's unit of work: checking the passphrase commits its
    # reserved attempt before the Argon2 work, which a `begin()` block would not allow.
    with app_db.sessions() as session:
        account = app_db._by_name(session, boy)
        params = KdfParams.from_json(json.loads(account.kdf_params))
        auth_key = derive_keys(PASSPHRASE, boy, params).auth_key
        secret = server_secret(load_settings(app_env))
        account_deletion.delete_account(session, account, auth_key, now, secret=secret)
        session.commit()
    app_db.engine.dispose()

    log_in(page, running_app, admin, PASSPHRASE)
    go(page, running_app, "/moderatie/logboek")
    entries = page.locator(".mod-log > li")
    suspended = entries.filter(has_text="Deelde zijn nummer")
    edited = entries.filter(has_text="Woonplaats en nummer weggehaald")
    expect(suspended).to_have_count(1, timeout=STEP_TIMEOUT_MS)
    expect(suspended).to_contain_text("Geschorst: verwijderd account")
    expect(suspended).to_contain_text(moderator)
    expect(edited).to_have_count(1)
    expect(edited).to_contain_text("Aangepast")
    expect(edited.locator("del, ins")).to_have_count(0)
    shown = page.locator("main").inner_text()
    assert [word for word in (boy, HIS_PHONE, HIS_PLACE) if word in shown] == []
    photograph(page, "audit-log-deleted-account-nl")

    page.locator("button.language-switch").first.click()
    expect(suspended).to_contain_text("deleted account")
    photograph(page, "audit-log-deleted-account-en")

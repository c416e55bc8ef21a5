"""The first admin is created on the command line; in the app he appoints and removes
moderators. A member sees that the page is not for him."""

from __future__ import annotations

import subprocess
import sys

from playwright.sync_api import Page, expect

from tests.browser.conftest import PROJECT_ROOT, RunningApp
from tests.browser.test_accounts_notes import (
    SECURING_TIMEOUT_MS,
    go,
    log_in,
    log_out,
    sign_up,
    unique,
)

ADMIN_PASSPHRASE = "beheer sleutel toren brug"


def create_admin(app_env: dict[str, str], pseudonym: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "peersupport", "create-admin", "--pseudonym", pseudonym],
        input=ADMIN_PASSPHRASE + "\n",
        env=app_env,
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return done.stdout


def test_admin_appoints_and_removes_a_moderator(
    page: Page, running_app: RunningApp, app_env: dict[str, str]
) -> None:
    member = unique("Helper")
    sign_up(page, running_app, member, "appel peer druif kers")
    log_out(page, running_app)
    admin = unique("Beheerder")
    output = create_admin(app_env, admin)
    assert ADMIN_PASSPHRASE not in output

    log_in(page, running_app, admin, ADMIN_PASSPHRASE)
    go(page, running_app, "/account")
    page.get_by_role("link", name="Beheer").click()
    page.wait_for_url(running_app.url + "/beheer")
    staff = page.locator("ul.staff")
    expect(staff).to_contain_text(admin)
    page.fill("#ps-staff-pseudonym", member)
    page.get_by_role("button", name="Maak moderator").click()
    row = staff.locator("li", has_text=member)
    expect(row).to_contain_text("Moderator", timeout=SECURING_TIMEOUT_MS)
    row.get_by_role("button", name="Geen moderator meer").click()
    expect(staff.locator("li", has_text=member)).to_have_count(0, timeout=SECURING_TIMEOUT_MS)


def test_member_sees_the_staff_page_is_not_for_him(page: Page, running_app: RunningApp) -> None:
    sign_up(page, running_app, unique("Gewoon"), "lamp deur raam stoel")
    go(page, running_app, "/beheer")
    expect(page.get_by_text("Deze pagina is alleen voor beheerders.")).to_be_visible()
    expect(page.locator("#ps-staff-pseudonym")).to_be_hidden()

"""Logging in after the free attempts: the phone pays a proof of work, he still gets in.

Five wrong passphrases use up the free attempts for his pseudonym; more failures are
then added straight to the database, as a script guessing at his public pseudonym
would leave them. Logging in with the right passphrase must still work: the server
hands out an ALTCHA challenge, the page solves it in Web Workers while the progress
line says what is happening, and sends the login again with the solution.
"""

from __future__ import annotations

from datetime import UTC, datetime

from playwright.sync_api import Page, expect
from sqlalchemy import create_engine, text

from peersupport.services import throttle
from peersupport.services.notes_protocol import normalize_pseudonym
from peersupport.services.throttle import Purpose
from peersupport.settings import load_settings, server_secret
from tests.browser.conftest import ARTIFACTS, RunningApp
from tests.browser.test_accounts_notes import (
    LOGIN_FAILED_NL,
    SECURING_TIMEOUT_MS,
    go,
    log_out,
    sign_up,
    tries_left_nl,
    unique,
)

PROGRESS_NL = (
    "Even wachten: je telefoon rekent een paar seconden om te laten zien dat jij het bent."
)
PROGRESS_EN = "One moment: your phone is working for a few seconds to show that it is really you."
# The flood a script left behind: the next attempt costs level 5 of 6.
FLOOD_ATTEMPTS = 9


def try_to_log_in(page: Page, app: RunningApp, pseudonym: str, passphrase: str) -> None:
    go(page, app, "/inloggen")
    page.fill("#ps-pseudonym", pseudonym)
    page.fill("#ps-passphrase", passphrase)
    page.get_by_role("button", name="Inloggen").click()


def attempts_counted(app_env: dict[str, str], pseudonym: str, *, add: int = 0) -> int:
    """The attempts in his pseudonym's login bucket, after adding `add` of a script's."""
    settings = load_settings(app_env)
    bucket = throttle.bucket_for(
        server_secret(settings), Purpose.PASSPHRASE, normalize_pseudonym(pseudonym)
    )
    engine = create_engine(settings.database_url)
    with engine.begin() as connection:
        if add:
            connection.execute(
                text("UPDATE login_throttles SET failures = failures + :n WHERE key = :k"),
                {"n": add, "k": bucket},
            )
        count = connection.execute(
            text("SELECT failures FROM login_throttles WHERE key = :k"), {"k": bucket}
        ).scalar_one_or_none()
    engine.dispose()
    return int(count or 0)


def test_he_gets_in_after_the_free_attempts_by_letting_his_phone_work(
    page: Page, running_app: RunningApp, app_env: dict[str, str]
) -> None:
    pseudonym, passphrase = unique("TrageSpecht"), "wolk regen zon wind"
    sign_up(page, running_app, pseudonym, passphrase)
    log_out(page, running_app)
    for attempt in range(1, throttle.PSEUDONYM_FREE_ATTEMPTS + 1):
        try_to_log_in(page, running_app, pseudonym, "niet mijn wachtzin")
        left = throttle.PSEUDONYM_FREE_ATTEMPTS - attempt
        expect(page.get_by_role("alert")).to_have_text(
            f"{LOGIN_FAILED_NL} {tries_left_nl(left)}", timeout=SECURING_TIMEOUT_MS
        )
    page.get_by_role("alert").evaluate("alert => alert.scrollIntoView({block: 'center'})")
    page.screenshot(path=str(ARTIFACTS / "login-refused-nl.png"))
    assert attempts_counted(app_env, pseudonym, add=FLOOD_ATTEMPTS) == 5 + FLOOD_ATTEMPTS
    started = datetime.now(UTC)

    try_to_log_in(page, running_app, pseudonym, passphrase)

    progress = page.get_by_text(PROGRESS_NL)
    expect(progress).to_be_visible(timeout=SECURING_TIMEOUT_MS)
    expect(progress).to_be_in_viewport()
    page.screenshot(path=str(ARTIFACTS / "login-proof-of-work-nl.png"))
    page.wait_for_url(running_app.url + "/notities", timeout=SECURING_TIMEOUT_MS)
    took = (datetime.now(UTC) - started).total_seconds()
    print(f"logged in past the free attempts in {took:.1f} s")
    # His refused attempt without a proof still counts; the one with it was given back.
    assert attempts_counted(app_env, pseudonym) == 5 + FLOOD_ATTEMPTS + 1


def test_the_progress_line_speaks_english_too(
    page: Page, running_app: RunningApp, app_env: dict[str, str]
) -> None:
    pseudonym, passphrase = unique("LuieOtter"), "berg dal rivier zee"
    sign_up(page, running_app, pseudonym, passphrase)
    log_out(page, running_app)
    try_to_log_in(page, running_app, pseudonym, "niet mijn wachtzin")
    expect(page.get_by_role("alert")).not_to_have_text("", timeout=SECURING_TIMEOUT_MS)
    attempts_counted(app_env, pseudonym, add=FLOOD_ATTEMPTS + 4)

    go(page, running_app, "/inloggen")
    page.click("button.language-switch")
    page.fill("#ps-pseudonym", pseudonym)
    page.fill("#ps-passphrase", "not my passphrase")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "Pseudonym or passphrase is not right. Check what you typed and try again.",
        timeout=SECURING_TIMEOUT_MS,
    )
    page.get_by_role("alert").evaluate("alert => alert.scrollIntoView({block: 'center'})")
    page.screenshot(path=str(ARTIFACTS / "login-refused-en.png"))
    page.fill("#ps-passphrase", passphrase)
    page.get_by_role("button", name="Log in").click()

    expect(page.get_by_text(PROGRESS_EN)).to_be_in_viewport(timeout=SECURING_TIMEOUT_MS)
    page.screenshot(path=str(ARTIFACTS / "login-proof-of-work-en.png"))
    page.wait_for_url(running_app.url + "/notities", timeout=SECURING_TIMEOUT_MS)


def seed_attempts(app_env: dict[str, str], key: str, attempts: int) -> None:
    """Leave `attempts` in a bucket this minute, as a script's probes would."""
    from sqlalchemy.orm import Session

    from peersupport.models import LoginThrottle

    engine = create_engine(load_settings(app_env).database_url)
    with Session(engine) as session:
        session.merge(LoginThrottle(key=key, window_start=datetime.now(UTC), failures=attempts))
        session.commit()
    engine.dispose()


def test_signing_up_while_probes_pile_up_costs_a_proof_not_a_refusal(
    page: Page, running_app: RunningApp, app_env: dict[str, str]
) -> None:
    seed_attempts(app_env, throttle.SIGNUP_BUCKET, throttle.SIGNUP_FREE + 100)

    sign_up(page, running_app, unique("NieuweDas"), "boom blad tak wortel")

    assert page.url == running_app.url + "/notities"
    # Two attempts: the first was asked for a proof, the second carried it.
    engine = create_engine(load_settings(app_env).database_url)
    with engine.connect() as connection:
        count = connection.execute(
            text("SELECT failures FROM login_throttles WHERE key = :k"),
            {"k": throttle.SIGNUP_BUCKET},
        ).scalar_one()
        # Other tests sign up within this minute: they should not pay for this one's flood.
        connection.execute(
            text("DELETE FROM login_throttles WHERE key = :k"), {"k": throttle.SIGNUP_BUCKET}
        )
        connection.commit()
    engine.dispose()
    assert count == throttle.SIGNUP_FREE + 100 + 2


def test_recovering_past_the_free_attempts_costs_a_proof_not_a_refusal(
    page: Page, running_app: RunningApp, app_env: dict[str, str]
) -> None:
    pseudonym = unique("StilleReiger")
    recovery_code = sign_up(page, running_app, pseudonym, "maan ster komeet nacht")
    log_out(page, running_app)
    settings = load_settings(app_env)
    bucket = throttle.bucket_for(
        server_secret(settings), Purpose.RECOVERY, normalize_pseudonym(pseudonym)
    )
    seed_attempts(app_env, bucket, throttle.PSEUDONYM_FREE_ATTEMPTS + 3)

    go(page, running_app, "/herstellen")
    page.fill("#ps-pseudonym", pseudonym)
    page.fill("#ps-recovery-input", recovery_code)
    page.fill("#ps-new-passphrase", "regen hagel sneeuw mist")
    page.fill("#ps-new-passphrase-repeat", "regen hagel sneeuw mist")
    page.get_by_role("button", name="Nieuwe wachtzin instellen").click()

    expect(page.get_by_text(PROGRESS_NL)).to_be_visible(timeout=SECURING_TIMEOUT_MS)
    expect(page.locator("#ps-recovery-code")).not_to_have_text("", timeout=SECURING_TIMEOUT_MS)
    page.get_by_role("button", name="Ik heb de code bewaard").click()
    page.wait_for_url(running_app.url + "/notities", timeout=SECURING_TIMEOUT_MS)

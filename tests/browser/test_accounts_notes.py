"""Accounts and end-to-end encrypted notes, as a boy uses them on his phone.

The main test records every websocket frame while he registers, writes, reads, changes
his passphrase, logs in again and recovers with his recovery code, and proves that no
passphrase, note text or recovery code was ever sent. It then opens the stored
ciphertext with the Python reference of the protocol (proof that the data is real)
and scans the database for the plaintext.
"""

from __future__ import annotations

import json
import re
import secrets
from pathlib import Path

from playwright.sync_api import Page, WebSocket, expect
from sqlalchemy import create_engine, text

from peersupport.services.notes_protocol import (
    KdfParams,
    derive_keys,
    open_note,
    unwrap_dk,
)
from peersupport.settings import load_settings
from peersupport.translations import translate
from tests.browser.conftest import RunningApp, wait_until_hydrated

SECURING_TIMEOUT_MS = 60_000
LOGIN_FAILED_NL = (
    "Schuilnaam of wachtzin klopt niet. Kijk of je ze goed hebt getypt en probeer het opnieuw."
)


def tries_left_nl(left: int) -> str:
    """What a wrong login adds: the tries left without waiting (of five a quarter hour)."""
    if left == 0:
        return translate("nl", "error.tries_left.none")
    if left == 1:
        return translate("nl", "error.tries_left.one")
    return translate("nl", "error.tries_left.many", n=left)


def unique(prefix: str) -> str:
    """A fresh pseudonym: letters only, so it never looks like a phone number."""
    return prefix + "".join(secrets.choice("abcdefghjkmnpqrstuvwxyz") for _ in range(6))


class FrameRecorder:
    """Every websocket frame the page sends or receives, as text."""

    def __init__(self, page: Page) -> None:
        self.frames: list[str] = []
        page.on("websocket", self._attach)

    def _attach(self, socket: WebSocket) -> None:
        socket.on("framesent", lambda payload: self.frames.append(str(payload)))
        socket.on("framereceived", lambda payload: self.frames.append(str(payload)))

    def containing(self, secret: str) -> list[str]:
        return [frame for frame in self.frames if secret in frame]


def go(page: Page, app: RunningApp, path: str) -> None:
    page.goto(app.url + path)
    wait_until_hydrated(page)


def wait_until_idle(page: Page) -> None:
    expect(page.locator(".status--busy")).to_have_count(0, timeout=SECURING_TIMEOUT_MS)


def send_sign_up_form(page: Page, passphrase: str, repeated: str) -> None:
    page.fill("#ps-new-passphrase", passphrase)
    page.fill("#ps-new-passphrase-repeat", repeated)
    page.get_by_role("button", name="Account maken").click()


def sign_up(page: Page, app: RunningApp, pseudonym: str, passphrase: str) -> str:
    go(page, app, "/aanmelden")
    page.fill("#ps-pseudonym", pseudonym)
    send_sign_up_form(page, passphrase, passphrase)
    code = page.locator("#ps-recovery-code")
    expect(code).to_have_text(
        re.compile(r"^[A-Z2-7]{4}(-[A-Z2-7]{1,4}){6}$"), timeout=SECURING_TIMEOUT_MS
    )
    recovery_code = code.inner_text()
    page.get_by_role("button", name="Ik heb de code bewaard").click()
    page.wait_for_url(app.url + "/notities")
    return recovery_code


def write_note(page: Page, title: str, body: str) -> None:
    page.get_by_role("button", name="Nieuwe notitie").click()
    page.fill("#ps-note-title", title)
    page.fill("#ps-note-body", body)
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator("#ps-note-list")).to_contain_text(title, timeout=SECURING_TIMEOUT_MS)


def log_in(page: Page, app: RunningApp, pseudonym: str, passphrase: str) -> None:
    go(page, app, "/inloggen")
    page.fill("#ps-pseudonym", pseudonym)
    page.fill("#ps-passphrase", passphrase)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(app.url + "/notities", timeout=SECURING_TIMEOUT_MS)


def log_out(page: Page, app: RunningApp) -> None:
    go(page, app, "/account")
    page.get_by_role("button", name="Uitloggen", exact=True).click()
    page.wait_for_url(app.url + "/")


def stored_rows(
    database_url: str, pseudonym: str
) -> tuple[dict[str, object], list[tuple[str, str]]]:
    engine = create_engine(database_url)
    with engine.connect() as connection:
        account = connection.execute(
            text("SELECT id, kdf_params, wrapped_dk FROM accounts WHERE pseudonym = :p"),
            {"p": pseudonym},
        ).one()
        notes = connection.execute(
            text("SELECT id, envelope FROM notes WHERE account_id = :a"), {"a": account.id}
        ).all()
    engine.dispose()
    return {"kdf": account.kdf_params, "wrapped_dk": account.wrapped_dk}, [
        (row.id, row.envelope) for row in notes
    ]


def database_url_of(app: RunningApp, app_env: dict[str, str]) -> str:
    return load_settings(app_env).database_url


def test_secrets_never_leave_the_browser_and_the_stored_notes_are_real(
    page: Page, running_app: RunningApp, app_env: dict[str, str]
) -> None:
    recorder = FrameRecorder(page)
    pseudonym = unique("StilleVos")
    first, second, third = (
        "fiets regen blauw trui",
        "zomer avond stil water",
        "berg wolk groen licht",
    )
    title = unique("Wat er gebeurde ")  # unique: other tests post this phrase
    body = "Niemand anders mag dit lezen. Zaterdag bij het station."

    recovery_code = sign_up(page, running_app, pseudonym, first)
    write_note(page, title, body)

    # A reload keeps him logged in on this tab, but the key is gone: the notes are locked.
    page.reload()
    wait_until_hydrated(page)
    page.fill("#ps-passphrase", first)
    page.get_by_role("button", name="Openen").click()
    expect(page.locator("#ps-note-list")).to_contain_text(title, timeout=SECURING_TIMEOUT_MS)

    go(page, running_app, "/account")
    page.fill("#ps-passphrase", first)
    page.fill("#ps-new-passphrase", second)
    page.fill("#ps-new-passphrase-repeat", second)
    page.get_by_role("button", name="Wachtzin veranderen").click()
    expect(page.get_by_text("Je wachtzin is veranderd.")).to_be_visible(timeout=SECURING_TIMEOUT_MS)

    log_out(page, running_app)
    log_in(page, running_app, pseudonym, second)
    expect(page.locator("#ps-note-list")).to_contain_text(title, timeout=SECURING_TIMEOUT_MS)
    log_out(page, running_app)

    go(page, running_app, "/herstellen")
    page.fill("#ps-pseudonym", pseudonym)
    page.fill("#ps-recovery-input", recovery_code.lower().replace("-", " "))
    page.fill("#ps-new-passphrase", third)
    page.fill("#ps-new-passphrase-repeat", third)
    page.get_by_role("button", name="Nieuwe wachtzin instellen").click()
    new_code = page.locator("#ps-recovery-code")
    expect(new_code).to_have_text(re.compile(r"^[A-Z2-7]{4}-"), timeout=SECURING_TIMEOUT_MS)
    second_code = new_code.inner_text()
    assert second_code != recovery_code
    page.get_by_role("button", name="Ik heb de code bewaard").click()
    expect(page.locator("#ps-note-list")).to_contain_text(title, timeout=SECURING_TIMEOUT_MS)

    secrets_in_play = [first, second, third, title, body, recovery_code, second_code]
    secrets_in_play += [code.replace("-", "") for code in (recovery_code, second_code)]
    assert recorder.frames, "no websocket frames were recorded"
    for secret in secrets_in_play:
        assert recorder.containing(secret) == [], f"a frame carried {secret!r}"

    # The stored ciphertext is real: the Python reference opens it with the passphrase.
    database_url = database_url_of(running_app, app_env)
    account, notes = stored_rows(database_url, pseudonym)
    params = KdfParams.from_json(json.loads(str(account["kdf"])))
    keys = derive_keys(third, pseudonym, params)
    data_key = unwrap_dk(keys.kek, str(account["wrapped_dk"]))
    assert [open_note(data_key, note_id, envelope) for note_id, envelope in notes] == [
        {"title": title, "body": body}
    ]

    if database_url.startswith("sqlite"):
        database_files = list(Path(running_app.data_dir).glob("*.db*"))
        assert database_files
        for path in database_files:
            content = path.read_bytes()
            for secret in secrets_in_play:
                assert secret.encode() not in content, f"{path.name} holds {secret!r}"


def test_notes_are_searched_and_edited_in_the_browser(page: Page, running_app: RunningApp) -> None:
    sign_up(page, running_app, unique("KalmeUil"), "lamp deur raam stoel")
    expect(page.get_by_text("Je hebt nog geen notities.")).to_be_visible()
    write_note(page, "Maandag", "Gesprek met de mentor")
    write_note(page, "Dinsdag", "Voetbal en daarna thuis")
    page.fill("#ps-note-search", "mentor")
    expect(page.locator("#ps-note-list li")).to_have_count(1)
    expect(page.locator("#ps-note-list")).to_contain_text("Maandag")
    page.fill("#ps-note-search", "bestaat niet")
    expect(page.get_by_text("Geen notities gevonden.")).to_be_visible()
    page.fill("#ps-note-search", "")
    expect(page.locator("#ps-note-list li")).to_have_count(2)

    page.locator("#ps-note-list button", has_text="Dinsdag").click()
    expect(page.locator("#ps-note-body")).to_have_value("Voetbal en daarna thuis")
    page.fill("#ps-note-body", "Voetbal, daarna thuis gegeten")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Bewaard.")).to_be_visible(timeout=SECURING_TIMEOUT_MS)
    expect(page.locator("#ps-note-list li")).to_have_count(2)

    page.get_by_role("button", name="Verwijderen").click()
    expect(page.locator("#ps-note-delete-question")).to_be_focused()
    expect(page.locator("#ps-note-list li")).to_have_count(2)
    page.get_by_role("button", name="Nee, laat maar").click()
    expect(page.get_by_role("button", name="Verwijderen")).to_be_focused()
    page.get_by_role("button", name="Verwijderen").click()
    page.get_by_role("button", name="Ja, verwijder de notitie").click()
    expect(page.locator("#ps-note-list li")).to_have_count(1, timeout=SECURING_TIMEOUT_MS)
    expect(page.get_by_text("Notitie verwijderd.")).to_be_visible()
    expect(page.locator("#ps-note-list")).not_to_contain_text("Dinsdag")


def test_pseudonym_with_contact_details_is_refused_with_a_reason(
    page: Page, running_app: RunningApp
) -> None:
    go(page, running_app, "/aanmelden")
    page.fill("#ps-pseudonym", "snap jaap06")
    send_sign_up_form(page, "lamp deur raam stoel", "lamp deur raam stoel")
    expect(page.get_by_role("alert")).to_contain_text("lijkt op een telefoonnummer")


def test_weak_or_mismatched_passphrases_are_refused_kindly(
    page: Page, running_app: RunningApp
) -> None:
    go(page, running_app, "/aanmelden")
    page.get_by_role("button", name="Bedenk een naam voor mij").click()
    expect(page.locator("#ps-pseudonym")).to_have_value(re.compile(r"^\w+\d{2}$"))
    send_sign_up_form(page, "wachtwoord", "wachtwoord")
    expect(page.get_by_role("alert")).to_contain_text("te makkelijk te raden")
    send_sign_up_form(page, "lamp deur raam stoel", "lamp deur raam stoe")
    expect(page.get_by_role("alert")).to_contain_text("niet hetzelfde")


def test_wrong_passphrase_and_unknown_pseudonym_get_the_same_answer(
    page: Page, running_app: RunningApp
) -> None:
    pseudonym = unique("RustigeDas")
    sign_up(page, running_app, pseudonym, "tafel bord vork mes")
    log_out(page, running_app)
    answers = []
    for name in (pseudonym, unique("Onbekend")):
        go(page, running_app, "/inloggen")
        page.fill("#ps-pseudonym", name)
        page.fill("#ps-passphrase", "verkeerde wachtzin hier")
        page.get_by_role("button", name="Inloggen").click()
        alert = page.get_by_role("alert")
        expect(alert).not_to_have_text("", timeout=SECURING_TIMEOUT_MS)
        answers.append(alert.inner_text())
    # The same words and the same count of tries left, account or not.
    assert answers[0] == answers[1] == f"{LOGIN_FAILED_NL} {tries_left_nl(4)}"


def test_deleting_the_account_removes_it(
    page: Page, running_app: RunningApp, app_env: dict[str, str]
) -> None:
    pseudonym = unique("DappereReiger")
    sign_up(page, running_app, pseudonym, "kast lade sok riem")
    write_note(page, "Weg ermee", "Deze notitie moet verdwijnen")
    go(page, running_app, "/account")
    page.fill("#ps-confirm-passphrase", "kast lade sok riem")
    page.get_by_role("button", name="Verwijder mijn account").click()
    page.get_by_role("button", name="Ja, verwijder mijn account").click()
    expect(page.locator("#account-deleted")).to_be_visible(timeout=SECURING_TIMEOUT_MS)
    engine = create_engine(database_url_of(running_app, app_env))
    with engine.connect() as connection:
        left = connection.execute(
            text("SELECT count(*) FROM accounts WHERE pseudonym = :p"), {"p": pseudonym}
        ).scalar_one()
    engine.dispose()
    assert left == 0
    go(page, running_app, "/inloggen")
    page.fill("#ps-pseudonym", pseudonym)
    page.fill("#ps-passphrase", "kast lade sok riem")
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("alert")).to_have_text(
        f"{LOGIN_FAILED_NL} {tries_left_nl(4)}", timeout=SECURING_TIMEOUT_MS
    )


def test_session_is_for_this_tab_unless_he_chooses_to_be_remembered(
    page: Page, running_app: RunningApp
) -> None:
    pseudonym, passphrase = unique("Onthouden"), "zand zee schelp duin"
    sign_up(page, running_app, pseudonym, passphrase)
    other_tab = page.context.new_page()
    go(other_tab, running_app, "/notities")
    expect(other_tab.get_by_role("link", name="Inloggen")).to_be_visible()
    other_tab.close()
    log_out(page, running_app)

    go(page, running_app, "/inloggen")
    page.fill("#ps-pseudonym", pseudonym)
    page.fill("#ps-passphrase", passphrase)
    page.get_by_label("Onthoud mij op dit apparaat").check()
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(running_app.url + "/notities", timeout=SECURING_TIMEOUT_MS)
    assert page.evaluate("localStorage.getItem('ps-device')")

    remembered_tab = page.context.new_page()
    go(remembered_tab, running_app, "/notities")
    # Logged in on the new tab, and the notes are still locked until the passphrase.
    expect(remembered_tab.get_by_role("button", name="Openen")).to_be_visible()

    remembered_tab.locator("[data-quick-exit]").click()
    remembered_tab.wait_for_url(re.compile("neutral"))
    assert page.evaluate("localStorage.getItem('ps-device')") is None

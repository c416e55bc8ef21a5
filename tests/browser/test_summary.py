"""Mijn verhaal in het kort: a text he can hand over, made in the page, kept nowhere;
a member may keep it as an encrypted note."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect
from sqlalchemy import select

from tests.browser.conftest import PHONE, RunningApp, wait_until_hydrated
from tests.browser.test_accounts_notes import SECURING_TIMEOUT_MS, database_url_of, log_in
from tests.browser.test_moderation import PASSPHRASE, AppDatabase
from tests.browser.test_pages import SCREENSHOTS, axe_violations

WHAT = "Een man van de chat dreigt mijn fotos te sturen naar mijn klas"
SINCE = "sinds dinsdag"
APP = "een chatapp"
DONE = "screenshots gemaakt"


@pytest.fixture
def clipboard_page(browser: Browser, running_app: RunningApp) -> Iterator[Page]:
    context: BrowserContext = browser.new_context(
        viewport=PHONE, permissions=["clipboard-read", "clipboard-write"]
    )
    yield context.new_page()
    context.close()


def in_viewport(page: Page, selector: str) -> bool:
    box = page.locator(selector).bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"]


def fill_in(page: Page) -> None:
    page.fill("#summary-what", WHAT)
    page.fill("#summary-since", SINCE)
    page.fill("#summary-app", APP)
    page.fill("#summary-done", DONE)
    page.get_by_text("Dat beelden worden weggehaald").click()
    page.get_by_text("Gewoon praten").click()


def test_the_text_is_made_in_the_page_copied_and_never_sent(
    clipboard_page: Page, running_app: RunningApp
) -> None:
    page = clipboard_page
    frames: list[str] = []
    page.on("websocket", lambda socket: socket.on("framesent", lambda p: frames.append(str(p))))
    bodies: list[str] = []
    page.on("request", lambda request: bodies.append(request.url + (request.post_data or "")))
    page.goto(f"{running_app.url}/hulp")
    wait_until_hydrated(page)
    page.locator("main a[href='/kort']").click()
    page.wait_for_url(f"{running_app.url}/kort")
    expect(page.locator("main h1")).to_have_text("Mijn verhaal in het kort")
    assert page.title() == "Kompas"

    page.get_by_role("button", name="Maak mijn tekst").click()  # nothing filled in yet
    empty = page.locator("[data-summary-empty]")
    expect(empty).to_have_text("Vul eerst iets in, dan maken we je tekst.")
    assert empty.get_attribute("role") == "alert"
    assert in_viewport(page, "[data-summary-empty]")

    fill_in(page)
    page.get_by_role("button", name="Maak mijn tekst").click()
    output = page.locator("#summary-output")
    expect(output).to_be_visible()
    expect(page.locator("#summary-output-title")).to_be_focused()
    text = output.input_value()
    assert text.startswith("Hoi. Ik heb dit van tevoren opgeschreven")
    for line in (
        f"Wat er is gebeurd: {WHAT}",
        f"Sinds: {SINCE}",
        f"Op: {APP}",
        f"Wat ik al heb gedaan: {DONE}",
        "Wat ik nu wil: Dat beelden worden weggehaald, Gewoon praten",
    ):
        assert line in text
    page.screenshot(path=SCREENSHOTS / "summary-nl-360x740.png")

    page.get_by_role("button", name="Kopieer de tekst").click()
    expect(page.locator("[data-summary-copied]")).to_have_text(
        "Gekopieerd. Plak de tekst in de chat."
    )
    assert page.evaluate("navigator.clipboard.readText()") == text
    assert axe_violations(page) == []

    said = "\n".join(frames + bodies)
    assert frames, "no websocket frames were recorded"
    for typed in (WHAT, SINCE, APP, DONE, "Gewoon praten"):
        assert typed not in said


def test_the_page_speaks_english_when_he_chose_it(page: Page, running_app: RunningApp) -> None:
    page.goto(f"{running_app.url}/kort")
    wait_until_hydrated(page)
    page.locator("button.language-switch").click()
    expect(page.locator("main h1")).to_have_text("My story in short")
    page.fill("#summary-what", "Someone threatens me")
    page.get_by_role("button", name="Make my text").click()
    assert page.locator("#summary-output").input_value().startswith("Hi. I wrote this down")
    page.screenshot(path=SCREENSHOTS / "summary-en-360x740.png")


def test_a_member_keeps_the_text_as_an_encrypted_note(
    page: Page, running_app: RunningApp, app_env: dict[str, str]
) -> None:
    database = AppDatabase(database_url_of(running_app, app_env))
    pseudonym = database.account("Opschrijver", "member")
    log_in(page, running_app, pseudonym, PASSPHRASE)

    page.goto(f"{running_app.url}/kort")  # a new page load: he unlocks here
    wait_until_hydrated(page)
    fill_in(page)
    page.get_by_role("button", name="Maak mijn tekst").click()
    page.get_by_role("button", name="Bewaar de tekst in mijn notities").click()
    page.fill("#ps-passphrase", PASSPHRASE)
    page.get_by_role("button", name="Openen en bewaren").click()
    expect(page.get_by_text("Bewaard in je notities.")).to_be_visible(timeout=SECURING_TIMEOUT_MS)

    with database.sessions() as session:
        from peersupport.models import Account, Note

        account = session.scalar(select(Account).where(Account.pseudonym == pseudonym))
        assert account is not None
        stored = list(session.scalars(select(Note).where(Note.account_id == account.id)))
    assert len(stored) == 1
    assert WHAT not in stored[0].envelope  # sealed in the browser, not plain text

    page.goto(running_app.url + "/notities")
    wait_until_hydrated(page)
    page.fill("#ps-passphrase", PASSPHRASE)
    page.get_by_role("button", name="Openen").first.click()
    expect(page.get_by_text("Mijn verhaal in het kort").first).to_be_visible(
        timeout=SECURING_TIMEOUT_MS
    )

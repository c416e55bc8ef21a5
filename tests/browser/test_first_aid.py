"""Sextortion first aid: reached from home, help and the self-test result; one step a
screen; the takedown route by his age; offline too; the quick exit in reach."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.browser.conftest import ARTIFACTS, PHONE, OtherSite, RunningApp, wait_until_hydrated
from tests.browser.test_pages import axe_violations
from tests.browser.test_pwa import installed_worker
from tests.unit.test_first_aid_page import DUTCH_STEPS

SCREENSHOTS = ARTIFACTS / "screenshots"
STEPS = {
    "nl": DUTCH_STEPS,
    "en": [
        "It's not your fault",
        "Don't pay",
        "Stop answering, but save the evidence first",
        "What to save, and what never",
        "Block and report",
        "Get the images taken down",
        "Talk to someone",
    ],
}
NEXT = {"nl": "Volgende stap", "en": "Next step"}
BACK = {"nl": "Vorige stap", "en": "Previous step"}
UNDER_18 = {"nl": "Jonger dan 18", "en": "Under 18"}
ADULT = {"nl": "18 of ouder", "en": "18 or older"}


def visible_step(page: Page) -> str:
    return page.locator("[data-step]:visible h2").inner_text().strip()


def open_first_aid_from_home(page: Page, app: RunningApp, language: str) -> None:
    page.goto(f"{app.url}/")
    wait_until_hydrated(page)
    if language == "en":
        page.locator("button.language-switch").click()
        page.wait_for_function("document.cookie.includes('ps-lang=en')")
    page.locator("main a[href='/stappen']").click()
    page.wait_for_url(f"{app.url}/stappen")
    expect(page.locator("[data-step]:visible")).to_have_count(1)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_one_step_a_screen_from_the_home_page_with_the_route_for_his_age(
    page: Page, running_app: RunningApp, language: str
) -> None:
    open_first_aid_from_home(page, running_app, language)
    assert page.title() == "Kompas"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    for number, title in enumerate(STEPS[language], start=1):
        assert visible_step(page) == title
        heading = page.locator("[data-step]:visible h2")
        if number > 1:
            expect(heading).to_be_focused()  # a screen reader reads the new step
        expect(page.locator("[data-quick-exit]")).to_be_visible()
        if number == 6:
            takedown = page.locator("[data-takedown]:visible")
            expect(takedown).to_have_count(0)
            page.get_by_role("button", name=UNDER_18[language]).click()
            expect(takedown).to_have_count(1)
            expect(takedown).to_contain_text("Take It Down")
            expect(takedown).not_to_contain_text("StopNCII")
            expect(takedown).to_contain_text("Helpwanted")
            page.get_by_role("button", name=ADULT[language]).click()
            expect(takedown).to_contain_text("StopNCII")
            expect(takedown).not_to_contain_text("Take It Down")
            expect(page.locator("[data-takedown]:visible > h3")).to_be_focused()
        page.screenshot(path=SCREENSHOTS / f"first-aid-{language}-step{number}.png")
        if number in (1, 6):
            assert axe_violations(page) == []
        if number < len(STEPS[language]):
            page.locator("[data-step]:visible").get_by_role("button", name=NEXT[language]).click()

    talk = page.locator("[data-step]:visible")
    for phone in ("tel:08000113", "tel:08000432", "tel:0202615275"):
        expect(talk.locator(f"a[href='{phone}']")).to_have_count(1)
    talk.get_by_role("button", name=BACK[language]).click()
    assert visible_step(page) == STEPS[language][5]


def test_the_help_page_and_the_sextortion_result_lead_to_the_steps(
    page: Page, running_app: RunningApp
) -> None:
    page.goto(f"{running_app.url}/hulp")
    wait_until_hydrated(page)
    expect(page.locator("main a[href='/stappen']")).to_be_visible()

    page.goto(f"{running_app.url}/zelftest/3")  # the sextortion self-test
    wait_until_hydrated(page)
    results = page.locator("[data-step^='result-'] a[href='/stappen']")
    assert results.count() >= 1


def test_without_javascript_every_step_shows_in_order(
    browser: Browser, running_app: RunningApp
) -> None:
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{running_app.url}/stappen")
    titles = [title.strip() for title in page.locator("[data-step] h2").all_inner_texts()]
    assert titles == STEPS["nl"]
    expect(page.locator("[data-takedown]").first).to_be_visible()
    context.close()


def test_the_steps_work_offline_and_the_quick_exit_leaves(
    sw_context: BrowserContext, running_app: RunningApp, other_site: OtherSite
) -> None:
    page = sw_context.new_page()
    installed_worker(page, running_app)
    sw_context.set_offline(True)

    page.goto(f"{running_app.url}/stappen")
    assert visible_step(page) == STEPS["nl"][0]
    page.locator("[data-step]:visible").get_by_role("button", name=NEXT["nl"]).click()
    assert visible_step(page) == STEPS["nl"][1]

    sw_context.set_offline(False)
    page.locator("[data-quick-exit]").click()
    page.wait_for_url(other_site.neutral_url)

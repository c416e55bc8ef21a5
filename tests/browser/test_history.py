"""The whole app is one history entry: after a quick exit, Back leads to the page from
before the app, never into it."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.browser.conftest import OtherSite, RunningApp, wait_until_hydrated


def test_back_after_exit_lands_on_the_page_before_the_app(
    page: Page, running_app: RunningApp, other_site: OtherSite
) -> None:
    page.goto(other_site.before_url)
    page.click("#to-app")
    page.wait_for_url(running_app.url + "/")
    wait_until_hydrated(page)
    entries_in_app = page.evaluate("history.length")

    for label, path in [
        ("Hulp", "/hulp"),
        ("Veilig", "/veilig"),
        ("Lezen", "/verhalen"),
        ("Home", "/"),
    ]:
        if label == "Veilig":  # on a phone in the menu's "Meer" sheet
            page.locator(".bottom-nav summary").click()
        page.locator(".bottom-nav").get_by_role("link", name=label).click()
        page.wait_for_url(running_app.url + path)
        expect(page.locator("main h1")).to_be_visible()
    page.get_by_role("link", name="Hulp zoeken").click()
    page.wait_for_url(running_app.url + "/hulp")
    page.get_by_role("link", name="Terug").click()
    page.wait_for_url(running_app.url + "/")

    assert page.evaluate("history.length") == entries_in_app  # no entry added inside the app

    page.locator("[data-quick-exit]").click()
    page.wait_for_url(other_site.neutral_url)
    page.go_back()
    page.wait_for_url(other_site.before_url)
    assert page.url == other_site.before_url


def test_every_page_but_home_has_a_visible_back_arrow_to_home(
    page: Page, running_app: RunningApp
) -> None:
    for path in ["/hulp", "/veilig", "/over", "/bestaat-niet"]:
        page.goto(running_app.url + path)
        wait_until_hydrated(page)
        back = page.get_by_role("link", name="Terug")
        expect(back).to_be_visible()
        back.click()
        page.wait_for_url(running_app.url + "/")
    page.goto(running_app.url + "/")
    expect(page.get_by_role("link", name="Terug")).to_have_count(0)


def test_skip_link_moves_focus_without_adding_history(page: Page, running_app: RunningApp) -> None:
    page.goto(running_app.url + "/hulp")
    wait_until_hydrated(page)
    length = page.evaluate("history.length")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    assert page.evaluate("history.length") == length
    assert "#" not in page.url

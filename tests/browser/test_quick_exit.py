"""Quick exit: one tap or key sequence leaves the app, clears the tab, and Back
cannot undo it."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import PHONE, OtherSite, RunningApp, wait_until_hydrated

PAGES = ["/", "/hulp", "/veilig", "/over", "/bestaat-niet"]

# Records what the page looked like at the moment it was left, where the test can read it.
EXIT_PROBE = """
const keep = Storage.prototype.setItem;
window.addEventListener('pagehide', () => {
  if (location.origin !== %s) return;
  keep.call(localStorage, 'exit-probe', JSON.stringify({
    title: document.title,
    visibility: document.documentElement.style.visibility,
  }));
});
"""


def open_app(page: Page, app: RunningApp, path: str = "/") -> None:
    page.goto(app.url + path)
    wait_until_hydrated(page)


def session_storage_of_app(page: Page, app: RunningApp) -> list[str]:
    """The app origin's session storage in this tab, read from a file that runs no app code."""
    page.goto(app.url + "/manifest.webmanifest")
    return list(page.evaluate("Object.keys(sessionStorage)"))


@pytest.mark.parametrize("path", PAGES)
def test_quick_exit_is_first_in_tab_order_and_visible_on_every_page(
    page: Page, running_app: RunningApp, path: str
) -> None:
    open_app(page, running_app, path)
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('data-quick-exit')")
    assert focused == "true"
    button = page.locator("[data-quick-exit]")
    expect(button).to_have_text(re.compile(r"^✕\s*Snel weg$"), use_inner_text=True)
    box = button.bounding_box()
    assert box is not None
    # Thumb reach on a 360x740 phone: fully on screen, in the lower half, at least 44 px tall.
    assert box["y"] > 740 / 2 and box["y"] + box["height"] <= 740
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360
    assert box["height"] >= 44


def test_quick_exit_label_follows_the_language(page: Page, running_app: RunningApp) -> None:
    open_app(page, running_app)
    page.click("button.language-switch")
    expect(page.locator("[data-quick-exit]")).to_have_text(
        re.compile(r"^✕\s*Quick exit$"), use_inner_text=True
    )


def test_tapping_quick_exit_hides_the_page_clears_the_tab_and_replaces_history(
    page: Page, running_app: RunningApp, other_site: OtherSite
) -> None:
    page.add_init_script(EXIT_PROBE % json.dumps(running_app.url))
    open_app(page, running_app, "/hulp")
    page.evaluate("sessionStorage.setItem('probe', 'something from this visit')")
    assert "probe" in page.evaluate("Object.keys(sessionStorage)")
    length_before = page.evaluate("history.length")

    page.locator("[data-quick-exit]").click()
    page.wait_for_url(other_site.neutral_url)

    assert page.evaluate("history.length") == length_before  # replaced, not pushed
    assert session_storage_of_app(page, running_app) == []
    probe = json.loads(page.evaluate("localStorage.getItem('exit-probe')"))
    assert probe == {"title": "Nieuw tabblad", "visibility": "hidden"}


def test_three_shifts_within_five_seconds_exit(
    page: Page, running_app: RunningApp, other_site: OtherSite
) -> None:
    open_app(page, running_app, "/over")
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url(other_site.neutral_url)


def test_two_escapes_within_one_second_exit(
    page: Page, running_app: RunningApp, other_site: OtherSite
) -> None:
    open_app(page, running_app, "/veilig")
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    page.wait_for_url(other_site.neutral_url)


def test_slow_escapes_and_interrupted_shifts_do_not_exit(
    page: Page, running_app: RunningApp
) -> None:
    open_app(page, running_app)
    page.keyboard.press("Escape")
    page.wait_for_timeout(1200)
    page.keyboard.press("Escape")
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.keyboard.press("a")
    page.keyboard.press("Shift")
    page.wait_for_timeout(500)
    assert page.url == running_app.url + "/"


@pytest.mark.parametrize(
    "field", ["<input type='text'>", "<textarea></textarea>", "<div contenteditable='true'>x</div>"]
)
def test_keys_do_not_exit_while_typing_in_a_field(
    page: Page, running_app: RunningApp, field: str
) -> None:
    open_app(page, running_app)
    page.evaluate(
        "html => { const box = document.createElement('div'); box.innerHTML = html;"
        " document.querySelector('main').prepend(box); box.firstElementChild.id = 'typing'; }",
        field,
    )
    page.focus("#typing")
    for key in ["Shift", "Shift", "Shift", "Escape", "Escape"]:
        page.keyboard.press(key)
    page.keyboard.type("Hallo")
    page.wait_for_timeout(500)
    assert page.url == running_app.url + "/"
    expect(page.locator("h1")).to_be_visible()


def test_quick_exit_works_as_a_plain_link_before_scripts_run(
    browser_without_scripts: Page, running_app: RunningApp, other_site: OtherSite
) -> None:
    page = browser_without_scripts
    page.goto(running_app.url + "/hulp")
    page.click("[data-quick-exit]")
    page.wait_for_url(other_site.neutral_url)


@pytest.fixture
def browser_without_scripts(browser: Browser, running_app: RunningApp) -> Iterator[Page]:
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    yield context.new_page()
    context.close()

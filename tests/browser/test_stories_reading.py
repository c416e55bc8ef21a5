"""Reading stories without an account, on a phone: the list (newest first, filters,
paging), a story with its warnings first, "this helped me", the language switch that
carries over to the app's other pages (cookie and localStorage), quick exit, and no
history entries anywhere."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlalchemy.orm import sessionmaker

from peersupport.database import make_engine
from peersupport.models import Account, Story
from peersupport.services import stories
from peersupport.settings import load_settings
from tests.browser.conftest import DESKTOP, PHONE, OtherSite, RunningApp, wait_until_hydrated
from tests.browser.test_pages import SCREENSHOTS, axe_violations

BODY = """Ik was vijftien toen iemand online heel aardig tegen me deed. Hij zei dat hij
zestien was en dat hij me snapte.

Na een paar weken vroeg hij om foto's. Toen begon hij te dreigen.

## Wat hielp

- Ik heb het aan mijn oom verteld.
- We hebben samen Helpwanted gebeld.

> Het was niet mijn schuld. Dat weet ik nu.

Als dit jou ook overkomt: **je bent niet stom geweest**. Praat met iemand."""
WARNED_TITLE = "Hoe ik eruit kwam"
STORY_COUNT = stories.PAGE_SIZE + 3


@dataclass(frozen=True)
class Seeded:
    """What the test put in the app's database; titles newest first."""

    titles: tuple[str, ...]
    languages: dict[str, str]
    themes: dict[str, str]
    warned_id: int
    plain_id: int


def seed_title(number: int) -> str:
    return WARNED_TITLE if number == STORY_COUNT - 1 else f"Leesverhaal {number:02}"


@pytest.fixture(scope="module")
def seeded(running_app: RunningApp, app_env: dict[str, str]) -> Iterator[Seeded]:
    """Published stories in the running app's database. Their publication times lie
    ahead of anything other tests publish, so they are the newest in every list."""
    engine = make_engine(load_settings(env=app_env).database_url)
    start = datetime.now(UTC) + timedelta(days=30)
    languages, themes, ids = {}, {}, {}
    with sessionmaker(engine, expire_on_commit=False)() as session:
        author = Account(
            pseudonym="Verteller",
            pseudonym_key="verteller-leestest",
            kdf_params="{}",
            auth_hash="-",
            wrapped_dk="-",
            recovery_auth_hash="-",
            wrapped_dk_rc="-",
            created_month=date(2026, 11, 1),
        )
        session.add(author)
        session.flush()
        for number in range(STORY_COUNT):
            title = seed_title(number)
            languages[title] = "en" if number % 5 == 1 else "nl"
            themes[title] = "sextortion" if number % 3 == 0 else "shame"
            story = Story(
                author_id=author.id,
                state="pending",
                language=languages[title],
                title=title,
                body=BODY,
                themes=themes[title],
                warnings="violence,blackmail" if title == WARNED_TITLE else "",
                created_at=start,
                updated_at=start,
            )
            session.add(story)
            session.flush()
            stories.publish(session, story, start + timedelta(minutes=number))
            ids[title] = story.id
        session.commit()
    engine.dispose()
    titles = tuple(seed_title(number) for number in reversed(range(STORY_COUNT)))
    yield Seeded(
        titles=titles,
        languages=languages,
        themes=themes,
        warned_id=ids[WARNED_TITLE],
        plain_id=ids[seed_title(STORY_COUNT - 2)],
    )


def card_titles(page: Page) -> list[str]:
    return page.locator(".story-card__title").all_inner_texts()


def history_length(page: Page) -> int:
    return int(page.evaluate("history.length"))


def open_stories(page: Page, app: RunningApp) -> None:
    """Into the app on its home page, then to the stories the way a boy gets there."""
    page.goto(app.url + "/")
    wait_until_hydrated(page)
    page.locator(".bottom-nav").get_by_role("link", name="Lezen").click()
    page.wait_for_url(app.url + "/verhalen")
    expect(page.locator("main h1")).to_have_text("Verhalen", use_inner_text=True)


def test_the_list_shows_the_newest_first_and_pages_on_without_history(
    page: Page, running_app: RunningApp, seeded: Seeded
) -> None:
    open_stories(page, running_app)
    length = history_length(page)

    first = card_titles(page)
    assert first == list(seeded.titles[: stories.PAGE_SIZE])

    page.get_by_role("link", name="Meer verhalen").click()
    page.wait_for_url(re.compile(r"/verhalen\?na="))
    assert card_titles(page)[:3] == list(seeded.titles[stories.PAGE_SIZE :])
    page.get_by_role("link", name="Terug naar de nieuwste verhalen").click()
    page.wait_for_url(running_app.url + "/verhalen")

    assert card_titles(page)[0] == seeded.titles[0]
    assert history_length(page) == length


def test_the_theme_and_language_filters_work_without_history(
    page: Page, running_app: RunningApp, seeded: Seeded
) -> None:
    open_stories(page, running_app)
    length = history_length(page)

    # The address carries the theme's number, never its name (the history shows it).
    page.get_by_role("combobox", name="Thema").select_option(label="Sextortion")
    page.get_by_role("button", name="Toon verhalen").click()
    page.wait_for_url(running_app.url + "/verhalen?thema=3")
    expected = [title for title in seeded.titles if seeded.themes[title] == "sextortion"]
    assert card_titles(page)[: len(expected)] == expected
    expect(page.get_by_role("combobox", name="Thema")).to_have_value("3")

    page.get_by_role("combobox", name="Taal").select_option("en")
    page.get_by_role("button", name="Toon verhalen").click()
    page.wait_for_url(running_app.url + "/verhalen?thema=3&taal=en")
    expected = [title for title in expected if seeded.languages[title] == "en"]
    assert expected
    assert card_titles(page)[: len(expected)] == expected
    for title in card_titles(page):
        assert title not in seeded.languages or seeded.languages[title] == "en"

    assert history_length(page) == length


def test_a_story_with_warnings_shows_them_first_and_the_text_after_read_anyway(
    page: Page, running_app: RunningApp, seeded: Seeded
) -> None:
    open_stories(page, running_app)
    length = history_length(page)
    page.get_by_role("link", name=WARNED_TITLE).click()
    page.wait_for_url(f"{running_app.url}/verhalen/{seeded.warned_id}")

    expect(page).to_have_title("Kompas · Lezen")  # never the story's title
    expect(page.get_by_text("Dit verhaal gaat over: geweld, chantage.")).to_be_visible()
    expect(page.get_by_text("Ik was vijftien")).to_be_hidden()
    read = page.get_by_role("button", name="Toch lezen")
    expect(read).to_have_attribute("aria-expanded", "false")

    read.focus()
    page.keyboard.press("Enter")

    expect(page.get_by_text("Ik was vijftien")).to_be_visible()
    assert page.evaluate("document.activeElement.id") == "story-reading"
    expect(page.get_by_role("button", name="Toch lezen")).to_be_hidden()
    page.get_by_role("link", name="Terug").first.click()
    page.wait_for_url(running_app.url + "/verhalen")
    assert history_length(page) == length


def test_a_story_without_warnings_shows_its_text_at_once(
    page: Page, running_app: RunningApp, seeded: Seeded
) -> None:
    page.goto(f"{running_app.url}/verhalen/{seeded.plain_id}")

    expect(page.get_by_text("Ik was vijftien")).to_be_visible()
    expect(page.get_by_role("button", name="Toch lezen")).to_have_count(0)
    expect(page.locator(".route-card")).to_have_count(3)


def test_without_scripts_the_warnings_come_first_and_the_text_is_still_there(
    browser: Browser, running_app: RunningApp, seeded: Seeded
) -> None:
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{running_app.url}/verhalen/{seeded.warned_id}")

        expect(page.get_by_text("Dit verhaal gaat over: geweld, chantage.")).to_be_visible()
        expect(page.get_by_text("Ik was vijftien")).to_be_visible()
        expect(page.get_by_role("button", name="Toch lezen")).to_be_hidden()
        expect(page.get_by_role("button", name="Dit hielp me")).to_be_hidden()
    finally:
        context.close()


def test_this_helped_me_counts_once_per_browser(
    page: Page, running_app: RunningApp, seeded: Seeded
) -> None:
    page.goto(f"{running_app.url}/verhalen/{seeded.plain_id}")
    count = page.locator("[data-helped-count]:visible")
    before = int(count.inner_text())
    button = page.get_by_role("button", name="Dit hielp me")

    button.click()

    expect(page.get_by_role("status")).to_have_text(
        "Dank je! Fijn dat dit verhaal je hielp.", use_inner_text=True
    )
    expect(count).to_have_text(str(before + 1), use_inner_text=True)
    expect(button).to_be_disabled()
    key = page.evaluate("localStorage.getItem('ps-browser')")
    assert re.fullmatch(r"[A-Za-z0-9_-]{43}", key)

    page.reload()
    expect(count).to_have_text(str(before + 1), use_inner_text=True)
    page.get_by_role("button", name="Dit hielp me").click()

    expect(page.get_by_role("status")).to_contain_text(
        "Je had dit al laten weten", use_inner_text=True
    )
    expect(count).to_have_text(str(before + 1), use_inner_text=True)


def test_quick_exit_deletes_the_this_helped_me_key(
    page: Page, running_app: RunningApp, other_site: OtherSite, seeded: Seeded
) -> None:
    page.goto(f"{running_app.url}/verhalen/{seeded.plain_id}")
    page.get_by_role("button", name="Dit hielp me").click()
    expect(page.get_by_role("status")).not_to_be_empty()
    assert page.evaluate("localStorage.getItem('ps-browser')")

    page.locator("[data-quick-exit]").click()
    page.wait_for_url(other_site.neutral_url)
    page.goto(f"{running_app.url}/verhalen")

    assert page.evaluate("localStorage.getItem('ps-browser')") is None


def test_quick_exit_is_first_and_leaves_with_back_going_before_the_app(
    page: Page, running_app: RunningApp, other_site: OtherSite, seeded: Seeded
) -> None:
    page.goto(other_site.before_url)
    page.click("#to-app")
    page.wait_for_url(running_app.url + "/")
    wait_until_hydrated(page)
    page.locator(".bottom-nav").get_by_role("link", name="Lezen").click()
    page.wait_for_url(running_app.url + "/verhalen")
    page.get_by_role("link", name=WARNED_TITLE).click()
    page.wait_for_url(f"{running_app.url}/verhalen/{seeded.warned_id}")

    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('data-quick-exit')") == "true"
    button = page.locator("[data-quick-exit]")
    expect(button).to_have_text(re.compile(r"^✕\s*Snel weg$"), use_inner_text=True)
    box = button.bounding_box()
    assert box is not None and box["y"] > 740 / 2 and box["y"] + box["height"] <= 740

    button.click()
    page.wait_for_url(other_site.neutral_url)
    page.go_back()
    page.wait_for_url(other_site.before_url)


def test_escape_twice_leaves_a_story_page(
    page: Page, running_app: RunningApp, other_site: OtherSite, seeded: Seeded
) -> None:
    page.goto(f"{running_app.url}/verhalen/{seeded.plain_id}")
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    page.wait_for_url(other_site.neutral_url)


def language_cookie(page: Page) -> str | None:
    for cookie in page.context.cookies():
        if cookie["name"] == "ps-lang":
            return cookie["value"]
    return None


def test_the_language_choice_carries_over_between_story_pages_and_the_app(
    page: Page, running_app: RunningApp, seeded: Seeded
) -> None:
    open_stories(page, running_app)
    assert language_cookie(page) is None  # no choice made, no trace
    length = history_length(page)

    page.get_by_role("button", name="Switch to English").click()
    expect(page.locator("main h1")).to_have_text("Stories", use_inner_text=True)
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page).to_have_title("Kompas · Reading")
    expect(page.locator("[data-quick-exit]")).to_have_text(
        re.compile(r"^✕\s*Quick exit$"), use_inner_text=True
    )
    expect(page.get_by_role("button", name="Schakel over naar Nederlands")).to_be_visible()
    assert page.evaluate("localStorage.getItem('ps-lang')") == "en"
    assert language_cookie(page) == "en"
    assert history_length(page) == length

    page.locator(".bottom-nav").get_by_role("link", name="Help").click()
    page.wait_for_url(running_app.url + "/hulp")
    wait_until_hydrated(page)
    expect(page.locator("main h1")).to_have_text("Help", use_inner_text=True)

    page.click("button.language-switch")
    expect(page.locator("main h1")).to_have_text("Hulp", use_inner_text=True)
    page.wait_for_function("document.cookie.includes('ps-lang=nl')")
    page.locator(".bottom-nav").get_by_role("link", name="Lezen").click()
    page.wait_for_url(running_app.url + "/verhalen")
    expect(page.locator("main h1")).to_have_text("Verhalen", use_inner_text=True)
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page).to_have_title("Kompas · Lezen")

    # Chosen on an app page, the story pages come in that language too.
    page.locator(".bottom-nav").get_by_role("link", name="Hulp").click()
    page.wait_for_url(running_app.url + "/hulp")
    wait_until_hydrated(page)
    page.click("button.language-switch")
    expect(page.locator("main h1")).to_have_text("Help", use_inner_text=True)
    page.wait_for_function("document.cookie.includes('ps-lang=en')")
    page.locator(".bottom-nav").get_by_role("link", name="Stories").click()
    page.wait_for_url(running_app.url + "/verhalen")
    expect(page.locator("main h1")).to_have_text("Stories", use_inner_text=True)
    page.get_by_role("link", name=WARNED_TITLE).click()
    page.wait_for_url(f"{running_app.url}/verhalen/{seeded.warned_id}")
    expect(page.get_by_text("This story is about: violence, blackmail.")).to_be_visible()
    expect(page.get_by_role("button", name="Read anyway")).to_be_visible()
    assert history_length(page) == length


def test_a_choice_kept_only_in_local_storage_still_gives_the_story_in_that_language(
    page: Page, running_app: RunningApp, seeded: Seeded
) -> None:
    page.goto(running_app.url + "/over")
    wait_until_hydrated(page)
    page.evaluate("localStorage.setItem('ps-lang', 'en')")
    length = history_length(page)

    page.goto(f"{running_app.url}/verhalen/{seeded.plain_id}")

    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("button", name="This helped me")).to_be_visible()
    assert language_cookie(page) == "en"
    assert history_length(page) == length + 1  # the goto's own entry, none for the reload
    page.wait_for_function("sessionStorage.getItem('ps-lang-reload') === null")


def test_a_bad_address_gets_a_friendly_page_in_the_frame(
    page: Page, running_app: RunningApp
) -> None:
    response = page.goto(running_app.url + "/verhalen?thema=bestaat-niet")
    assert response is not None and response.status == 400
    expect(page.locator("main h1")).to_have_text("Dat lukte niet", use_inner_text=True)

    response = page.goto(running_app.url + "/verhalen/987654")
    assert response is not None and response.status == 404
    expect(page.locator("main h1")).to_have_text("Verhaal niet gevonden", use_inner_text=True)
    expect(page.locator(".bottom-nav a[aria-current='page']")).to_have_text(
        "Lezen", use_inner_text=True
    )


@pytest.mark.parametrize("language", ["nl", "en"])
def test_story_pages_are_accessible_and_photographed(
    page: Page, running_app: RunningApp, seeded: Seeded, language: str
) -> None:
    if language == "en":
        page.add_init_script("localStorage.setItem('ps-lang', 'en')")
    shots = [
        ("stories-list", "/verhalen", None),
        ("stories-story-warning", f"/verhalen/{seeded.warned_id}", None),
        ("stories-story", f"/verhalen/{seeded.warned_id}", "[data-read-anyway]"),
        ("stories-story-end", f"/verhalen/{seeded.plain_id}", "[data-helped]"),
    ]
    for name, path, click in shots:
        page.goto(running_app.url + path)
        expect(page.locator("html")).to_have_attribute("lang", language)
        if click:
            page.locator(click).click()
        if name == "stories-story-end":
            page.locator(".story-helped").scroll_into_view_if_needed()
            expect(page.get_by_role("status")).not_to_be_empty()
        assert axe_violations(page) == [], f"{name} ({language})"
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{name}-{language}-360x740.png"))


def test_the_list_is_accessible_at_desktop_size(
    page: Page, running_app: RunningApp, seeded: Seeded
) -> None:
    page.set_viewport_size(DESKTOP)
    page.goto(running_app.url + "/verhalen")

    assert axe_violations(page) == []
    expect(page.locator(".bottom-nav").get_by_role("link", name="Over")).to_be_visible()
    page.screenshot(path=str(SCREENSHOTS / "stories-list-nl-desktop.png"))

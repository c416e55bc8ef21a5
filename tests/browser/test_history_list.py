"""The browser's history list after a walk through the app, read from the `History`
database of a real (throw-away) Chromium profile after closing it, and checked against
what the safe-use page tells a boy about it.

Session history (Back) is not the history list: every new address a tab shows becomes
a row there, also when the app replaces the address, and Chromium renames every row of
a chain of replaced addresses to the newest title. So the rows must carry only neutral
titles and addresses without a topic word.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Page, Playwright, expect
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from peersupport.models import Story
from peersupport.services import stories
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, PHONE, RunningApp, wait_until_hydrated
from tests.browser.test_accounts_notes import unique
from tests.browser.test_boards import published_thread, staff_member
from tests.browser.test_traces import VOCABULARY
from tests.browser.test_writing import database  # noqa: F401
from tests.unit.conftest import add_account

STORY_TITLE = "Mijn lijf reageerde, maar ik wilde het niet"
THREAD_TITLE = "Hoe vertel ik het aan mijn broer over die man van de chat"
# What must never be in an address or a title of the history list.
TOPIC = re.compile(
    r"grooming|sextortion|uitbuiting|exploit|abuse|misbruik|seks|sex|loverboy|coming-out|"
    r"hulp-zoeken|lichaam|chat",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Walked:
    rows: list[tuple[str, str]]  # (address, title) of every row in the history list
    visits: int
    addresses: list[str]  # the addresses the walk showed, in order


def published_story(db: Session, title: str, now: datetime) -> Story:
    """A story by a new author, published at `now`."""
    author = add_account(db, unique("Verteller"))
    story = Story(
        author_id=author.id,
        state="pending",
        language="nl",
        title=title,
        body="Ik was vijftien. Het was niet mijn schuld.",
        themes="shame",
        warnings="",
        created_at=now,
        updated_at=now,
    )
    db.add(story)
    db.flush()
    stories.publish(db, story, now)
    return story


@pytest.fixture
def content(database: sessionmaker[Session]) -> tuple[int, int]:  # noqa: F811
    """A published story and an approved thread, with titles a boy could write. The
    story is the newest, so it is the first on the list even where an earlier test of
    this app published stories dated ahead."""
    with database.begin() as db:
        newest = db.scalar(select(func.max(Story.published_at)))
        now = datetime.now(UTC)
        if newest is not None:
            now = max(now, newest.replace(tzinfo=newest.tzinfo or UTC) + timedelta(minutes=1))
        story = published_story(db, STORY_TITLE, now)
        thread_id, _ = published_thread(db, staff_member(db), "vragen", THREAD_TITLE)
        return story.id, thread_id


def follow(page: Page, href: str) -> None:
    """Tap the first link to `href` on the page, as a boy would."""
    link = page.locator(f"a[href='{href}']:not([data-open-remove-traces]):visible").first
    link.click()  # scrolls to it, and waits while it re-renders


def walk(
    playwright: Playwright, app: RunningApp, profile: Path, story_id: int, thread_id: int
) -> Walked:
    context = playwright.chromium.launch_persistent_context(
        profile, executable_path=CHROMIUM, args=CHROMIUM_ARGS, viewport=PHONE
    )
    page = context.pages[0] if context.pages else context.new_page()
    addresses: list[str] = []

    def arrived(path: str, server_page: bool = False) -> None:
        # A typed address of an app page gets a "/" added by the server (/hulp -> /hulp/).
        route, _, query = path.partition("?")
        wanted = (
            re.escape(app.url + route.rstrip("/")) + "/?" + re.escape("?" + query if query else "")
        )
        page.wait_for_url(re.compile(f"^{wanted}$"))
        if not server_page:
            wait_until_hydrated(page)
        addresses.append(page.url)

    page.goto(f"{app.url}/")
    arrived("/")
    follow(page, "/verhalen")  # home
    arrived("/verhalen", server_page=True)
    follow(page, f"/verhalen/{story_id}")  # a story
    arrived(f"/verhalen/{story_id}", server_page=True)
    follow(page, "/hulp")  # help, from the bottom navigation
    arrived("/hulp", server_page=True)
    page.goto(f"{app.url}/prikbord")  # the boards (typed, as from a bookmark)
    arrived("/prikbord")
    follow(page, "/prikbord/bord?nr=1")  # a board
    arrived("/prikbord/bord?nr=1")
    follow(page, f"/prikbord/onderwerp?id={thread_id}")  # a thread
    arrived(f"/prikbord/onderwerp?id={thread_id}")
    page.goto(f"{app.url}/zelftest")  # typed
    arrived("/zelftest")
    follow(page, "/zelftest/1")  # a self-test
    arrived("/zelftest/1")
    page.locator(".bottom-nav summary").click()  # "Meer", the menu's sheet on a phone
    follow(page, "/veilig")  # safe use
    arrived("/veilig", server_page=True)
    expect(page.locator("main h1")).to_have_text("Veilig gebruiken")
    context.close()

    history = sqlite3.connect(profile / "Default" / "History")
    try:
        rows = [(url, title) for url, title in history.execute("SELECT url, title FROM urls")]
        (visits,) = history.execute("SELECT count(*) FROM visits").fetchone()
    finally:
        history.close()
    return Walked(rows=rows, visits=int(visits), addresses=addresses)


@pytest.fixture
def walked(
    playwright_instance: Playwright,
    running_app: RunningApp,
    tmp_path: Path,
    content: tuple[int, int],
) -> Iterator[Walked]:
    story_id, thread_id = content
    yield walk(playwright_instance, running_app, tmp_path / "profile", story_id, thread_id)


def test_the_history_list_holds_one_neutral_row_per_page_and_no_topic(walked: Walked) -> None:
    app_rows = [(url, title) for url, title in walked.rows if url.startswith("http://localhost")]

    # One row for each page opened, as the safe-use page says.
    assert sorted(url for url, _ in app_rows) == sorted(set(walked.addresses))
    for url, title in app_rows:
        assert title in VOCABULARY, (url, title)
        assert not TOPIC.search(url), url
        assert STORY_TITLE not in title and THREAD_TITLE not in title
    print(f"\nhistory rows after a walk through {len(walked.addresses)} pages: {len(app_rows)}")
    print(f"visits recorded: {walked.visits}")
    for url, title in app_rows:
        print(f"  {title:<22} {url}")


def test_the_safe_use_page_says_what_the_history_shows(
    page: Page, running_app: RunningApp, walked: Walked
) -> None:
    page.goto(f"{running_app.url}/veilig")
    wait_until_hydrated(page)
    text = page.locator("main").inner_text()
    rows = len([url for url, _ in walked.rows if url.startswith("http://localhost")])

    # What the page claims is what the walk left: a row per page, neutral titles.
    assert rows == len(set(walked.addresses))
    assert "een regel voor elke pagina die je opent" in text.lower()
    assert "‘Kompas’" in text and "‘Kompas · Lezen’" in text
    assert "Privé" in text or "incognito" in text

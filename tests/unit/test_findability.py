"""What search engines may find: the meta of each address, robots.txt, sitemap.xml, a
story page's robots line following its author's choice, and who may make that choice."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy.orm import Session
from starlette.testclient import TestClient

from peersupport.components.page_meta import (
    ROBOTS_INDEX,
    ROBOTS_NOINDEX,
    is_private,
    page_meta,
)
from peersupport.http.first_aid import first_aid_document
from peersupport.http.traces import offline_document
from peersupport.models import Account, ModerationItem, Story
from peersupport.services import moderation, story_findability
from peersupport.services.errors import InvalidInput, NotAuthorized
from peersupport.settings import load_settings
from peersupport.translations import translate

from .conftest import NOW, add_account, queue_story

BODY = (
    "Ik was vijftien toen iemand online heel aardig tegen me deed. Pas veel later "
    "begreep ik dat het niet mijn schuld was. Praten hielp me echt."
)
EXIT_URL = "https://www.buienradar.nl/"
INDEXABLE = ["/", "/verhalen", "/hulp", "/zelftest", "/zelftest/1", "/over", "/veilig", "/stappen"]
NOT_INDEXABLE = [
    "/prikbord",
    "/prikbord/bord?nr=1",
    "/prikbord/onderwerp?id=3",
    "/prikbord/bord/schrijven?nr=1",
    "/prikbord/onderwerp/reageren?id=3",
    "/notities",
    "/account",
    "/inloggen",
    "/aanmelden",
    "/herstellen",
    "/schrijven",
    "/mijn-verhalen",
    "/moderatie",
    "/moderatie/logboek",
    "/beheer",
    "/kort",
    "/offline",
    "/404",
    "/verhalen/0",
    "/verhalen/abc",
]


def sent_story(db: Session, author: Account, title: str = "Wat er gebeurde") -> int:
    story_id = queue_story(db, author, title, BODY, keep_findings=False).story_id
    assert story_id is not None
    return story_id


def approve(db: Session, moderator: Account, story_id: int, minutes: int = 1) -> None:
    item = db.query(ModerationItem).filter_by(story_id=story_id, state="pending").one()
    moderation.approve_item(db, moderator, item.id, NOW + timedelta(minutes=minutes))
    db.commit()


@pytest.fixture
def other(db: Session) -> Account:
    return add_account(db, "Ander")


# --- the meta of each address ------------------------------------------------------------


@pytest.mark.parametrize("path", INDEXABLE)
def test_the_pages_meant_to_be_found_are_indexed_with_a_description(path: str) -> None:
    meta = page_meta(path)

    assert meta.robots == ROBOTS_INDEX
    assert meta.description_key is not None
    for language in ("nl", "en"):
        description = translate(language, meta.description_key)
        assert 50 <= len(description) <= 160
    assert page_meta(path + "/").robots == ROBOTS_INDEX  # the same page without a redirect


@pytest.mark.parametrize("path", NOT_INDEXABLE)
def test_pages_with_members_words_or_accounts_are_never_indexed(path: str) -> None:
    meta = page_meta(path, story_shared=True)  # the story choice counts on story pages only

    assert meta.robots == ROBOTS_NOINDEX
    assert not meta.indexable


def test_a_story_page_is_indexed_only_when_its_author_shared_it() -> None:
    assert page_meta("/verhalen/12").robots == ROBOTS_NOINDEX
    assert page_meta("/verhalen/12", story_shared=True).robots == ROBOTS_INDEX
    assert page_meta("/verhalen/12").description_key == "findable.story"


def test_the_server_pages_carry_their_meta_in_their_language() -> None:
    dutch = first_aid_document(EXIT_URL, "nl")
    english = first_aid_document(EXIT_URL, "en")
    offline = offline_document(EXIT_URL, "nl")

    assert '<meta name="robots" content="index, follow">' in dutch
    description = translate("nl", "findable.first_aid").replace("'", "&#x27;")
    assert f'<meta name="description" content="{description}">' in dutch
    assert translate("en", "findable.first_aid").replace("'", "&#x27;") in english
    assert english.startswith('<!DOCTYPE html><html lang="en"')
    assert '<meta name="robots" content="noindex, nofollow">' in offline
    assert 'name="description"' not in offline


# --- robots.txt and sitemap.xml --------------------------------------------------------------


def test_robots_txt_closes_the_members_sections_and_names_the_sitemap(client: TestClient) -> None:
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    lines = response.text.splitlines()
    assert lines[0] == "User-agent: *"
    disallowed = [line.removeprefix("Disallow: ") for line in lines if line.startswith("Disallow")]
    for path in ["/prikbord", "/notities", "/schrijven", "/mijn-verhalen", "/moderatie", "/kort"]:
        assert path in disallowed
    for path in [*INDEXABLE, "/verhalen/12"]:
        assert not any(path == d or path.startswith(d.rstrip("/") + "/") for d in disallowed)
        assert not is_private(path)
    assert f"Sitemap: {load_settings().public_url}/sitemap.xml" in lines


def sitemap_locations(client: TestClient) -> list[str]:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/xml")
    return re.findall(r"<loc>([^<]+)</loc>", response.text)


def test_the_sitemap_lists_the_pages_and_the_shared_stories_only(
    client: TestClient, db: Session, author: Account, moderator: Account
) -> None:
    shared = sent_story(db, author, "Gedeeld")
    story_findability.set_indexable(db, author, shared, True)
    approve(db, moderator, shared)
    kept_in = sent_story(db, author, "Niet gedeeld")
    approve(db, moderator, kept_in, minutes=2)
    waiting = sent_story(db, author, "Wacht nog")
    story_findability.set_indexable(db, author, waiting, True)
    db.commit()

    base = load_settings().public_url
    locations = sitemap_locations(client)

    for path in INDEXABLE:
        assert base + ("" if path == "/" else path) in locations or base + path in locations
    assert f"{base}/stappen?taal=en" in locations
    assert f"{base}/verhalen/{shared}" in locations
    assert f"{base}/verhalen/{kept_in}" not in locations  # published, not shared
    assert f"{base}/verhalen/{waiting}" not in locations  # shared, not published yet
    for location in locations:
        assert location.startswith(base + "/")
        assert page_meta(location.removeprefix(base), story_shared=True).indexable
        assert not is_private(location.removeprefix(base))
        assert "prikbord" not in location and "notities" not in location


def test_a_story_page_says_what_its_author_chose(
    client: TestClient, db: Session, author: Account, moderator: Account
) -> None:
    story_id = sent_story(db, author)
    approve(db, moderator, story_id)

    assert (
        '<meta name="robots" content="noindex, nofollow">'
        in client.get(f"/verhalen/{story_id}").text
    )

    story_findability.set_indexable(db, author, story_id, True)
    db.commit()
    page = client.get(f"/verhalen/{story_id}").text
    assert '<meta name="robots" content="index, follow">' in page
    assert 'name="description"' in page
    assert "<title>Kompas · Lezen</title>" in page  # the tab stays neutral

    assert '<meta name="robots" content="noindex, nofollow">' in client.get("/verhalen/999").text


# --- who decides ----------------------------------------------------------------------------


def test_a_new_story_is_not_shared_and_approval_does_not_change_his_choice(
    db: Session, author: Account, moderator: Account
) -> None:
    kept_in = sent_story(db, author, "Standaard nee")
    shared = sent_story(db, author, "Ja")
    story_findability.set_indexable(db, author, shared, True)
    approve(db, moderator, kept_in)
    approve(db, moderator, shared, minutes=2)

    assert db.get(Story, kept_in).indexable is False  # type: ignore[union-attr]
    assert db.get(Story, shared).indexable is True  # type: ignore[union-attr]
    assert [story.id for story in story_findability.shared_stories(db)] == [shared]


def test_only_the_author_changes_the_choice_for_his_own_story(
    db: Session, author: Account, other: Account, moderator: Account
) -> None:
    story_id = sent_story(db, author)
    approve(db, moderator, story_id)

    for someone in (other, moderator):
        with pytest.raises(NotAuthorized):
            story_findability.set_indexable(db, someone, story_id, True)
    assert db.get(Story, story_id).indexable is False  # type: ignore[union-attr]

    story_findability.set_indexable(db, author, story_id, True)
    assert db.get(Story, story_id).indexable is True  # type: ignore[union-attr]
    story_findability.set_indexable(db, author, story_id, False)
    assert db.get(Story, story_id).indexable is False  # type: ignore[union-attr]


@pytest.mark.parametrize("choice", [None, 1, "true", "yes", [True], {"x": True}])
def test_a_choice_that_is_not_true_or_false_is_refused(
    db: Session, author: Account, choice: object
) -> None:
    story_id = sent_story(db, author)

    with pytest.raises(InvalidInput) as refused:
        story_findability.set_indexable(db, author, story_id, choice)
    assert refused.value.code == "invalid_choice"


@pytest.mark.parametrize("story_id", [None, True, 0, -1, "1", 1.0, 2**40, [1]])
def test_a_hostile_story_id_is_not_his_story(
    db: Session, author: Account, story_id: object
) -> None:
    with pytest.raises(NotAuthorized):
        story_findability.set_indexable(db, author, story_id, True)

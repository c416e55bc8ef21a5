"""The server-rendered reading pages: escaped, in the visitor's language, in the app's frame,
with the right status for every kind of request; and "this helped me" over HTTP."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session
from starlette.testclient import TestClient

from peersupport.http.public_routes import public_routes
from peersupport.http.story_html import (
    ListQuery,
    list_document,
    message_document,
    story_document,
)
from peersupport.http.stylesheet import subset
from peersupport.models import Account, Story
from peersupport.services import stories
from peersupport.services.stories import PublishedStory, StoryCard
from peersupport.settings import load_settings

from .conftest import NOW, add_account

EXIT_URL = "https://www.buienradar.nl/"
HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'
BODY = (
    "Ik was vijftien toen iemand online heel aardig tegen me deed. Pas veel later "
    "begreep ik dat het niet mijn schuld was. Praten hielp me echt."
)
KEY_A, KEY_B = "A" * 43, "B" * 43


def card(**fields: object) -> StoryCard:
    values: dict[str, object] = {
        "id": 7,
        "title": "Wat er gebeurde",
        "language": "nl",
        "themes": ("sextortion",),
        "warnings": ("blackmail",),
        "reading_minutes": 3,
        "published_at": NOW,
    }
    values.update(fields)
    return StoryCard(**values)  # type: ignore[arg-type]


def published_story(**fields: object) -> PublishedStory:
    return PublishedStory(
        card=card(**fields),
        body_html="<p>Het begon <em>online</em>.</p>",
        helped_count=4,
        related=(card(id=8, title="Nog een verhaal"),),
    )


def body_of(document: str) -> str:
    """The page's markup."""
    return document.split("<body>", 1)[1].rsplit("</body>", 1)[0]


def visible_texts(document: str) -> set[str]:
    return set(re.findall(r">([^<>]+)<", body_of(document)))


# --- rendering, without a database ---------------------------------------------------------


def test_a_hostile_title_is_escaped_in_the_page_and_every_list_and_kept_out_of_the_tab() -> None:
    story = published_story(title=HOSTILE)
    documents = [
        story_document(story, EXIT_URL),
        list_document([story.card], None, ListQuery(), EXIT_URL),
    ]
    for document in documents:
        assert "<script>alert" not in document
        assert "<img src=x" not in document
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in document
    assert "<title>Kompas · Lezen</title>" in documents[0]


def test_the_story_html_from_the_service_is_inserted_as_it_is() -> None:
    document = story_document(published_story(), EXIT_URL)

    assert "<p>Het begon <em>online</em>.</p>" in document


PAIRS = [
    ("Verhalen", "Stories"),
    ("Snel weg", "Quick exit"),
    ("Naar de inhoud", "Skip to content"),
    ("Meer verhalen", "More stories"),
    ("3 min lezen", "3 min read"),
    ("Let op: chantage", "Heads-up: blackmail"),
]


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_interface_text_is_in_the_page_in_one_language(language: str) -> None:
    document = list_document([card()], "next", ListQuery(), EXIT_URL, language)

    texts = visible_texts(document)
    for dutch, english in PAIRS:
        assert (dutch if language == "nl" else english) in texts
        assert (english if language == "nl" else dutch) not in texts
    assert "Sextortion" in texts
    assert document.startswith(f'<!DOCTYPE html><html lang="{language}" data-server-page>')
    title = "Kompas · Lezen" if language == "nl" else "Kompas · Reading"
    assert f"<title>{title}</title>" in document
    assert "data-l=" not in document
    assert "data-i18n" not in document


def test_anything_but_english_is_rendered_in_dutch() -> None:
    document = story_document(published_story(), EXIT_URL, "de")

    assert '<html lang="nl"' in document
    assert ">Snel weg<" in document


def test_attributes_are_in_the_pages_language() -> None:
    dutch = story_document(published_story(), EXIT_URL)
    english = story_document(published_story(), EXIT_URL, "en")

    assert 'aria-label="Hoofdmenu"' in dutch
    assert 'aria-label="Main menu"' in english
    assert 'title="Leave this site at once.' in english
    assert "Hoofdmenu" not in english


def test_the_language_switch_offers_the_other_language() -> None:
    dutch = story_document(published_story(), EXIT_URL)
    english = story_document(published_story(), EXIT_URL, "en")

    assert (
        '<button type="button" class="language-switch" data-language-switch="en" '
        'aria-label="Switch to English" lang="en">English</button>'
    ) in dutch
    assert 'data-language-switch="nl" aria-label="Schakel over naar Nederlands" lang="nl">' in (
        english
    )


def test_the_frame_is_the_apps_frame_with_quick_exit_first() -> None:
    document = story_document(published_story(), EXIT_URL)

    assert document.startswith('<!DOCTYPE html><html lang="nl"')
    head = document.split("</head>", 1)[0]
    for tag in [
        '<meta name="theme-color" content="#2F5D62">',
        '<meta name="robots" content="noindex, nofollow">',
        '<meta name="referrer" content="no-referrer">',
        '<link rel="manifest" href="/manifest.webmanifest">',
        '<link rel="icon" href="/icons/logo.svg" type="image/svg+xml">',
        '<script defer src="/shell.js"></script>',
        '<script defer src="/story-page.js"></script>',
        f'<script data-exit-url="{EXIT_URL}">',
        "ps-lang=(nl|en)",
        ".quick-exit{",
    ]:
        assert tag in head
    assert "localStorage.getItem" not in head  # its first read can hold up the first paint
    assert "<script" not in body_of(document)
    assert body_of(document).startswith('<header class="app-header"><a class="quick-exit"')
    assert '<main id="main" class="page" tabindex="-1">' in document
    nav = document.split('<nav class="bottom-nav"', 1)[1]
    assert re.search(r'href="/verhalen" data-replace aria-current="page"', nav)
    assert nav.count('aria-current="page"') == 1


def test_the_header_and_navigation_icons_are_inline_and_hidden_from_screen_readers() -> None:
    body = body_of(story_document(published_story(), EXIT_URL))

    assert "<img" not in body  # each SVG <img> is a document the phone builds first
    icons = re.findall(r"<svg\b[^>]*>", body)
    # The logo, the eight navigation items, and on phones "Meer" with the three items of
    # its sheet (shown in the bar itself on wide screens).
    assert len(icons) == 1 + 8 + 1 + 3
    for icon in icons:
        assert 'aria-hidden="true"' in icon
        assert 'focusable="false"' in icon
        assert "aria-label" not in icon
        assert "role=" not in icon
    nav_icons = re.findall(r'<svg\b[^>]*class="bottom-nav__icon"[^>]*>', body)
    assert len(nav_icons) == 8 + 1 + 3
    assert all('width="24" height="24"' in icon for icon in nav_icons)


def test_every_internal_link_replaces_the_history_entry() -> None:
    for document in [
        story_document(published_story(), EXIT_URL),
        list_document([card()], "next", ListQuery(theme="shame"), EXIT_URL),
    ]:
        for link in re.findall(r"<a [^>]*>", body_of(document)):
            href = re.search(r'href="([^"]*)"', link)
            assert href is not None
            if href.group(1).startswith("/"):
                assert "data-replace" in link, link


def test_warnings_come_first_and_the_text_waits_for_read_anyway() -> None:
    document = story_document(published_story(warnings=("violence", "drugs")), EXIT_URL)

    caution = document.index("Dit verhaal gaat over: geweld, drugs.")
    english = story_document(published_story(warnings=("violence", "drugs")), EXIT_URL, "en")
    assert "This story is about: violence, drugs." in english
    assert caution < document.index("Het begon")
    assert 'data-read-anyway aria-controls="story-reading" aria-expanded="false"' in document
    assert '<div id="story-reading" class="story-reading" tabindex="-1" data-warned>' in document


def test_a_story_without_warnings_shows_its_text_at_once() -> None:
    page = body_of(story_document(published_story(warnings=()), EXIT_URL))

    assert "data-read-anyway" not in page
    assert "data-warned" not in page
    assert "Het begon" in page


def test_the_story_page_ends_with_help_routes_and_related_stories() -> None:
    document = story_document(published_story(warnings=("self_harm",)), EXIT_URL)

    assert 'href="/verhalen/8"' in document
    for name in ["Fier", "De Kindertelefoon", "Helpwanted", "113 Zelfmoordpreventie"]:
        assert f">{name}</h3>" in document
    assert 'href="tel:08000432"' in document
    assert 'rel="noopener noreferrer"' in document
    assert 'href="tel:112"' in document
    assert 'data-helped="/api/verhalen/7/hielp"' in document
    assert "<span data-helped-count>4</span>" in document


def test_a_story_in_another_language_is_marked_as_such() -> None:
    document = story_document(published_story(language="en"), EXIT_URL)

    assert '<h1 id="story-title" lang="en">' in document
    assert '<div class="story-text" lang="en">' in document


def test_the_list_marks_the_chosen_filters_and_keeps_them_when_paging() -> None:
    query = ListQuery(theme="shame", language="en")
    document = list_document([card()], "CURSOR", query, EXIT_URL)

    assert re.search(r'<option value="6" selected', document)  # "shame": a number
    assert re.search(r'<option value="en" selected', document)
    assert 'href="/verhalen?thema=6&amp;taal=en&amp;na=CURSOR"' in document


def test_an_empty_list_says_so_and_points_to_help() -> None:
    document = list_document([], None, ListQuery(), EXIT_URL)

    assert "Er zijn nog geen verhalen" in document
    assert 'href="/hulp" data-replace' in document
    assert "story-filter" not in body_of(document)


def test_a_filter_without_stories_offers_to_show_all() -> None:
    document = list_document([], None, ListQuery(theme="shame"), EXIT_URL)

    assert "Geen verhalen gevonden" in document
    assert 'href="/verhalen" data-replace>' in document


def test_a_message_page_has_the_frame_and_no_details() -> None:
    document = message_document("stories.not_found.title", "stories.not_found.text", EXIT_URL)

    assert "<h1>Verhaal niet gevonden</h1>" in document
    assert "data-quick-exit" in document


def test_the_inline_stylesheet_keeps_every_rule_that_can_match_the_page() -> None:
    css = """
    :root { --x: 1; }
    .used { color: red; }
    .unused, .used > p { margin: 0; }
    .unused .used { padding: 0; }
    a:not(.unused) { text-decoration: underline; }
    .page:has(.unused) { width: 1px; }
    @media (min-width: 900px) { .unused { top: 0; } .used { top: 1px; } }
    @media print { .unused { display: none; } }
    @layer base { [data-x] :is(h1, h2) { font-weight: inherit; } }
    @keyframes spin { to { transform: rotate(1turn); } }
    """

    kept = subset(css, frozenset({"used", "page"}))

    assert kept == (
        ":root{--x: 1;}.used{color: red;}.used > p{margin: 0;}"
        "a:not(.unused){text-decoration: underline;}.page:has(.unused){width: 1px;}"
        "@media (min-width: 900px){.used{top: 1px;}}"
        "@layer base{[data-x] :is(h1, h2){font-weight: inherit;}}"
        "@keyframes spin{to { transform: rotate(1turn); }}"
    )


def test_the_inline_stylesheet_leaves_out_other_pages_rules() -> None:
    document = story_document(published_story(), EXIT_URL)
    style = document.split("<style>", 1)[1].split("</style>", 1)[0]

    assert ".story-card__title a::after" in style
    assert ".quick-exit:hover" in style
    assert ".note-item" not in style
    assert "html.js .story-reading[data-warned]:not([data-open])" in style


# --- over HTTP, with a database ------------------------------------------------------------


def publish(
    db: Session,
    author: Account,
    title: str,
    minutes: int = 0,
    language: str = "nl",
    themes: tuple[str, ...] = ("shame",),
    warnings: tuple[str, ...] = (),
) -> int:
    story = Story(
        author_id=author.id,
        state="pending",
        language=language,
        title=title,
        body=BODY,
        themes=",".join(themes),
        warnings=",".join(warnings),
        created_at=NOW,
        updated_at=NOW,
    )
    db.add(story)
    db.flush()
    stories.publish(db, story, NOW + timedelta(minutes=minutes))
    db.commit()
    return story.id


@pytest.fixture
def author(db: Session) -> Account:
    account = add_account(db, "Schrijver")
    db.commit()
    return account


def titles(html: str) -> list[str]:
    return re.findall(r'<a href="/verhalen/\d+" data-replace lang="\w\w">([^<]*)</a>', html)


def test_the_list_shows_published_stories_newest_first(
    client: TestClient, db: Session, author: Account
) -> None:
    publish(db, author, "Oud", minutes=1)
    publish(db, author, "Nieuw", minutes=2)
    pending = Story(
        author_id=author.id, state="pending", language="nl", title="Nog niet",
        body=BODY, themes="shame", created_at=NOW, updated_at=NOW,
    )  # fmt: skip
    db.add(pending)
    db.commit()

    response = client.get("/verhalen")

    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert titles(response.text) == ["Nieuw", "Oud"]


def test_the_list_filters_by_theme_and_language(
    client: TestClient, db: Session, author: Account
) -> None:
    publish(db, author, "Schaamte", themes=("shame",))
    publish(db, author, "Sextortion", themes=("sextortion",), minutes=1)
    publish(db, author, "English", themes=("sextortion",), language="en", minutes=2)

    assert titles(client.get("/verhalen?thema=3").text) == ["English", "Sextortion"]
    assert titles(client.get("/verhalen?taal=nl").text) == ["Sextortion", "Schaamte"]
    assert titles(client.get("/verhalen?thema=3&taal=en").text) == ["English"]
    assert titles(client.get("/verhalen?thema=&taal=").text) == [
        "English",
        "Sextortion",
        "Schaamte",
    ]


def test_more_stories_pages_on_with_the_cursor(
    client: TestClient, db: Session, author: Account
) -> None:
    for number in range(stories.PAGE_SIZE + 2):
        publish(db, author, f"Verhaal {number:02}", minutes=number)

    first = client.get("/verhalen").text
    more = re.search(r'href="(/verhalen\?na=[^"]+)" data-replace>', first)
    assert more is not None
    second = client.get(more.group(1).replace("&amp;", "&")).text

    assert len(titles(first)) == stories.PAGE_SIZE
    assert titles(first)[0] == "Verhaal 21"
    assert titles(second) == ["Verhaal 01", "Verhaal 00"]
    assert "Meer verhalen" not in second


def test_an_empty_list_answers_200_with_the_empty_state(client: TestClient) -> None:
    response = client.get("/verhalen")

    assert response.status_code == 200
    assert "Er zijn nog geen verhalen" in response.text


@pytest.mark.parametrize(
    "query", ["thema=bestaat-niet", "taal=de", "na=%%%", "na=" + "x" * 500, "thema=<script>"]
)
def test_a_bad_filter_or_cursor_gets_a_friendly_400_in_the_frame(
    client: TestClient, query: str
) -> None:
    response = client.get(f"/verhalen?{query}")

    assert response.status_code == 400
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert "We snappen deze keuze niet" in response.text
    assert "data-quick-exit" in response.text
    assert "<script>alert" not in response.text
    assert "Traceback" not in response.text


def test_a_story_page_shows_the_published_story(
    client: TestClient, db: Session, author: Account
) -> None:
    story_id = publish(db, author, "Mijn verhaal", warnings=("violence",))

    response = client.get(f"/verhalen/{story_id}")

    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    # The tab (and so the browser's history) never shows a story's title.
    assert "<title>Kompas · Lezen</title>" in response.text
    assert "Mijn verhaal</h1>" in response.text
    assert "Dit verhaal gaat over: geweld." in response.text
    assert "Ik was vijftien" in response.text


@pytest.mark.parametrize(
    ("cookie", "language"), [("en", "en"), ("nl", "nl"), ("EN", "nl"), ("", "nl")]
)
def test_the_language_cookie_chooses_the_pages_language(
    client: TestClient, db: Session, author: Account, cookie: str, language: str
) -> None:
    story_id = publish(db, author, "Mijn verhaal", warnings=("violence",))
    client.cookies.set("ps-lang", cookie)

    story = client.get(f"/verhalen/{story_id}")
    listing = client.get("/verhalen")
    missing = client.get("/verhalen/999")

    for response in (story, listing, missing):
        assert response.text.startswith(f'<!DOCTYPE html><html lang="{language}"')
        assert "cookie" in response.headers["vary"]
    caution = "This story is about: violence." if language == "en" else "Dit verhaal gaat over"
    assert caution in story.text
    assert ("Story not found" if language == "en" else "Verhaal niet gevonden") in missing.text


@pytest.mark.parametrize("path", ["/verhalen/999", "/verhalen/0", "/verhalen/99999999999999"])
def test_an_unknown_story_gets_a_404_in_the_frame(client: TestClient, path: str) -> None:
    response = client.get(path)

    assert response.status_code == 404
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert "Verhaal niet gevonden" in response.text
    assert "data-quick-exit" in response.text


def test_an_unpublished_story_gets_a_404(client: TestClient, db: Session, author: Account) -> None:
    story_id = publish(db, author, "Teruggetrokken")
    stories.withdraw_story(db, author, story_id, NOW)
    db.commit()

    assert client.get(f"/verhalen/{story_id}").status_code == 404


def test_pages_are_gzipped_for_browsers_that_accept_it(
    client: TestClient, db: Session, author: Account
) -> None:
    story_id = publish(db, author, "Mijn verhaal")

    response = client.get(f"/verhalen/{story_id}", headers={"accept-encoding": "gzip"})

    assert response.headers["content-encoding"] == "gzip"
    assert "Ik was vijftien" in response.text  # decompressed by the client


def test_a_database_that_does_not_answer_gets_a_friendly_503() -> None:
    @contextmanager
    def broken() -> Iterator[Session]:
        raise OperationalError("SELECT", {}, Exception("gone"))
        yield  # pragma: no cover

    with TestClient(public_routes(broken, reads=broken)) as test_client:
        response = test_client.get("/verhalen")

    assert response.status_code == 503
    assert "De verhalen laden nu even niet" in response.text
    assert "gone" not in response.text


def test_the_health_route_is_still_served(client: TestClient) -> None:
    assert client.get("/api/health").status_code in (200, 503)


# --- "this helped me" ----------------------------------------------------------------------


def own_origin() -> str:
    return load_settings().public_origin


def token_from_page(client: TestClient, story_id: int) -> str:
    """The single-use token the story page carries for its "this helped me" button."""
    found = re.search(r'data-helped-token="([^"]+)"', client.get(f"/verhalen/{story_id}").text)
    assert found is not None
    return found.group(1)


def post_helped(
    client: TestClient, story_id: int, key: object, token: object = None, **headers: str
) -> Any:
    """POST as the story page does: its own Origin, a token read from the page."""
    body = {"key": key, "token": token_from_page(client, story_id) if token is None else token}
    return client.post(
        f"/api/verhalen/{story_id}/hielp", json=body, headers=headers or {"origin": own_origin()}
    )


def test_helped_counts_once_per_browser_and_again_for_another(
    client: TestClient, db: Session, author: Account
) -> None:
    story_id = publish(db, author, "Mijn verhaal")

    first = post_helped(client, story_id, KEY_A)
    again = post_helped(client, story_id, KEY_A, token="")
    other = post_helped(client, story_id, KEY_B, **{"sec-fetch-site": "same-origin"})

    assert (first.status_code, first.json()) == (200, {"count": 1, "counted": True})
    assert (again.status_code, again.json()) == (200, {"count": 1, "counted": False})
    assert (other.status_code, other.json()) == (200, {"count": 2, "counted": True})
    assert "<span data-helped-count>2</span>" in client.get(f"/verhalen/{story_id}").text


def test_helped_refuses_a_request_that_is_not_from_our_own_page(
    client: TestClient, db: Session, author: Account
) -> None:
    story_id = publish(db, author, "Mijn verhaal")

    refused = [
        post_helped(client, story_id, KEY_A, **headers).status_code
        for headers in (
            {"user-agent": "a script"},  # neither Origin nor Sec-Fetch-Site
            {"sec-fetch-site": "cross-site"},
            {"sec-fetch-site": "none"},
            {"origin": "https://evil.example", "sec-fetch-site": "same-origin"},
        )
    ]

    assert refused == [403, 403, 403, 403]
    assert "<span data-helped-count>0</span>" in client.get(f"/verhalen/{story_id}").text


def test_fresh_browser_keys_count_once_per_page_read(
    client: TestClient, db: Session, author: Account
) -> None:
    """A script making a new key for every count must read the page for every count."""
    story_id = publish(db, author, "Mijn verhaal")
    token = token_from_page(client, story_id)
    keys = [f"{letter}" * 43 for letter in "CDEFGH"]

    answers = [post_helped(client, story_id, key, token=token).status_code for key in keys]
    no_token = post_helped(client, story_id, "J" * 43, token="")

    assert answers == [200, 400, 400, 400, 400, 400]
    assert (no_token.status_code, no_token.json()) == (400, {"error": "invalid_token"})
    assert "<span data-helped-count>1</span>" in client.get(f"/verhalen/{story_id}").text


@pytest.mark.parametrize("key", ["short", "A" * 44, "A" * 42 + "+", None, 5, ["A" * 43]])
def test_helped_refuses_a_bad_key(
    client: TestClient, db: Session, author: Account, key: object
) -> None:
    story_id = publish(db, author, "Mijn verhaal")

    response = post_helped(client, story_id, key)

    assert response.status_code == 400


def test_helped_refuses_a_foreign_origin(client: TestClient, db: Session, author: Account) -> None:
    story_id = publish(db, author, "Mijn verhaal")

    for origin in ["https://evil.example", "null", own_origin() + ".evil.example"]:
        response = client.post(
            f"/api/verhalen/{story_id}/hielp", json={"key": KEY_A}, headers={"origin": origin}
        )
        assert response.status_code == 403
    assert client.get(f"/verhalen/{story_id}").text.count("<span data-helped-count>0</span>")


def test_helped_answers_404_for_an_unknown_story(client: TestClient) -> None:
    response = client.post(
        "/api/verhalen/999/hielp", json={"key": KEY_A}, headers={"origin": own_origin()}
    )

    assert response.status_code == 404
    assert response.json() == {"error": "not_found"}


def test_helped_refuses_an_oversized_body(client: TestClient, db: Session, author: Account) -> None:
    story_id = publish(db, author, "Mijn verhaal")
    body = '{"key": "' + KEY_A + '", "padding": "' + "x" * 2000 + '"}'

    response = client.post(
        f"/api/verhalen/{story_id}/hielp",
        content=body,
        headers={"content-type": "application/json", "origin": own_origin()},
    )

    assert response.status_code == 413


def test_helped_refuses_what_is_not_json(client: TestClient, db: Session, author: Account) -> None:
    story_id = publish(db, author, "Mijn verhaal")
    url = f"/api/verhalen/{story_id}/hielp"

    origin = {"origin": own_origin()}
    form = client.post(url, data={"key": KEY_A}, headers=origin)
    broken = client.post(
        url, content="{not json", headers={"content-type": "application/json", **origin}
    )
    a_list = client.post(url, json=[KEY_A], headers=origin)

    assert form.status_code == 415
    assert broken.status_code == 400
    assert a_list.status_code == 400


def test_helped_only_answers_post(client: TestClient, db: Session, author: Account) -> None:
    story_id = publish(db, author, "Mijn verhaal")

    assert client.get(f"/api/verhalen/{story_id}/hielp").status_code == 405


def test_the_story_page_links_to_reporting_it_inside_the_text_part() -> None:
    document = story_document(published_story(), EXIT_URL)
    link = '<a href="/verhalen/melden/?nr=7" data-replace>Meld het</a>'
    assert link in document
    # Inside the part a warned reader opens with "Toch lezen", after "Dit hielp me".
    assert document.index("data-helped=") < document.index(link)
    assert document.index(link) < document.index('id="story-help-title"')
    english = story_document(published_story(), EXIT_URL, "en")
    assert '<a href="/verhalen/melden/?nr=7" data-replace>Report it</a>' in english

"""Reading a board and a thread as pages from the server: only published words, every
member's word escaped, never indexed, in the visitor's language, paging as plain links,
an honest status with the friendly text for anything that is not there, and links to
the Reflex pages where writing happens."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

import pytest
from httpx import Response
from sqlalchemy.orm import Session
from starlette.testclient import TestClient

from peersupport.components.navigation import is_server_page
from peersupport.content.boards import Board, boards_content
from peersupport.http.board_html import board_document, not_found_document, thread_document
from peersupport.models import Account
from peersupport.services import board_moderation, boards
from peersupport.services.boards import PostView, Quote, ThreadCard, ThreadPage, ThreadView
from peersupport.translations import translate

from .conftest import NOW, add_account
from .test_boards_service import UNLIMITED, answer, open_thread, published_reply, start

EXIT_URL = "https://www.buienradar.nl/"
HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def _board(key: str) -> Board:
    found = boards_content().board(key)
    assert found is not None
    return found


BOARD = _board("vragen")
AT = datetime(2026, 3, 5, 12, 0, tzinfo=UTC)


def body_of(document: str) -> str:
    return document.split("<body>", 1)[1].rsplit("</body>", 1)[0]


def say(language: str, key: str) -> str:
    return translate(language, key).replace("'", "&#x27;")


def a_card(**fields: object) -> ThreadCard:
    values: dict[str, object] = {
        "id": 3,
        "title": "Is dit normaal?",
        "author": "Sterretje",
        "reply_count": 2,
        "last_activity_at": AT,
        "locked": False,
        "waiting": False,
        "rejected": False,
    }
    values.update(fields)
    return ThreadCard(**values)  # type: ignore[arg-type]


def a_post(**fields: object) -> PostView:
    values: dict[str, object] = {
        "id": 11,
        "opening": True,
        "author": "Sterretje",
        "author_since": date(2025, 3, 1),
        "body": "Eerste regel\nTweede regel",
        "quote": None,
        "status": "published",
        "own": False,
        "at": AT,
        "rejection_template": "",
        "rejection_reason": "",
    }
    values.update(fields)
    return PostView(**values)  # type: ignore[arg-type]


def a_thread(*posts: PostView, **fields: object) -> ThreadView:
    values: dict[str, object] = {
        "id": 3,
        "board": "vragen",
        "title": "Is dit normaal?",
        "locked": False,
        "listed": True,
        "posts": posts or (a_post(),),
        "next_cursor": "",
    }
    values.update(fields)
    return ThreadView(**values)  # type: ignore[arg-type]


# --- rendering, without a database ---------------------------------------------------------


@pytest.mark.parametrize("language", ["nl", "en"])
def test_hostile_titles_bodies_and_pseudonyms_are_escaped_everywhere(language: str) -> None:
    card = a_card(title=HOSTILE, author=HOSTILE)
    post = a_post(
        author=HOSTILE, body=HOSTILE, quote=Quote(author=HOSTILE, excerpt=HOSTILE), opening=False
    )
    documents = [
        board_document(BOARD, ThreadPage("vragen", (card,), ""), None, EXIT_URL, language),
        thread_document(a_thread(post, title=HOSTILE), None, EXIT_URL, language),
    ]
    for document in documents:
        body = body_of(document)
        assert "<script>alert" not in body and "<img" not in body
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror" in body
        # The tab never shows a member's words.
        assert "alert" not in document.split("<title>", 1)[1].split("</title>", 1)[0]
    # The title, the author, the quote's author and excerpt, and the body: each once.
    assert body_of(documents[1]).count("&lt;img src=x onerror=alert(1)&gt;") == 5


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_board_page_reads_in_each_language_with_its_threads(language: str) -> None:
    page = ThreadPage("vragen", (a_card(), a_card(id=4, reply_count=1, locked=True)), "")
    html = board_document(BOARD, page, None, EXIT_URL, language)

    assert f'<html lang="{language}"' in html
    assert f"<title>{say(language, 'tab.board')}</title>" in html
    assert f'<h2 class="board-name">{BOARD.name[language]}</h2>' in html
    assert BOARD.description[language] in html
    assert re.findall(r'class="thread-card" href="([^"]+)"', html) == [
        "/prikbord/onderwerp?id=3",
        "/prikbord/onderwerp?id=4",
    ]
    month = "mrt" if language == "nl" else "Mar"
    assert f"Sterretje · 2 {say(language, 'boards.reply_count')} · 5 {month} 2026" in html
    assert f"Sterretje · 1 {say(language, 'boards.reply_count_one')} · 5 {month} 2026" in html
    assert f'<span class="mark">{say(language, "boards.locked")}</span>' in html
    assert f'href="/prikbord/bord/schrijven/?nr={BOARD.number}" data-replace>' in html
    assert say(language, "boards.new_thread.open") in html
    assert "<form" not in html and "<script src" not in body_of(html)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_thread_page_shows_posts_quotes_and_placeholders_in_each_language(
    language: str,
) -> None:
    view = a_thread(
        a_post(),
        a_post(id=12, opening=False, author="", author_since=None, status="removed", body=""),
        a_post(id=13, opening=False, status="hidden", body=""),
        a_post(id=14, opening=False, quote=Quote(author="Sterretje", excerpt="Eerste regel")),
        a_post(id=15, opening=False, quote=Quote(author="", excerpt="")),
    )
    html = thread_document(view, None, EXIT_URL, language)

    assert '<h2 class="thread-title">Is dit normaal?</h2>' in html
    assert html.count('<article class="post"') == 5
    assert f'aria-label="{say(language, "boards.post.opening")}"' in html
    assert '<p class="post__body">Eerste regel\nTweede regel</p>' in html
    since = "mrt 2025" if language == "nl" else "Mar 2025"
    assert f"{say(language, 'boards.member_since')} {since}" in html
    placeholders = re.findall(r'<p class="post__placeholder">([^<]*)</p>', html)
    assert placeholders == [
        say(language, "boards.post.removed"),
        say(language, "boards.post.hidden"),
    ]
    assert f"<strong>{say(language, 'boards.deleted_author')}</strong>" in html
    assert f"Sterretje {say(language, 'boards.wrote')}" in html
    assert say(language, "boards.quote_gone") in html
    # Quote and report each published post, on the reply page; reply to the thread.
    assert 'href="/prikbord/onderwerp/reageren/?id=3&amp;citeer=14"' in html
    assert 'href="/prikbord/onderwerp/reageren/?id=3&amp;melden=14"' in html
    assert "citeer=12" not in html and "melden=13" not in html
    reply = say(language, "boards.read.reply")
    assert f'href="/prikbord/onderwerp/reageren/?id=3" data-replace>{reply}' in html
    assert f'<a href="/prikbord/bord?nr={BOARD.number}" data-replace>{BOARD.name[language]}' in html


def test_a_locked_thread_is_read_but_offers_no_reply_or_quote() -> None:
    html = thread_document(a_thread(locked=True), None, EXIT_URL)

    assert translate("nl", "boards.locked_explained") in html
    assert "citeer=" not in html
    assert "melden=11" in html
    assert translate("nl", "boards.read.reply") not in html


def test_every_reading_page_and_its_not_found_page_are_kept_from_search_engines() -> None:
    documents = [
        board_document(BOARD, ThreadPage("vragen", (), ""), None, EXIT_URL),
        thread_document(a_thread(), None, EXIT_URL),
        not_found_document("boards.error.unknown_thread", "/prikbord/onderwerp", EXIT_URL),
    ]
    for document in documents:
        assert '<meta name="robots" content="noindex, nofollow">' in document
        assert '<meta name="description"' not in document


def test_the_pages_are_out_of_the_sitemap_and_closed_in_robots(client: TestClient) -> None:
    sitemap = client.get("/sitemap.xml").text
    assert "/prikbord" not in sitemap
    assert "Disallow: /prikbord" in client.get("/robots.txt").text


def test_the_reading_addresses_are_server_pages_and_writing_stays_in_the_app() -> None:
    assert is_server_page("/prikbord/bord?nr=1")
    assert is_server_page("/prikbord/onderwerp?id=3&na=50")
    assert not is_server_page("/prikbord/bord/schrijven?nr=1")
    assert not is_server_page("/prikbord/onderwerp/reageren?id=3&citeer=4")


# --- over HTTP, with a database ------------------------------------------------------------


@pytest.fixture
def members(db: Session) -> tuple[Account, Account, Account]:
    found = (
        add_account(db, "Sterretje"),
        add_account(db, "Wolk"),
        add_account(db, "Mod", "moderator"),
    )
    db.commit()
    return found


def test_only_published_threads_and_posts_are_read(
    client: TestClient, db: Session, members: tuple[Account, Account, Account]
) -> None:
    author, other, mod = members
    shown = open_thread(db, author, mod, at=NOW, title="Gepubliceerd onderwerp", limits=UNLIMITED)
    published_reply(db, other, mod, shown, NOW + timedelta(minutes=5), body="Goedgekeurde reactie")
    answer(
        db,
        other,
        shown.id,
        now=NOW + timedelta(minutes=6),
        body="Wachtende reactie",
        limits=UNLIMITED,
    )
    waiting = start(
        db, author, now=NOW + timedelta(minutes=7), title="Wachtend onderwerp", limits=UNLIMITED
    )
    db.commit()

    board = client.get(f"/prikbord/bord?nr={BOARD.number}")
    thread = client.get(f"/prikbord/onderwerp?id={shown.id}")
    hidden = client.get(f"/prikbord/onderwerp?id={waiting.id}")

    assert board.status_code == 200 and thread.status_code == 200
    assert "Gepubliceerd onderwerp" in board.text and "Wachtend onderwerp" not in board.text
    assert "Goedgekeurde reactie" in thread.text and "Wachtende reactie" not in thread.text
    assert thread.text.count('<article class="post"') == 2
    # Its author finds his own waiting thread on his reply page.
    assert hidden.status_code == 404
    assert translate("nl", "boards.error.unknown_thread") in hidden.text
    assert "Wachtend onderwerp" not in hidden.text
    assert f'href="/prikbord/onderwerp/reageren/?id={waiting.id}"' in hidden.text


@pytest.mark.parametrize(
    "query", ["", "nr=", "nr=0", "nr=99", "nr=vragen", "nr=%3Cscript%3E", "nr=1&nr=2x", "nr=+1"]
)
def test_an_unknown_board_is_a_friendly_404(client: TestClient, query: str) -> None:
    response = client.get(f"/prikbord/bord?{query}")

    assert response.status_code == 404
    assert translate("nl", "boards.error.unknown_board") in response.text
    assert "<script>" not in body_of(response.text)
    assert '<meta name="robots" content="noindex, nofollow">' in response.text


@pytest.mark.parametrize(
    "thread", ["", "0", "-1", "abc", "01", "99999999999", "2147483647", "%3Cscript%3E", "1e3"]
)
def test_an_unknown_thread_is_a_friendly_404(client: TestClient, thread: str) -> None:
    response = client.get(f"/prikbord/onderwerp?id={thread}")

    assert response.status_code == 404
    assert translate("nl", "boards.error.unknown_thread") in response.text
    assert "<script>" not in body_of(response.text)


def next_page(client: TestClient, first: str, href: str, label: str) -> Response:
    """The page behind the plain link `label` (its address matching `href`) on `first`."""
    more = re.search(f'href="({href})" data-replace>{label}', first)
    assert more is not None
    return client.get(more.group(1).replace("&amp;", "&"))


def test_threads_page_on_with_a_plain_link_and_a_bad_cursor_is_a_400(
    client: TestClient, db: Session, members: tuple[Account, Account, Account]
) -> None:
    author, _, mod = members
    for number in range(boards.THREADS_PAGE + 2):
        open_thread(
            db,
            author,
            mod,
            at=NOW + timedelta(minutes=number),
            title=f"Onderwerp {number:02}",
            limits=UNLIMITED,
        )
    db.commit()

    first = client.get(f"/prikbord/bord?nr={BOARD.number}").text
    second = next_page(client, first, r'/prikbord/bord\?nr=\d+&amp;na=[^"]+', "Meer onderwerpen")
    titles = re.findall(r'class="thread-card__title">([^<]*)<', second.text)

    assert first.count('class="thread-card"') == boards.THREADS_PAGE
    assert titles == ["Onderwerp 01", "Onderwerp 00"]
    assert "Meer onderwerpen" not in second.text
    assert (
        f'href="/prikbord/bord?nr={BOARD.number}" data-replace>Terug naar het begin' in second.text
    )
    bad = client.get(f"/prikbord/bord?nr={BOARD.number}&na=%25%25%25")
    assert bad.status_code == 400
    assert translate("nl", "boards.error.invalid_cursor") in bad.text
    assert client.get("/prikbord/onderwerp?id=1&na=abc").status_code == 400


def test_posts_page_on_with_a_plain_link(
    client: TestClient, db: Session, members: tuple[Account, Account, Account]
) -> None:
    author, other, mod = members
    thread = open_thread(db, author, mod, at=NOW, limits=UNLIMITED)
    for number in range(boards.POSTS_PAGE):
        published_reply(
            db,
            other,
            mod,
            thread,
            NOW + timedelta(minutes=number + 1),
            body=f"Reactie {number:02}",
            limits=UNLIMITED,
        )
    db.commit()

    first = client.get(f"/prikbord/onderwerp?id={thread.id}").text
    second = next_page(
        client, first, r"/prikbord/onderwerp\?id=\d+&amp;na=\d+", "Meer berichten"
    ).text

    assert first.count('<article class="post"') == boards.POSTS_PAGE
    assert re.findall(r'<p class="post__body">([^<]*)</p>', second) == [
        f"Reactie {boards.POSTS_PAGE - 1:02}"
    ]
    assert client.get(f"/prikbord/onderwerp?id={thread.id}&na=x").status_code == 400


def test_the_language_comes_from_the_cookie_or_the_address(
    client: TestClient, db: Session, members: tuple[Account, Account, Account]
) -> None:
    author, _, mod = members
    thread = open_thread(db, author, mod, at=NOW, limits=UNLIMITED)
    db.commit()
    for path in (f"/prikbord/bord?nr={BOARD.number}", f"/prikbord/onderwerp?id={thread.id}"):
        client.cookies.set("ps-lang", "en")
        english = client.get(path).text
        client.cookies.clear()
        dutch = client.get(path).text
        assert '<html lang="en"' in english and "<h1>Message board</h1>" in english
        assert '<html lang="nl"' in dutch and "<h1>Prikbord</h1>" in dutch
        assert '<html lang="en"' in client.get(f"{path}&taal=en").text


def test_a_locked_thread_over_http_and_each_address_with_its_slash(
    client: TestClient, db: Session, members: tuple[Account, Account, Account]
) -> None:
    author, _, mod = members
    thread = open_thread(db, author, mod, at=NOW, limits=UNLIMITED)
    board_moderation.set_locked(db, mod, thread.id, True, NOW)
    db.commit()

    for path in (f"/prikbord/onderwerp?id={thread.id}", f"/prikbord/onderwerp/?id={thread.id}"):
        response = client.get(path, follow_redirects=False)
        assert response.status_code == 200
        assert translate("nl", "boards.locked_explained") in response.text
    response = client.get(f"/prikbord/bord/?nr={BOARD.number}", follow_redirects=False)
    assert response.status_code == 200

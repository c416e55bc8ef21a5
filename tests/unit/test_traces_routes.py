"""The offline page and "remove all traces" as the server answers them."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.testclient import TestClient

from peersupport.content import help_routes
from peersupport.models import AccountSession
from peersupport.services import sessions
from peersupport.settings import load_settings

from .conftest import NOW, add_account

SAME_ORIGIN = {"sec-fetch-site": "same-origin"}


@pytest.mark.parametrize(
    ("query", "title", "heading"),
    [("?taal=nl", "Kompas", "Geen verbinding"), ("?taal=en", "Kompas", "No connection")],
)
def test_the_offline_page_has_the_quick_exit_and_every_help_route_with_its_number(
    client: TestClient, query: str, title: str, heading: str
) -> None:
    response = client.get(f"/offline{query}")

    assert response.status_code == 200
    html = response.text
    assert f"<title>{title}</title>" in html
    assert f"<h1>{heading}</h1>" in html
    assert 'data-quick-exit="true"' in html
    assert html.index("data-quick-exit") < html.index("<main")
    for route in help_routes().routes:
        assert route.name in html
        if route.tel_href:
            assert f'href="{route.tel_href}"' in html
    # Its stylesheet and quick exit are inside: a cached copy needs nothing else.
    assert "<style>" in html and "peersupportQuickExit" in html
    assert not re.search(r'<link rel="stylesheet"', html)


def test_the_offline_page_follows_the_language_cookie_without_a_choice_in_the_address(
    client: TestClient,
) -> None:
    client.cookies.set("ps-lang", "en")

    assert "<h1>No connection</h1>" in client.get("/offline").text


def test_removing_traces_answers_with_clear_site_data(client: TestClient) -> None:
    response = client.post("/api/wissen", headers=SAME_ORIGIN)

    assert response.status_code == 204
    assert response.headers["clear-site-data"] == '"cache", "cookies", "storage"'
    assert response.headers["cache-control"] == "no-store"


def test_removing_traces_ends_the_remembered_devices_session(
    client: TestClient, db: Session
) -> None:
    account = add_account(db, "Sporenwisser")
    token = sessions.create_session(db, account, True, NOW)
    other = sessions.create_session(db, account, True, NOW)
    db.commit()

    response = client.post("/api/wissen", headers={**SAME_ORIGIN, "x-kompas-device": token})

    assert response.status_code == 204
    hashes = set(db.scalars(select(AccountSession.token_hash)))
    assert sessions.token_hash(token) not in hashes
    assert sessions.token_hash(other) in hashes  # another device keeps its sign-in


@pytest.mark.parametrize(
    "headers",
    [
        {"sec-fetch-site": "cross-site"},
        {"sec-fetch-site": "same-site"},
        {"origin": "https://elders.example"},
        {},
    ],
)
def test_another_site_cannot_make_a_browser_forget_its_sign_in(
    client: TestClient, db: Session, headers: dict[str, str]
) -> None:
    account = add_account(db, "Doelwit")
    token = sessions.create_session(db, account, True, NOW)
    db.commit()

    response = client.post("/api/wissen", headers={**headers, "x-kompas-device": token})

    assert response.status_code == 403
    assert "clear-site-data" not in response.headers
    assert sessions.token_hash(token) in set(db.scalars(select(AccountSession.token_hash)))


def test_a_page_of_the_app_itself_is_same_origin_without_fetch_metadata(
    client: TestClient,
) -> None:
    response = client.post("/api/wissen", headers={"origin": load_settings().public_origin})

    assert response.status_code == 204


def test_a_malformed_device_token_is_ignored(client: TestClient) -> None:
    response = client.post("/api/wissen", headers={**SAME_ORIGIN, "x-kompas-device": "x" * 5000})

    assert response.status_code == 204

"""The sextortion first aid as the server renders it: every step in order, the routes
from the help-routes data, nothing that names the topic in the tab."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from starlette.testclient import TestClient

from peersupport.content import help_routes
from peersupport.http.first_aid import TAKEDOWN_ROUTES, TALK_ROUTES, first_aid_document
from peersupport.http.public_routes import public_routes

EXIT_URL = "https://www.buienradar.nl/"
DUTCH_STEPS = [
    "Het is niet jouw schuld",
    "Betaal niet",
    "Stop met antwoorden, maar bewaar eerst bewijs",
    "Wat je bewaart, en wat nooit",
    "Blokkeer en meld het",
    "Laat de beelden weghalen",
    "Praat met iemand",
]


@pytest.fixture
def client() -> Iterator[TestClient]:
    with TestClient(public_routes()) as test_client:
        yield test_client


def step_titles(html: str) -> list[str]:
    return re.findall(r'<h2 id="step-\d+-title" tabindex="-1">([^<]*)</h2>', html)


def test_the_steps_come_in_the_order_that_helps() -> None:
    html = first_aid_document(EXIT_URL)

    assert [title.replace("&#x27;", "'") for title in step_titles(html)] == DUTCH_STEPS
    assert "Stap 1 van 7" in html and "Stap 7 van 7" in html


def test_the_tab_and_the_address_say_nothing_about_the_topic(client: TestClient) -> None:
    html = client.get("/stappen").text

    assert "<title>Kompas</title>" in html
    assert "sextortion" not in "/stappen"


def test_every_route_is_from_the_help_routes_data_with_its_phone_link() -> None:
    html = first_aid_document(EXIT_URL)
    routes = {route.id: route for route in help_routes().routes}

    for route_id in {*TALK_ROUTES, *TAKEDOWN_ROUTES["under-18"], *TAKEDOWN_ROUTES["adult"]}:
        route = routes[route_id]
        assert f'id="route-{route.id}"' in html
        if route.tel_href:
            assert f'href="{route.tel_href}"' in html
        if route.website:
            link = re.search(rf'<a [^>]*href="{re.escape(route.website)}"[^>]*>', html)
            assert link is not None and 'rel="noopener noreferrer"' in link.group(0)
    assert 'href="tel:112"' in html


def test_the_takedown_route_follows_his_age_when_the_image_was_made() -> None:
    html = first_aid_document(EXIT_URL)
    under_18 = html.split('data-takedown="under-18"')[1].split('data-takedown="adult"')[0]
    adult = html.split('data-takedown="adult"')[1]

    assert "Take It Down" in under_18 and "StopNCII" not in under_18
    assert "StopNCII" in adult.split("</div>")[0] or "StopNCII" in adult
    assert "Take It Down" not in adult.split("Praat met iemand")[0]
    assert "Helpwanted" in under_18 and "Helpwanted" in adult


def test_what_never_to_save_is_said_with_the_reason() -> None:
    html = first_aid_document(EXIT_URL)

    assert "Bewaar nooit de naaktbeelden zelf" in html
    assert "strafbaar, ook als het jouw eigen beelden zijn" in html
    assert "Kompas neemt ze nooit aan" in html


@pytest.mark.parametrize(
    ("query", "first_step"), [("?taal=en", "It&#x27;s not your fault"), ("", "Het is niet")]
)
def test_the_page_comes_in_the_chosen_language(
    client: TestClient, query: str, first_step: str
) -> None:
    response = client.get(f"/stappen{query}")

    assert response.status_code == 200
    assert first_step in response.text
    assert 'src="/steps.js"' in response.text

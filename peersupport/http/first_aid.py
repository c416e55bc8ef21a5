"""Sextortion first aid: GET /stappen, the steps a boy in panic takes, one at a time.

A plain page from the server, without an account, in one language (`ps-lang`, or
`?taal=` for the copies the service worker keeps for offline use). Every step is in the
document, so the page reads fine without JavaScript; assets/steps.js shows one step a
screen with "next" and "back", and the one takedown route that fits his answer to
"how old were you when the photo or video was made?". Nothing he taps is sent or kept.
The address says nothing about the topic, and the tab shows the neutral "Kompas".
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from peersupport.content import HelpRoute, help_routes
from peersupport.http.html_frame import (
    Bilingual,
    attr,
    html_page,
    rendering_in,
    text,
    tr,
)
from peersupport.http.html_pieces import help_route_html
from peersupport.http.story_pages import html_response, page_language
from peersupport.settings import load_settings

FIRST_AID_ROUTE = "/stappen"
STEPS_SCRIPT_SRC = "/steps.js"
SUMMARY_ROUTE = "/kort"
# Takedown routes by his age when the image was made; Helpwanted helps either way.
TAKEDOWN_ROUTES = {
    "under-18": ("take-it-down", "helpwanted"),
    "adult": ("stopncii", "helpwanted"),
}
TALK_ROUTES = ("helpwanted", "fier", "kindertelefoon", "113")


def _routes(ids: tuple[str, ...]) -> str:
    by_id: dict[str, HelpRoute] = {route.id: route for route in help_routes().routes}
    items = "".join(f"<li>{help_route_html(by_id[route_id])}</li>" for route_id in ids)
    return f'<ul class="route-list">{items}</ul>'


def _paragraphs(*keys: str) -> str:
    return "".join(f"<p>{tr(text(key))}</p>" for key in keys)


def _step(number: int, total: int, title_key: str, body: str) -> str:
    step_id = f"step-{number}"
    back = (
        f'<button type="button" class="button button--secondary" data-step-back>'
        f"{tr(text('first_aid.back'))}</button>"
        if number > 1
        else ""
    )
    forward = (
        f'<button type="button" class="button button--primary" data-step-next>'
        f"{tr(text('first_aid.next'))}</button>"
        if number < total
        else f'<button type="button" class="button button--secondary" data-step-first>'
        f"{tr(text('first_aid.done'))}</button>"
    )
    return (
        f'<section class="panel step" id="{step_id}" data-step aria-labelledby="{step_id}-title">'
        f'<p class="muted step__progress">'
        f"{tr(text('first_aid.progress', step=number, total=total))}</p>"
        f'<h2 id="{step_id}-title" tabindex="-1">{tr(text(title_key))}</h2>'
        f"{body}"
        f'<div class="actions step__nav">{back}{forward}</div>'
        "</section>"
    )


def _takedown_choice(age: str, title: Bilingual) -> str:
    return (
        f'<div class="takedown" data-takedown="{attr(age)}" aria-labelledby="takedown-{age}">'
        f'<h3 id="takedown-{age}" tabindex="-1">{tr(title)}</h3>'
        f"{_routes(TAKEDOWN_ROUTES[age])}</div>"
    )


def _takedown_body() -> str:
    question_id = "takedown-question"
    choices = "".join(
        f'<button type="button" class="button button--secondary" data-age="{age}" '
        f'aria-describedby="{question_id}">{tr(text(label))}</button>'
        for age, label in (
            ("under-18", "first_aid.takedown.under_18"),
            ("adult", "first_aid.takedown.adult"),
        )
    )
    return (
        f"<p>{tr(text('first_aid.takedown.hash'))}</p>"
        f'<p id="{question_id}" class="label">{tr(text("first_aid.takedown.question"))}</p>'
        f'<div class="actions takedown__choices">{choices}</div>'
        + _takedown_choice("under-18", text("first_aid.takedown.under_18_title"))
        + _takedown_choice("adult", text("first_aid.takedown.adult_title"))
    )


def first_aid_main_html() -> str:
    danger = (
        f'<p class="urgent">{tr(text("first_aid.danger"))} '
        f'<a class="inline-tel" href="tel:112">{tr(text("home.urgent_call"))}</a></p>'
    )
    bodies = [
        ("first_aid.blame.title", _paragraphs("first_aid.blame.p1", "first_aid.blame.p2")),
        ("first_aid.pay.title", _paragraphs("first_aid.pay.p1", "first_aid.pay.p2")),
        ("first_aid.stop.title", _paragraphs("first_aid.stop.p1", "first_aid.stop.p2")),
        (
            "first_aid.save.title",
            f"<p>{tr(text('first_aid.save.keep'))}</p>"
            f'<p class="callout">{tr(text("first_aid.save.never"))}</p>',
        ),
        ("first_aid.block.title", _paragraphs("first_aid.block.p1", "first_aid.block.p2")),
        ("first_aid.takedown.title", _takedown_body()),
        (
            "first_aid.talk.title",
            _paragraphs("first_aid.talk.p1")
            + f'<p class="urgent">{tr(text("first_aid.talk.suicide"))}</p>'
            + _routes(TALK_ROUTES)
            + f"<p>{tr(text('first_aid.talk.summary'))} "
            f'<a href="{SUMMARY_ROUTE}" data-replace>{tr(text("summary.open"))}</a></p>',
        ),
    ]
    steps = "".join(
        _step(number, len(bodies), title_key, body)
        for number, (title_key, body) in enumerate(bodies, start=1)
    )
    return (
        f"<h1>{tr(text('first_aid.title'))}</h1>"
        f'<p class="lead">{tr(text("first_aid.intro"))}</p>'
        f"{danger}"
        f'<div class="steps-flow" data-steps>{steps}</div>'
        f'<script defer src="{STEPS_SCRIPT_SRC}"></script>'
    )


def first_aid_document(exit_url: str, language: str = "nl") -> str:
    with rendering_in(language):
        return html_page(
            main_html=first_aid_main_html(),
            current="/hulp",
            exit_url=exit_url,
            path=FIRST_AID_ROUTE,
        )


def first_aid_routes() -> list[BaseRoute]:
    async def first_aid(request: Request) -> Response:
        language = page_language(request)
        return html_response(request, first_aid_document(load_settings().exit_url, language))

    return [Route(FIRST_AID_ROUTE, first_aid, methods=["GET"])]

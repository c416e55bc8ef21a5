"""The pages that list where to go next, rendered on the server as plain HTML (served
by peersupport/http/info_pages.py): the self-tests (/zelftest) and the boards
(/prikbord) with the house rules. Each self-test they lead to is a
Reflex page: it needs the websocket (a member's answers). A board and a thread are read
as server pages too (peersupport/http/board_html.py); writing in them is a Reflex page."""

from __future__ import annotations

from peersupport.content.boards import boards_content
from peersupport.content.checklists import checklists
from peersupport.http.html_frame import back_link, card_link, i18n_attrs, text, tr
from peersupport.http.html_pieces import pair
from peersupport.pages.boards import BOARD_ROUTE
from peersupport.pages.boards import ROUTE as BOARDS_ROUTE
from peersupport.pages.checklists import ROUTE as SELF_TESTS_ROUTE
from peersupport.pages.checklists import checklist_route

__all__ = ["BOARDS_ROUTE", "SELF_TESTS_ROUTE", "boards_main_html", "self_tests_main_html"]


def _card_list(label_key: str, cards: str) -> str:
    return f'<nav class="card-list" {i18n_attrs(aria_label=text(label_key))}>{cards}</nav>'


def _heading(title_key: str) -> str:
    return f"{back_link('/')}<h1>{tr(text(title_key))}</h1>"


def self_tests_main_html() -> str:
    cards = "".join(
        card_link(checklist_route(item), pair(item.title), pair(item.summary))
        for item in checklists()
    )
    return (
        _heading("checklists.title")
        + f'<p class="lead">{tr(text("checklists.intro"))}</p>'
        + f'<p class="callout">{tr(text("checklists.private"))}</p>'
        + _card_list("checklists.list_label", cards)
    )


def house_rules_html(*, open_by_default: bool = True) -> str:
    """The house rules: open on the list of boards, closed above a board or thread."""
    content = boards_content()
    rules = "".join(
        f"<li><strong>{tr(pair(rule.text))}</strong><span> </span>"
        f'<span class="muted">{tr(pair(rule.why))}</span></li>'
        for rule in content.rules
    )
    return (
        f'<details class="house-rules"{" open" if open_by_default else ""}>'
        f"<summary>{tr(text('boards.rules.title'))}</summary>"
        f"<p>{tr(pair(content.rules_intro))}</p>"
        f'<ul class="rules">{rules}</ul></details>'
    )


def boards_main_html() -> str:
    cards = "".join(
        card_link(f"{BOARD_ROUTE}?nr={board.number}", pair(board.name), pair(board.description))
        for board in boards_content().boards
    )
    return (
        _heading("boards.title")
        + f'<p class="lead">{tr(text("boards.intro"))}</p>'
        + f'<p class="callout">{tr(text("boards.moderated"))}</p>'
        + _card_list("boards.list_label", cards)
        + house_rules_html()
    )

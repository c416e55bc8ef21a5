"""Writing on the message boards: a board with the form to start a thread and the
member's own waiting threads (/prikbord/bord/schrijven?nr=<number>); the pieces the
reply page (pages/thread_reply.py: /prikbord/onderwerp/reageren?id=...) shares with it
are in pages/board_parts.py.

Reading is a page from the server (peersupport/http/board_html.py) at the addresses
without the last part (/prikbord/bord?nr=..., /prikbord/onderwerp?id=...), and so is the
list of boards (/prikbord); these pages link to each other with full page loads.
"""

from __future__ import annotations

from typing import Any

import reflex as rx

from peersupport.components.crisis_help import crisis_help
from peersupport.components.forms import labelled_field
from peersupport.components.navigation import members_only_line
from peersupport.components.text import t
from peersupport.models.boards import THREAD_TITLE_MAX_CHARS
from peersupport.pages.board_parts import (
    board_page_frame,
    body_field,
    findings_panel,
    house_rules,
    in_language,
    more_button,
    post_form,
    server_link,
    status_lines,
)
from peersupport.state.board_posting import TITLE_FIELD
from peersupport.state.boards import BoardState

ROUTE = "/prikbord"
# Reading (pages from the server) and writing (these Reflex pages).
BOARD_ROUTE = "/prikbord/bord"
THREAD_ROUTE = "/prikbord/onderwerp"
BOARD_WRITE_ROUTE = "/prikbord/bord/schrijven"
THREAD_REPLY_ROUTE = "/prikbord/onderwerp/reageren"


# --- /prikbord/bord --------------------------------------------------------------------------


def _thread_card(row: Any) -> rx.Component:
    return rx.el.li(
        server_link(
            rx.el.span(row.title, class_name="thread-card__title"),
            rx.el.span(
                rx.cond(
                    row.waiting,
                    rx.el.span(t("boards.waiting"), class_name="mark mark--waiting"),
                ),
                rx.cond(
                    row.rejected,
                    rx.el.span(t("boards.not_placed"), class_name="mark mark--rejected"),
                ),
                rx.cond(row.locked, rx.el.span(t("boards.locked"), class_name="mark")),
                rx.el.span(
                    rx.cond(row.author != "", row.author, t("boards.deleted_author")),
                    " · ",
                    row.replies,
                    " ",
                    rx.cond(row.replies == 1, t("boards.reply_count_one"), t("boards.reply_count")),
                    rx.cond(row.day_nl != "", " · ", ""),
                    in_language(row.day_nl, row.day_en),
                ),
                class_name="thread-card__meta",
            ),
            # His own waiting thread is not on the reading page yet: its "not found"
            # page links to his reply page, where he sees it.
            href=f"{THREAD_ROUTE}?id=" + row.id.to_string(),
            class_name="thread-card",
        ),
    )


def _new_thread_form() -> rx.Component:
    S = BoardState
    return post_form(
        ("ps-new-thread", "boards.new_thread.title"),
        S.start_thread,
        labelled_field(
            TITLE_FIELD,
            "boards.form.title",
            rx.el.input(
                id=TITLE_FIELD,
                name="title",
                type="text",
                max_length=THREAD_TITLE_MAX_CHARS,
                required=True,
                auto_complete="off",
                class_name="field__input",
            ),
        ),
        body_field("boards.form.opening"),
        findings_panel(S, S.start_thread_anyway),
        rx.el.div(
            rx.el.button(
                t("boards.new_thread.send"),
                type="submit",
                disabled=S.busy,
                class_name="button button--primary",
            ),
            rx.el.button(
                t("boards.cancel"),
                type="button",
                on_click=S.stop_composing,
                class_name="button button--secondary",
            ),
            class_name="actions",
        ),
    )


def board_page() -> rx.Component:
    S = BoardState
    return board_page_frame(
        S,
        "boards.error.unknown_board",
        ROUTE,
        rx.el.h2(in_language(S.board_name_nl, S.board_name_en), class_name="board-name"),
        rx.el.p(in_language(S.board_text_nl, S.board_text_en), class_name="lead"),
        rx.el.p(
            server_link(
                t("boards.read.back_to_board"),
                href=f"{BOARD_ROUTE}?nr=" + S.board_number.to_string(),
            ),
            class_name="link-line",
        ),
        house_rules(),
        crisis_help(S.crisis_shown, S.crisis_sent, S.close_crisis),
        rx.cond(
            S.signed_in,
            rx.cond(
                S.composing,
                _new_thread_form(),
                rx.el.button(
                    t("boards.new_thread.open"),
                    type="button",
                    on_click=S.compose,
                    class_name="button button--primary",
                ),
            ),
            members_only_line("boards.members_only"),
        ),
        status_lines(S),
        rx.cond(
            S.threads.length() > 0,  # type: ignore[attr-defined]
            rx.el.ul(rx.foreach(S.threads, _thread_card), class_name="thread-list"),
            rx.el.p(t("boards.empty"), class_name="empty"),
        ),
        more_button(S, "boards.more_threads"),
    )

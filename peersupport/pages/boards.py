"""Writing on the message boards: a board with the form to start a thread and the
member's own waiting threads (/prikbord/bord/schrijven?nr=<number>), and the pieces the
reply page (pages/thread_reply.py: /prikbord/onderwerp/reageren?id=...) shares with it:
the messages, the findings, the house rules.

Reading is a page from the server (peersupport/http/board_html.py) at the addresses
without the last part (/prikbord/bord?nr=..., /prikbord/onderwerp?id=...), and so is the
list of boards (/prikbord); these pages link to each other with full page loads.

Posts are shown as plain text with their line breaks (CSS `white-space: pre-wrap`);
nothing a member writes ever becomes markup, a link or an image.
"""

from __future__ import annotations

from typing import Any

import reflex as rx

from peersupport.components.crisis_help import crisis_help
from peersupport.components.expected_wait import expected_wait_line
from peersupport.components.forms import loading_status, message_for
from peersupport.components.messages import message_line
from peersupport.components.navigation import app_link
from peersupport.components.text import language_pair, t
from peersupport.content.boards import boards_content
from peersupport.layouts.page_frame import page_frame
from peersupport.models.boards import (
    POST_MAX_CHARS,
    THREAD_TITLE_MAX_CHARS,
)
from peersupport.state.boards import (
    BODY_FIELD,
    POST_FORM,
    TITLE_FIELD,
    BoardState,
    PostingState,
)
from peersupport.state.language import LanguageState

ROUTE = "/prikbord"
# Reading (pages from the server) and writing (these Reflex pages).
BOARD_ROUTE = "/prikbord/bord"
THREAD_ROUTE = "/prikbord/onderwerp"
BOARD_WRITE_ROUTE = "/prikbord/bord/schrijven"
THREAD_REPLY_ROUTE = "/prikbord/onderwerp/reageren"

ERRORS: dict[str, str] = {
    "unknown_board": "boards.error.unknown_board",
    "unknown_thread": "boards.error.unknown_thread",
    "unknown_post": "boards.error.unknown_post",
    "unknown_quote": "boards.error.unknown_quote",
    "locked": "boards.error.locked",
    "suspended": "boards.error.suspended",
    "title_missing": "boards.error.title_missing",
    "title_too_short": "boards.error.title_too_short",
    "title_too_long": "boards.error.title_too_long",
    "body_missing": "boards.error.body_missing",
    "body_too_long": "boards.error.body_too_long",
    "contact_details": "boards.error.contact_details",
    "blocked_word": "boards.error.blocked_word",
    "too_many_threads": "boards.error.too_many_threads",
    "too_many_replies": "boards.error.too_many_replies",
    "too_soon": "boards.error.too_soon",
    "own_post": "boards.error.own_post",
    "invalid_reason": "boards.error.invalid_reason",
    "reason_text_missing": "boards.error.reason_text_missing",
    "report_too_long": "boards.error.report_too_long",
    "already_reported": "boards.error.already_reported",
    "too_many_reports": "boards.error.too_many_reports",
    "reason_missing": "boards.error.reason_missing",
    "unknown_item": "boards.error.unknown_post",
    "same_board": "boards.error.same_board",
    "invalid_cursor": "boards.error.invalid_cursor",
    "not_authorized": "error.not_authorized",
    # A member (or a suspended moderator) at a moderator's button: a forged event.
    "staff_only": "moderation.error.staff_only",
}
NOTICES: dict[str, str] = {
    "thread_sent": "boards.notice.thread_sent",
    "reply_sent": "boards.notice.reply_sent",
    "findings_removed": "boards.notice.findings_removed",
    "report_sent": "boards.notice.report_sent",
    "report_hidden": "boards.notice.report_hidden",
    "locked": "boards.notice.locked",
    "unlocked": "boards.notice.unlocked",
    "moved": "boards.notice.moved",
    "removed": "boards.notice.removed",
}
FINDING_KEYS: dict[str, str] = {
    "phone": "boards.finding.phone",
    "email": "boards.finding.email",
    "url": "boards.finding.url",
    "handle": "boards.finding.handle",
    "platform": "boards.finding.platform",
    "postcode": "boards.finding.postcode",
    "address": "boards.finding.address",
    "school": "boards.finding.school",
    "club": "boards.finding.club",
    "workplace": "boards.finding.workplace",
    "name": "boards.finding.name",
}


def _with(handler: Any, value: Any) -> Any:
    """`handler` called with `value` when the button is pressed."""
    return handler(value)


def _in_language(nl: Any, en: Any) -> Any:
    return rx.cond(LanguageState.lang == "en", en, nl)


def _status(state: type[PostingState], here: Any = None) -> rx.Component:
    """Progress, refusals and confirmations, announced to screen readers. A page with
    several forms passes `here`, true beside the form that acted last (its `place`)."""

    def at_here(condition: Any) -> Any:
        return condition if here is None else here & condition

    return rx.el.div(
        message_line("busy", at_here(state.busy), t("boards.busy")),
        message_line(
            "error",
            at_here(state.error != ""),
            message_for(state.error, ERRORS, "error.unexpected"),
        ),
        message_line(
            "notice",
            at_here(state.notice != ""),
            message_for(state.notice, NOTICES, "notice.unexpected"),
        ),
        expected_wait_line(
            state.wait_nl,
            state.wait_en,
            at_here((state.notice == "thread_sent") | (state.notice == "reply_sent")),
        ),
        class_name="status-lines",
    )


def house_rules(open_by_default: bool = False) -> rx.Component:
    content = boards_content()
    return rx.el.details(
        rx.el.summary(t("boards.rules.title")),
        rx.el.p(language_pair(content.rules_intro)),
        rx.el.ul(
            *[
                rx.el.li(
                    rx.el.strong(language_pair(rule.text)),
                    rx.el.span(" "),
                    rx.el.span(language_pair(rule.why), class_name="muted"),
                )
                for rule in content.rules
            ],
            class_name="rules",
        ),
        open=open_by_default,
        class_name="house-rules",
    )


def _members_only() -> rx.Component:
    return rx.el.p(
        t("boards.members_only"),
        " ",
        app_link(t("boards.log_in"), href="/inloggen"),
        " · ",
        app_link(t("boards.sign_up"), href="/aanmelden"),
        class_name="callout",
    )


def _findings(state: type[PostingState], send_anyway: Any) -> rx.Component:
    """What the scrubber found, why it matters, and the two ways on."""
    return rx.cond(
        state.findings.length() > 0,  # type: ignore[attr-defined]
        rx.el.div(
            rx.el.p(t("boards.findings.intro"), class_name="findings__intro"),
            rx.el.ul(
                rx.foreach(
                    state.findings,
                    lambda found: rx.el.li(
                        rx.el.strong(found.text),
                        " (",
                        message_for(found.kind, FINDING_KEYS, "boards.finding.other"),
                        ")",
                    ),
                ),
            ),
            rx.el.p(t("boards.findings.why"), class_name="muted"),
            rx.el.div(
                rx.el.button(
                    t("boards.findings.remove"),
                    type="button",
                    on_click=state.remove_findings,
                    class_name="button button--primary",
                ),
                rx.el.button(
                    t("boards.findings.send_anyway"),
                    type="button",
                    on_click=send_anyway,
                    disabled=state.busy,
                    class_name="button button--secondary",
                ),
                class_name="actions",
            ),
            class_name="post-findings",
            role="region",
            aria_label=t("boards.findings.label"),
        ),
    )


def _body_field(label_key: str) -> rx.Component:
    return rx.el.div(
        rx.el.label(t(label_key), html_for=BODY_FIELD, class_name="field__label"),
        rx.el.textarea(
            id=BODY_FIELD,
            name="body",
            rows=6,
            max_length=POST_MAX_CHARS,
            required=True,
            class_name="field__input field__textarea field__textarea--short",
            aria_describedby="ps-post-hint",
        ),
        rx.el.p(t("boards.form.hint"), id="ps-post-hint", class_name="field__hint"),
        class_name="field",
    )


# --- /prikbord: the list of boards is a page from the server (http/list_pages.py) ---


# --- /prikbord/bord --------------------------------------------------------------------------


def _server_link(*children: Any, href: Any, **props: Any) -> rx.Component:
    """A link to a page from the server (reading a board or thread) whose address is
    only known in the tab: a full page load replacing this history entry."""
    return rx.el.a(*children, href=href, custom_attrs={"data-replace": ""}, **props)


def _thread_card(row: Any) -> rx.Component:
    return rx.el.li(
        _server_link(
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
                    _in_language(row.day_nl, row.day_en),
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
    return rx.el.form(
        rx.el.h2(t("boards.new_thread.title"), id="ps-new-thread"),
        rx.el.div(
            rx.el.label(t("boards.form.title"), html_for=TITLE_FIELD, class_name="field__label"),
            rx.el.input(
                id=TITLE_FIELD,
                name="title",
                type="text",
                max_length=THREAD_TITLE_MAX_CHARS,
                required=True,
                auto_complete="off",
                class_name="field__input",
            ),
            class_name="field",
        ),
        _body_field("boards.form.opening"),
        _findings(S, S.start_thread_anyway),
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
        id=POST_FORM,
        on_submit=S.start_thread,
        reset_on_submit=False,
        class_name="post-form",
        aria_labelledby="ps-new-thread",
    )


def board_page() -> rx.Component:
    S = BoardState
    return page_frame(
        loading_status(S.view == "loading", "boards.loading"),
        rx.cond(
            S.view == "not_found",
            rx.el.div(
                rx.el.p(t("boards.error.unknown_board")),
                app_link(t("boards.all_boards"), href=ROUTE, class_name="button button--secondary"),
            ),
        ),
        rx.cond(
            S.view == "ready",
            rx.el.div(
                rx.el.h2(_in_language(S.board_name_nl, S.board_name_en), class_name="board-name"),
                rx.el.p(_in_language(S.board_text_nl, S.board_text_en), class_name="lead"),
                rx.el.p(
                    _server_link(
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
                    _members_only(),
                ),
                _status(S),
                rx.cond(
                    S.threads.length() > 0,  # type: ignore[attr-defined]
                    rx.el.ul(rx.foreach(S.threads, _thread_card), class_name="thread-list"),
                    rx.el.p(t("boards.empty"), class_name="empty"),
                ),
                rx.cond(
                    S.next_cursor != "",
                    rx.el.button(
                        rx.cond(S.loading_more, t("boards.loading"), t("boards.more_threads")),
                        type="button",
                        on_click=S.more,
                        disabled=S.loading_more,
                        class_name="button button--secondary",
                    ),
                ),
            ),
        ),
        title_key="boards.title",
        current=ROUTE,
        back_to=ROUTE,
    )


# --- /prikbord/onderwerp ----------------------------------------------------------------------

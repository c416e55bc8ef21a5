"""Replying on a board (/prikbord/onderwerp/reageren?id=...): a thread with the reply
form, quoting, reporting, the member's own waiting replies and the moderators' tools;
`citeer=<post>` or `melden=<post>` in the address opens it quoting or reporting that
post. The pieces it shares with the board's page are in pages/board_parts.py; reading
the thread is a page from the server.

Posts are shown as plain text with their line breaks (CSS `white-space: pre-wrap`);
nothing a member writes ever becomes markup, a link or an image.
"""

from __future__ import annotations

from typing import Any

import reflex as rx

from peersupport.components.crisis_help import crisis_help
from peersupport.components.forms import labelled_field, message_for
from peersupport.components.navigation import members_only_line
from peersupport.components.report_fields import report_fields
from peersupport.components.text import language_pair, t
from peersupport.content.boards import boards_content
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
from peersupport.pages.boards import BOARD_ROUTE, ROUTE, THREAD_ROUTE
from peersupport.services.boards import PostStatus
from peersupport.services.moderation import REASON_MAX_CHARS, REJECT_TEMPLATE_KEYS
from peersupport.state.boards import ThreadState


def _with(handler: Any, value: Any) -> Any:
    """`handler` called with `value` when the button is pressed."""
    return handler(value)


def _post_header(row: Any) -> rx.Component:
    return rx.el.p(
        rx.el.strong(rx.cond(row.author != "", row.author, t("boards.deleted_author"))),
        rx.cond(
            row.since_nl != "",
            rx.el.span(
                " · ",
                t("boards.member_since"),
                " ",
                in_language(row.since_nl, row.since_en),
                class_name="muted",
            ),
        ),
        rx.el.span(" · ", in_language(row.day_nl, row.day_en), class_name="muted"),
        class_name="post__meta",
    )


def _placeholder(row: Any) -> rx.Component:
    return rx.el.p(
        rx.match(
            row.status,
            (PostStatus.REMOVED, t("boards.post.removed")),
            (PostStatus.DELETED, t("boards.post.deleted")),
            t("boards.post.hidden"),
        ),
        class_name="post__placeholder",
    )


def _post_action(shown: Any, label_key: str, handler: Any, row: Any, style: str) -> Any:
    """One of a post's buttons (quote, report, remove), where it applies."""
    return rx.cond(
        shown,
        rx.el.button(
            t(label_key), type="button", on_click=_with(handler, row.id), class_name=style
        ),
    )


def _post_actions(row: Any) -> rx.Component:
    S = ThreadState
    return rx.cond(
        (row.status == PostStatus.PUBLISHED) & S.signed_in,
        rx.el.div(
            _post_action(~S.locked, "boards.quote", S.quote, row, "link-button"),
            _post_action(~row.own, "boards.report.open", S.open_report, row, "link-button"),
            _post_action(
                S.is_staff,
                "boards.remove.open",
                S.open_remove,
                row,
                "link-button link-button--danger",
            ),
            class_name="post__actions",
        ),
    )


def _send_or_cancel(send_key: str, style: str) -> rx.Component:
    """The buttons under a post's report or removal form."""
    S = ThreadState
    return rx.el.div(
        rx.el.button(
            t(send_key), type="submit", disabled=S.busy, class_name=f"button button--{style}"
        ),
        rx.el.button(
            t("boards.cancel"),
            type="button",
            on_click=S.close_forms,
            class_name="button button--secondary",
        ),
        class_name="actions",
    )


def _labelled_textarea(
    field_id: str, label_key: str, name: str, rows: int, max_length: int, *, required: bool
) -> rx.Component:
    return labelled_field(
        field_id,
        label_key,
        rx.el.textarea(
            id=field_id,
            name=name,
            rows=rows,
            max_length=max_length,
            required=required,
            class_name="field__input field__textarea field__textarea--short",
        ),
    )


def _report_form() -> rx.Component:
    S = ThreadState
    return rx.el.form(
        *report_fields("boards.report.title", "ps-report-text", "boards.report.private"),
        _send_or_cancel("boards.report.send", "primary"),
        on_submit=S.report,
        reset_on_submit=False,
        class_name="inline-form",
    )


def _remove_form() -> rx.Component:
    S = ThreadState
    return rx.el.form(
        _labelled_textarea(
            "ps-remove-reason", "boards.remove.reason", "reason", 2, REASON_MAX_CHARS, required=True
        ),
        _send_or_cancel("boards.remove.send", "danger"),
        on_submit=S.remove,
        reset_on_submit=False,
        class_name="inline-form",
    )


def _post(row: Any) -> rx.Component:
    S = ThreadState
    shows_text = (
        (row.status == PostStatus.PUBLISHED)
        | (row.status == PostStatus.WAITING)
        | (row.status == PostStatus.REJECTED)
        | ((row.status == PostStatus.HIDDEN) & row.own)
    )
    return rx.el.li(
        rx.el.article(
            _post_header(row),
            rx.cond(
                row.status == PostStatus.WAITING,
                rx.el.p(t("boards.post.waiting"), class_name="mark mark--waiting"),
            ),
            rx.cond(
                row.status == PostStatus.REJECTED,
                rx.el.div(
                    rx.el.p(t("boards.post.rejected"), class_name="mark mark--rejected"),
                    rx.el.p(
                        message_for(
                            row.rejection_template, REJECT_TEMPLATE_KEYS, "boards.post.rejected"
                        )
                    ),
                    rx.cond(row.rejection_reason != "", rx.el.p(row.rejection_reason)),
                    class_name="post__rejection",
                ),
            ),
            rx.cond(
                (row.status == PostStatus.HIDDEN) & row.own,
                rx.el.p(t("boards.post.hidden_own"), class_name="mark"),
            ),
            rx.cond(
                shows_text,
                rx.fragment(
                    rx.cond(
                        row.has_quote,
                        rx.el.blockquote(
                            rx.cond(
                                row.quote_excerpt != "",
                                rx.fragment(
                                    rx.el.p(
                                        row.quote_author, " ", t("boards.wrote"), class_name="muted"
                                    ),
                                    rx.el.p(row.quote_excerpt),
                                ),
                                rx.el.p(t("boards.quote_gone"), class_name="muted"),
                            ),
                            class_name="post__quote",
                        ),
                    ),
                    rx.el.p(row.body, class_name="post__body"),
                ),
                _placeholder(row),
            ),
            _post_actions(row),
            rx.cond(S.report_id == row.id, _report_form()),
            rx.cond(S.remove_id == row.id, _remove_form()),
            status_lines(S, here=S.place == "post:" + row.id.to_string()),
            class_name=rx.cond(row.status == PostStatus.WAITING, "post post--waiting", "post"),
            aria_label=rx.cond(row.opening, t("boards.post.opening"), t("boards.post.reply")),
        ),
    )


def _reply_form() -> rx.Component:
    S = ThreadState
    return post_form(
        ("ps-reply-title", "boards.reply.title"),
        S.reply,
        rx.cond(
            S.quote_id != 0,
            rx.el.div(
                rx.el.p(t("boards.reply.quoting"), " ", rx.el.strong(S.quote_author)),
                rx.el.blockquote(rx.el.p(S.quote_excerpt), class_name="post__quote"),
                rx.el.button(
                    t("boards.reply.unquote"),
                    type="button",
                    on_click=S.unquote,
                    class_name="link-button",
                ),
                class_name="quoting",
            ),
        ),
        body_field("boards.form.reply"),
        findings_panel(S, S.reply_anyway),
        rx.el.button(
            t("boards.reply.send"),
            type="submit",
            disabled=S.busy,
            class_name="button button--primary",
        ),
        status_lines(S, here=S.place == "reply"),
    )


def _staff_tools() -> rx.Component:
    S = ThreadState
    return rx.cond(
        S.is_staff,
        rx.el.section(
            rx.el.h2(t("boards.staff.title")),
            rx.el.button(
                rx.cond(S.locked, t("boards.staff.unlock"), t("boards.staff.lock")),
                type="button",
                on_click=_with(S.set_locked, ~S.locked),
                disabled=S.busy,
                class_name="button button--secondary",
            ),
            rx.el.form(
                rx.el.label(
                    t("boards.staff.move"), html_for="ps-move-board", class_name="field__label"
                ),
                rx.el.select(
                    *[
                        rx.el.option(language_pair(board.name), value=board.key)
                        for board in boards_content().boards
                    ],
                    id="ps-move-board",
                    name="board",
                    class_name="field__input",
                ),
                rx.el.button(
                    t("boards.staff.move_send"),
                    type="submit",
                    disabled=S.busy,
                    class_name="button button--secondary",
                ),
                on_submit=S.move,
                reset_on_submit=False,
                class_name="inline-form",
            ),
            class_name="staff-tools",
            aria_label=t("boards.staff.title"),
        ),
    )


def thread_page() -> rx.Component:
    S = ThreadState
    return board_page_frame(
        S,
        "boards.error.unknown_thread",
        ROUTE,
        rx.el.p(
            server_link(
                in_language(S.board_name_nl, S.board_name_en),
                href=f"{BOARD_ROUTE}?nr=" + S.board_number.to_string(),
            ),
            class_name="breadcrumb",
        ),
        rx.el.h2(
            rx.cond(S.title != "", S.title, t("boards.deleted_title")),
            class_name="thread-title",
        ),
        rx.el.p(
            server_link(
                t("boards.read.back_to_thread"),
                href=f"{THREAD_ROUTE}?id=" + S.thread_id.to_string(),  # type: ignore[attr-defined]
            ),
            class_name="link-line",
        ),
        rx.cond(S.locked, rx.el.p(t("boards.locked_explained"), class_name="callout")),
        crisis_help(S.crisis_shown, S.crisis_sent, S.close_crisis),
        status_lines(S, here=S.place == ""),
        rx.el.ol(rx.foreach(S.posts, _post), class_name="post-list"),
        more_button(S, "boards.more_posts"),
        rx.cond(
            S.signed_in,
            rx.cond(~S.locked, _reply_form()),
            members_only_line("boards.members_only"),
        ),
        _staff_tools(),
        status_lines(S, here=S.place == "staff"),
        house_rules(),
    )

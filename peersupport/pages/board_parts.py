"""The pieces the board's writing page (pages/boards.py) and the thread's reply page
(pages/thread_reply.py) share: the messages, the findings, the body field, the house
rules, the links to the pages from the server, loading more and the page's frame.
"""

from __future__ import annotations

from typing import Any

import reflex as rx

from peersupport.components.expected_wait import expected_wait_line
from peersupport.components.forms import action_button, labelled_field, loading_status, message_for
from peersupport.components.messages import message_line
from peersupport.components.navigation import app_link
from peersupport.components.text import language_pair, t
from peersupport.content.boards import boards_content
from peersupport.layouts.page_frame import page_frame
from peersupport.models.boards import POST_MAX_CHARS
from peersupport.state.board_posting import BODY_FIELD, POST_FORM, PagedListState, PostingState
from peersupport.state.language import LanguageState

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


def in_language(nl: Any, en: Any) -> Any:
    return rx.cond(LanguageState.lang == "en", en, nl)


def status_lines(state: type[PostingState], here: Any = None) -> rx.Component:
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


def findings_panel(state: type[PostingState], send_anyway: Any) -> rx.Component:
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
                action_button("boards.findings.send_anyway", send_anyway, state.busy, False),
                class_name="actions",
            ),
            class_name="post-findings",
            role="region",
            aria_label=t("boards.findings.label"),
        ),
    )


def body_field(label_key: str) -> rx.Component:
    return labelled_field(
        BODY_FIELD,
        label_key,
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
    )


def post_form(heading: tuple[str, str], on_submit: Any, *children: Any) -> rx.Component:
    """The post form (a new thread, a reply) under its `heading` (id, text key). The
    browser hands over its fields when it is sent; a refused post keeps them."""
    heading_id, heading_key = heading
    return rx.el.form(
        rx.el.h2(t(heading_key), id=heading_id),
        *children,
        id=POST_FORM,
        on_submit=on_submit,
        reset_on_submit=False,
        class_name="post-form",
        aria_labelledby=heading_id,
    )


def server_link(*children: Any, href: Any, **props: Any) -> rx.Component:
    """A link to a page from the server (reading a board or thread) whose address is
    only known in the tab: a full page load replacing this history entry."""
    return rx.el.a(*children, href=href, custom_attrs={"data-replace": ""}, **props)


def more_button(state: type[PagedListState], label_key: str) -> rx.Component:
    """The next page of the list, when there is one."""
    return rx.cond(
        state.next_cursor != "",
        rx.el.button(
            rx.cond(state.loading_more, t("boards.loading"), t(label_key)),
            type="button",
            on_click=state.more,
            disabled=state.loading_more,
            class_name="button button--secondary",
        ),
    )


def board_page_frame(
    state: type[PagedListState], missing_key: str, boards_route: str, *ready: rx.Component
) -> rx.Component:
    """A board page: "loading", then `ready`, or the sentence `missing_key` with the way
    to the list of boards (`boards_route`, also where Back goes)."""
    return page_frame(
        loading_status(state.view == "loading", "boards.loading"),
        rx.cond(
            state.view == "not_found",
            rx.el.div(
                rx.el.p(t(missing_key)),
                app_link(
                    t("boards.all_boards"), href=boards_route, class_name="button button--secondary"
                ),
            ),
        ),
        rx.cond(state.view == "ready", rx.el.div(*ready)),
        title_key="boards.title",
        current=boards_route,
        back_to=boards_route,
    )

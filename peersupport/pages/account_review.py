"""One account's history for moderators (/moderatie/account?nr=<id>): its signals, the
decisions about its posts, reports and what moderators did. Read only; others see one
line."""

from __future__ import annotations

from typing import Any

import reflex as rx

from peersupport.components.moderation_signals import ACCOUNT_ROUTE
from peersupport.components.moderation_text import pick
from peersupport.components.moderation_widgets import message_lines, section, staff_only
from peersupport.components.secure_forms import secure_forms
from peersupport.components.text import bilingual, t
from peersupport.layouts.page_frame import page_frame
from peersupport.pages.moderation import ROUTE as MODERATION_ROUTE
from peersupport.state.account_review import AccountReviewState as S
from peersupport.state.account_review import rules_sentence

ROUTE = ACCOUNT_ROUTE


def _empty_or(items: Any, empty_key: str, line: Any) -> rx.Component:
    return rx.cond(
        items.length() > 0,
        rx.el.ul(rx.foreach(items, line), class_name="account-review__list"),
        rx.el.p(t(empty_key), class_name="muted"),
    )


def _dated(line: Any) -> rx.Component:
    """A line with its time, its words, and (as text) a title or a reason."""
    return rx.el.li(
        rx.cond(line.at != "", rx.el.span(line.at, " · ", class_name="muted")),
        rx.el.strong(pick(line.nl, line.en)),
        rx.cond(line.text != "", rx.el.span(" · ", line.text)),
        rx.cond(
            line.signals_nl != "",
            rx.el.div(
                rx.el.span(t("signals.view.item_signals"), class_name="label"),
                " ",
                pick(line.signals_nl, line.signals_en),
                class_name="mod-line",
            ),
        ),
    )


def _facts() -> rx.Component:
    review = S.review
    return rx.el.div(
        rx.el.h2(review.pseudonym, id="account-review-name", tab_index=-1),
        rx.el.ul(
            rx.el.li(pick(review.role_nl, review.role_en), class_name="mark"),
            rx.cond(
                review.suspended,
                rx.el.li(t("signals.view.suspended"), class_name="mark mod-mark--escalated"),
            ),
            rx.el.li(pick(review.joined_nl, review.joined_en), class_name="mark"),
            class_name="marks account-review__facts",
        ),
    )


def _view() -> rx.Component:
    review = S.review
    return rx.cond(
        S.missing,
        rx.el.p(t("signals.view.unknown"), class_name="lead"),
        rx.el.div(
            _facts(),
            section(
                "account-signals",
                "signals.view.signals_title",
                _empty_or(
                    review.signals,
                    "signals.view.no_signals",
                    lambda signal: rx.el.li(pick(signal.reason_nl, signal.reason_en)),
                ),
                rx.el.p(bilingual(rules_sentence("nl"), rules_sentence("en")), class_name="muted"),
            ),
            section(
                "account-decisions",
                "signals.view.counts_title",
                rx.el.p(pick(review.counts_nl, review.counts_en)),
            ),
            section(
                "account-items",
                "signals.view.items_title",
                _empty_or(review.posts, "signals.view.no_items", _dated),
            ),
            section(
                "account-reports",
                "signals.view.reports_title",
                _empty_or(review.reports, "signals.view.no_reports", _dated),
            ),
            section(
                "account-history",
                "signals.view.history_title",
                _empty_or(review.history, "signals.view.no_history", _dated),
            ),
            class_name="account-review",
        ),
    )


def account_review_page() -> rx.Component:
    return page_frame(
        secure_forms(),
        message_lines(S.busy, S.error),
        staff_only(S.allowed, S.loaded, _view(), "moderation.not_for_you"),
        title_key="signals.view.title",
        current=ROUTE,
        back_to=MODERATION_ROUTE,
    )

"""What the lists of reported posts and reported stories on /moderatie share: the area
with its list, and in each card the author, the hidden mark's explanation, the text
(plain text only), all its reports together and the two decisions: keep the item, or
take it down with a reason."""

from __future__ import annotations

from typing import Any

import reflex as rx

from peersupport.components.forms import labelled_field
from peersupport.components.moderation_text import label_for, pick
from peersupport.components.moderation_widgets import area_status, row_button, section
from peersupport.components.text import t
from peersupport.services.boards import HIDE_AFTER_REPORTS, REPORT_REASON_KEYS
from peersupport.state.moderation import ModerationState

# On a wide screen the page has two columns; the reports take both, like the queue.
WIDE = {"grid_column": "1 / -1"}
# The small headings inside a card read like the item's "Tekst" heading.
SUBHEADING = {"font_size": "1rem", "font_weight": "700", "margin": "0.75rem 0 0.25rem"}


def _report(report: Any) -> rx.Component:
    """One report: the reason in words, when, and the reporter's own words if any."""
    return rx.el.li(
        rx.el.p(
            rx.el.strong(label_for(report.reason, REPORT_REASON_KEYS)),
            " · ",
            rx.el.span(report.at, class_name="muted", style={"white_space": "nowrap"}),
        ),
        rx.cond(report.text != "", rx.el.p(report.text, class_name="post__body")),
    )


def reported_item(item: Any, hidden_explain: str) -> rx.Component:
    """The author, why a hidden item is hidden, its text and all its reports."""
    return rx.fragment(
        rx.el.p(
            t("moderation.item.by"),
            " ",
            rx.el.strong(rx.cond(item.author != "", item.author, t("moderation.reports.gone"))),
            class_name="muted",
        ),
        rx.cond(
            item.hidden,
            rx.el.p(t(hidden_explain, n=HIDE_AFTER_REPORTS), class_name="callout"),
        ),
        rx.el.article(
            rx.el.h4(t("moderation.item.text"), style=SUBHEADING),
            rx.el.p(item.body, class_name="post__body"),
            class_name="mod-story-box",
        ),
        rx.el.div(
            rx.el.h4(pick(item.reports_nl, item.reports_en), class_name="mod-alert__title"),
            rx.el.ul(rx.foreach(item.reports, _report), class_name="mod-reports"),
            class_name="mod-alert",
        ),
    )


def reported_card(
    item: Any, marks: rx.Component, title: Any, hidden_explain: str, *decisions: rx.Component
) -> rx.Component:
    """One reported item as a card: its `marks`, its `title`, the item with its reports
    (`hidden_explain` says why a hidden one is hidden), then the `decisions`."""
    return rx.el.li(
        marks,
        rx.el.h3(title, class_name="mod-reported__title"),
        reported_item(item, hidden_explain),
        *decisions,
        class_name="mod-card mod-reported",
    )


def keep_decision(label: str, title: Any, on_click: Any, explain: str) -> rx.Component:
    """The button that keeps the item (its reports close) and what it does."""
    return rx.fragment(
        rx.el.div(row_button(label, title, on_click), class_name="actions"),
        rx.el.p(t(explain), class_name="field__hint"),
    )


def remove_decision(
    keys: tuple[str, str, str],
    item: tuple[str, Any, Any],
    reason_field: Any,
    on_submit: Any,
    *,
    hint_id: Any = None,
    note: rx.Component | None = None,
) -> rx.Component:
    """Taking the item down needs a reason: the (summary, reason hint, button) texts
    `keys`, and a form of this item alone. `item` is (the form's field naming it, its id,
    its title for screen readers on the button): one submit handler serves every item.
    `note` goes above the reason; `hint_id` when the reason field names its hint."""
    summary, hint, button = keys
    name, item_id, title = item
    return rx.el.details(
        rx.el.summary(t(summary), class_name="mod-summary"),
        rx.el.form(
            rx.el.input(type="hidden", name=name, value=item_id),
            *([] if note is None else [note]),
            labelled_field(
                reason_field,
                "moderation.reports.field_reason",
                rx.el.textarea(
                    id=reason_field,
                    name="reason",
                    rows=3,
                    aria_required="true",
                    aria_describedby=hint_id,
                    class_name="field__input mod-textarea",
                ),
                rx.el.p(t(hint), id=hint_id, class_name="field__hint"),
            ),
            rx.el.button(
                t(button),
                rx.el.span(": ", title, class_name="visually-hidden"),
                type="submit",
                disabled=ModerationState.busy,
                class_name="button button--danger",
            ),
            key=item_id,
            on_submit=on_submit,
            class_name="mod-form",
        ),
        class_name="mod-details",
    )


def reported_area(
    area: str, keys: tuple[str, str, str], items: Any, card: Any, page: int
) -> rx.Component:
    """The area `area` with the (title, explanation, empty list) texts `keys`: the
    reported `items` as cards, and a line when the list holds a full page (there are
    more)."""
    title, explain, empty = keys
    return rx.el.div(
        section(
            area,
            title,
            rx.el.p(t(explain), class_name="muted"),
            area_status(area),
            rx.cond(
                items.length() > 0,
                rx.fragment(
                    rx.el.ul(rx.foreach(items, card), class_name="mod-list"),
                    rx.cond(
                        items.length() >= page,
                        rx.el.p(t("moderation.reports.more", n=page), class_name="muted"),
                    ),
                ),
                rx.el.p(t(empty), class_name="mod-empty"),
            ),
        ),
        class_name="mod-reports-area",
        style=WIDE,
    )

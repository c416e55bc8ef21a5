"""Queue health and the moderator's own safety on /moderatie: the chart of waiting times
(an SVG drawn on the server, with a table for screen readers), how many items wait
longer than the alert hours, and the pause switch."""

from __future__ import annotations

from typing import Any

import reflex as rx

from peersupport.components.forms import action_button
from peersupport.components.moderation_text import pick
from peersupport.components.moderation_widgets import area_status, chart_table, section
from peersupport.components.text import t
from peersupport.services.moderation import CHART_DAYS
from peersupport.state.moderation import ModerationState as S


def _table_row(row: Any) -> rx.Component:
    return rx.el.tr(
        rx.el.th(row.date, scope="row"),
        rx.el.td(row.decided),
        rx.el.td(row.median),
        rx.el.td(row.longest),
    )


# On a wide screen the page has two columns; the chart and the pause take both.
WIDE = {"grid_column": "1 / -1"}


def wait_chart() -> rx.Component:
    return rx.el.div(_wait_chart(), style=WIDE)


def _wait_chart() -> rx.Component:
    return section(
        "waiting",
        "queue.chart.title",
        rx.el.p(t("queue.chart.explain", n=CHART_DAYS), class_name="muted"),
        rx.cond(
            S.overdue_count > 0,
            rx.el.p(pick(S.overdue_nl, S.overdue_en), class_name="callout wait-overdue"),
        ),
        rx.el.ul(
            rx.el.li(
                rx.el.span(class_name="wait-chart__swatch wait-chart__swatch--bar"),
                t("queue.chart.median"),
            ),
            rx.el.li(
                rx.el.span(class_name="wait-chart__swatch wait-chart__swatch--longest"),
                t("queue.chart.longest"),
            ),
            rx.el.li(
                rx.el.span(class_name="wait-chart__swatch wait-chart__swatch--alert"),
                pick(S.alert_nl, S.alert_en),
            ),
            class_name="mod-chart__legend",
        ),
        rx.el.p(t("queue.chart.axis"), class_name="muted wait-chart__axis-label"),
        rx.html(S.wait_svg, class_name="wait-chart"),
        rx.el.div(
            chart_table(
                "queue.chart.table_caption",
                [
                    "moderation.chart.date",
                    "queue.chart.decided",
                    "queue.chart.median",
                    "queue.chart.longest",
                ],
                S.wait_rows,
                _table_row,
            ),
            # Hidden around the table: a table grows to its headers, whatever its own width.
            class_name="visually-hidden",
        ),
    )


def pause_switch() -> rx.Component:
    """Pause taking items: the queue is hidden for him, his claims go back."""
    return rx.el.div(
        rx.cond(
            S.paused,
            rx.el.div(
                rx.el.p(rx.el.strong(t("queue.pause.on_title"))),
                rx.el.p(t("queue.pause.on_text")),
                action_button("queue.pause.resume", S.set_paused(False), S.busy),  # type: ignore[operator]
                class_name="callout mod-pause mod-pause--on",
            ),
            rx.el.div(
                rx.el.p(t("queue.pause.explain"), class_name="muted"),
                action_button("queue.pause.start", S.set_paused(True), S.busy, False),  # type: ignore[operator]
                class_name="mod-pause",
            ),
        ),
        area_status("pause"),
        id="mod-pause",
        style=WIDE,
    )

"""The top of /moderatie at a glance: how many items wait, how long the oldest has
waited, and a chart (with a table for screen readers) of the last days' work."""

from __future__ import annotations

from typing import Any

import reflex as rx

from peersupport.components.moderation_text import pick
from peersupport.components.moderation_widgets import chart_table, section
from peersupport.components.text import t
from peersupport.services.moderation import CHART_DAYS
from peersupport.state.moderation import ModerationState as S


def _bar_day(day: Any) -> rx.Component:
    return rx.el.div(
        rx.el.div(
            rx.el.div(
                class_name="mod-chart__bar mod-chart__bar--in",
                style={"height": day.submitted_height},
            ),
            rx.el.div(
                class_name="mod-chart__bar mod-chart__bar--out",
                style={"height": day.decided_height},
            ),
            class_name="mod-chart__pair",
        ),
        rx.el.span(day.day, class_name="mod-chart__day"),
        class_name="mod-chart__column",
    )


def _table_row(day: Any) -> rx.Component:
    return rx.el.tr(rx.el.th(day.date, scope="row"), rx.el.td(day.submitted), rx.el.td(day.decided))


def at_a_glance() -> rx.Component:
    return section(
        "glance",
        "moderation.glance.title",
        rx.el.div(
            rx.el.p(
                rx.el.span(S.queue_size, class_name="mod-stat__number"),
                rx.el.span(t("moderation.stats.in_queue"), class_name="mod-stat__label"),
                class_name="mod-stat",
            ),
            rx.el.p(
                rx.cond(
                    S.queue_size > 0,
                    pick(S.oldest_nl, S.oldest_en),
                    t("moderation.stats.nothing_waiting"),
                ),
                class_name="mod-stat mod-stat--oldest",
            ),
            class_name="mod-stats",
        ),
        rx.el.h3(t("moderation.chart.title", n=CHART_DAYS)),
        rx.el.ul(
            rx.el.li(
                rx.el.span(class_name="mod-chart__swatch mod-chart__bar--in"),
                t("moderation.chart.submitted"),
                ": ",
                rx.el.strong(S.submitted_total),
            ),
            rx.el.li(
                rx.el.span(class_name="mod-chart__swatch mod-chart__bar--out"),
                t("moderation.chart.decided"),
                ": ",
                rx.el.strong(S.decided_total),
            ),
            class_name="mod-chart__legend",
        ),
        rx.el.div(
            rx.foreach(S.days, _bar_day),
            class_name="mod-chart",
            aria_hidden="true",
        ),
        chart_table(
            "moderation.chart.table_caption",
            ["moderation.chart.date", "moderation.chart.submitted", "moderation.chart.decided"],
            S.days,
            _table_row,
            class_name="visually-hidden",
        ),
    )

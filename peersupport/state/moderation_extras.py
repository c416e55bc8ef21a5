"""More of what /moderatie shows, as plain data: reported stories, the chart of waiting
times (an SVG drawn here, on the server), and the moderator's own safety (which items
stay hidden until he asks, and his pause)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from babel.dates import format_date, format_datetime

from peersupport.components.local_time import HOME_ZONE, LOCALES
from peersupport.services import queue_health, story_reports
from peersupport.services.reports import Report
from peersupport.translations import translate

# The chart's drawing area, in SVG units (it scales to the page's width).
CHART_WIDTH, CHART_HEIGHT = 560, 200
LEFT, RIGHT, TOP, BOTTOM = 40, 8, 12, 30


# Day and time in figures only ("03-12-2026 15:05"): the same in both languages, so
# one string serves the page whichever language it shows.
FIGURES_DATE_TIME = "dd-MM-y HH:mm"
FIGURES_DATE = "dd-MM-y"


def local_time(moment: dt.datetime) -> str:
    """A moment as the moderators in the Netherlands read a clock (Dutch time)."""
    return format_datetime(moment, FIGURES_DATE_TIME, tzinfo=HOME_ZONE, locale=LOCALES["nl"])


def local_day(day: dt.date) -> str:
    """A (Dutch) day in figures: "03-12-2026"."""
    return format_date(day, FIGURES_DATE, locale=LOCALES["nl"])


def reports_count(language: str, count: int) -> str:
    if count == 1:
        return translate(language, "moderation.reports.count_one")
    return translate(language, "moderation.reports.count_many", n=count)


@dataclass
class ReportLine:
    """One member's report: the reason's code, his own words, and when."""

    reason: str = ""
    text: str = ""
    at: str = ""


def report_lines(reports: tuple[Report, ...]) -> list[ReportLine]:
    """A reported post's or story's open reports, as lines for the page."""
    return [
        ReportLine(reason=report.reason, text=report.text, at=local_time(report.at))
        for report in reports
    ]


@dataclass
class ReportedStoryRow:
    """A published story members reported, with all its open reports together.

    `body` is the writer's text as he typed it: shown as text, never as HTML.
    """

    story_id: int = 0
    title: str = ""
    author: str = ""  # "" when the author deleted his account
    body: str = ""
    hidden: bool = False
    reports: list[ReportLine] = field(default_factory=list)
    reports_nl: str = ""
    reports_en: str = ""


@dataclass
class WaitRow:
    """One day of the waiting-time chart, for the table screen readers read."""

    date: str = ""
    decided: int = 0
    median: str = ""  # hours, one decimal; "" when nothing was decided
    longest: str = ""
    over: bool = False  # the median was above the alert hours


def reported_story_row(story: story_reports.ReportedStory) -> ReportedStoryRow:
    return ReportedStoryRow(
        story_id=story.story_id,
        title=story.title,
        author=story.author,
        body=story.body,
        hidden=story.hidden,
        reports=report_lines(story.reports),
        reports_nl=reports_count("nl", len(story.reports)),
        reports_en=reports_count("en", len(story.reports)),
    )


def _hours_text(hours: float) -> str:
    return f"{hours:.1f}"


def wait_rows(days: tuple[queue_health.WaitDay, ...], alert_hours: int) -> list[WaitRow]:
    return [
        WaitRow(
            date=local_day(day.day),
            decided=day.decided,
            median=_hours_text(day.median_hours) if day.decided else "",
            longest=_hours_text(day.longest_hours) if day.decided else "",
            over=day.decided > 0 and day.median_hours > alert_hours,
        )
        for day in days
    ]


def wait_chart_svg(days: tuple[queue_health.WaitDay, ...], alert_hours: int) -> str:
    """Bars of the median wait per day, a thin mark at the longest wait, and a dashed
    line at the alert hours. Only numbers and shapes: the words are beside it, in the
    page's language, and the same figures are in a table for screen readers."""
    top_hours = max([alert_hours * 1.25, *(day.longest_hours for day in days)])
    top_hours = float(max(1, int(top_hours + 0.999)))
    plot_width = CHART_WIDTH - LEFT - RIGHT
    plot_height = CHART_HEIGHT - TOP - BOTTOM
    step = plot_width / max(1, len(days))

    def y(hours: float) -> float:
        return round(TOP + plot_height * (1 - min(hours, top_hours) / top_hours), 1)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {CHART_WIDTH} {CHART_HEIGHT}" '
        'class="wait-chart__svg" aria-hidden="true" focusable="false">',
        f'<line x1="{LEFT}" y1="{y(0)}" x2="{CHART_WIDTH - RIGHT}" y2="{y(0)}" '
        'class="wait-chart__axis"/>',
    ]
    for hours in (0.0, top_hours / 2, top_hours):
        parts.append(
            f'<text x="{LEFT - 5}" y="{y(hours) + 6}" text-anchor="end" '
            f'class="wait-chart__label">{round(hours)}</text>'
        )
    for index, day in enumerate(days):
        x = LEFT + index * step
        bar_x, bar_width = round(x + step * 0.18, 1), round(step * 0.64, 1)
        if day.decided:
            over = " wait-chart__bar--over" if day.median_hours > alert_hours else ""
            top = y(day.median_hours)
            parts.append(
                f'<rect x="{bar_x}" y="{top}" width="{bar_width}" '
                f'height="{round(y(0) - top, 1)}" class="wait-chart__bar{over}"/>'
            )
            longest = y(day.longest_hours)
            parts.append(
                f'<line x1="{bar_x}" y1="{longest}" x2="{round(bar_x + bar_width, 1)}" '
                f'y2="{longest}" class="wait-chart__longest"/>'
            )
        parts.append(
            f'<text x="{round(x + step / 2, 1)}" y="{CHART_HEIGHT - 6}" text-anchor="middle" '
            f'class="wait-chart__label">{day.day.day}</text>'
        )
    alert_y = y(alert_hours)
    parts.append(
        f'<line x1="{LEFT}" y1="{alert_y}" x2="{CHART_WIDTH - RIGHT}" y2="{alert_y}" '
        'class="wait-chart__alert"/>'
    )
    parts.append("</svg>")
    return "".join(parts)

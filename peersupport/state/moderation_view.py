"""What /moderatie shows, as plain data for the browser: the rows, the chart, the
reported board posts, the snapshot of the whole page built from what the moderation
use case read in one unit of work, and where focus goes when the page changes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from peersupport.components.local_time import time_of_day
from peersupport.content.boards import boards_content
from peersupport.services import (
    board_moderation,
    helped_jumps,
    moderation,
    queue_health,
    queue_safety,
)
from peersupport.services.moderation_page import ModerationPage
from peersupport.state.moderation_extras import (
    ReportedStoryRow,
    ReportLine,
    WaitRow,
    local_day,
    local_time,
    report_lines,
    reported_story_row,
    reports_count,
    wait_chart_svg,
    wait_rows,
)
from peersupport.state.moderation_signals import SignalLine, with_signals
from peersupport.translations import translate

UNDO_WINDOW = dt.timedelta(minutes=moderation.UNDO_MINUTES)


def _clock(moment: dt.datetime) -> str:
    """Hours and minutes as the moderators in the Netherlands read a clock: "15:05"."""
    return time_of_day(moment, "nl")


def age_sentence(key: str, language: str, since: dt.datetime, at: dt.datetime) -> str:
    """`key`'s sentence with {age}: how long ago `since` was, in words."""
    minutes = max(0, int((at - since).total_seconds() // 60))
    if minutes < 1:
        age = translate(language, "moderation.age.just_now")
    elif minutes < 60:
        age = (
            translate(language, "moderation.age.minute")
            if minutes == 1
            else translate(language, "moderation.age.minutes", n=minutes)
        )
    elif minutes < 48 * 60:
        hours = minutes // 60
        age = (
            translate(language, "moderation.age.hour")
            if hours == 1
            else translate(language, "moderation.age.hours", n=hours)
        )
    else:
        age = translate(language, "moderation.age.days", n=minutes // (24 * 60))
    return translate(language, key, age=age)


# Where focus goes after opening an item, and after an item left the queue.
FOCUS_DETAIL = "psFocus('mod-detail-title', {scroll: 'start'})"
FOCUS_QUEUE = "psFocus('mod-queue-title')"


def reveal_status(area: str) -> str:
    """Scroll the message lines of one part of the page into view (ids from the page)."""
    return f"psReveal('mod-{area}-status')"


@dataclass
class Finding:
    kind: str = ""
    text: str = ""


@dataclass
class Flag:
    word: str = ""
    action: str = ""


@dataclass
class QueueRow:
    """One pending item; `id` 0 means "none".

    `kind` is "story", "thread" or "reply"; for a reply `title` is its thread's title,
    shown for context and never edited. `board` is "" for a story.
    """

    id: int = 0
    kind: str = ""
    title: str = ""
    board: str = ""
    board_nl: str = ""
    board_en: str = ""
    language: str = ""
    themes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    author: str = ""
    waiting_nl: str = ""
    waiting_en: str = ""
    findings: list[Finding] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    escalated: bool = False
    # Crisis words found at submission (reason codes); such items come first.
    urgent_reasons: list[str] = field(default_factory=list)
    claimed_by: str = ""
    claimed_by_me: bool = False
    claimed_by_other: bool = False
    own: bool = False
    # Grooming signals (state/moderation_signals.py) and the author's account to open.
    signals: list[SignalLine] = field(default_factory=list)
    signals_account: int = 0
    # Queue health and the moderator's own safety (state/moderation_extras.py): waited
    # longer than the alert hours; why its title and text stay hidden until he asks
    # ("crisis", "sexual"); whether he asked.
    overdue: bool = False
    sensitive: list[str] = field(default_factory=list)
    revealed: bool = False


@dataclass
class ChartDay:
    date: str = ""
    day: str = ""
    submitted: int = 0
    decided: int = 0
    submitted_height: str = "0%"
    decided_height: str = "0%"


@dataclass
class Decision:
    item_id: int = 0
    title: str = ""
    decision: str = ""
    decided_at: str = ""
    undo_until: str = ""


@dataclass
class JumpRow:
    """A story whose "Dit hielp me" count jumps, with both figures in both languages."""

    story_id: int = 0
    title: str = ""
    figures_nl: str = ""
    figures_en: str = ""


def _jump_row(jump: helped_jumps.HelpedJump) -> JumpRow:
    def figures(language: str) -> str:
        usual = f"{jump.usual:.1f}".replace(".", ",") if language == "nl" else f"{jump.usual:.1f}"
        return translate(
            language,
            "moderation.helped_jumps.figures",
            recent=jump.recent,
            days=helped_jumps.RECENT_DAYS,
            usual=usual,
        )

    return JumpRow(jump.story_id, jump.title, figures("nl"), figures("en"))


@dataclass
class Word:
    id: int = 0
    phrase: str = ""
    action: str = ""


@dataclass
class ReportedRow:
    """A published post members reported, with all its open reports together.

    `body` is the member's plain text: it is shown as text, never as HTML.
    """

    post_id: int = 0
    thread_title: str = ""
    board_nl: str = ""
    board_en: str = ""
    opening: bool = False
    author: str = ""  # "" when the author deleted his account
    body: str = ""
    hidden: bool = False
    reports: list[ReportLine] = field(default_factory=list)
    reports_nl: str = ""  # "3 meldingen"
    reports_en: str = ""
    # Ids of the removal form's reason field and its hint, unique on the page.
    reason_field: str = ""
    reason_hint: str = ""


@dataclass(frozen=True)
class Snapshot:
    """Everything /moderatie shows, read in one unit of work."""

    role: str
    rows: list[QueueRow]
    size: int
    oldest_nl: str
    oldest_en: str
    days: list[ChartDay]
    submitted_total: int
    decided_total: int
    recent: list[Decision]
    words: list[Word]
    suspended: list[str]
    current: QueueRow
    current_body: str
    current_body_html: str
    reported: list[ReportedRow]
    helped_jumps: list[JumpRow]
    reported_stories: list[ReportedStoryRow] = field(default_factory=list)
    wait_svg: str = ""
    wait_rows: list[WaitRow] = field(default_factory=list)
    overdue_count: int = 0
    # "Grens: 12 uur" and "2 berichten wachten langer dan 12 uur", in both languages.
    alert_nl: str = ""
    alert_en: str = ""
    overdue_nl: str = ""
    overdue_en: str = ""
    paused: bool = False


def board_name(key: str, language: str) -> str:
    """A board's name in `language`; a board no longer in the content file by its key."""
    board = boards_content().board(key) if key else None
    return board.name[language] if board is not None else key


def _reported_row(post: board_moderation.ReportedPost) -> ReportedRow:
    return ReportedRow(
        post_id=post.post_id,
        thread_title=post.thread_title,
        board_nl=board_name(post.board, "nl"),
        board_en=board_name(post.board, "en"),
        opening=post.opening,
        author=post.author,
        body=post.body,
        hidden=post.hidden,
        reports=report_lines(post.reports),
        reports_nl=reports_count("nl", len(post.reports)),
        reports_en=reports_count("en", len(post.reports)),
        reason_field=f"mod-remove-reason-{post.post_id}",
        reason_hint=f"mod-remove-reason-{post.post_id}-hint",
    )


def _row(
    item: moderation.QueueItem, at: dt.datetime, alert_hours: int, revealed: tuple[int, ...]
) -> QueueRow:
    # A reply's title is its published thread's, shown for context: only its text counts.
    sensitive = queue_safety.sensitive_reasons(
        urgent=bool(item.urgent_reasons),
        warnings=item.warnings,
        title=item.own_title,
        body=item.body,
    )
    shown = not sensitive or item.id in revealed
    return QueueRow(
        id=item.id,
        kind=item.kind,
        # A hidden item's own title is not sent until he asks ("Toon tekst").
        title=item.title if shown or not item.own_title else "",
        board=item.board,
        board_nl=board_name(item.board, "nl"),
        board_en=board_name(item.board, "en"),
        language=item.language,
        themes=list(item.themes),
        warnings=list(item.warnings),
        author=item.author,
        waiting_nl=age_sentence("moderation.item.waiting", "nl", item.queued_at, at),
        waiting_en=age_sentence("moderation.item.waiting", "en", item.queued_at, at),
        findings=[Finding(kind=kind, text=text) for kind, text in item.findings],
        flags=[Flag(word=word, action=action) for word, action in item.flags],
        escalated=item.escalated,
        urgent_reasons=list(item.urgent_reasons),
        claimed_by=item.claimed_by,
        claimed_by_me=item.claimed_by_me,
        claimed_by_other=bool(item.claimed_by) and not item.claimed_by_me,
        own=item.own,
        overdue=queue_health.overdue(item.queued_at, at, alert_hours),
        sensitive=list(sensitive),
        revealed=bool(sensitive) and shown,
    )


def _chart(stats: moderation.QueueStats) -> list[ChartDay]:
    highest = max([1, *(max(submitted, decided) for _, submitted, decided in stats.days)])
    return [
        ChartDay(
            date=local_day(day),
            day=str(day.day),
            submitted=submitted,
            decided=decided,
            submitted_height=f"{round(100 * submitted / highest)}%",
            decided_height=f"{round(100 * decided / highest)}%",
        )
        for day, submitted, decided in stats.days
    ]


def snapshot_of(page: ModerationPage, open_id: int, revealed: tuple[int, ...] = ()) -> Snapshot:
    """The whole page as read for the moderator, with the item `open_id` opened if it is
    still queued; the hidden items in `revealed` (he asked to read them) with their title
    and text."""
    at, alert_hours, items, stats = page.at, page.alert_hours, page.items, page.stats
    rows = [_row(item, at, alert_hours, revealed) for item in items]
    current = next((item for item in items if item.id == open_id), None)
    oldest = stats.oldest_queued_at
    rows = with_signals(rows, page.signals)
    current_row = next((row for row in rows if row.id == open_id), QueueRow())
    shown = not current_row.sensitive or current_row.revealed
    wait_days, overdue_count = page.wait_days, page.overdue_count
    return Snapshot(
        role=page.role,
        rows=rows,
        size=stats.size,
        oldest_nl=age_sentence("moderation.stats.oldest", "nl", oldest, at) if oldest else "",
        oldest_en=age_sentence("moderation.stats.oldest", "en", oldest, at) if oldest else "",
        days=_chart(stats),
        submitted_total=sum(submitted for _, submitted, _ in stats.days),
        decided_total=sum(decided for _, _, decided in stats.days),
        recent=[
            Decision(
                item_id=decision.item_id,
                title=decision.title,
                decision=decision.decision,
                decided_at=local_time(decision.decided_at),
                undo_until=_clock(decision.decided_at + UNDO_WINDOW),
            )
            for decision in page.recent
        ],
        words=[Word(id=word.id, phrase=word.phrase, action=word.action) for word in page.words],
        suspended=page.suspended,
        current=current_row,
        current_body=current.body if current and shown else "",
        current_body_html=current.body_html if current and shown else "",
        reported=[_reported_row(post) for post in page.reported],
        helped_jumps=[_jump_row(jump) for jump in page.helped_jumps],
        reported_stories=[reported_story_row(story) for story in page.reported_stories],
        wait_svg=wait_chart_svg(wait_days, alert_hours),
        wait_rows=wait_rows(wait_days, alert_hours),
        overdue_count=overdue_count,
        alert_nl=translate("nl", "queue.chart.alert", hours=alert_hours),
        alert_en=translate("en", "queue.chart.alert", hours=alert_hours),
        overdue_nl=translate("nl", "queue.overdue.count", n=overdue_count, hours=alert_hours),
        overdue_en=translate("en", "queue.overdue.count", n=overdue_count, hours=alert_hours),
        paused=page.paused,
    )

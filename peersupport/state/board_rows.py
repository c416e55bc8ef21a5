"""What the board pages show of the boards service's answers: a thread, a post and a
contact-detail finding as plain rows for Reflex state, with their days in Dutch and
English (components/local_time.py), and the few words a page takes from a sent form
or the boards' content."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime

from peersupport.components import local_time
from peersupport.content.boards import boards_content
from peersupport.services import boards
from peersupport.services.scrubber import Finding


@dataclasses.dataclass
class ThreadRow:
    id: int = 0
    title: str = ""
    author: str = ""
    replies: int = 0
    day_nl: str = ""
    day_en: str = ""
    locked: bool = False
    waiting: bool = False
    rejected: bool = False


@dataclasses.dataclass
class PostRow:
    id: int = 0
    opening: bool = False
    author: str = ""
    since_nl: str = ""
    since_en: str = ""
    day_nl: str = ""
    day_en: str = ""
    body: str = ""
    has_quote: bool = False
    quote_author: str = ""
    quote_excerpt: str = ""
    # A PostStatus (services/boards/reading.py): published, waiting, rejected, hidden, ...
    status: str = ""
    own: bool = False
    rejection_template: str = ""
    rejection_reason: str = ""


@dataclasses.dataclass
class FindingRow:
    kind: str = ""
    text: str = ""


def form_text(form: object, name: str) -> object:
    """One field of a sent form, as it came (the service judges it); None if absent."""
    return form.get(name) if isinstance(form, dict) else None


def _day(at: datetime | None, language: str) -> str:
    return "" if at is None else local_time.day(at, language)


def _month(month: date | None, language: str) -> str:
    return "" if month is None else local_time.month(month, language)


def thread_row(card: boards.ThreadCard) -> ThreadRow:
    return ThreadRow(
        id=card.id,
        title=card.title,
        author=card.author,
        replies=card.reply_count,
        day_nl=_day(card.last_activity_at, "nl"),
        day_en=_day(card.last_activity_at, "en"),
        locked=card.locked,
        waiting=card.waiting,
        rejected=card.rejected,
    )


def post_row(post: boards.PostView) -> PostRow:
    return PostRow(
        id=post.id,
        opening=post.opening,
        author=post.author,
        since_nl=_month(post.author_since, "nl"),
        since_en=_month(post.author_since, "en"),
        day_nl=_day(post.at, "nl"),
        day_en=_day(post.at, "en"),
        body=post.body,
        has_quote=post.quote is not None,
        quote_author=post.quote.author if post.quote else "",
        quote_excerpt=post.quote.excerpt if post.quote else "",
        status=post.status,
        own=post.own,
        rejection_template=post.rejection_template,
        rejection_reason=post.rejection_reason,
    )


def finding_rows(findings: tuple[Finding, ...]) -> list[FindingRow]:
    return [FindingRow(kind=found.kind, text=found.text) for found in findings]


def board_text(key: str, field: str, language: str) -> str:
    """A board's name or description (`field`) in `language`; "" for no such board."""
    board = boards_content().board(key)
    if board is None:
        return ""
    texts = board.name if field == "name" else board.description
    return texts[language]

"""Reporting a board post: a member reports a published post once, within a daily
limit; reports from HIDE_AFTER_REPORTS different members hide the post (and an opening
post's thread) until a moderator decides."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from peersupport.models import Account, BoardPost, BoardThread, PostReport
from peersupport.models.statuses import PostState
from peersupport.services.boards.common import refuse_suspended
from peersupport.services.boards.lifecycle import refresh_thread
from peersupport.services.errors import InvalidInput
from peersupport.services.ids import is_id
from peersupport.services.reports import already_reported, open_reporters, report_words
from peersupport.settings import PostingLimits

HIDE_AFTER_REPORTS = 3
REPORT_REASON_KEYS = {
    "contact_details": "boards.report.reason.contact_details",
    "meeting_up": "boards.report.reason.meeting_up",
    "identifying": "boards.report.reason.identifying",
    "unkind": "boards.report.reason.unkind",
    "unsafe": "boards.report.reason.unsafe",
    "other": "boards.report.reason.other",
}


def report_post(
    session: Session,
    reporter: Account,
    post_id: object,
    *,
    reason: object,
    text: object,
    limits: PostingLimits,
    now: datetime,
) -> bool:
    """A member reports a published post; returns True when the post is now hidden.

    Raises:
        NotAuthorized "suspended".
        InvalidInput: "unknown_post", "own_post", "invalid_reason", "reason_text_missing"
            ("other" needs words), "report_too_long", "already_reported",
            "too_many_reports".
    """
    refuse_suspended(reporter)
    post = session.get(BoardPost, post_id) if is_id(post_id) else None
    thread = session.get(BoardThread, post.thread_id) if post is not None else None
    if post is None or thread is None or post.state != PostState.PUBLISHED or not thread.listed:
        raise InvalidInput("unknown_post", "no published post has this id")
    if post.author_id == reporter.id:
        raise InvalidInput("own_post", "a member does not report his own post")
    words = report_words(reason, text)
    if already_reported(session, PostReport, PostReport.post_id, post.id, reporter.id):
        raise InvalidInput("already_reported", "this member already reported this post")
    recent = session.scalar(
        select(func.count())
        .select_from(PostReport)
        .where(
            PostReport.reporter_id == reporter.id, PostReport.created_at > now - timedelta(days=1)
        )
    )
    if (recent or 0) >= limits.reports_per_day:
        raise InvalidInput("too_many_reports", f"at most {limits.reports_per_day} reports a day")
    session.add(
        PostReport(
            post_id=post.id,
            reporter_id=reporter.id,
            reason=reason,
            text=words,
            created_at=now,
            open=True,
        )
    )
    session.flush()
    reporters = open_reporters(session, PostReport, PostReport.post_id, post.id)
    if reporters >= HIDE_AFTER_REPORTS and not post.hidden:
        post.hidden = True
        if post.opening:
            thread.listed = False
        refresh_thread(session, thread)
    return post.hidden

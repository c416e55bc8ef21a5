"""What moderators do on the boards besides the queue: lock, move, remove, and reports.

Moderators and admins only; every function checks its actor first and writes the
action to the audit log with its reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from peersupport.content.boards import boards_content
from peersupport.models import Account, BoardPost, BoardThread, PostReport
from peersupport.models.statuses import PostState
from peersupport.services import audit, boards
from peersupport.services.errors import InvalidInput
from peersupport.services.ids import is_id
from peersupport.services.moderation import REASON_MAX_CHARS, require_staff
from peersupport.services.reports import Report, close_reports, open_reports

REPORTED_PAGE = 30


@dataclass(frozen=True)
class ReportedPost:
    """A published post with open reports, with all of them together."""

    post_id: int
    thread_id: int
    thread_title: str
    board: str
    opening: bool
    author: str
    body: str
    hidden: bool
    reports: tuple[Report, ...]


def set_locked(
    session: Session, actor: Account, thread_id: object, locked: object, now: datetime
) -> None:
    """Lock a thread (no more replies) or open it again.

    Raises: NotAuthorized; InvalidInput "unknown_thread", "invalid_value".
    """
    require_staff(actor)
    if not isinstance(locked, bool):
        raise InvalidInput("invalid_value", "locked is true or false")
    thread = _thread(session, thread_id)
    thread.locked = locked
    audit.record(session, actor, "lock" if locked else "unlock", f"thread:{thread.id}", now)


def move_thread(
    session: Session, actor: Account, thread_id: object, board: object, now: datetime
) -> None:
    """Move a thread to another board.

    Raises: NotAuthorized; InvalidInput "unknown_thread", "unknown_board", "same_board".
    """
    require_staff(actor)
    thread = _thread(session, thread_id)
    target = boards_content().board(board)
    if target is None:
        raise InvalidInput("unknown_board", "no board has this key")
    if target.key == thread.board:
        raise InvalidInput("same_board", "the thread is already on this board")
    before = thread.board
    thread.board = target.key
    audit.record(
        session, actor, "move", f"thread:{thread.id}", now, reason=f"{before} -> {target.key}"
    )


def remove_post(
    session: Session, actor: Account, post_id: object, *, reason: object, now: datetime
) -> None:
    """Take a published post down, with a reason the audit log keeps.

    Removing a thread's opening post takes the thread off the board. Open reports about
    the post are closed.

    Raises: NotAuthorized; InvalidInput "unknown_post", "reason_missing", "invalid_reason".
    """
    require_staff(actor)
    post = session.get(BoardPost, post_id) if is_id(post_id) else None
    if post is None or post.state != PostState.PUBLISHED:
        raise InvalidInput("unknown_post", "no published post has this id")
    why = removal_reason(reason)
    post.state, post.hidden = PostState.REMOVED.value, False
    post.rejection_template, post.rejection_reason = "removed", why
    thread = session.get(BoardThread, post.thread_id)
    if thread is not None:
        if post.opening:
            thread.listed = False
        boards.refresh_thread(session, thread)
    close_reports(session, PostReport, PostReport.post_id, post.id)
    audit.record(session, actor, "remove", f"post:{post.id}", now, reason=why)


def dismiss_reports(session: Session, actor: Account, post_id: object, now: datetime) -> None:
    """The post may stay: close its reports and show it again if reports had hidden it.

    Raises: NotAuthorized; InvalidInput "unknown_post", "no_reports".
    """
    require_staff(actor)
    post = session.get(BoardPost, post_id) if is_id(post_id) else None
    if post is None or post.state != PostState.PUBLISHED:
        raise InvalidInput("unknown_post", "no published post has this id")
    if not close_reports(session, PostReport, PostReport.post_id, post.id):
        raise InvalidInput("no_reports", "this post has no open reports")
    if post.hidden:
        post.hidden = False
        thread = session.get(BoardThread, post.thread_id)
        if thread is not None:
            if post.opening:
                thread.listed = True
            boards.refresh_thread(session, thread)
    audit.record(session, actor, "keep", f"post:{post.id}", now)


# Made once: an alias built per call costs more than the query it serves.
REPORTED_AUTHOR = aliased(Account, name="reported_author")


def list_reported(session: Session, actor: Account) -> list[ReportedPost]:
    """Posts with open reports, hidden ones first, then by first report; two queries."""
    require_staff(actor)
    author = REPORTED_AUTHOR
    first = func.min(PostReport.created_at)
    posts = list(
        session.execute(
            select(BoardPost, BoardThread, author.pseudonym)
            .join(PostReport, PostReport.post_id == BoardPost.id)
            .join(BoardThread, BoardThread.id == BoardPost.thread_id)
            .outerjoin(author, author.id == BoardPost.author_id)
            .where(PostReport.open)
            .group_by(BoardPost.id, BoardThread.id, author.pseudonym)
            .order_by(BoardPost.hidden.desc(), first, BoardPost.id)
            .limit(REPORTED_PAGE)
        )
    )
    ids = [post.id for post, _, _ in posts]
    reports = open_reports(session, PostReport, PostReport.post_id, ids)
    return [
        ReportedPost(
            post_id=post.id,
            thread_id=thread.id,
            thread_title=thread.title,
            board=thread.board,
            opening=post.opening,
            author=name or "",
            body=post.body,
            hidden=post.hidden,
            reports=tuple(reports[post.id]),
        )
        for post, thread, name in posts
    ]


def _thread(session: Session, thread_id: object) -> BoardThread:
    thread = session.get(BoardThread, thread_id) if is_id(thread_id) else None
    if thread is None:
        raise InvalidInput("unknown_thread", "no thread has this id")
    return thread


def removal_reason(raw: object) -> str:
    """A moderator's reason for removing a post or a story, stripped.

    Raises: InvalidInput "invalid_reason", "reason_missing".
    """
    if raw is None:
        raw = ""
    if not isinstance(raw, str) or len(raw) > REASON_MAX_CHARS:
        raise InvalidInput("invalid_reason", f"a reason has at most {REASON_MAX_CHARS} characters")
    if not raw.strip():
        raise InvalidInput("reason_missing", "a reason is needed")
    return raw.strip()

"""What happens to board posts beyond posting: the moderation service publishes,
unpublishes or rejects them (and a thread's counts follow), an account's deletion takes
his words off the boards, and his export lists them."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import and_, delete, func, or_, select, update
from sqlalchemy.orm import Session

from peersupport.models import Account, BoardPost, BoardThread, ModerationItem, PostReport
from peersupport.models.statuses import PostState
from peersupport.services.errors import InvalidInput


def forget_author(session: Session, account: Account) -> None:
    """Before an account is deleted: his words leave the boards.

    His replies and the threads nobody else answered (with a published or removed
    reply) are deleted; in a thread others answered, his title and opening post are
    emptied ("deleted") so the replies stay. Nothing here relies on the database's
    foreign keys: every row that points at his words is handled explicitly.
    """
    answered = (
        select(BoardPost.thread_id)
        .where(
            BoardPost.author_id.is_distinct_from(account.id),
            ~BoardPost.opening,
            BoardPost.state.in_((PostState.PUBLISHED, PostState.REMOVED)),
        )
        .distinct()
    )
    lonely_threads = list(
        session.scalars(
            select(BoardThread.id).where(
                BoardThread.author_id == account.id, BoardThread.id.not_in(answered)
            )
        )
    )
    doomed_posts = select(BoardPost.id).where(
        or_(
            BoardPost.thread_id.in_(lonely_threads),
            and_(BoardPost.author_id == account.id, ~BoardPost.opening),
        )
    )
    reply_threads = list(
        session.scalars(
            select(BoardPost.thread_id)
            .where(BoardPost.author_id == account.id, ~BoardPost.opening)
            .distinct()
        )
    )
    session.execute(
        update(BoardPost).where(BoardPost.quote_of.in_(doomed_posts)).values(quote_of=None)
    )
    session.execute(delete(PostReport).where(PostReport.post_id.in_(doomed_posts)))
    session.execute(delete(PostReport).where(PostReport.reporter_id == account.id))
    session.execute(delete(ModerationItem).where(ModerationItem.post_id.in_(doomed_posts)))
    session.execute(delete(BoardPost).where(BoardPost.id.in_(doomed_posts.scalar_subquery())))
    session.execute(delete(BoardThread).where(BoardThread.id.in_(lonely_threads)))
    session.execute(
        update(BoardThread)
        .where(BoardThread.author_id == account.id)
        .values(title="", author_id=None)
    )
    session.execute(
        update(BoardPost)
        .where(BoardPost.author_id == account.id, BoardPost.opening)
        .values(body="", state=PostState.DELETED.value, quote_of=None, hidden=False, author_id=None)
    )
    session.flush()
    for thread in session.scalars(select(BoardThread).where(BoardThread.id.in_(reply_threads))):
        refresh_thread(session, thread)


def export_posts(session: Session, account: Account) -> list[dict[str, str]]:
    """His own posts for the account export: board, thread title, text, state, date."""
    rows = session.execute(
        select(BoardPost, BoardThread)
        .join(BoardThread, BoardThread.id == BoardPost.thread_id)
        .where(BoardPost.author_id == account.id)
        .order_by(BoardPost.id)
    )
    return [
        {
            "board": thread.board,
            "thread": thread.title,
            "opening": "yes" if post.opening else "no",
            "text": post.body,
            "state": post.state,
            "written": post.created_at.astimezone(UTC).date().isoformat(),
        }
        for post, thread in rows
    ]


def publish_post(session: Session, post: BoardPost, now: datetime) -> None:
    """Make a post public (the moderation service calls this after approving)."""
    thread = _thread_of(session, post)
    post.state, post.published_at = PostState.PUBLISHED.value, now
    post.rejection_template = post.rejection_reason = None
    if post.opening:
        thread.listed = not post.hidden
    refresh_thread(session, thread)


def unpublish_post(session: Session, post: BoardPost) -> None:
    """Back to waiting (an undone decision)."""
    thread = _thread_of(session, post)
    post.state, post.published_at = PostState.PENDING.value, None
    post.rejection_template = post.rejection_reason = None
    if post.opening:
        thread.listed = False
    refresh_thread(session, thread)


def reject_post(session: Session, post: BoardPost, template: str, reason: str) -> None:
    post.state = PostState.REJECTED.value
    post.rejection_template, post.rejection_reason = template, reason or None


def refresh_thread(session: Session, thread: BoardThread) -> None:
    """Recount a thread's replies and its latest activity from its visible posts."""
    session.flush()
    count, latest = session.execute(
        select(
            func.count().filter(~BoardPost.opening),
            func.max(BoardPost.published_at),
        ).where(
            BoardPost.thread_id == thread.id,
            BoardPost.state == PostState.PUBLISHED,
            ~BoardPost.hidden,
        )
    ).one()
    thread.reply_count = count or 0
    thread.last_activity_at = latest or thread.created_at


def _thread_of(session: Session, post: BoardPost) -> BoardThread:
    thread = session.get(BoardThread, post.thread_id)
    if thread is None:
        raise InvalidInput("unknown_thread", "the post's thread is gone")
    return thread

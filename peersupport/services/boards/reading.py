"""Reading the message boards: a board's page of threads and a thread's page of posts,
as the viewer may see them. Anyone reads published posts of listed threads; nobody
else's pending or rejected post is ever returned, and an author sees his own waiting and
rejected posts in place. Each page costs a constant number of queries.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import ColumnElement, and_, or_, select, tuple_
from sqlalchemy.orm import Session, aliased

from peersupport.models import Account, BoardPost, BoardThread
from peersupport.models.statuses import PostState
from peersupport.services.boards.common import board_key
from peersupport.services.cursors import (
    id_cursor,
    moment_cursor,
    parse_id_cursor,
    parse_moment_cursor,
)
from peersupport.services.ids import is_id

THREADS_PAGE = 20
POSTS_PAGE = 50
QUOTE_EXCERPT_CHARS = 240
# A member's own posts that others do not see: waiting for a moderator, or rejected.
OWN_UNPUBLISHED = (PostState.PENDING, PostState.REJECTED)


@dataclass(frozen=True)
class ThreadCard:
    id: int
    title: str
    author: str  # "" when the author deleted his account
    reply_count: int
    last_activity_at: datetime | None
    locked: bool
    waiting: bool  # the viewer's own thread, not yet approved
    rejected: bool  # the viewer's own thread, not placed


@dataclass(frozen=True)
class ThreadPage:
    board: str
    threads: tuple[ThreadCard, ...]
    next_cursor: str  # "" on the last page


@dataclass(frozen=True)
class Quote:
    author: str
    excerpt: str  # "" when the quoted post can no longer be shown


class PostStatus(StrEnum):
    """A post as a reader sees it: published, waiting or rejected (only ever the viewer's
    own), hidden (reported; text only for its author), removed or deleted (no text)."""

    PUBLISHED = PostState.PUBLISHED.value
    WAITING = "waiting"
    REJECTED = PostState.REJECTED.value
    HIDDEN = "hidden"
    REMOVED = PostState.REMOVED.value
    DELETED = PostState.DELETED.value


# What a post's text shows to: everyone, or (the last) only its author.
SHOWS_TEXT = (PostStatus.PUBLISHED, PostStatus.WAITING, PostStatus.REJECTED)


@dataclass(frozen=True)
class PostView:
    """One post as the viewer may see it; `status` is a `PostStatus`'s word."""

    id: int
    opening: bool
    author: str
    author_since: date | None  # month the author joined
    body: str
    quote: Quote | None
    status: str
    own: bool
    at: datetime
    rejection_template: str
    rejection_reason: str


@dataclass(frozen=True)
class ThreadView:
    id: int
    board: str
    title: str
    locked: bool
    listed: bool
    posts: tuple[PostView, ...]
    next_cursor: str  # "" on the last page


# Made once: an alias built per call costs SQLAlchemy more than the query itself
# (it works out the alias' columns again every time).
THREAD_AUTHOR = aliased(Account, name="thread_author")
POST_AUTHOR = aliased(Account, name="post_author")
QUOTED_POST = aliased(BoardPost, name="quoted_post")
QUOTED_AUTHOR = aliased(Account, name="quoted_author")


def list_threads(
    session: Session, board: object, viewer: Account | None, cursor: object = None
) -> ThreadPage:
    """Listed threads of a board, latest approved activity first, keyset-paged.

    On the first page the viewer also sees his own threads that still wait for a
    moderator (or were not placed), marked as such. One query, two for a member.

    Raises: InvalidInput "unknown_board", "invalid_cursor".
    """
    key = board_key(board)
    after = parse_moment_cursor(cursor)
    author = THREAD_AUTHOR
    query = (
        select(BoardThread, author.pseudonym)
        .outerjoin(author, author.id == BoardThread.author_id)
        .where(BoardThread.board == key, BoardThread.listed)
        .order_by(BoardThread.last_activity_at.desc(), BoardThread.id.desc())
        .limit(THREADS_PAGE + 1)
    )
    if after is not None:
        query = query.where(
            tuple_(BoardThread.last_activity_at, BoardThread.id) < tuple_(after[0], after[1])
        )
    rows = list(session.execute(query))
    cards = [_thread_card(thread, name or "", "") for thread, name in rows[:THREADS_PAGE]]
    if viewer is not None and after is None:
        cards = _own_unlisted_threads(session, key, viewer) + cards
    next_cursor = ""
    if len(rows) > THREADS_PAGE:
        last = rows[THREADS_PAGE - 1][0]
        next_cursor = moment_cursor(last.last_activity_at or last.created_at, last.id)
    return ThreadPage(board=key, threads=tuple(cards), next_cursor=next_cursor)


def get_thread(
    session: Session, thread_id: object, viewer: Account | None, cursor: object = None
) -> ThreadView | None:
    """A thread and one page of its posts, oldest first; None when the viewer may not see it.

    A thread is visible when listed, or to its author while it waits. Two queries.
    """
    if not is_id(thread_id):
        return None
    after = parse_id_cursor(cursor)
    thread = session.get(BoardThread, thread_id)
    viewer_id = viewer.id if viewer is not None else None
    if thread is None or not (thread.listed or (viewer_id and thread.author_id == viewer_id)):
        return None
    author, quoted, quoted_author = POST_AUTHOR, QUOTED_POST, QUOTED_AUTHOR
    visible: ColumnElement[bool] = BoardPost.state.in_(
        (PostState.PUBLISHED, PostState.REMOVED, PostState.DELETED)
    )
    if viewer_id is not None:
        visible = or_(
            visible,
            and_(BoardPost.author_id == viewer_id, BoardPost.state.in_(OWN_UNPUBLISHED)),
        )
    rows = list(
        session.execute(
            select(
                BoardPost, author.pseudonym, author.created_month, quoted, quoted_author.pseudonym
            )
            .outerjoin(author, author.id == BoardPost.author_id)
            .outerjoin(quoted, quoted.id == BoardPost.quote_of)
            .outerjoin(quoted_author, quoted_author.id == quoted.author_id)
            .where(BoardPost.thread_id == thread.id, BoardPost.id > after, visible)
            .order_by(BoardPost.id)
            .limit(POSTS_PAGE + 1)
        )
    )
    posts = tuple(
        _post_view(post, name, since, quote, quote_name, viewer_id)
        for post, name, since, quote, quote_name in rows[:POSTS_PAGE]
    )
    next_cursor = id_cursor(rows[POSTS_PAGE - 1][0].id) if len(rows) > POSTS_PAGE else ""
    return ThreadView(
        id=thread.id,
        board=thread.board,
        title=thread.title,
        locked=thread.locked,
        listed=thread.listed,
        posts=posts,
        next_cursor=next_cursor,
    )


def _own_unlisted_threads(session: Session, board: str, viewer: Account) -> list[ThreadCard]:
    rows = session.execute(
        select(BoardThread, BoardPost.state)
        .join(BoardPost, and_(BoardPost.thread_id == BoardThread.id, BoardPost.opening))
        .where(
            BoardThread.board == board,
            BoardThread.author_id == viewer.id,
            ~BoardThread.listed,
            BoardPost.state.in_(OWN_UNPUBLISHED),
        )
        .order_by(BoardThread.id.desc())
        .limit(THREADS_PAGE)
    )
    return [_thread_card(thread, viewer.pseudonym, state) for thread, state in rows]


def _thread_card(thread: BoardThread, author: str, own_state: str) -> ThreadCard:
    return ThreadCard(
        id=thread.id,
        title=thread.title,
        author=author,
        reply_count=thread.reply_count,
        last_activity_at=thread.last_activity_at,
        locked=thread.locked,
        waiting=own_state == PostState.PENDING,
        rejected=own_state == PostState.REJECTED,
    )


def _post_view(
    post: BoardPost,
    author: str | None,
    since: date | None,
    quoted: BoardPost | None,
    quoted_author: str | None,
    viewer_id: int | None,
) -> PostView:
    own = viewer_id is not None and post.author_id == viewer_id
    if post.state == PostState.PUBLISHED and post.hidden:
        status = PostStatus.HIDDEN
    elif post.state == PostState.PENDING:
        status = PostStatus.WAITING
    else:
        status = PostStatus(post.state)
    shows_text = status in SHOWS_TEXT or (status is PostStatus.HIDDEN and own)
    quote = None
    if post.quote_of is not None and shows_text:
        readable = quoted is not None and quoted.state == PostState.PUBLISHED and not quoted.hidden
        shown = excerpt(quoted.body) if readable and quoted is not None else ""
        quote = Quote(author=(quoted_author or "") if readable else "", excerpt=shown)
    return PostView(
        id=post.id,
        opening=post.opening,
        author=author or "",
        author_since=since if author else None,
        body=post.body if shows_text else "",
        quote=quote,
        status=status.value,
        own=own,
        at=post.published_at or post.created_at,
        rejection_template=(post.rejection_template or "") if own else "",
        rejection_reason=(post.rejection_reason or "") if own else "",
    )


def excerpt(text: str) -> str:
    """A quoted post as the quote shows it: on one line, cut at a word."""
    flat = " ".join(text.split())
    if len(flat) <= QUOTE_EXCERPT_CHARS:
        return flat
    return flat[: QUOTE_EXCERPT_CHARS - 1].rsplit(" ", 1)[0] + "…"

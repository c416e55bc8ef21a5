"""Message boards: reading threads, posting, and reporting posts.

Rules:
- Anyone reads published posts of listed threads; nobody else's pending or rejected
  post is ever returned. An author sees his own waiting and rejected posts in place.
- Members post; every thread and reply waits in the moderation queue (same scrubber and
  watched words as stories). A locked thread takes no replies; a suspended account
  posts and reports nothing.
- Posts are plain text. There is no private message, no mention, no link, no image:
  this module stores text and renders nothing.
- Posting limits per day and between posts, stricter for new accounts (settings).
- Reports: one per member and post, a daily limit per member; reports from
  HIDE_AFTER_REPORTS different members hide the post until a moderator decides.

Reading a board page or a thread page costs a constant number of queries.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import ColumnElement, and_, delete, func, or_, select, tuple_, update
from sqlalchemy.orm import Session, aliased

from peersupport.content.boards import boards_content
from peersupport.models import Account, BoardPost, BoardThread, ModerationItem, PostReport
from peersupport.models.boards import (
    POST_MAX_CHARS,
    THREAD_TITLE_MAX_CHARS,
)
from peersupport.services import crisis, watched_words
from peersupport.services.errors import InvalidInput, NotAuthorized
from peersupport.services.reports import already_reported, open_reporters, report_words
from peersupport.services.scrubber import Finding, find_contact_details
from peersupport.settings import PostingLimits

THREADS_PAGE = 20
POSTS_PAGE = 50
TITLE_MIN_CHARS = 4
QUOTE_EXCERPT_CHARS = 240
HIDE_AFTER_REPORTS = 3
CURSOR_MAX_CHARS = 100
REPORT_REASON_KEYS = {
    "contact_details": "boards.report.reason.contact_details",
    "meeting_up": "boards.report.reason.meeting_up",
    "identifying": "boards.report.reason.identifying",
    "unkind": "boards.report.reason.unkind",
    "unsafe": "boards.report.reason.unsafe",
    "other": "boards.report.reason.other",
}


# --- what readers get ---------------------------------------------------------------------


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


@dataclass(frozen=True)
class PostView:
    """One post as the viewer may see it.

    `status` is "published", "waiting" / "rejected" (only ever the viewer's own),
    "hidden" (reported; text only for its author), "removed" or "deleted" (no text).
    """

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
    key = _board(board)
    after = _parse_cursor(cursor)
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
        next_cursor = _cursor(last.last_activity_at or last.created_at, last.id)
    return ThreadPage(board=key, threads=tuple(cards), next_cursor=next_cursor)


def get_thread(
    session: Session, thread_id: object, viewer: Account | None, cursor: object = None
) -> ThreadView | None:
    """A thread and one page of its posts, oldest first; None when the viewer may not see it.

    A thread is visible when listed, or to its author while it waits. Two queries.
    """
    if not is_id(thread_id):
        return None
    after = _parse_post_cursor(cursor)
    thread = session.get(BoardThread, thread_id)
    viewer_id = viewer.id if viewer is not None else None
    if thread is None or not (thread.listed or (viewer_id and thread.author_id == viewer_id)):
        return None
    author, quoted, quoted_author = POST_AUTHOR, QUOTED_POST, QUOTED_AUTHOR
    visible: ColumnElement[bool] = BoardPost.state.in_(("published", "removed", "deleted"))
    if viewer_id is not None:
        visible = or_(
            visible,
            and_(BoardPost.author_id == viewer_id, BoardPost.state.in_(("pending", "rejected"))),
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
    next_cursor = str(rows[POSTS_PAGE - 1][0].id) if len(rows) > POSTS_PAGE else ""
    return ThreadView(
        id=thread.id,
        board=thread.board,
        title=thread.title,
        locked=thread.locked,
        listed=thread.listed,
        posts=posts,
        next_cursor=next_cursor,
    )


# --- posting --------------------------------------------------------------------------------


def contact_details_in(title: object, body: object) -> list[Finding]:
    """What the privacy scrubber finds in a title and text (title first)."""
    found = find_contact_details(title) if isinstance(title, str) and title else []
    if isinstance(body, str):
        found += find_contact_details(body)
    return found


def start_thread(
    session: Session,
    author: Account,
    board: object,
    *,
    title: object,
    body: object,
    keep_findings: object,
    limits: PostingLimits,
    now: datetime,
) -> BoardThread:
    """Open a thread; it waits for a moderator like every post.

    Raises:
        NotAuthorized "suspended".
        InvalidInput: "unknown_board", "title_missing", "title_too_short",
            "title_too_long", "body_missing", "body_too_long", "contact_details",
            "blocked_word", "too_many_threads", "too_soon".
    """
    _refuse_suspended(author)
    key = _board(board)
    new_title = clean_title(title)
    text = clean_body(body)
    _refuse_over_limit(session, author, opening=True, limits=limits, now=now)
    findings, watched = _screen(session, new_title, text, keep_findings)
    thread = BoardThread(
        board=key,
        author_id=author.id,
        title=new_title,
        listed=False,
        locked=False,
        created_at=now,
        reply_count=0,
    )
    session.add(thread)
    session.flush()
    post = BoardPost(
        thread_id=thread.id,
        author_id=author.id,
        opening=True,
        body=text,
        state="pending",
        hidden=False,
        created_at=now,
    )
    session.add(post)
    session.flush()
    _queue(session, post, "thread", new_title, findings, watched, now)
    return thread


def reply(
    session: Session,
    author: Account,
    thread_id: object,
    *,
    body: object,
    quote_of: object,
    keep_findings: object,
    limits: PostingLimits,
    now: datetime,
) -> BoardPost:
    """Reply to a listed, unlocked thread, optionally quoting one of its published posts.

    Raises:
        NotAuthorized "suspended".
        InvalidInput: "unknown_thread", "locked", "unknown_quote", "body_missing",
            "body_too_long", "contact_details", "blocked_word", "too_many_replies",
            "too_soon".
    """
    _refuse_suspended(author)
    thread = session.get(BoardThread, thread_id) if is_id(thread_id) else None
    if thread is None or not thread.listed:
        raise InvalidInput("unknown_thread", "no open thread has this id")
    if thread.locked:
        raise InvalidInput("locked", "a moderator locked this thread")
    quoted = _quotable(session, thread, quote_of)
    text = clean_body(body)
    _refuse_over_limit(session, author, opening=False, limits=limits, now=now)
    findings, watched = _screen(session, "", text, keep_findings)
    post = BoardPost(
        thread_id=thread.id,
        author_id=author.id,
        opening=False,
        body=text,
        quote_of=quoted,
        state="pending",
        hidden=False,
        created_at=now,
    )
    session.add(post)
    session.flush()
    _queue(session, post, "reply", thread.title, findings, watched, now)
    return post


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
    _refuse_suspended(reporter)
    post = session.get(BoardPost, post_id) if is_id(post_id) else None
    thread = session.get(BoardThread, post.thread_id) if post is not None else None
    if post is None or thread is None or post.state != "published" or not thread.listed:
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
            BoardPost.state.in_(("published", "removed")),
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
        .values(body="", state="deleted", quote_of=None, hidden=False, author_id=None)
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


# --- what moderation changes ------------------------------------------------------------------


def publish_post(session: Session, post: BoardPost, now: datetime) -> None:
    """Make a post public (the moderation service calls this after approving)."""
    thread = _thread_of(session, post)
    post.state, post.published_at = "published", now
    post.rejection_template = post.rejection_reason = None
    if post.opening:
        thread.listed = not post.hidden
    refresh_thread(session, thread)


def unpublish_post(session: Session, post: BoardPost) -> None:
    """Back to waiting (an undone decision)."""
    thread = _thread_of(session, post)
    post.state, post.published_at = "pending", None
    post.rejection_template = post.rejection_reason = None
    if post.opening:
        thread.listed = False
    refresh_thread(session, thread)


def reject_post(session: Session, post: BoardPost, template: str, reason: str) -> None:
    post.state = "rejected"
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
            BoardPost.state == "published",
            ~BoardPost.hidden,
        )
    ).one()
    thread.reply_count = count or 0
    thread.last_activity_at = latest or thread.created_at


# --- helpers ----------------------------------------------------------------------------------


def _refuse_suspended(account: Account) -> None:
    if account.suspended:
        raise NotAuthorized("a suspended account cannot post", code="suspended")


def _board(raw: object) -> str:
    board = boards_content().board(raw)
    if board is None:
        raise InvalidInput("unknown_board", "no board has this key")
    return board.key


def clean_title(raw: object) -> str:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        raise InvalidInput("title_missing", "a thread needs a title")
    if not isinstance(raw, str) or len(raw) > THREAD_TITLE_MAX_CHARS:
        raise InvalidInput("title_too_long", f"at most {THREAD_TITLE_MAX_CHARS} characters")
    title = " ".join(raw.replace("\x00", "").split())
    if len(title) < TITLE_MIN_CHARS:
        raise InvalidInput("title_too_short", f"at least {TITLE_MIN_CHARS} characters")
    return title


def clean_body(raw: object) -> str:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        raise InvalidInput("body_missing", "a post needs text")
    if not isinstance(raw, str) or len(raw) > POST_MAX_CHARS:
        raise InvalidInput("body_too_long", f"at most {POST_MAX_CHARS} characters")
    text = raw.replace("\r\n", "\n").replace("\x00", "").strip()
    if not text:
        raise InvalidInput("body_missing", "a post needs text")
    return text


def _screen(
    session: Session, title: str, body: str, keep_findings: object
) -> tuple[list[Finding], list[watched_words.WatchedHit]]:
    findings = contact_details_in(title, body)
    if findings and keep_findings is not True:
        raise InvalidInput("contact_details", "contact details found; remove or confirm")
    watched = watched_words.find(session, f"{title}\n{body}")
    if any(hit.action == "block" for hit in watched):
        raise InvalidInput("blocked_word", "the text contains a blocked word")
    return findings, watched


def _queue(
    session: Session,
    post: BoardPost,
    kind: str,
    title: str,
    findings: list[Finding],
    watched: list[watched_words.WatchedHit],
    now: datetime,
) -> None:
    assert post.author_id is not None  # a new post always has its author
    # A reply carries the thread's title, which is someone else's words.
    urgent_reasons = crisis.crisis_reasons(title if kind == "thread" else "", post.body)
    session.add(
        ModerationItem(
            kind=kind,
            post_id=post.id,
            author_id=post.author_id,
            state="pending",
            queued_at=now,
            original_title=title if kind == "thread" else "",
            original_body=post.body,
            findings=json.dumps([{"kind": f.kind, "text": f.text} for f in findings]),
            flags=json.dumps([{"word": hit.phrase, "action": hit.action} for hit in watched]),
            escalated=any(hit.action == "review" for hit in watched),
            urgent=bool(urgent_reasons),
            urgent_reasons=",".join(urgent_reasons),
        )
    )
    session.flush()


def is_new_account(account: Account, limits: PostingLimits, now: datetime) -> bool:
    joined = account.created_on or account.created_month
    return now.astimezone(UTC).date() - joined < timedelta(days=limits.new_account_days)


def _refuse_over_limit(
    session: Session, author: Account, *, opening: bool, limits: PostingLimits, now: datetime
) -> None:
    new = is_new_account(author, limits, now)
    per_day = (
        (limits.new_threads_per_day if new else limits.threads_per_day)
        if opening
        else (limits.new_replies_per_day if new else limits.replies_per_day)
    )
    gap = limits.new_seconds_between_posts if new else limits.seconds_between_posts
    count, latest = session.execute(
        select(
            func.count().filter(BoardPost.opening == opening),
            func.max(BoardPost.created_at),
        ).where(BoardPost.author_id == author.id, BoardPost.created_at > now - timedelta(days=1))
    ).one()
    if (count or 0) >= per_day:
        code = "too_many_threads" if opening else "too_many_replies"
        raise InvalidInput(code, f"at most {per_day} a day for this account")
    if latest is not None and now - latest < timedelta(seconds=gap):
        raise InvalidInput("too_soon", f"wait {gap} seconds between posts")


def _quotable(session: Session, thread: BoardThread, quote_of: object) -> int | None:
    if quote_of is None:
        return None
    quoted = session.get(BoardPost, quote_of) if is_id(quote_of) else None
    if (
        quoted is None
        or quoted.thread_id != thread.id
        or quoted.state != "published"
        or quoted.hidden
    ):
        raise InvalidInput("unknown_quote", "only a published post of this thread can be quoted")
    return quoted.id


def _own_unlisted_threads(session: Session, board: str, viewer: Account) -> list[ThreadCard]:
    rows = session.execute(
        select(BoardThread, BoardPost.state)
        .join(BoardPost, and_(BoardPost.thread_id == BoardThread.id, BoardPost.opening))
        .where(
            BoardThread.board == board,
            BoardThread.author_id == viewer.id,
            ~BoardThread.listed,
            BoardPost.state.in_(("pending", "rejected")),
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
        waiting=own_state == "pending",
        rejected=own_state == "rejected",
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
    status = {"pending": "waiting"}.get(post.state, post.state)
    if post.state == "published" and post.hidden:
        status = "hidden"
    shows_text = status in ("published", "waiting", "rejected") or (status == "hidden" and own)
    quote = None
    if post.quote_of is not None and shows_text:
        readable = quoted is not None and quoted.state == "published" and not quoted.hidden
        shown = excerpt(quoted.body) if readable and quoted is not None else ""
        quote = Quote(author=(quoted_author or "") if readable else "", excerpt=shown)
    return PostView(
        id=post.id,
        opening=post.opening,
        author=author or "",
        author_since=since if author else None,
        body=post.body if shows_text else "",
        quote=quote,
        status=status,
        own=own,
        at=post.published_at or post.created_at,
        rejection_template=(post.rejection_template or "") if own else "",
        rejection_reason=(post.rejection_reason or "") if own else "",
    )


def excerpt(text: str) -> str:
    flat = " ".join(text.split())
    if len(flat) <= QUOTE_EXCERPT_CHARS:
        return flat
    return flat[: QUOTE_EXCERPT_CHARS - 1].rsplit(" ", 1)[0] + "…"


def _thread_of(session: Session, post: BoardPost) -> BoardThread:
    thread = session.get(BoardThread, post.thread_id)
    if thread is None:
        raise InvalidInput("unknown_thread", "the post's thread is gone")
    return thread


def is_id(raw: object) -> bool:
    return isinstance(raw, int) and not isinstance(raw, bool) and 0 < raw < 2**31


def _cursor(at: datetime, thread_id: int) -> str:
    raw = f"{at.astimezone(UTC).isoformat()}|{thread_id}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _parse_cursor(cursor: object) -> tuple[datetime, int] | None:
    if cursor is None or cursor == "":
        return None
    if not isinstance(cursor, str) or len(cursor) > CURSOR_MAX_CHARS:
        raise InvalidInput("invalid_cursor", "not a page cursor")
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        at_text, id_text = raw.split("|")
        at, thread_id = datetime.fromisoformat(at_text), int(id_text)
    except (binascii.Error, UnicodeDecodeError, ValueError) as error:
        raise InvalidInput("invalid_cursor", "not a page cursor") from error
    if at.tzinfo is None or not is_id(thread_id):
        raise InvalidInput("invalid_cursor", "not a page cursor")
    return at, thread_id


def _parse_post_cursor(cursor: object) -> int:
    if cursor is None or cursor == "":
        return 0
    digits = isinstance(cursor, str) and cursor.isascii() and cursor.isdigit()
    if digits and isinstance(cursor, str) and len(cursor) < 11 and is_id(int(cursor)):
        return int(cursor)
    raise InvalidInput("invalid_cursor", "not a page cursor")

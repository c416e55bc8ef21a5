"""Posting on the message boards: a member opens a thread or replies (quoting a
published post of the thread if he likes). Every thread and reply waits in the
moderation queue after the one screening step (services/screening.py: contact details,
watched words, crisis reasons). A locked thread takes no replies; a suspended account
posts nothing; posting limits per day and between posts are stricter for new accounts
(settings). Posts are plain text: no private message, no mention, no link, no image.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from peersupport.models import Account, BoardPost, BoardThread
from peersupport.models.boards import POST_MAX_CHARS, THREAD_TITLE_MAX_CHARS
from peersupport.models.moderation import ItemKind
from peersupport.models.statuses import PostState
from peersupport.services.boards.common import board_key, refuse_suspended
from peersupport.services.errors import InvalidInput
from peersupport.services.ids import is_id
from peersupport.services.screening import Screening, screen, screened
from peersupport.settings import PostingLimits

TITLE_MIN_CHARS = 4


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
    screening: Screening | None = None,
) -> BoardThread:
    """Open a thread; it waits for a moderator like every post. `screening` is this
    send's (`screen_send`), when the caller screened it already.

    Raises:
        NotAuthorized "suspended".
        InvalidInput: "unknown_board", "title_missing", "title_too_short",
            "title_too_long", "body_missing", "body_too_long", "contact_details",
            "blocked_word", "too_many_threads", "too_soon".
    """
    refuse_suspended(author)
    key = board_key(board)
    new_title = clean_title(title)
    text = clean_body(body)
    _refuse_over_limit(session, author, opening=True, limits=limits, now=now)
    found = screened(session, new_title, text, keep_findings, screening)
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
    _add_post(session, author, thread, opening=True, body=text, quote_of=None, found=found, now=now)
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
    screening: Screening | None = None,
) -> BoardPost:
    """Reply to a listed, unlocked thread, optionally quoting one of its published posts.
    `screening` is this send's (`screen_send`), when the caller screened it already.

    Raises:
        NotAuthorized "suspended".
        InvalidInput: "unknown_thread", "locked", "unknown_quote", "body_missing",
            "body_too_long", "contact_details", "blocked_word", "too_many_replies",
            "too_soon".
    """
    refuse_suspended(author)
    thread = session.get(BoardThread, thread_id) if is_id(thread_id) else None
    if thread is None or not thread.listed:
        raise InvalidInput("unknown_thread", "no open thread has this id")
    if thread.locked:
        raise InvalidInput("locked", "a moderator locked this thread")
    quoted = _quotable(session, thread, quote_of)
    text = clean_body(body)
    _refuse_over_limit(session, author, opening=False, limits=limits, now=now)
    found = screened(session, "", text, keep_findings, screening)
    return _add_post(
        session, author, thread, opening=False, body=text, quote_of=quoted, found=found, now=now
    )


def screen_send(session: Session, title: object, body: object) -> Screening:
    """The screening of a send as it came from the browser (a reply's `title` is ""): its
    title and text as they would be stored, each "" when it could not be. `start_thread`
    and `reply` use it as it is when given it, so a send is screened once."""
    return screen(session, _title_text(title), _body_text(body))


def _title_text(raw: object) -> str:
    if not isinstance(raw, str) or len(raw) > THREAD_TITLE_MAX_CHARS:
        return ""
    return " ".join(raw.replace("\x00", "").split())


def _body_text(raw: object) -> str:
    if not isinstance(raw, str) or len(raw) > POST_MAX_CHARS:
        return ""
    return raw.replace("\r\n", "\n").replace("\x00", "").strip()


def clean_title(raw: object) -> str:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        raise InvalidInput("title_missing", "a thread needs a title")
    if not isinstance(raw, str) or len(raw) > THREAD_TITLE_MAX_CHARS:
        raise InvalidInput("title_too_long", f"at most {THREAD_TITLE_MAX_CHARS} characters")
    title = _title_text(raw)
    if len(title) < TITLE_MIN_CHARS:
        raise InvalidInput("title_too_short", f"at least {TITLE_MIN_CHARS} characters")
    return title


def clean_body(raw: object) -> str:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        raise InvalidInput("body_missing", "a post needs text")
    if not isinstance(raw, str) or len(raw) > POST_MAX_CHARS:
        raise InvalidInput("body_too_long", f"at most {POST_MAX_CHARS} characters")
    text = _body_text(raw)
    if not text:
        raise InvalidInput("body_missing", "a post needs text")
    return text


def _add_post(
    session: Session,
    author: Account,
    thread: BoardThread,
    *,
    opening: bool,
    body: str,
    quote_of: int | None,
    found: Screening,
    now: datetime,
) -> BoardPost:
    """Add `author`'s post to `thread` (its opening post, or a reply), waiting for a
    moderator in the queue with what the screening found in it (a reply's screening has
    no title: the thread's title is someone else's words)."""
    post = BoardPost(
        thread_id=thread.id,
        author_id=author.id,
        opening=opening,
        body=body,
        quote_of=quote_of,
        state=PostState.PENDING.value,
        hidden=False,
        created_at=now,
    )
    session.add(post)
    session.flush()
    kind = ItemKind.THREAD if opening else ItemKind.REPLY
    session.add(
        found.queue_item(kind, author.id, now, title=found.title, body=body, post_id=post.id)
    )
    session.flush()
    return post


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
        or quoted.state != PostState.PUBLISHED
        or quoted.hidden
    ):
        raise InvalidInput("unknown_quote", "only a published post of this thread can be quoted")
    return quoted.id

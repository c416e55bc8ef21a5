"""A board's threads and a thread's posts as plain HTML, for reading: what any visitor
may see (published threads and posts), the same for a member, since the server does
not know who reads. Writing, quoting, reporting, a member's own waiting posts and the
moderators' tools live on the Reflex pages these pages link to
(peersupport/pages/boards.py: BOARD_WRITE_ROUTE, THREAD_REPLY_ROUTE).

Served by peersupport/http/board_pages.py inside the shared frame
(peersupport/http/html_frame.py). Members' words (titles, posts, pseudonyms) are
escaped here and never become markup: a post keeps its line breaks through CSS
(`white-space: pre-wrap` on `.post__body`). The markup uses the classes of the Reflex
pages, so both look the same and share the stylesheet.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from html import escape
from urllib.parse import urlencode

from peersupport.components import local_time
from peersupport.content.boards import Board, boards_content
from peersupport.http.html_frame import (
    Bilingual,
    app_href,
    attr,
    back_link,
    html_page,
    i18n_attrs,
    rendering_in,
    text,
    tr,
)
from peersupport.http.html_pieces import pair
from peersupport.http.list_pages import house_rules_html
from peersupport.pages.boards import (
    BOARD_ROUTE,
    BOARD_WRITE_ROUTE,
    THREAD_REPLY_ROUTE,
    THREAD_ROUTE,
)
from peersupport.pages.boards import ROUTE as BOARDS_ROUTE
from peersupport.services.boards import PostStatus, PostView, ThreadCard, ThreadPage, ThreadView
from peersupport.state.boards import QUOTE_PARAM, REPORT_PARAM

CURSOR_PARAM = "na"


def _on(language: str, at: datetime | None) -> str:
    """The day `at` in `language` (his zone), or "" when there is none."""
    return "" if at is None else local_time.day(at, language)


def _since(language: str, month: date | None) -> str:
    """The month and year `month` in `language`, or "" when there is none."""
    return "" if month is None else local_time.month(month, language)


def board_url(board: Board, cursor: str | None = None) -> str:
    params = {"nr": str(board.number)} | ({CURSOR_PARAM: cursor} if cursor else {})
    return f"{BOARD_ROUTE}?{urlencode(params)}"


def thread_url(thread_id: int, cursor: str | None = None) -> str:
    params = {"id": str(thread_id)} | ({CURSOR_PARAM: cursor} if cursor else {})
    return f"{THREAD_ROUTE}?{urlencode(params)}"


def reply_url(thread_id: int, **wish: int) -> str:
    """The Reflex page to reply to a thread; `citeer=` or `melden=` a post opens it
    quoting or reporting that post."""
    params = {"id": str(thread_id)} | {name: str(value) for name, value in wish.items()}
    return f"{app_href(THREAD_REPLY_ROUTE)}?{urlencode(params)}"


def write_url(board: Board) -> str:
    return f"{app_href(BOARD_WRITE_ROUTE)}?{urlencode({'nr': str(board.number)})}"


def _button_link(href: str, label: Bilingual, kind: str = "secondary") -> str:
    return f'<a class="button button--{kind}" href="{attr(href)}" data-replace>{tr(label)}</a>'


def _heading(back_to: str = BOARDS_ROUTE) -> str:
    """The back arrow and the heading, as on the Reflex pages of the boards."""
    return f"{back_link(back_to)}<h1>{tr(text('boards.title'))}</h1>"


def _members_only() -> str:
    """What writing needs, as the Reflex pages say it to a visitor."""
    return (
        f'<p class="callout">{tr(text("boards.members_only"))} '
        f'<a href="/inloggen" data-replace>{tr(text("boards.log_in"))}</a>'
        " · "
        f'<a href="/aanmelden" data-replace>{tr(text("boards.sign_up"))}</a></p>'
    )


def _day(at_nl: str, at_en: str) -> Bilingual:
    return Bilingual(at_nl, at_en)


def _author(name: str) -> str:
    return escape(name) if name else tr(text("boards.deleted_author"))


def _write_button(board: Board) -> str:
    link = _button_link(write_url(board), text("boards.new_thread.open"), "primary")
    return f'<div class="actions">{link}</div>'


# --- a board ---------------------------------------------------------------------------


def _thread_card(card: ThreadCard) -> str:
    replies = text("boards.reply_count_one" if card.reply_count == 1 else "boards.reply_count")
    day = _day(_on("nl", card.last_activity_at), _on("en", card.last_activity_at))
    locked = f'<span class="mark">{tr(text("boards.locked"))}</span>' if card.locked else ""
    when = f" · {tr(day)}" if day.nl else ""
    return (
        f'<li><a class="thread-card" href="{attr(thread_url(card.id))}" data-replace>'
        f'<span class="thread-card__title">{escape(card.title)}</span>'
        f'<span class="thread-card__meta">{locked}'
        f"<span>{_author(card.author)} · {card.reply_count} {tr(replies)}{when}</span>"
        "</span></a></li>"
    )


def board_main_html(board: Board, page: ThreadPage, cursor: str | None) -> str:
    """The board's name and text, its threads with paging as links, then how to write
    and the house rules."""
    parts = [
        _heading(),
        f'<h2 class="board-name">{tr(pair(board.name))}</h2>',
        f'<p class="lead">{tr(pair(board.description))}</p>',
        _write_button(board),
    ]
    if page.threads:
        cards = "".join(_thread_card(card) for card in page.threads)
        parts.append(f'<ul class="thread-list">{cards}</ul>')
    else:
        parts.append(f'<p class="empty">{tr(text("boards.empty"))}</p>')
    paging = []
    if page.next_cursor:
        paging.append(_button_link(board_url(board, page.next_cursor), text("boards.more_threads")))
    if cursor:
        paging.append(_button_link(board_url(board), text("boards.read.first_page")))
    if paging:
        parts.append(f'<div class="actions">{"".join(paging)}</div>')
    parts += [_members_only(), house_rules_html(open_by_default=False)]
    return "".join(parts)


# --- a thread --------------------------------------------------------------------------


def _post_meta(post: PostView) -> str:
    since = ""
    if post.author_since is not None:
        month = _day(_since("nl", post.author_since), _since("en", post.author_since))
        since = f'<span class="muted"> · {tr(text("boards.member_since"))} {tr(month)}</span>'
    day = _day(_on("nl", post.at), _on("en", post.at))
    return (
        f'<p class="post__meta"><strong>{_author(post.author)}</strong>{since}'
        f'<span class="muted"> · {tr(day)}</span></p>'
    )


def _quote(post: PostView) -> str:
    if post.quote is None:
        return ""
    if post.quote.excerpt:
        inner = (
            f'<p class="muted">{escape(post.quote.author)} {tr(text("boards.wrote"))}</p>'
            f"<p>{escape(post.quote.excerpt)}</p>"
        )
    else:
        inner = f'<p class="muted">{tr(text("boards.quote_gone"))}</p>'
    return f'<blockquote class="post__quote">{inner}</blockquote>'


PLACEHOLDER_KEYS: dict[str, str] = {
    PostStatus.REMOVED: "boards.post.removed",
    PostStatus.DELETED: "boards.post.deleted",
}


def _post(view: ThreadView, post: PostView) -> str:
    label = text("boards.post.opening" if post.opening else "boards.post.reply")
    if post.status == PostStatus.PUBLISHED:
        content = f'{_quote(post)}<p class="post__body">{escape(post.body)}</p>'
        actions = [] if view.locked else [(QUOTE_PARAM, "boards.quote")]
        actions.append((REPORT_PARAM, "boards.report.open"))
        links = "".join(
            f'<a class="link-button" href="{attr(reply_url(view.id, **{param: post.id}))}" '
            f"data-replace>{tr(text(key))}</a>"
            for param, key in actions
        )
        content += f'<div class="post__actions">{links}</div>'
    else:
        key = PLACEHOLDER_KEYS.get(post.status, "boards.post.hidden")
        content = f'<p class="post__placeholder">{tr(text(key))}</p>'
    return (
        f'<li><article class="post" {i18n_attrs(aria_label=label)}>'
        f"{_post_meta(post)}{content}</article></li>"
    )


def thread_main_html(view: ThreadView, cursor: str | None) -> str:
    """The thread's title, its posts (one page), paging as links, and how to reply."""
    board = boards_content().board(view.board)
    title = escape(view.title) if view.title else tr(text("boards.deleted_title"))
    parts = [_heading(board_url(board) if board is not None else BOARDS_ROUTE)]
    if board is not None:
        parts.append(
            f'<p class="breadcrumb"><a href="{attr(board_url(board))}" data-replace>'
            f"{tr(pair(board.name))}</a></p>"
        )
    parts.append(f'<h2 class="thread-title">{title}</h2>')
    if view.locked:
        parts.append(f'<p class="callout">{tr(text("boards.locked_explained"))}</p>')
    posts = "".join(_post(view, post) for post in view.posts)
    parts.append(f'<ol class="post-list">{posts}</ol>')
    actions = []
    if view.next_cursor:
        actions.append(
            _button_link(thread_url(view.id, view.next_cursor), text("boards.more_posts"))
        )
    if cursor:
        actions.append(_button_link(thread_url(view.id), text("boards.read.first_page")))
    if not view.locked:
        actions.append(_button_link(reply_url(view.id), text("boards.read.reply"), "primary"))
    if actions:
        parts.append(f'<div class="actions">{"".join(actions)}</div>')
    if not view.locked:
        parts.append(_members_only())
    parts.append(house_rules_html(open_by_default=False))
    return "".join(parts)


# --- when there is nothing to show -------------------------------------------------------


def not_found_main_html(text_key: str, own_thread_id: int | None = None) -> str:
    """The board or thread is not there (or the address is not one); a thread that a
    member just sent waits for a moderator and shows only on his own reply page."""
    parts = [_heading(), f'<p class="lead">{tr(text(text_key))}</p>']
    if own_thread_id is not None:
        parts.append(
            f"<p>{tr(text('boards.read.own_waiting'))} "
            f'<a href="{attr(reply_url(own_thread_id))}" data-replace>'
            f"{tr(text('boards.read.own_waiting_link'))}</a></p>"
        )
    parts.append(f"<p>{_button_link(BOARDS_ROUTE, text('boards.all_boards'), 'primary')}</p>")
    return "".join(parts)


# --- whole documents (each in `language`: "en" or "nl"; anything else is Dutch) -----------


def _document(build: Callable[[], str], path: str, exit_url: str, language: str) -> str:
    """`build()` is called inside `rendering_in(language)`, which picks every text."""
    with rendering_in(language):
        # Members' words: never indexed (components/page_meta.py keeps /prikbord out).
        return html_page(
            main_html=build(), current=BOARDS_ROUTE, path=path, exit_url=exit_url, noindex=True
        )


def board_document(
    board: Board, page: ThreadPage, cursor: str | None, exit_url: str, language: str = "nl"
) -> str:
    return _document(lambda: board_main_html(board, page, cursor), BOARD_ROUTE, exit_url, language)


def thread_document(
    view: ThreadView, cursor: str | None, exit_url: str, language: str = "nl"
) -> str:
    return _document(lambda: thread_main_html(view, cursor), THREAD_ROUTE, exit_url, language)


def not_found_document(
    text_key: str, path: str, exit_url: str, language: str = "nl", own_thread_id: int | None = None
) -> str:
    return _document(lambda: not_found_main_html(text_key, own_thread_id), path, exit_url, language)

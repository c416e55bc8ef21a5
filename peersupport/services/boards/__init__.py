"""Message boards: reading threads, posting, reporting posts, and what moderation and
account deletion change. One module per part; this package names them all, so callers
write `boards.list_threads`, `boards.reply`, `boards.report_post`, ...

Rules:
- Anyone reads published posts of listed threads; nobody else's pending or rejected
  post is ever returned. An author sees his own waiting and rejected posts in place
  (reading.py).
- Members post; every thread and reply waits in the moderation queue after the same
  screening step as stories (posting.py, services/screening.py). A locked thread takes
  no replies; a suspended account posts and reports nothing.
- Posts are plain text. There is no private message, no mention, no link, no image:
  this package stores text and renders nothing.
- Posting limits per day and between posts, stricter for new accounts (settings).
- Reports: one per member and post, a daily limit per member; reports from
  HIDE_AFTER_REPORTS different members hide the post until a moderator decides
  (post_reports.py).

Reading a board page or a thread page costs a constant number of queries.
"""

from __future__ import annotations

from peersupport.services.boards.lifecycle import (
    export_posts,
    forget_author,
    publish_post,
    refresh_thread,
    reject_post,
    unpublish_post,
)
from peersupport.services.boards.post_reports import (
    HIDE_AFTER_REPORTS,
    REPORT_REASON_KEYS,
    report_post,
)
from peersupport.services.boards.posting import (
    TITLE_MIN_CHARS,
    clean_body,
    clean_title,
    is_new_account,
    reply,
    screen_send,
    start_thread,
)
from peersupport.services.boards.reading import (
    POSTS_PAGE,
    QUOTE_EXCERPT_CHARS,
    THREADS_PAGE,
    PostStatus,
    PostView,
    Quote,
    ThreadCard,
    ThreadPage,
    ThreadView,
    excerpt,
    get_thread,
    list_threads,
)
from peersupport.services.ids import is_id
from peersupport.services.screening import contact_details_in

__all__ = [
    "HIDE_AFTER_REPORTS",
    "POSTS_PAGE",
    "QUOTE_EXCERPT_CHARS",
    "REPORT_REASON_KEYS",
    "THREADS_PAGE",
    "TITLE_MIN_CHARS",
    "PostStatus",
    "PostView",
    "Quote",
    "ThreadCard",
    "ThreadPage",
    "ThreadView",
    "clean_body",
    "clean_title",
    "contact_details_in",
    "excerpt",
    "export_posts",
    "forget_author",
    "get_thread",
    "is_id",
    "is_new_account",
    "list_threads",
    "publish_post",
    "refresh_thread",
    "reject_post",
    "reply",
    "report_post",
    "screen_send",
    "start_thread",
    "unpublish_post",
]

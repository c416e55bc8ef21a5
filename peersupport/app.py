"""The Reflex app: pages, head, and the HTTP wrappers around them."""

import functools

import reflex as rx

from peersupport.components.connection import socket_watch_script
from peersupport.components.language import language_wait_script
from peersupport.components.page_meta import page_meta
from peersupport.components.quick_exit import quick_exit_script
from peersupport.components.text import t
from peersupport.content.checklists import checklists as all_checklists
from peersupport.http.anonymous_requests import AnonymousRequestsMiddleware
from peersupport.http.page_paths import PagesWithoutRedirect
from peersupport.http.public_routes import public_routes
from peersupport.http.security_headers import SecurityHeadersMiddleware
from peersupport.layouts.page_frame import page_title
from peersupport.models import Base
from peersupport.pages import (
    account,
    boards,
    checklists,
    login,
    notes,
    recover,
    signup,
    staff,
    thread_reply,
)
from peersupport.pages.account_review import ROUTE as ACCOUNT_REVIEW_ROUTE
from peersupport.pages.account_review import account_review_page
from peersupport.pages.audit_log import ROUTE as AUDIT_LOG_ROUTE
from peersupport.pages.audit_log import audit_log_page
from peersupport.pages.moderation import ROUTE as MODERATION_ROUTE
from peersupport.pages.moderation import moderation_page
from peersupport.pages.my_stories import ROUTE as MY_STORIES_ROUTE
from peersupport.pages.my_stories import my_stories_page
from peersupport.pages.not_found import not_found_page
from peersupport.pages.story_report import ROUTE as STORY_REPORT_ROUTE
from peersupport.pages.story_report import story_report_page
from peersupport.pages.summary import ROUTE as SUMMARY_ROUTE
from peersupport.pages.summary import summary_page
from peersupport.pages.write_story import ROUTE as WRITE_STORY_ROUTE
from peersupport.pages.write_story import write_story_page
from peersupport.startup import check_ready_or_exit
from peersupport.state.account import AccountState
from peersupport.state.account_review import AccountReviewState
from peersupport.state.audit_log import AuditLogState
from peersupport.state.boards import BoardState, ThreadState
from peersupport.state.checklists import ChecklistState
from peersupport.state.moderation import ModerationState
from peersupport.state.my_stories import MyStoriesState
from peersupport.state.notes import NotesState
from peersupport.state.staff import StaffState
from peersupport.state.story_report import StoryReportState
from peersupport.state.writing import WritingState
from peersupport.translations import DEFAULT_LANGUAGE

settings = check_ready_or_exit()
rx.ModelRegistry.register(Base)

HEAD = [
    rx.el.meta(name="theme-color", content="#2F5D62"),
    rx.el.meta(name="referrer", content="no-referrer"),
    rx.el.link(rel="manifest", href="/manifest.webmanifest"),
    rx.el.link(rel="icon", href="/favicon.ico", sizes="48x48"),
    rx.el.link(rel="icon", href="/icons/logo.svg", type="image/svg+xml"),
    rx.el.link(rel="apple-touch-icon", href="/icons/apple-touch-icon-180.png"),
    # Inline and first: decides before the first paint whether the words wait for English.
    rx.el.script(language_wait_script()),
    quick_exit_script(),
    # Inline and first, so that it sees the websocket Reflex's async bundle opens.
    rx.el.script(socket_watch_script()),
    rx.el.script(src="/shell.js", defer=True),
    rx.el.script(src="/messages.js", defer=True),
    rx.el.script(src="/confirm.js", defer=True),
    rx.el.script(src="/checklist.js", defer=True),
    rx.el.script(src="/summary.js", defer=True),
    rx.el.script(src="/focus.js", defer=True),
]

app = rx.App(
    head_components=HEAD,
    stylesheets=["/app.css"],
    html_lang=DEFAULT_LANGUAGE,
    toaster=None,
    api_transformer=[
        public_routes(),
        PagesWithoutRedirect,
        lambda asgi: SecurityHeadersMiddleware(
            asgi, https=settings.public_url.startswith("https://")
        ),
        # Outermost: nothing inside, Reflex's tab state least of all, sees an address.
        AnonymousRequestsMiddleware,
    ],
)

# Reflex's connection overlay speaks English and loads a toast library; the pages
# work from their prerendered HTML and reconnect by themselves.
app.app_wraps.pop((5, "Overlay"), None)

# Home, help, safe use, about, the lists of self-tests and boards, reading a board or a
# thread, the stories and the first aid are rendered by the server
# (peersupport/http/public_routes.py), not here.
# Every page: the same neutral image and a title from the neutral vocabulary of
# components/tab_titles.py, so a shared link, a preview or a line in the browser's
# history says nothing about what the app is for. Whether search engines may index it,
# and the description a search result shows, come from components/page_meta.py (in the
# visitor's language once the page runs; Dutch in the prerendered page). Members' pages
# load their data in the tab (on_load); none of them is cached by the service worker.
NEUTRAL_IMAGE = "/icons/icon-192.png"
PAGES = (
    (boards.BOARD_WRITE_ROUTE, boards.board_page, BoardState.load),
    (boards.THREAD_REPLY_ROUTE, thread_reply.thread_page, ThreadState.load),
    (notes.ROUTE, notes.notes_page, NotesState.load),
    (account.ROUTE, account.account_page, AccountState.restore),
    (staff.ROUTE, staff.staff_page, StaffState.load),
    (WRITE_STORY_ROUTE, write_story_page, WritingState.load),
    (MY_STORIES_ROUTE, my_stories_page, MyStoriesState.load),
    (MODERATION_ROUTE, moderation_page, ModerationState.load),
    (AUDIT_LOG_ROUTE, audit_log_page, AuditLogState.load),
    (ACCOUNT_REVIEW_ROUTE, account_review_page, AccountReviewState.load),
    (SUMMARY_ROUTE, summary_page, ChecklistState.load_summary),
    (STORY_REPORT_ROUTE, story_report_page, StoryReportState.load),
    (signup.ROUTE, signup.signup_page, AccountState.clear_messages),
    (login.ROUTE, login.login_page, AccountState.clear_messages),
    (recover.ROUTE, recover.recover_page, AccountState.clear_messages),
    ("404", not_found_page, None),
)


def search_meta(route: str) -> dict[str, object]:
    """add_page's arguments for what search engines read: robots and the description."""
    meta = page_meta(route if route.startswith("/") else f"/{route}")
    description = t(meta.description_key) if meta.description_key else None
    return {"description": description, "meta": [{"name": "robots", "content": meta.robots}]}


for route, page, on_load in PAGES:
    app.add_page(
        page,
        route=route,
        title=page_title(route),
        image=NEUTRAL_IMAGE,
        on_load=on_load,
        **search_meta(route),  # type: ignore[arg-type]
    )
# One page per checklist content file: a new checklist needs its files only.
for checklist in all_checklists():
    app.add_page(
        functools.partial(checklists.checklist_page, checklist),
        route=checklists.checklist_route(checklist),
        title=page_title(checklists.ROUTE),
        image=NEUTRAL_IMAGE,
        on_load=ChecklistState.load,
        **search_meta(checklists.checklist_route(checklist)),  # type: ignore[arg-type]
    )

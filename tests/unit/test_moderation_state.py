"""Crafted events against the moderators' states: any browser can call any public
handler with any arguments. A visitor or a member who sends every moderation event
(the reported board posts' too) gets a sentence and changes nothing; moderators meet
the rules of the service (not his own story, not an escalated one); hostile arguments
are refused without a crash."""

from __future__ import annotations

import datetime as dt
import inspect
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from reflex.state import BaseState
from sqlalchemy import func, select

from peersupport.components.moderation_text import ERROR_VALUES, MODERATION_ERRORS
from peersupport.database import session_scope
from peersupport.models import (
    Account,
    AuditEntry,
    BoardPost,
    BoardThread,
    ModerationItem,
    PostReport,
    Story,
    StoryReport,
    WatchedWord,
)
from peersupport.services import boards, moderation, story_reports
from peersupport.settings import PostingLimits
from peersupport.state.account import AccountState
from peersupport.state.audit_log import AuditLogState
from peersupport.state.moderation import ModerationState
from peersupport.state.moderation_view import age_sentence
from peersupport.translations import translate
from tests.unit.conftest import account_state, queue_story, sign_up, signed_in_tab, tab_token
from tests.unit.test_boards_service import item_of

BODY = (
    "Ik was vijftien toen het begon. Eerst was hij aardig en gaf hij me aandacht, "
    "later moest ik dingen doen die ik niet wilde. Nu gaat het beter met me."
)
PHONE_BODY = BODY + " Je kunt me bereiken op 06-12345678 als je wilt praten."
FORM = {
    "title": "Een andere titel",
    "body": BODY + " Aangepast.",
    "reason": "Een reden die klopt.",
    "template": "contact_details",
    "text": "Haal het nummer weg.",
    "phrase": "snapchat",
    "action": "block",
    "pseudonym": "AnderLid",
}
THREAD_TITLE = "Is dit normaal?"
REPLY_BODY = "Bij mij ging het ook zo.\nHet ging pas beter toen ik het vertelde."
REPORTS = [
    ("MelderEen", "unkind", ""),
    ("MelderTwee", "contact_details", "Hij zet er zijn Snap onder."),
    ("MelderDrie", "other", "Dit voelt niet goed."),
]
LIMITS = PostingLimits()
HOSTILE_IDS: list[object] = [None, "1", {}, [], -1, 0, 2**70, True, 1.5, "<script>"]
HOSTILE_FORMS: list[object] = [
    None,
    "reason",
    [],
    5,
    {"title": {"x": 1}, "body": ["a"], "reason": 7, "template": None, "text": {}},
    {"phrase": ["kik"], "action": "delete", "pseudonym": {"$ne": ""}, "reason": "x" * 5000},
]


@dataclass(frozen=True)
class World:
    """Accounts with live sessions, and items in every state the handlers act on."""

    tokens: dict[str, str]
    pending: int  # a member's story with a phone number he kept
    own: int  # the first moderator's own story
    escalated: int  # passed on to the admins
    decided: int  # approved a moment ago by the first moderator
    word: int
    thread: int  # a listed thread on the board "vragen"
    reported: int  # a reply in it, hidden after three members reported it
    reported_story: int  # the decided story, reported by one member


def submit(db: Any, author: Account, title: str, body: str, now: dt.datetime) -> int:
    return queue_story(db, author, title, body, now, warnings=["sexual_abuse"]).id


def reported_reply(db: Any, people: dict[str, Account], now: dt.datetime) -> tuple[int, int]:
    """A thread the admin approved, with a reply he approved that three members reported."""
    thread = boards.start_thread(
        db,
        people["SchrijverLid"],
        "vragen",
        title=THREAD_TITLE,
        body="Hij wilde steeds foto's. Is dat bij anderen ook zo gegaan?",
        keep_findings=False,
        limits=LIMITS,
        now=now,
    )
    opening = db.scalar(select(BoardPost.id).where(BoardPost.thread_id == thread.id))
    moderation.approve_item(db, people["Beheerder"], item_of(db, opening).id, now)
    reply = boards.reply(
        db,
        people["Antwoorder"],
        thread.id,
        body=REPLY_BODY,
        quote_of=None,
        keep_findings=False,
        limits=LIMITS,
        now=now,
    )
    moderation.approve_item(db, people["Beheerder"], item_of(db, reply.id).id, now)
    for name, reason, text in REPORTS:
        boards.report_post(
            db, people[name], reply.id, reason=reason, text=text, limits=LIMITS, now=now
        )
    return thread.id, reply.id


@pytest.fixture
def world(app_database: None, cheap_password_hashing: None) -> Iterator[World]:
    now = dt.datetime.now(dt.UTC)
    with session_scope() as db:
        people = {
            name: sign_up(db, name, now)[0]
            for name in (
                "SchrijverLid",
                "AnderLid",
                "ModeratorEen",
                "ModeratorTwee",
                "Beheerder",
                "Antwoorder",
                *(name for name, _, _ in REPORTS),
            )
        }
        people["ModeratorEen"].role = people["ModeratorTwee"].role = "moderator"
        people["Beheerder"].role = "admin"
        db.flush()
        author, first = people["SchrijverLid"], people["ModeratorEen"]
        pending = submit(db, author, "Wat er gebeurde", PHONE_BODY, now)
        decided = submit(db, author, "Hoe ik hulp vond", BODY, now)
        escalated = submit(db, people["AnderLid"], "Een zware week", BODY, now)
        own = submit(db, first, "Mijn eigen verhaal", BODY, now)
        thread, reported = reported_reply(db, people, now)
        moderation.approve_item(db, first, decided, now)
        decided_story = db.scalar(
            select(ModerationItem.story_id).where(ModerationItem.id == decided)
        )
        assert decided_story is not None
        story_reports.report_story(
            db, people["AnderLid"], decided_story, reason="unsafe", text="", limits=LIMITS, now=now
        )
        moderation.escalate_item(db, first, escalated, reason="Te zwaar voor mij", now=now)
        moderation.set_watched_word(db, first, "kik", "flag", now)
        moderation.suspend_account(db, first, "AnderLid", reason="Spam", now=now)
        word = db.scalar(select(WatchedWord.id).where(WatchedWord.phrase == "kik"))
        assert word is not None
        tokens = {name: tab_token(db, account, now) for name, account in people.items()}
    yield World(tokens, pending, own, escalated, decided, word, thread, reported, decided_story)


def tab(state_class: type[BaseState], token: str = "", role: str = "") -> Any:
    """A state as a browser tab holds it; the role flag is the tab's own (forgeable)."""
    state = signed_in_tab(state_class, token)
    account_state(state).role = role
    return state


def database() -> dict[str, object]:
    """Everything a moderation event could change."""
    with session_scope() as db:
        return {
            "items": sorted(
                (i.id, i.state, i.claimed_by, i.escalated, i.decision, i.reason)
                for i in db.scalars(select(ModerationItem))
            ),
            "stories": sorted(
                (s.id, s.state, s.title, s.body, s.rejection_template)
                for s in db.scalars(select(Story))
            ),
            "threads": sorted(
                (t.id, t.title, t.listed, t.reply_count) for t in db.scalars(select(BoardThread))
            ),
            "posts": sorted(
                (p.id, p.state, p.hidden, p.body, p.rejection_reason)
                for p in db.scalars(select(BoardPost))
            ),
            "reports": sorted((r.id, r.open) for r in db.scalars(select(PostReport))),
            "story_reports": sorted((r.id, r.open) for r in db.scalars(select(StoryReport))),
            "paused": sorted(
                a.pseudonym for a in db.scalars(select(Account).where(Account.moderation_paused))
            ),
            "audit": db.scalar(select(func.count()).select_from(AuditEntry)),
            "words": sorted((w.phrase, w.action) for w in db.scalars(select(WatchedWord))),
            "suspended": sorted(
                a.pseudonym for a in db.scalars(select(Account).where(Account.suspended))
            ),
            "roles": sorted((a.pseudonym, a.role) for a in db.scalars(select(Account))),
        }


async def send(state: Any, name: str, *args: object) -> object:
    handler = getattr(type(state), name).fn
    result = handler(state, *args)
    return await result if inspect.isawaitable(result) else result


def moderation_events(world: World) -> dict[str, tuple[object, ...]]:
    """Every public handler of ModerationState that acts on data, with real targets."""
    return {
        "open_item": (world.pending,),
        "claim": (world.pending,),
        "release": (world.pending,),
        "approve": (world.pending,),
        "edit_and_approve": (world.pending, FORM),
        "reject": (world.pending, FORM),
        "escalate": (world.pending, FORM),
        "undo": (world.decided,),
        "add_watched_word": (FORM,),
        "remove_watched_word": (world.word,),
        "dismiss_reports": (world.reported,),
        "remove_post": ({**FORM, "post": str(world.reported)},),
        "suspend": (FORM,),
        "unsuspend": ({**FORM, "pseudonym": "AnderLid"},),
        "keep_story": (world.reported_story,),
        "remove_story": ({**FORM, "story": str(world.reported_story)},),
        "set_paused": (True,),
    }


# Handlers that only read the page (or only close a panel), checked separately below.
VIEW_EVENTS = {"load", "resume_and_load", "close_item", "reveal"}


def own_handlers(state_class: type[BaseState]) -> set[str]:
    inherited = set(AccountState.event_handlers)
    return {name for name in state_class.event_handlers if name not in inherited}


def test_the_list_of_events_below_is_every_public_handler_of_the_states(world: World) -> None:
    assert own_handlers(ModerationState) == set(moderation_events(world)) | VIEW_EVENTS
    assert own_handlers(AuditLogState) == {"load", "resume_and_load", "older"}


def sentence_for(code: str) -> str:
    assert code in MODERATION_ERRORS, f"no sentence for {code!r}"
    return translate("nl", MODERATION_ERRORS[code])


# --- visitors and members ---------------------------------------------------------------------


@pytest.mark.parametrize("token", ["", "not-a-token", "x" * 5000])
async def test_a_tab_without_a_valid_session_can_do_no_moderation_at_all(
    world: World, token: str
) -> None:
    before = database()
    for name, args in moderation_events(world).items():
        state = tab(ModerationState, token, role="admin")  # a forged role flag changes nothing
        await send(state, name, *args)
        assert state.error == "not_authorized", name
        assert sentence_for(state.error)
        assert not state.signed_in and not state.allowed, name
        assert state.queue == [] and state.current.id == 0 and state.reported == [], name
    assert database() == before


async def test_a_member_who_sends_every_moderation_event_changes_nothing(world: World) -> None:
    before = database()
    for name, args in moderation_events(world).items():
        state = tab(ModerationState, world.tokens["SchrijverLid"], role="admin")
        await send(state, name, *args)
        assert state.error == "staff_only", name
        assert sentence_for(state.error).startswith("Dit kan alleen een moderator")
        # Refused, not thrown out: his own session stays.
        assert state.signed_in and not state.allowed, name
        assert state.queue == [] and state.words == [] and state.suspended == [], name
        assert state.reported == [], name
    assert database() == before
    with session_scope() as db:
        assert db.get(Story, world.pending) is not None
        item = db.get(ModerationItem, world.pending)
        assert item is not None and item.state == "pending" and item.claimed_by is None


async def test_a_member_opening_the_moderation_page_sees_only_the_refusal(world: World) -> None:
    before = database()
    state = tab(ModerationState, world.tokens["AnderLid"], role="member")

    await send(state, "load")

    assert state.loaded and not state.allowed and state.signed_in
    assert state.queue == [] and state.days == [] and state.recent == []
    await send(state, "close_item")
    assert database() == before


async def test_a_visitor_without_a_session_sees_only_the_refusal(world: World) -> None:
    state = tab(ModerationState)

    event = await send(state, "load")
    assert event is not None  # asks the browser for a remembered device's token
    await send(state, "resume_and_load", "")

    assert state.loaded and not state.allowed and state.queue == []


@pytest.mark.parametrize("who", ["", "SchrijverLid", "ModeratorEen"])
async def test_only_an_admin_reads_the_audit_log(world: World, who: str) -> None:
    state = tab(AuditLogState, world.tokens.get(who, ""), role="admin")

    await send(state, "load")
    await send(state, "older")

    assert not state.allowed and state.entries == []
    assert state.error == {"": "not_authorized", "SchrijverLid": "staff_only"}.get(
        who, "not_allowed"
    )
    assert sentence_for(state.error)
    assert state.signed_in == bool(who)


async def test_an_admin_reads_the_audit_log_newest_first_with_the_reasons(world: World) -> None:
    state = tab(AuditLogState, world.tokens["Beheerder"], role="admin")

    await send(state, "load")

    assert state.allowed
    actions = [entry.action for entry in state.entries]
    # (the last two: the thread and the reply on the board)
    assert actions == ["suspend", "watch_word", "escalate", "approve", "approve", "approve"]
    suspend, word = state.entries[0], state.entries[1]
    assert (suspend.subject_kind, suspend.subject, suspend.reason) == (
        "account",
        "AnderLid",
        "Spam",
    )
    assert (word.reason_kind, word.reason_code) == ("word_action", "flag")
    assert state.has_older is False
    await send(state, "older")
    assert len(state.entries) == len(actions)


# --- moderators: the rules of the service reach the page ----------------------------------------


async def test_a_moderator_cannot_approve_his_own_story(world: World) -> None:
    before = database()
    state = tab(ModerationState, world.tokens["ModeratorEen"], role="moderator")
    await send(state, "load")
    own = next(row for row in state.queue if row.id == world.own)
    assert own.own

    for name, args in [
        ("approve", (world.own,)),
        ("edit_and_approve", (world.own, FORM)),
        ("reject", (world.own, FORM)),
    ]:
        await send(state, name, *args)
        assert state.error == "own_item", name
        assert sentence_for(state.error)
    assert database() == before


async def test_a_moderator_cannot_decide_an_escalated_item_but_an_admin_can(world: World) -> None:
    before = database()
    moderator = tab(ModerationState, world.tokens["ModeratorTwee"], role="moderator")
    for name, args in [
        ("approve", (world.escalated,)),
        ("edit_and_approve", (world.escalated, FORM)),
        ("reject", (world.escalated, FORM)),
    ]:
        await send(moderator, name, *args)
        assert moderator.error == "escalated", name
    await send(moderator, "escalate", world.escalated, FORM)
    assert moderator.error == "already_escalated"
    assert database() == before

    admin = tab(ModerationState, world.tokens["Beheerder"], role="admin")
    await send(admin, "approve", world.escalated)

    assert admin.error == "" and admin.notice == "approved"
    assert world.escalated not in [row.id for row in admin.queue]
    with session_scope() as db:
        item = db.get(ModerationItem, world.escalated)
        assert item is not None and item.state == "approved"


async def test_a_moderator_works_through_an_item_and_undoes_his_decision(world: World) -> None:
    first = tab(ModerationState, world.tokens["ModeratorEen"], role="moderator")
    await send(first, "load")
    assert first.allowed and first.queue_size == 3
    assert [row.id for row in first.queue] == [world.pending, world.escalated, world.own]
    row = first.queue[0]
    assert [(found.kind, found.text) for found in row.findings] == [("phone", "06-12345678")]
    assert row.waiting_nl.startswith("wacht ") and row.waiting_en.startswith("waiting ")
    assert len(first.days) == moderation.CHART_DAYS and first.decided_total == 3
    assert [decision.item_id for decision in first.recent] == [world.decided]

    await send(first, "open_item", world.pending)
    # The story carries the warning "sexual_abuse": no title or text until he asks.
    assert first.current.id == world.pending and first.current.sensitive == ["sexual"]
    assert first.current.title == "" and first.current_body == "" == first.current_body_html
    await send(first, "reveal", world.pending)
    assert first.current.revealed and first.current.title == "Wat er gebeurde"
    assert first.current.id == world.pending and "06-12345678" in first.current_body
    await send(first, "claim", world.pending)
    assert first.notice == "claimed" and first.current.claimed_by_me

    second = tab(ModerationState, world.tokens["ModeratorTwee"], role="moderator")
    await send(second, "load")
    assert second.queue[0].claimed_by == "ModeratorEen" and second.queue[0].claimed_by_other
    await send(second, "approve", world.pending)
    assert second.error == "claimed_by_other"

    await send(first, "edit_and_approve", world.pending, {**FORM, "reason": " "})
    assert first.error == "reason_missing" and first.current.id == world.pending
    await send(first, "edit_and_approve", world.pending, {**FORM, "body": PHONE_BODY})
    assert first.error == "contact_details"
    await send(first, "edit_and_approve", world.pending, FORM)
    assert first.notice == "edited" and first.current.id == 0
    assert [decision.decision for decision in first.recent] == ["edited", "approved"]

    await send(first, "undo", world.pending)
    assert first.notice == "undone"
    assert world.pending in [row.id for row in first.queue]
    with session_scope() as db:
        story = db.get(Story, world.pending)
        assert story is not None and story.state == "pending" and story.body == PHONE_BODY

    await send(first, "reject", world.pending, {**FORM, "template": "other", "text": ""})
    assert first.error == "reason_missing"
    await send(first, "reject", world.pending, FORM)
    assert first.notice == "rejected"


async def test_a_moderator_cannot_undo_another_moderators_decision(world: World) -> None:
    before = database()
    state = tab(ModerationState, world.tokens["ModeratorTwee"], role="moderator")

    await send(state, "undo", world.decided)

    assert state.error == "not_yours" and state.signed_in and state.allowed
    assert database() == before


async def test_a_moderator_manages_watched_words_and_suspensions(world: World) -> None:
    state = tab(ModerationState, world.tokens["ModeratorEen"], role="moderator")
    await send(state, "load")
    assert [(word.phrase, word.action) for word in state.words] == [("kik", "flag")]
    assert state.suspended == ["AnderLid"]

    await send(state, "add_watched_word", {"phrase": " Snap  Chat ", "action": "review"})
    assert state.notice == "word_saved" and state.words_round == 1
    assert ("snap chat", "review") in [(word.phrase, word.action) for word in state.words]
    await send(state, "remove_watched_word", world.word)
    assert "kik" not in [word.phrase for word in state.words]

    await send(state, "unsuspend", {"pseudonym": "AnderLid", "reason": ""})
    assert state.error == "reason_missing" and state.suspended == ["AnderLid"]
    await send(state, "unsuspend", {"pseudonym": "anderlid", "reason": "Was een vergissing"})
    assert state.notice == "unsuspended" and state.suspended == []
    await send(state, "suspend", {"pseudonym": "ModeratorTwee", "reason": "Test"})
    assert state.error == "cannot_suspend_staff"
    await send(state, "suspend", {"pseudonym": "ModeratorEen", "reason": "Test"})
    assert state.error == "cannot_suspend_self"


# --- the boards: posts in the queue, and reported posts -----------------------------------


def board_post(post_id: int) -> tuple[str, bool, str]:
    with session_scope() as db:
        post = db.get(BoardPost, post_id)
        assert post is not None
        return post.state, post.hidden, post.body


async def test_a_moderator_reads_all_reports_together_then_lets_the_post_stay(
    world: World,
) -> None:
    state = tab(ModerationState, world.tokens["ModeratorEen"], role="moderator")
    await send(state, "load")

    [row] = state.reported
    assert (row.post_id, row.thread_title, row.opening) == (world.reported, THREAD_TITLE, False)
    assert (row.board_nl, row.board_en) == ("Vragen", "Questions")
    assert (row.author, row.body, row.hidden) == ("Antwoorder", REPLY_BODY, True)
    assert [(report.reason, report.text) for report in row.reports] == [
        (reason, text) for _, reason, text in REPORTS
    ]
    assert all(report.at for report in row.reports)
    assert (row.reports_nl, row.reports_en) == ("3 meldingen", "3 reports")

    await send(state, "dismiss_reports", world.reported)

    assert state.error == "" and state.notice == "reports_dismissed"
    assert state.message_area == "reports" and state.reported == []
    assert board_post(world.reported) == ("published", False, REPLY_BODY)
    with session_scope() as db:
        assert not db.scalars(select(PostReport).where(PostReport.open)).all()
        thread = db.get(BoardThread, world.thread)
        assert thread is not None and thread.reply_count == 1
    await send(state, "dismiss_reports", world.reported)
    assert state.error == "no_reports" and sentence_for(state.error)


async def test_a_moderator_removes_a_reported_post_only_with_a_reason(world: World) -> None:
    before = database()
    state = tab(ModerationState, world.tokens["ModeratorTwee"], role="moderator")

    post = str(world.reported)  # as the form's hidden field sends it
    for form in (
        {"post": post, "reason": "   "},
        {"post": post},
        {"post": post, "reason": "x" * 5000},
    ):
        await send(state, "remove_post", form)
        assert state.error in ("reason_missing", "invalid_reason") and sentence_for(state.error)
        assert state.message_area == "reports" and len(state.reported) == 1
    assert database() == before

    await send(state, "remove_post", {"post": post, "reason": "Contactgegevens onder de tekst"})

    assert state.error == "" and state.notice == "post_removed" and state.reported == []
    assert board_post(world.reported)[:2] == ("removed", False)
    await send(state, "remove_post", {"post": post, "reason": "Nog een keer"})
    assert state.error == "unknown_post" and sentence_for(state.error)


async def test_new_threads_and_replies_wait_in_the_queue_with_their_board(world: World) -> None:
    now = dt.datetime.now(dt.UTC)
    with session_scope() as db:
        writer = db.scalar(select(Account).where(Account.pseudonym == "MelderEen"))
        answerer = db.scalar(select(Account).where(Account.pseudonym == "MelderTwee"))
        assert writer is not None and answerer is not None
        opened = boards.start_thread(
            db,
            writer,
            "herstel",
            title="Wat helpt jou?",
            body="Bij mij helpt sporten.",
            keep_findings=False,
            limits=LIMITS,
            now=now,
        )
        opening = db.scalar(select(BoardPost.id).where(BoardPost.thread_id == opened.id))
        assert opening is not None
        reply = boards.reply(
            db,
            answerer,
            world.thread,
            body="Ik herken dit.",
            quote_of=None,
            keep_findings=False,
            limits=LIMITS,
            now=now,
        )
        thread_item, reply_item = item_of(db, opening).id, item_of(db, reply.id).id
    state = tab(ModerationState, world.tokens["ModeratorEen"], role="moderator")
    await send(state, "load")

    rows = {row.id: row for row in state.queue}
    new_thread, new_reply = rows[thread_item], rows[reply_item]
    assert (new_thread.kind, new_thread.title, new_thread.board) == (
        "thread",
        "Wat helpt jou?",
        "herstel",
    )
    assert (new_thread.board_nl, new_thread.board_en) == ("Herstel", "Recovery")
    assert (new_reply.kind, new_reply.title, new_reply.board_nl) == (
        "reply",
        THREAD_TITLE,
        "Vragen",
    )
    assert new_reply.language == "" and new_reply.themes == [] and new_reply.warnings == []
    assert rows[world.pending].board == "" and rows[world.pending].kind == "story"

    # A reply is edited without a title field: its thread keeps its title.
    await send(state, "open_item", reply_item)
    assert state.current.kind == "reply" and state.current_body == "Ik herken dit."
    await send(
        state, "edit_and_approve", reply_item, {"body": "Ik herken dit echt.", "reason": "Typo"}
    )
    assert state.error == "" and state.notice == "edited"
    assert board_post(reply.id) == ("published", False, "Ik herken dit echt.")

    # A new thread's title follows the board's rules, and a post has its own length limit.
    form = {"title": "Wat helpt jou?", "body": "Bij mij helpt sporten.", "reason": "Te lang"}
    await send(state, "edit_and_approve", thread_item, {**form, "title": "Wat"})
    assert state.error == "title_too_short" and sentence_for(state.error)
    await send(state, "edit_and_approve", thread_item, {**form, "body": "x" * 6000})
    assert state.error == "post_too_long"
    assert translate("nl", MODERATION_ERRORS["post_too_long"], **ERROR_VALUES["post_too_long"]) == (
        "De tekst is te lang. Een bericht heeft hoogstens 5000 tekens."
    )
    await send(state, "reject", thread_item, {"template": "not_a_story", "text": ""})
    assert state.notice == "rejected"
    assert board_post(opening)[0] == "rejected"
    with session_scope() as db:
        thread = db.get(BoardThread, world.thread)
        assert thread is not None and thread.title == THREAD_TITLE


# --- hostile arguments -----------------------------------------------------------------------


@pytest.mark.parametrize("hostile", HOSTILE_IDS)
async def test_hostile_ids_are_refused_without_a_crash(world: World, hostile: object) -> None:
    before = database()
    state = tab(ModerationState, world.tokens["Beheerder"], role="admin")
    await send(state, "load")

    for name in ("claim", "release", "approve", "undo"):
        await send(state, name, hostile)
        assert state.error == "unknown_item", name
    for name in ("edit_and_approve", "reject", "escalate"):
        await send(state, name, hostile, FORM)
        assert state.error == "unknown_item", name
    await send(state, "open_item", hostile)
    assert state.error == "unknown_item" and state.current.id == 0
    await send(state, "remove_watched_word", hostile)
    assert state.error == "unknown_word"
    await send(state, "dismiss_reports", hostile)
    assert state.error == "unknown_post" and state.message_area == "reports"
    assert state.signed_in and state.allowed
    assert database() == before


@pytest.mark.parametrize(
    "hostile",
    [h for h in HOSTILE_IDS if h != "1"] + ["-1", " 1", "1.0", "+1", "0x1", "١", "9" * 40, "0"],
)
async def test_hostile_post_ids_in_the_removal_form_are_refused(
    world: World, hostile: object
) -> None:
    before = database()
    state = tab(ModerationState, world.tokens["Beheerder"], role="admin")

    await send(state, "remove_post", {"post": hostile, "reason": "Een reden die klopt."})

    assert state.error == "unknown_post" and state.message_area == "reports"
    assert state.signed_in and state.allowed
    assert database() == before


@pytest.mark.parametrize("hostile", HOSTILE_FORMS)
async def test_hostile_forms_are_refused_without_a_crash(world: World, hostile: object) -> None:
    before = database()
    state = tab(ModerationState, world.tokens["Beheerder"], role="admin")

    for name, args in [
        ("edit_and_approve", (world.pending, hostile)),
        ("reject", (world.pending, hostile)),
        ("escalate", (world.pending, hostile)),
        ("add_watched_word", (hostile,)),
        ("suspend", (hostile,)),
        ("unsuspend", (hostile,)),
        ("remove_post", (hostile,)),
        (
            "remove_post",
            ({**hostile, "post": str(world.reported)} if isinstance(hostile, dict) else hostile,),
        ),
    ]:
        await send(state, name, *args)
        assert state.error != "" and sentence_for(state.error), name
        assert state.error != "unexpected", name
    assert state.signed_in and state.allowed
    assert database() == before


@pytest.mark.parametrize("hostile", [None, 5, {"token": "x"}, ["a"], "x" * 10_000])
async def test_hostile_resume_tokens_sign_nobody_in(world: World, hostile: object) -> None:
    state = tab(ModerationState)

    await send(state, "resume_and_load", hostile)

    assert not state.signed_in and not state.allowed and state.queue == []


@pytest.mark.parametrize(
    ("waited", "dutch", "english"),
    [
        (dt.timedelta(seconds=20), "Oudste wacht minder dan een minuut", "less than a minute"),
        (dt.timedelta(minutes=1), "Oudste wacht 1 minuut", "Oldest waiting 1 minute"),
        (dt.timedelta(minutes=45), "Oudste wacht 45 minuten", "Oldest waiting 45 minutes"),
        (dt.timedelta(hours=3, minutes=59), "Oudste wacht 3 uur", "Oldest waiting 3 hours"),
        (dt.timedelta(hours=47), "Oudste wacht 47 uur", "Oldest waiting 47 hours"),
        (dt.timedelta(days=5, hours=2), "Oudste wacht 5 dagen", "Oldest waiting 5 days"),
    ],
)
def test_waiting_time_is_said_in_words_in_both_languages(
    waited: dt.timedelta, dutch: str, english: str
) -> None:
    at = dt.datetime(2026, 11, 27, 12, 0, tzinfo=dt.UTC)

    assert age_sentence("moderation.stats.oldest", "nl", at - waited, at) == dutch
    assert age_sentence("moderation.stats.oldest", "en", at - waited, at).endswith(english)

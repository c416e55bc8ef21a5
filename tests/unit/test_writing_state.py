"""Crafted events against the writing pages: any browser can call any public handler of
WritingState and MyStoriesState with any arguments. These tests call them the way a
forged websocket event would and prove that a visitor changes nothing, that a member
cannot open, save over, send, withdraw or delete another member's story by naming its
id, that hostile arguments get a sentence instead of a crash, and that a suspended
member cannot send a story."""

from __future__ import annotations

import datetime as dt
import inspect
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from reflex.istate.data import RouterData
from sqlalchemy import select

from peersupport.database import session_scope
from peersupport.models import Account, ModerationItem, Story
from peersupport.services import stories
from peersupport.services.ids import event_id
from peersupport.state.my_stories import MyStoriesState
from peersupport.state.writing import WritingState, draft_from_browser, requested_story
from peersupport.translations import translate
from tests.unit.conftest import account_state, sign_up, signed_in_tab, tab_token

BODY = (
    "Het begon met een berichtje op een chatsite. Hij was aardig en luisterde naar me. "
    "Pas veel later zag ik wat er eigenlijk gebeurde."
)
DRAFT = {
    "title": "Wat ik niet zag",
    "body": BODY,
    "language": "nl",
    "themes": ["online_grooming"],
    "warnings": ["sexual_abuse"],
}
HOSTILE_IDS = [None, True, -1, 0, 2**40, "1", "1; DROP TABLE stories", {"id": 1}, [1], 1.5]
HOSTILE_DRAFTS: list[object] = [
    None,
    5,
    "text",
    [],
    {},
    {"title": None, "body": None},
    {**DRAFT, "title": {"x": 1}},
    {**DRAFT, "body": "x" * 1_000_000},
    {**DRAFT, "title": "t" * 10_000},
    {**DRAFT, "language": "de"},
    {**DRAFT, "themes": "online_grooming"},
    {**DRAFT, "themes": ["online_grooming", "not_a_theme"]},
    {**DRAFT, "warnings": [None]},
]


@dataclass(frozen=True)
class Authors:
    owner_token: str
    other_token: str
    suspended_token: str
    draft_id: int
    pending_id: int
    suspended_draft_id: int


@pytest.fixture
def authors(app_database: None, cheap_password_hashing: None) -> Iterator[Authors]:
    now = dt.datetime.now(dt.UTC)
    with session_scope() as db:
        owner, _ = sign_up(db, "SchrijvendLid", now)
        other, _ = sign_up(db, "AnderLid", now)
        suspended, _ = sign_up(db, "GeblokkeerdLid", now)
        suspended.suspended = True
        pending = stories.save_draft(db, owner, None, now=now, **{**DRAFT, "title": "Verstuurd"})
        stories.submit_story(db, owner, pending.id, keep_findings=False, now=now)
        draft = stories.save_draft(db, owner, None, now=now, **DRAFT)
        suspended_draft = stories.save_draft(db, suspended, None, now=now, **DRAFT)
        tokens = [tab_token(db, a, now) for a in (owner, other, suspended)]
    yield Authors(tokens[0], tokens[1], tokens[2], draft.id, pending.id, suspended_draft.id)


def writing_state(token: str, view: str = "form") -> WritingState:
    state = signed_in_tab(WritingState, token)
    state.view = view
    return state


def my_stories_state(token: str) -> MyStoriesState:
    return signed_in_tab(MyStoriesState, token)


def open_address(state: WritingState, query: dict[str, str]) -> None:
    """The browser's address as Reflex hands it to an on_load event."""
    path = "/schrijven" + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")
    state.router = RouterData.from_router_data(
        {
            "pathname": "/schrijven",
            "asPath": path,
            "query": query,
            "headers": {"origin": "http://localhost:3000"},
        }
    )


async def call(handler: Any, state: Any, *arguments: object) -> list[Any]:
    """Run an event handler the way Reflex does (plain, coroutine or async generator)
    and return the events it produced."""
    result = handler.fn(state, *arguments)
    if inspect.isasyncgen(result):
        return [event async for event in result if event is not None]
    if inspect.isawaitable(result):
        result = await result
    if result is None:
        return []
    return result if isinstance(result, list) else [result]


def stored() -> list[tuple[int, int, str, str, str]]:
    with session_scope() as db:
        return [
            (story.id, story.author_id, story.state, story.title, story.body)
            for story in db.scalars(select(Story).order_by(Story.id))
        ]


def queued() -> list[tuple[int | None, str]]:
    with session_scope() as db:
        return [(item.story_id, item.state) for item in db.scalars(select(ModerationItem))]


# --- visitors -----------------------------------------------------------------------


@pytest.mark.parametrize("token", ["", "not-a-token", "x" * 5000])
async def test_a_visitors_events_change_nothing(authors: Authors, token: str) -> None:
    before, queue = stored(), queued()
    state = writing_state(token)
    account_state(state).signed_in = True  # a forged "signed in" flag changes nothing

    for handler in (
        WritingState.autosave,
        WritingState.show_preview,
        WritingState.submit,
        WritingState.submit_anyway,
        WritingState.remove_findings,
    ):
        state.view = "form"
        await call(handler, state, DRAFT)
        assert not state.signed_in
        account_state(state).signed_in = True

    mine = my_stories_state(token)
    account_state(mine).signed_in = True
    await call(MyStoriesState.withdraw, mine, authors.pending_id)
    assert mine.error == "not_authorized"
    account_state(mine).signed_in = True
    await call(MyStoriesState.delete, mine, authors.draft_id)
    assert mine.error == "not_authorized"
    assert mine.stories == []
    assert stored() == before
    assert queued() == queue


async def test_a_visitor_sees_the_explanation_not_a_form(authors: Authors) -> None:
    state = writing_state("", view="loading")

    events = await call(WritingState.load, state)
    assert "localStorage" in str(events)  # he may have a remembered device
    await call(WritingState.resume_and_load, state, None)

    assert state.view == "visitor"
    mine = my_stories_state("")
    await call(MyStoriesState.resume_and_load, mine, "")
    assert mine.view == "visitor"


async def test_a_remembered_device_whose_session_ended_forgets_it(authors: Authors) -> None:
    for state, handler in (
        (writing_state("", view="loading"), WritingState.resume_and_load),
        (my_stories_state(""), MyStoriesState.resume_and_load),
    ):
        events = await call(handler, state, "x" * 43)

        assert state.view == "visitor"
        assert not state.signed_in
        assert "localStorage.removeItem('ps-device')" in str(events)


async def test_a_remembered_device_opens_the_form(authors: Authors) -> None:
    state = writing_state("", view="loading")

    events = await call(WritingState.resume_and_load, state, authors.owner_token)

    assert state.signed_in
    assert state.view == "form"
    assert "psw().fill" in str(events)


# --- another member's story -----------------------------------------------------------


async def test_member_cannot_open_another_members_story_by_its_id(authors: Authors) -> None:
    state = writing_state(authors.other_token, view="loading")
    open_address(state, {"verhaal": str(authors.draft_id)})

    events = await call(WritingState.load, state)

    assert state.view == "not_found"
    assert BODY not in str(events)
    assert state.signed_in  # a wrong id is no reason to sign him out


async def test_owner_opens_his_draft_from_the_address(authors: Authors) -> None:
    state = writing_state(authors.owner_token, view="loading")
    open_address(state, {"verhaal": str(authors.draft_id)})

    events = await call(WritingState.load, state)

    assert state.view == "form"
    assert "psw().fill" in str(events)
    assert "Wat ik niet zag" in str(events)


async def test_opening_the_page_again_reopens_his_draft_instead_of_a_new_one(
    authors: Authors,
) -> None:
    before = stored()
    state = writing_state(authors.owner_token, view="loading")
    open_address(state, {})

    events = await call(WritingState.load, state)
    await call(WritingState.autosave, state, {**DRAFT, "body": BODY + " Nog een zin."})

    assert state.view == "form"
    assert state._story_id == authors.draft_id
    assert "Wat ik niet zag" in str(events)
    assert f"psw().remember({authors.draft_id})" in str(events)
    after = stored()
    assert len(after) == len(before)
    assert [row for row in after if row[2] == "draft" and row[1] == before[0][1]] == [
        (authors.draft_id, before[0][1], "draft", "Wat ik niet zag", BODY + " Nog een zin.")
    ]


async def test_a_forged_new_story_from_a_second_tab_adds_no_draft(authors: Authors) -> None:
    before = stored()
    second_tab = writing_state(authors.owner_token)  # as if opened before his draft existed

    await call(WritingState.autosave, second_tab, {**DRAFT, "title": "Tweede tab"})

    assert second_tab._story_id == authors.draft_id
    assert len(stored()) == len(before)


async def test_without_a_draft_the_page_opens_an_empty_story(authors: Authors) -> None:
    state = writing_state(authors.other_token, view="loading")
    open_address(state, {})

    events = await call(WritingState.load, state)

    assert (state.view, state._story_id) == ("form", 0)
    assert "psw().fill({})" in str(events)


async def test_a_story_waiting_for_a_moderator_is_not_opened_for_editing(
    authors: Authors,
) -> None:
    state = writing_state(authors.owner_token, view="loading")
    open_address(state, {"verhaal": str(authors.pending_id)})

    events = await call(WritingState.load, state)

    assert state.view == "not_editable"
    assert "psw().fill" not in str(events)


async def test_member_cannot_save_over_or_send_another_members_story(authors: Authors) -> None:
    before, queue = stored(), queued()
    state = writing_state(authors.other_token)
    state._story_id = authors.draft_id  # as if a forged load had set it

    await call(WritingState.autosave, state, {**DRAFT, "title": "overgenomen"})
    assert state.save_error == "story_not_found"
    await call(WritingState.submit_anyway, state, DRAFT)
    assert state.error == "story_not_found"
    await call(WritingState.remove_findings, state, DRAFT)
    assert state.error == "story_not_found"

    assert stored() == before
    assert queued() == queue
    assert state.signed_in


async def test_member_cannot_withdraw_or_delete_another_members_story(authors: Authors) -> None:
    before, queue = stored(), queued()
    state = my_stories_state(authors.other_token)

    await call(MyStoriesState.withdraw, state, authors.pending_id)
    assert state.error == "story_not_found"
    await call(MyStoriesState.delete, state, authors.draft_id)
    assert state.error == "story_not_found"

    assert stored() == before
    assert queued() == queue


async def test_member_lists_only_his_own_stories(authors: Authors) -> None:
    state = my_stories_state(authors.other_token)

    await call(MyStoriesState.load, state)

    assert state.view == "list"
    assert state.stories == []
    owner = my_stories_state(authors.owner_token)
    await call(MyStoriesState.load, owner)
    # Changed at the same moment: the newer story first.
    assert [(row.id, row.state) for row in owner.stories] == [
        (authors.draft_id, "draft"),
        (authors.pending_id, "pending"),
    ]


# --- hostile arguments ---------------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    ["-1", "0", "01", "1.0", "1e3", " 1", "1; DROP TABLE stories", "9" * 11, "4294967296", "x"],
)
def test_a_hostile_address_asks_for_no_story(raw: str) -> None:
    assert requested_story(raw) is None


@pytest.mark.parametrize("raw", [None, ""])
def test_no_story_in_the_address_means_a_new_one(raw: object) -> None:
    assert requested_story(raw) == 0


@pytest.mark.parametrize("raw", [["1"], {"a": "1"}, 1, b"1"])
def test_an_address_value_of_the_wrong_type_asks_for_no_story(raw: object) -> None:
    assert requested_story(raw) is None


def test_an_id_in_the_address_is_read_as_a_number() -> None:
    assert requested_story("42") == 42
    assert requested_story(str(2**31 - 1)) == 2**31 - 1
    assert requested_story(str(2**31)) is None


@pytest.mark.parametrize("raw", HOSTILE_IDS)
def test_hostile_event_ids_are_not_story_ids(raw: object) -> None:
    assert event_id(raw) is None


def test_a_draft_from_the_browser_must_be_a_dict() -> None:
    assert draft_from_browser([DRAFT]) is None
    assert draft_from_browser({"title": "x", "extra": object()}) == {
        "title": "x",
        "body": None,
        "language": None,
        "themes": None,
        "warnings": None,
    }


async def test_a_hostile_address_shows_a_sentence_not_a_crash(authors: Authors) -> None:
    state = writing_state(authors.owner_token, view="loading")
    open_address(state, {"verhaal": "1; DROP TABLE stories"})

    await call(WritingState.load, state)

    assert state.view == "not_found"
    assert len(stored()) == 3


@pytest.mark.parametrize("hostile", HOSTILE_DRAFTS)
async def test_hostile_drafts_are_refused_with_a_sentence(
    authors: Authors, hostile: object
) -> None:
    before = stored()
    state = writing_state(authors.owner_token)
    state._story_id = authors.draft_id

    await call(WritingState.autosave, state, hostile)
    assert state.save_status == "failed"
    assert state.save_error != ""
    await call(WritingState.submit, state, hostile)
    assert state.error != ""
    await call(WritingState.remove_findings, state, hostile)
    assert state.error != ""

    assert stored() == before
    assert state.signed_in


@pytest.mark.parametrize("hostile", HOSTILE_IDS)
async def test_hostile_ids_to_withdraw_or_delete_are_refused(
    authors: Authors, hostile: object
) -> None:
    before = stored()
    state = my_stories_state(authors.owner_token)

    await call(MyStoriesState.ask_withdraw, state, hostile)
    assert state.confirm_id == 0
    await call(MyStoriesState.withdraw, state, hostile)
    assert state.error == "story_not_found"
    await call(MyStoriesState.delete, state, hostile)
    assert state.error == "story_not_found"

    assert stored() == before
    assert state.signed_in


# --- sending ---------------------------------------------------------------------------


async def test_a_suspended_member_cannot_send_a_story(authors: Authors) -> None:
    state = writing_state(authors.suspended_token)
    state._story_id = authors.suspended_draft_id

    await call(WritingState.submit_anyway, state, DRAFT)

    assert state.error == "suspended"
    assert state.view == "form"
    assert (authors.suspended_draft_id, "draft") in [(s[0], s[2]) for s in stored()]
    assert authors.suspended_draft_id not in [story_id for story_id, _ in queued()]


async def test_a_new_story_is_saved_then_sent(authors: Authors) -> None:
    state = writing_state(authors.other_token)

    events = await call(WritingState.autosave, state, DRAFT)
    assert state.save_status == "saved"
    assert "psw().remember" in str(events)
    await call(WritingState.submit, state, DRAFT)

    assert state.view == "sent"
    with session_scope() as db:
        story = db.get(Story, state._story_id)
        assert story is not None and story.state == "pending"
        author = db.get(Account, story.author_id)
        assert author is not None and author.pseudonym == "AnderLid"


async def test_an_empty_new_story_is_not_saved(authors: Authors) -> None:
    before = stored()
    state = writing_state(authors.other_token)

    await call(WritingState.autosave, state, {**DRAFT, "title": " ", "body": ""})

    assert stored() == before


async def test_contact_details_are_shown_then_removed(authors: Authors) -> None:
    state = writing_state(authors.other_token)
    with_phone = {**DRAFT, "body": BODY + " Bel me op 06 12 34 56 78."}

    await call(WritingState.submit, state, with_phone)
    assert [(f.text, f.kind) for f in state.findings] == [("06 12 34 56 78", "phone")]
    assert state.view == "form"
    events = await call(WritingState.remove_findings, state, with_phone)

    assert state.findings == []
    assert "06 12 34 56 78" not in str(events)
    assert "psw().setText" in str(events)
    assert all("06 12" not in body for *_, body in stored())


async def test_sending_anyway_queues_the_story_flagged(authors: Authors) -> None:
    state = writing_state(authors.other_token)
    with_phone = {**DRAFT, "body": BODY + " Bel me op 06 12 34 56 78."}

    await call(WritingState.submit_anyway, state, with_phone)

    assert state.view == "sent"
    with session_scope() as db:
        item = db.scalars(
            select(ModerationItem).where(ModerationItem.story_id == state._story_id)
        ).one()
        assert "06 12 34 56 78" in item.findings


async def test_every_refusal_of_an_incomplete_story_keeps_the_draft(authors: Authors) -> None:
    state = writing_state(authors.other_token)

    await call(WritingState.submit, state, {**DRAFT, "themes": []})

    assert state.error == "theme_missing"
    assert state.save_status == "saved"  # the draft was saved before sending was refused
    assert [s[2] for s in stored() if s[0] == state._story_id] == ["draft"]


async def test_the_preview_shows_safe_html_and_the_readers_warning(authors: Authors) -> None:
    state = writing_state(authors.other_token)
    body = "Dit is **vet** en <script>alert(1)</script>.\n\n> een citaat\n\n" + BODY

    await call(WritingState.show_preview, state, {**DRAFT, "body": body})

    assert state.previewing
    assert "<strong>vet</strong>" in state.preview_html
    assert "<script>" not in state.preview_html
    assert "<blockquote>" in state.preview_html
    assert state.preview_caution == [
        translate("nl", "stories.caution.about", warnings="seksueel misbruik"),
        translate("en", "stories.caution.about", warnings="sexual abuse"),
    ]


async def test_owner_withdraws_then_deletes_his_story(authors: Authors) -> None:
    state = my_stories_state(authors.owner_token)

    await call(MyStoriesState.ask_withdraw, state, authors.pending_id)
    assert (state.confirm_id, state.confirm_action) == (authors.pending_id, "withdraw")
    await call(MyStoriesState.withdraw, state, authors.pending_id)
    assert state.notice == "story_withdrawn"
    assert state.confirm_id == 0
    await call(MyStoriesState.delete, state, authors.pending_id)

    assert state.notice == "story_deleted"
    assert authors.pending_id not in [s[0] for s in stored()]
    assert authors.pending_id not in [row.id for row in state.stories]


async def test_a_story_with_crisis_words_shows_the_routes_at_once_and_queues_urgent(
    authors: Authors,
) -> None:
    state = writing_state(authors.other_token)
    in_crisis = {**DRAFT, "body": BODY + " Ik wil niet meer leven."}

    events = await call(WritingState.submit, state, in_crisis)

    assert (state.view, state.crisis_shown, state.crisis_sent) == ("sent", True, True)
    assert "ps-crisis-title" in str(events)
    with session_scope() as db:
        item = db.scalars(
            select(ModerationItem).where(ModerationItem.story_id == state._story_id)
        ).one()
        assert (item.urgent, item.urgent_reasons, item.state) == (True, "suicide", "pending")
    await call(WritingState.close_crisis, state)
    assert (state.crisis_shown, state.crisis_sent) == (False, False)


async def test_crisis_words_with_contact_details_show_the_routes_but_say_not_sent(
    authors: Authors,
) -> None:
    state = writing_state(authors.other_token)
    both = {**DRAFT, "body": BODY + " Ik wil dood. Bel me op 06 12 34 56 78."}

    await call(WritingState.submit, state, both)

    assert (state.view, state.crisis_shown, state.crisis_sent) == ("form", True, False)
    assert state.findings


async def test_a_calm_story_shows_no_crisis_message(authors: Authors) -> None:
    state = writing_state(authors.other_token)
    await call(WritingState.submit, state, {**DRAFT, "title": "Ik ging dood van het lachen"})
    assert (state.view, state.crisis_shown) == ("sent", False)

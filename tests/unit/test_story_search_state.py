"""Crafted events against the search question: the write form's answer is kept with his
draft and sent with it, and under Mijn verhalen a member changes it for his own stories
only, whatever arguments a forged event carries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from peersupport.database import session_scope
from peersupport.models import Story
from peersupport.services import stories
from peersupport.state.my_stories import MyStoriesState
from peersupport.state.writing import WritingState
from tests.unit.conftest import sign_up, tab_token
from tests.unit.test_writing_state import DRAFT, HOSTILE_IDS, call, my_stories_state, writing_state


@dataclass(frozen=True)
class Members:
    owner_token: str
    other_token: str
    story_id: int


@pytest.fixture
def members(app_database: None, cheap_password_hashing: None) -> Iterator[Members]:
    now = dt.datetime.now(dt.UTC)
    with session_scope() as db:
        owner, _ = sign_up(db, "SchrijvendLid", now)
        other, _ = sign_up(db, "AnderLid", now)
        sent = stories.save_draft(db, owner, None, now=now, **DRAFT)
        stories.submit_story(db, owner, sent.id, keep_findings=False, now=now)
        tokens = [tab_token(db, member, now) for member in (owner, other)]
    yield Members(tokens[0], tokens[1], sent.id)


def indexable(story_id: int) -> bool:
    with session_scope() as db:
        story = db.get(Story, story_id)
        assert story is not None
        return story.indexable


async def test_the_answer_in_the_form_is_sent_with_the_story(members: Members) -> None:
    state = writing_state(members.owner_token)
    assert state.shared_with_search is False  # the default is no

    await call(WritingState.choose_search, state, "yes")
    await call(WritingState.submit, state, {**DRAFT, "title": "Met ja"})

    assert state.view == "sent"
    assert indexable(state._story_id) is True


@pytest.mark.parametrize("answer", [None, True, 1, "ja", "YES", ["yes"], {"yes": 1}])
async def test_a_hostile_answer_in_the_form_changes_nothing(
    members: Members, answer: object
) -> None:
    state = writing_state(members.owner_token)

    await call(WritingState.choose_search, state, "yes")
    await call(WritingState.choose_search, state, answer)

    assert state.shared_with_search is True


async def test_he_changes_the_choice_for_his_own_story_under_my_stories(
    members: Members,
) -> None:
    state = my_stories_state(members.owner_token)

    await call(MyStoriesState.set_search, state, members.story_id, True)
    assert (state.error, state.notice) == ("", "search_shared")
    assert indexable(members.story_id) is True
    assert [row.indexable for row in state.stories] == [True]

    await call(MyStoriesState.set_search, state, members.story_id, False)
    assert state.notice == "search_hidden"
    assert indexable(members.story_id) is False


async def test_another_member_cannot_change_it(members: Members) -> None:
    state = my_stories_state(members.other_token)

    await call(MyStoriesState.set_search, state, members.story_id, True)

    assert state.error == "story_not_found"
    assert indexable(members.story_id) is False


@pytest.mark.parametrize("story_id", HOSTILE_IDS)
async def test_a_hostile_story_id_changes_nothing(members: Members, story_id: object) -> None:
    state = my_stories_state(members.owner_token)

    await call(MyStoriesState.set_search, state, story_id, True)

    assert state.error == "story_not_found"
    assert indexable(members.story_id) is False


@pytest.mark.parametrize("choice", [None, 1, "true", [True], {"x": 1}])
async def test_a_hostile_choice_changes_nothing(members: Members, choice: object) -> None:
    state = my_stories_state(members.owner_token)

    await call(MyStoriesState.set_search, state, members.story_id, choice)

    assert state.error == "invalid_choice"
    assert indexable(members.story_id) is False


async def test_a_visitor_changes_nothing(members: Members) -> None:
    state = my_stories_state("")

    await call(MyStoriesState.set_search, state, members.story_id, True)

    assert state.error != ""
    assert indexable(members.story_id) is False

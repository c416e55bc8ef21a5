"""The use cases of a member's own stories, called through the door the way a forged
event would reach them: another member's story, ids that are bools, huge numbers,
strings, dicts or lists, and drafts that are no dict all read as "story_not_found"
(or a field's own code) and change nothing; a suspended member keeps "suspended"; a
held-back story says what was found and whether it has crisis words, a sent one
whether the service queued it urgent. Then the writing handlers the other tests leave
out (the preview, asking to delete, cancelling) with the same hostile arguments."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from peersupport.database import session_scope
from peersupport.models import ModerationItem, Story
from peersupport.services import crisis, screening
from peersupport.services.errors import InvalidInput, NotAuthorized, ServiceError
from peersupport.state.my_stories import MyStoriesState
from peersupport.state.writing import WritingState
from peersupport.usecases import door
from peersupport.usecases import stories as cases
from tests.unit.test_writing_state import (
    BODY,
    DRAFT,
    HOSTILE_IDS,
    Authors,
    call,
    my_stories_state,
    queued,
    stored,
    writing_state,
)
from tests.unit.test_writing_state import authors as authors  # the fixture

# Every use case naming a story, with the arguments that follow its id.
BY_ID: list[tuple[Any, tuple[object, ...]]] = [
    (cases.own_story, ()),
    (cases.save_draft, (DRAFT, False)),
    (cases.clean_contact_details, (DRAFT,)),
    (cases.send_for_review, ()),
    (cases.send_despite_findings, ()),
    (cases.withdraw_story, ()),
    (cases.delete_story, ()),
    (cases.set_search, (True,)),
]
NAMES = [case.name for case, _ in BY_ID]
# Ids that name no story; 0 is "a new story" to the saving use cases, so it is left out.
NO_STORY_IDS = [raw for raw in HOSTILE_IDS if raw != 0] + [2**31, -(2**63)]
NOT_DICTS: list[object] = [None, 5, "title", [DRAFT], (), True]


def refusal(case: Any, token: str, *arguments: object) -> str:
    with pytest.raises(ServiceError) as refused:
        door.call_now(case, token, *arguments)
    return refused.value.code


def indexable() -> list[bool]:
    with session_scope() as db:
        return [story.indexable for story in db.scalars(select(Story).order_by(Story.id))]


@pytest.mark.parametrize(("case", "rest"), BY_ID, ids=NAMES)
def test_another_members_story_is_not_found_and_stays_as_it_was(
    authors: Authors, case: Any, rest: tuple[object, ...]
) -> None:
    before, queue, shared = stored(), queued(), indexable()

    for story_id in (authors.draft_id, authors.pending_id, authors.suspended_draft_id):
        assert refusal(case, authors.other_token, story_id, *rest) == "story_not_found"

    assert (stored(), queued(), indexable()) == (before, queue, shared)


@pytest.mark.parametrize(("case", "rest"), BY_ID, ids=NAMES)
@pytest.mark.parametrize("story_id", NO_STORY_IDS, ids=repr)
def test_a_hostile_id_is_not_found(
    authors: Authors, case: Any, rest: tuple[object, ...], story_id: object
) -> None:
    before, queue = stored(), queued()

    assert refusal(case, authors.owner_token, story_id, *rest) == "story_not_found"

    assert (stored(), queued()) == (before, queue)


@pytest.mark.parametrize("draft", NOT_DICTS, ids=repr)
def test_a_draft_that_is_no_dict_is_refused(authors: Authors, draft: object) -> None:
    before = stored()

    for case, rest in ((cases.save_draft, (False,)), (cases.clean_contact_details, ())):
        assert refusal(case, authors.owner_token, authors.draft_id, draft, *rest) == (
            "invalid_draft"
        )

    assert stored() == before


@pytest.mark.parametrize("choice", [None, 1, "yes", [True], {"x": 1}], ids=repr)
def test_a_search_choice_that_is_no_bool_is_refused(authors: Authors, choice: object) -> None:
    for case, arguments in (
        (cases.set_search, (authors.draft_id, choice)),
        (cases.save_draft, (authors.draft_id, DRAFT, choice)),
    ):
        assert refusal(case, authors.owner_token, *arguments) == "invalid_choice"
    assert not any(indexable())


def test_the_renaming_keeps_every_other_refusal(authors: Authors) -> None:
    with pytest.raises(InvalidInput) as renamed, cases.his_story():
        raise NotAuthorized("not his")
    assert renamed.value.code == "story_not_found"
    with pytest.raises(NotAuthorized) as kept, cases.his_story():
        raise NotAuthorized("suspended", code="suspended")
    assert kept.value.code == "suspended"

    for case in (cases.send_for_review, cases.send_despite_findings):
        assert refusal(case, authors.suspended_token, authors.suspended_draft_id) == "suspended"
        assert refusal(case, "", authors.draft_id) == "not_authorized"


def test_a_held_back_story_says_what_was_found_and_that_it_is_urgent(authors: Authors) -> None:
    both = {**DRAFT, "body": BODY + " Ik wil dood. Bel me op 06 12 34 56 78 of 06 12 34 56 78."}
    story = door.call_now(cases.save_draft, authors.other_token, 0, both, False)

    held = door.call_now(cases.send_for_review, authors.other_token, story.id)

    assert (held.sent, held.urgent, held.wait) == (False, True, None)
    assert [(found.text, found.kind) for found in held.findings] == [("06 12 34 56 78", "phone")]
    assert story.id not in [story_id for story_id, _ in queued()]

    sent = door.call_now(cases.send_despite_findings, authors.other_token, story.id)

    assert (sent.sent, sent.urgent, sent.findings) == (True, True, ())
    with session_scope() as db:
        item = db.scalars(select(ModerationItem).where(ModerationItem.story_id == story.id)).one()
        assert (item.urgent, item.urgent_reasons) == (True, "suicide")


def test_a_held_back_story_is_screened_once(
    authors: Authors, monkeypatch: pytest.MonkeyPatch
) -> None:
    both = {**DRAFT, "body": BODY + " Ik wil dood. Bel me op 06 12 34 56 78."}
    story = door.call_now(cases.save_draft, authors.other_token, 0, both, False)
    seen: list[str] = []
    for module, name in ((screening, "find_contact_details"), (crisis, "crisis_reasons")):
        original = getattr(module, name)

        def counting(*args: Any, _original: Any = original, _name: str = name) -> Any:
            seen.append(_name)
            return _original(*args)

        monkeypatch.setattr(module, name, counting)

    held = door.call_now(cases.send_for_review, authors.other_token, story.id)

    assert (held.sent, held.urgent) == (False, True)
    # The title and the text through the scrubber, the crisis words once: no second look.
    assert sorted(seen) == ["crisis_reasons", "find_contact_details", "find_contact_details"]


def test_a_new_story_is_saved_once_with_the_id_0(authors: Authors) -> None:
    first = door.call_now(cases.save_draft, authors.other_token, 0, DRAFT, True)
    again = door.call_now(cases.save_draft, authors.other_token, 0, {**DRAFT, "title": "x"}, True)

    assert first.id == again.id  # his one open draft, not a second one
    assert door.call_now(cases.open_draft, authors.other_token) == again
    assert [row.id for row in door.call_now(cases.list_own_stories, authors.other_token)] == [
        first.id
    ]


# --- the handlers the other tests leave out -------------------------------------------


async def test_member_cannot_preview_another_members_story(authors: Authors) -> None:
    before = stored()
    state = writing_state(authors.other_token)
    state._story_id = authors.draft_id  # as if a forged load had set it

    events = await call(WritingState.show_preview, state, {**DRAFT, "title": "overgenomen"})

    assert state.error == "story_not_found"
    assert not state.previewing
    assert BODY not in str(events) and state.preview_html == ""
    assert stored() == before
    assert state.signed_in


@pytest.mark.parametrize("hostile", [None, 5, "text", [DRAFT], {**DRAFT, "language": "de"}])
async def test_hostile_drafts_to_preview_or_send_anyway_are_refused(
    authors: Authors, hostile: object
) -> None:
    before, queue = stored(), queued()
    state = writing_state(authors.owner_token)
    state._story_id = authors.draft_id

    await call(WritingState.show_preview, state, hostile)
    assert state.error != "" and not state.previewing
    await call(WritingState.submit_anyway, state, hostile)
    assert state.error != "" and state.view == "form"

    assert (stored(), queued()) == (before, queue)


@pytest.mark.parametrize("hostile", HOSTILE_IDS, ids=repr)
async def test_hostile_ids_ask_nothing_and_cancel_quietly(
    authors: Authors, hostile: object
) -> None:
    state = my_stories_state(authors.owner_token)

    assert await call(MyStoriesState.ask_delete, state, hostile) == []
    assert (state.confirm_id, state.confirm_action) == (0, "")
    assert await call(MyStoriesState.cancel, state) == []


async def test_cancel_puts_the_focus_back_on_the_button_that_asked(authors: Authors) -> None:
    state = my_stories_state(authors.owner_token)

    await call(MyStoriesState.ask_delete, state, authors.draft_id)
    assert (state.confirm_id, state.confirm_action) == (authors.draft_id, "delete")
    events = await call(MyStoriesState.cancel, state)

    assert f"ps-ask-delete-{authors.draft_id}" in str(events)
    assert (state.confirm_id, state.confirm_action) == (0, "")


async def test_the_list_shows_when_each_story_changed_in_both_languages(
    authors: Authors,
) -> None:
    state = my_stories_state(authors.owner_token)

    await call(MyStoriesState.load, state)

    row = state.stories[0]
    assert row.updated_nl and row.updated_en
    month_nl, month_en = row.updated_nl.split()[1], row.updated_en.split()[1]
    assert month_nl.islower() and month_en[0].isupper()

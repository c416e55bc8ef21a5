"""Use cases of a member's own stories: opening one to edit, saving his draft (with his
answer to "may search engines find it?"), sending it to the moderators, cleaning the
contact details out of it, listing his stories, withdrawing or deleting one, and
changing the search-engine choice. The services hold every rule and check the story is
his; a story that is not his, or no longer there, reads as "story_not_found" here so
the page keeps him signed in (a missing session stays "not_authorized", "suspended"
keeps its own code)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta

from peersupport.services import own_stories, queue_health, stories, story_findability
from peersupport.services.errors import InvalidInput, NotAuthorized
from peersupport.services.ids import is_id
from peersupport.services.own_stories import OwnStory
from peersupport.services.screening import ScreeningRefusal
from peersupport.services.scrubber import Finding, remove_contact_details
from peersupport.usecases.door import MEMBERS, Call, use_case

STORY_NOT_FOUND = "story_not_found"
DRAFT_FIELDS = ("title", "body", "language", "themes", "warnings")


@dataclass(frozen=True)
class Sending:
    """What sending a story came to: sent (with the expected wait, None when too few
    decisions say it truly), or held back for the contact details the scrubber found.
    `urgent`: the text has crisis words (the help routes are shown at once)."""

    sent: bool
    urgent: bool
    findings: tuple[Finding, ...] = ()
    wait: timedelta | None = None


@contextmanager
def his_story() -> Iterator[None]:
    """A refusal because the story is not his (or not there) becomes "story_not_found";
    any other refusal ("suspended" and the like) keeps its own code."""
    try:
        yield
    except NotAuthorized as error:
        if error.code != NotAuthorized.code:
            raise
        raise InvalidInput(STORY_NOT_FOUND, "not one of this author's stories") from None


def _fields(draft: object) -> dict[str, object]:
    """The draft's fields from the page (each still hostile: the service checks it)."""
    if not isinstance(draft, dict):
        raise InvalidInput("invalid_draft", "the page sends its fields as one dict")
    return {name: draft.get(name) for name in DRAFT_FIELDS}


def _save(call: Call, story_id: object, fields: dict[str, object]) -> OwnStory:
    """Save `fields` over his story `story_id`, or as a new draft for the id 0."""
    new = story_id == 0 and type(story_id) is int
    if not new and not is_id(story_id):
        raise NotAuthorized(f"{story_id!r} is not a story id")
    return own_stories.save_draft(
        call.session, call.member, None if new else story_id, now=call.now, **fields
    )


@use_case(MEMBERS)
def open_draft(call: Call) -> OwnStory | None:
    """His open draft (one per author), or None when he has none."""
    return own_stories.open_draft(call.session, call.member)


@use_case(MEMBERS)
def own_story(call: Call, story_id: object) -> OwnStory:
    """One of his stories, in any state."""
    author = call.member
    with his_story():
        return own_stories.get_own_story(call.session, author, story_id)


@use_case(MEMBERS)
def save_draft(call: Call, story_id: object, draft: object, searchable: object) -> OwnStory:
    """Save `draft` as a new draft (story_id 0) or over one of his own, with his answer
    to the search question."""
    fields, author = _fields(draft), call.member
    with his_story():
        story = _save(call, story_id, fields)
        story_findability.set_indexable(call.session, author, story.id, searchable)
    return story


@use_case(MEMBERS)
def clean_contact_details(call: Call, story_id: object, draft: object) -> OwnStory:
    """Save `draft`, then remove every contact detail from its title and text (no
    marker left) and save that: the service checks every field before the scrubber."""
    fields = _fields(draft)
    with his_story():
        saved = _save(call, story_id, fields)
        cleaned = {
            **fields,
            "title": remove_contact_details(saved.title),
            "body": remove_contact_details(saved.body),
        }
        return _save(call, saved.id, cleaned)


def _send(call: Call, story_id: object, *, keep_findings: bool) -> Sending:
    author = call.member
    with his_story():
        try:
            item = stories.submit_story(
                call.session, author, story_id, keep_findings=keep_findings, now=call.now
            )
        except ScreeningRefusal as refusal:
            if refusal.code != "contact_details":
                raise
            # Held back: what the one screening found comes with the refusal.
            found = refusal.screening
            return Sending(
                sent=False,
                urgent=found.urgent,
                findings=tuple({finding.text: finding for finding in found.findings}.values()),
            )
    return Sending(
        sent=True, urgent=item.urgent, wait=queue_health.expected_wait(call.session, call.now)
    )


@use_case(MEMBERS)
def send_for_review(call: Call, story_id: object) -> Sending:
    """Send his draft to the moderators; contact details hold it back (shown to him)."""
    return _send(call, story_id, keep_findings=False)


@use_case(MEMBERS)
def send_despite_findings(call: Call, story_id: object) -> Sending:
    """Send his draft although the scrubber found something: it is queued flagged."""
    return _send(call, story_id, keep_findings=True)


@use_case(MEMBERS)
def list_own_stories(call: Call) -> list[OwnStory]:
    """All his stories, most recently changed first."""
    return own_stories.list_own_stories(call.session, call.member)


@use_case(MEMBERS)
def withdraw_story(call: Call, story_id: object) -> None:
    """Take back a pending or published story of his."""
    author = call.member
    with his_story():
        own_stories.withdraw_story(call.session, author, story_id, call.now)


@use_case(MEMBERS)
def delete_story(call: Call, story_id: object) -> None:
    """Delete a draft, rejected or withdrawn story of his for good."""
    author = call.member
    with his_story():
        own_stories.delete_story(call.session, author, story_id)


@use_case(MEMBERS)
def set_search(call: Call, story_id: object, choice: object) -> None:
    """Let search engines find one of his stories, or not."""
    author = call.member
    with his_story():
        story_findability.set_indexable(call.session, author, story_id, choice)

"""Use cases of reporting a published story: reading which story the report form is
about, and sending the report (members only; the service holds every rule)."""

from __future__ import annotations

from peersupport.services import stories, story_reports
from peersupport.services.ids import event_id
from peersupport.usecases.door import EVERYONE, MEMBERS, Call, use_case


@use_case(EVERYONE, reads_only=True)
def published_title(call: Call, story_id: object) -> str | None:
    """The title of published story `story_id`, or None when there is none."""
    valid = event_id(story_id)
    found = stories.get_published(call.session, valid) if valid else None
    return found.card.title if found else None


@use_case(MEMBERS)
def report_story(call: Call, story_id: object, reason: object, text: object) -> bool:
    """Report story `story_id`; True when the report hid it."""
    return story_reports.report_story(
        call.session,
        call.member,
        story_id,
        reason=reason,
        text=text,
        limits=call.settings.posting_limits,
        now=call.now,
    )

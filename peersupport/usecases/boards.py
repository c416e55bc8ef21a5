"""Use cases of the message boards: reading a board's threads and a thread's posts
(everyone; a visitor's read runs in a read-only unit of work), starting a thread,
replying (with a quote) and reporting a post (members), and the moderators' actions on a
thread: lock, move, remove a post. The boards services hold every rule.

A send is screened once (services/screening.py): what it found comes back with the
result, or with the refusal (`RefusedSend`), so the form shows the contact details and,
crisis first, the help routes without screening the text again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from peersupport.services import board_moderation, boards, queue_health
from peersupport.services.errors import ServiceError
from peersupport.services.screening import RefusedSend, Screening
from peersupport.usecases.door import EVERYONE, MEMBERS, STAFF, Call, use_case


@dataclass(frozen=True)
class Sent:
    """A thread or reply now waiting for the moderators: whether it has crisis words
    (the help routes show at once) and how quickly the last days' items were read
    (None when too few were decided to say)."""

    urgent: bool
    expected_wait: timedelta | None


@use_case(EVERYONE, reads_only=True)
def thread_page(call: Call, board: object, cursor: object) -> boards.ThreadPage:
    """A page of a board's threads; a member also sees his own that wait."""
    return boards.list_threads(call.session, board, call.account, cursor or None)


@use_case(EVERYONE, reads_only=True)
def thread(call: Call, thread_id: object, cursor: object) -> boards.ThreadView | None:
    """A thread and a page of its posts; None when the caller may not see it."""
    return boards.get_thread(call.session, thread_id, call.account, cursor or None)


@use_case(MEMBERS)
def start_thread(
    call: Call, board: object, title: object, body: object, keep_findings: object
) -> Sent:
    found = boards.screen_send(call.session, title, body)
    return _send(
        call,
        found,
        lambda: boards.start_thread(
            call.session,
            call.member,
            board,
            title=title,
            body=body,
            keep_findings=keep_findings,
            limits=call.settings.posting_limits,
            now=call.now,
            screening=found,
        ),
    )


@use_case(MEMBERS)
def reply(
    call: Call, thread_id: object, body: object, quote_of: object, keep_findings: object
) -> Sent:
    found = boards.screen_send(call.session, "", body)
    return _send(
        call,
        found,
        lambda: boards.reply(
            call.session,
            call.member,
            thread_id,
            body=body,
            quote_of=quote_of,
            keep_findings=keep_findings,
            limits=call.settings.posting_limits,
            now=call.now,
            screening=found,
        ),
    )


def _send(call: Call, found: Screening, post: Callable[[], object]) -> Sent:
    """Run `post`; a refusal travels on as a `RefusedSend` carrying `found`."""
    try:
        post()
    except ServiceError as refusal:
        raise RefusedSend(refusal, found) from refusal
    return Sent(
        urgent=found.urgent, expected_wait=queue_health.expected_wait(call.session, call.now)
    )


@use_case(MEMBERS)
def report_post(call: Call, post_id: object, reason: object, text: object) -> bool:
    """Report post `post_id`; True when the reports hid it."""
    return boards.report_post(
        call.session,
        call.member,
        post_id,
        reason=reason,
        text=text,
        limits=call.settings.posting_limits,
        now=call.now,
    )


@use_case(STAFF)
def set_locked(call: Call, thread_id: object, locked: object) -> None:
    board_moderation.set_locked(call.session, call.member, thread_id, locked, call.now)


@use_case(STAFF)
def move_thread(call: Call, thread_id: object, board: object) -> None:
    board_moderation.move_thread(call.session, call.member, thread_id, board, call.now)


@use_case(STAFF)
def remove_post(call: Call, post_id: object, reason: object) -> None:
    board_moderation.remove_post(call.session, call.member, post_id, reason=reason, now=call.now)

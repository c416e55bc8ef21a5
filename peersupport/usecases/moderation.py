"""Use cases of the moderators: reading the moderators' page, every decision on the
queue, reported posts and stories, the moderator's pause, watched words and
suspensions (each acts, then reads the page again in the same unit of work, so what he
sees is what the database holds), one account's review, and the audit log.

The services check every rule again (defence in depth). A refusal the service gives an
active moderator or admin for his role ("not_authorized") is told as "not_allowed":
he stays signed in and reads that this is not for him.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Concatenate, ParamSpec, TypeVar

from peersupport.services import (
    account_review,
    audit,
    board_moderation,
    moderation,
    queue_safety,
    story_reports,
)
from peersupport.services.errors import NotAuthorized
from peersupport.services.moderation_page import ModerationPage, read_page
from peersupport.usecases.door import NO_SESSION, NOT_ALLOWED, STAFF, Call, UseCase, use_case

P = ParamSpec("P")
R = TypeVar("R")


def staff_case(function: Callable[Concatenate[Call, P], R]) -> UseCase[P, R]:
    """A use case for moderators and admins, with the service's role refusals renamed."""

    @functools.wraps(function)
    def run(call: Call, /, *args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return function(call, *args, **kwargs)
        except NotAuthorized as error:
            if error.code != NO_SESSION:
                raise
            raise NotAuthorized(str(error), code=NOT_ALLOWED) from None

    return use_case(STAFF)(run)


def _page(call: Call) -> ModerationPage:
    return read_page(call.session, call.member, call.now, call.settings.queue_alert_hours)


def page_action(function: Callable[Concatenate[Call, P], None]) -> UseCase[P, ModerationPage]:
    """A moderator's action on /moderatie: it acts, then reads the page again in the same
    unit of work, so what he sees next is what the database holds."""

    @functools.wraps(function)
    def act_then_read(call: Call, /, *args: P.args, **kwargs: P.kwargs) -> ModerationPage:
        function(call, *args, **kwargs)
        return _page(call)

    return staff_case(act_then_read)


# --- the page and the queue ------------------------------------------------------------


@staff_case
def page(call: Call) -> ModerationPage:
    """Everything /moderatie shows."""
    return _page(call)


@page_action
def claim(call: Call, item_id: object) -> None:
    moderation.claim_item(call.session, call.member, item_id, call.now)


@page_action
def release(call: Call, item_id: object) -> None:
    moderation.release_item(call.session, call.member, item_id, call.now)


@page_action
def approve(call: Call, item_id: object) -> None:
    moderation.approve_item(call.session, call.member, item_id, call.now)


@page_action
def edit_and_approve(
    call: Call, item_id: object, title: object, body: object, reason: object
) -> None:
    moderation.edit_and_approve_item(
        call.session, call.member, item_id, title=title, body=body, reason=reason, now=call.now
    )


@page_action
def reject(call: Call, item_id: object, template: object, text: object) -> None:
    moderation.reject_item(
        call.session, call.member, item_id, template=template, text=text, now=call.now
    )


@page_action
def escalate(call: Call, item_id: object, reason: object) -> None:
    moderation.escalate_item(call.session, call.member, item_id, reason=reason, now=call.now)


@page_action
def undo(call: Call, item_id: object) -> None:
    moderation.undo_decision(call.session, call.member, item_id, call.now)


@page_action
def set_paused(call: Call, paused: object) -> None:
    """Pause taking items (his claims go back to the queue), or take them again."""
    queue_safety.set_paused(call.session, call.member, paused, call.now)


# --- reported board posts and stories ------------------------------------------------------


@page_action
def dismiss_reports(call: Call, post_id: object) -> None:
    board_moderation.dismiss_reports(call.session, call.member, post_id, call.now)


@page_action
def remove_post(call: Call, post_id: object, reason: object) -> None:
    board_moderation.remove_post(call.session, call.member, post_id, reason=reason, now=call.now)


@page_action
def keep_story(call: Call, story_id: object) -> None:
    story_reports.keep_story(call.session, call.member, story_id, call.now)


@page_action
def remove_story(call: Call, story_id: object, reason: object) -> None:
    story_reports.remove_story(call.session, call.member, story_id, reason=reason, now=call.now)


# --- watched words and suspensions ---------------------------------------------------------


@page_action
def add_watched_word(call: Call, phrase: object, action: object) -> None:
    moderation.set_watched_word(call.session, call.member, phrase, action, call.now)


@page_action
def remove_watched_word(call: Call, word_id: object) -> None:
    moderation.remove_watched_word(call.session, call.member, word_id, call.now)


@page_action
def suspend(call: Call, pseudonym: object, reason: object) -> None:
    moderation.suspend_account(call.session, call.member, pseudonym, reason=reason, now=call.now)


@page_action
def unsuspend(call: Call, pseudonym: object, reason: object) -> None:
    moderation.unsuspend_account(call.session, call.member, pseudonym, reason=reason, now=call.now)


# --- one account, and the audit log --------------------------------------------------------


@staff_case
def review_account(call: Call, account_id: object) -> account_review.AccountReview:
    """Everything moderators know about one account (/moderatie/account)."""
    return account_review.review_account(call.session, call.member, account_id, call.now)


@staff_case
def audit_entries(call: Call, before_id: object) -> list[audit.AuditRecord]:
    """The audit log, newest first, paged back before `before_id`. For admins: the
    service refuses a moderator ("not_allowed"); a member is refused at the door
    ("staff_only"), as on every moderators' page, and stays signed in."""
    return audit.list_entries(call.session, call.member, before_id)

"""Service calls made as a moderator or admin: the account behind the tab's session,
and a refusal for his role told apart from a session that is no longer valid."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.orm import Session

from peersupport.models import Account
from peersupport.services import moderation, sessions
from peersupport.services.errors import NotAuthorized, ServiceError
from peersupport.state.account import now

Result = TypeVar("Result")


def _refusal(error: ServiceError, actor: Account) -> ServiceError:
    """A role refusal from the service, told apart from a session that is not valid.

    A member who opens the moderators' page stays signed in; only a missing or
    expired session signs the tab out (AccountState._fail does that on "not_authorized").
    """
    if not isinstance(error, NotAuthorized) or error.code != "not_authorized":
        return error
    active_staff = actor.role in moderation.STAFF_ROLES and not actor.suspended
    return NotAuthorized(str(error), code="not_allowed" if active_staff else "staff_only")


def as_staff(token: str, work: Callable[[Session, Account], Result]) -> Callable[[Session], Result]:
    """`work(session, actor)` for the account behind `token`, with role refusals renamed."""

    def run(session: Session) -> Result:
        actor = sessions.authenticate(session, token, now())
        try:
            return work(session, actor)
        except ServiceError as error:
            raise _refusal(error, actor) from None

    return run

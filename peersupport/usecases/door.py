"""The one door every use case goes through: from a state handler, an HTTP route or the
command line, a call names the use case and the caller's session token; the door
resolves who is calling, checks the use case admits his role, opens the unit of work,
runs the use case off the event loop and lets its typed refusal (a `ServiceError`
with a stable code) travel back unchanged.

A use case is a plain function `(call, *hostile_arguments)` registered with
`@use_case(roles)`; the registry (`registered()`) is what the authorization table test
walks, so a new use case is tested against every role by construction.
"""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import importlib
import pkgutil
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from enum import StrEnum
from functools import cached_property
from typing import Any, Concatenate, Generic, ParamSpec, TypeVar

from sqlalchemy.orm import Session

from peersupport.database import read_scope, session_scope
from peersupport.models import Account
from peersupport.services import sessions
from peersupport.services.errors import NotAuthorized
from peersupport.settings import Settings, load_settings

P = ParamSpec("P")
R = TypeVar("R")


class Role(StrEnum):
    """Who is calling. The operator is the person at the server's console (the command
    line); no session token ever resolves to him."""

    ANONYMOUS = "anonymous"
    MEMBER = "member"
    MODERATOR = "moderator"
    ADMIN = "admin"
    OPERATOR = "operator"


EVERYONE = frozenset({Role.ANONYMOUS, Role.MEMBER, Role.MODERATOR, Role.ADMIN})
MEMBERS = frozenset({Role.MEMBER, Role.MODERATOR, Role.ADMIN})
STAFF = frozenset({Role.MODERATOR, Role.ADMIN})
ADMINS = frozenset({Role.ADMIN})
OPERATOR = frozenset({Role.OPERATOR})
# The refusal codes a role check gives, in the words the pages already know:
# "not_authorized" signs the tab out (no valid session), "staff_only" tells a member
# this is for moderators, "not_allowed" tells a moderator it is for admins.
NO_SESSION = "not_authorized"
STAFF_ONLY = "staff_only"
NOT_ALLOWED = "not_allowed"


def now() -> dt.datetime:
    """The door's clock (tests replace it)."""
    return dt.datetime.now(dt.UTC)


@dataclasses.dataclass(frozen=True)
class Call:
    """What a use case gets besides its own arguments: the unit of work, who is calling
    (his account, None for a visitor or the operator), the time and the settings."""

    session: Session
    role: Role
    account: Account | None
    token: str
    now: dt.datetime

    @cached_property
    def settings(self) -> Settings:
        return load_settings()

    @property
    def member(self) -> Account:
        """The calling account; only for use cases that admit no visitor."""
        if self.account is None:
            raise NotAuthorized("this use case needs a signed-in account", code=NO_SESSION)
        return self.account


@dataclasses.dataclass(frozen=True)
class UseCase(Generic[P, R]):
    """A registered use case: its name, the roles it admits, whether it only reads
    (a visitor's call then runs in a SELECT-only unit of work) and its function."""

    name: str
    roles: frozenset[Role]
    reads_only: bool
    run: Callable[Concatenate[Call, P], R]


_REGISTRY: dict[str, UseCase[Any, Any]] = {}


def use_case(
    roles: frozenset[Role], *, reads_only: bool = False
) -> Callable[[Callable[Concatenate[Call, P], R]], UseCase[P, R]]:
    """Register `function` as a use case callable through the door by `roles`."""

    def register(function: Callable[Concatenate[Call, P], R]) -> UseCase[P, R]:
        name = f"{function.__module__.rsplit('.', 1)[-1]}.{function.__name__}"
        if name in _REGISTRY:
            raise ValueError(f"use case {name} is registered twice")
        case = UseCase(name=name, roles=roles, reads_only=reads_only, run=function)
        _REGISTRY[name] = case
        return case

    return register


def registered() -> Iterator[UseCase[Any, Any]]:
    """Every use case, for the authorization table."""
    import peersupport.usecases as package

    for module in pkgutil.iter_modules(package.__path__):
        importlib.import_module(f"{package.__name__}.{module.name}")
    return iter(sorted(_REGISTRY.values(), key=lambda case: case.name))


def _role_of(account: Account) -> Role:
    """A suspended moderator or admin acts as a member until the suspension ends."""
    if account.suspended:
        return Role.MEMBER
    return Role(account.role)


def _refusal(role: Role, roles: frozenset[Role]) -> NotAuthorized:
    """The refusal for `role` at a use case that does not admit it: a visitor or an
    ended session "not_authorized" (the tab signs out), a member at a moderators' use
    case "staff_only", a moderator at an admins' one "not_allowed" (both stay signed
    in); a member at an admins' use case learns no more than a visitor."""
    if role is Role.MEMBER and Role.MODERATOR in roles:
        return NotAuthorized("for moderators and admins", code=STAFF_ONLY)
    if role in (Role.MODERATOR, Role.OPERATOR) and roles & MEMBERS:
        return NotAuthorized(f"not for the role {role}", code=NOT_ALLOWED)
    return NotAuthorized("no valid session for this use case", code=NO_SESSION)


def _caller(
    session: Session, token: str, roles: frozenset[Role], at: dt.datetime
) -> tuple[Role, Account | None]:
    """Who is calling with `token`. A visitor's use case treats a session that ended
    as a visitor; any other refuses it ("not_authorized" signs the tab out)."""
    if not token:
        return Role.ANONYMOUS, None
    try:
        account = sessions.authenticate(session, token, at)
    except NotAuthorized:
        if Role.ANONYMOUS in roles:
            return Role.ANONYMOUS, None
        raise
    return _role_of(account), account


Scope = Callable[[], AbstractContextManager[Session]]


@dataclasses.dataclass(frozen=True)
class Door:
    """The door with the units of work it opens: the app's database by default; the
    server's page routes may be given their own (tests hand them one that fails)."""

    writes: Scope = session_scope
    reads: Scope = read_scope

    def _scope(self, case: UseCase[Any, Any], token: str) -> Scope:
        return self.reads if case.reads_only and not token else self.writes

    def call_now(self, case: UseCase[P, R], token: str, /, *args: P.args, **kwargs: P.kwargs) -> R:
        """Run `case` for the caller behind `token` in one unit of work, here and now
        (for code already off the event loop: HTTP routes in a worker thread, tests)."""
        at = now()
        token = token if isinstance(token, str) else ""
        with self._scope(case, token)() as session:
            role, account = _caller(session, token, case.roles, at)
            if role not in case.roles:
                raise _refusal(role, case.roles)
            call = Call(session, role, account, token, at)
            return case.run(call, *args, **kwargs)

    async def call(
        self, case: UseCase[P, R], token: str, /, *args: P.args, **kwargs: P.kwargs
    ) -> R:
        """`call_now` in a worker thread: Argon2 and the database never block the event
        loop."""
        return await asyncio.to_thread(self.call_now, case, token, *args, **kwargs)

    def call_as_operator(self, case: UseCase[P, R], /, *args: P.args, **kwargs: P.kwargs) -> R:
        """Run `case` for the operator at the console (the command line); no token."""
        if Role.OPERATOR not in case.roles:
            raise _refusal(Role.OPERATOR, case.roles)
        with self.writes() as session:
            call = Call(session, Role.OPERATOR, None, "", now())
            return case.run(call, *args, **kwargs)


# The app's door: states, routes and the command line call through these.
APP_DOOR = Door()
call_now = APP_DOOR.call_now
call = APP_DOOR.call
call_as_operator = APP_DOOR.call_as_operator

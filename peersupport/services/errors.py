"""Errors the services raise: each carries a stable `code` the UI turns into a sentence.

The message is for developers (logs, tests); the user only ever sees the translated
sentence the state picks for `code`, so a message may name values but never secrets.
"""

from __future__ import annotations


class ServiceError(Exception):
    """A domain rule refused a request; `code` is stable, the message is for developers."""

    code: str = "service_error"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        if code is not None:
            self.code = code


class NotAuthorized(ServiceError):
    """The caller may not do this (no valid session, wrong role, someone else's data)."""

    code = "not_authorized"


class InvalidInput(ServiceError):
    """An argument is malformed or breaks a rule; `code` says which rule."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message, code=code)


class Throttled(ServiceError):
    """Too many failed attempts; try again after `retry_after_s` seconds."""

    code = "throttled"

    def __init__(self, message: str, *, retry_after_s: int) -> None:
        super().__init__(message)
        self.retry_after_s = retry_after_s


class LoginFailed(ServiceError):
    """A credential did not verify. Unknown pseudonym and wrong key look exactly alike.

    `free_left`: how many more attempts this pseudonym's bucket allows without a proof
    of work (or, signed in, at all) in its window; counted the same for a pseudonym
    without an account, so it says nothing about whether one exists."""

    code = "login_failed"

    def __init__(self, *, free_left: int = 0) -> None:
        super().__init__("pseudonym or key did not verify")
        self.free_left = free_left


class ProofRequired(ServiceError):
    """This attempt needs a proof of work first: `challenge` is what the browser solves,
    `level` how hard it is. Never a lockout: solving it and trying again always works."""

    code = "proof_required"

    def __init__(self, challenge: dict[str, object], *, level: int) -> None:
        super().__init__(f"a proof of level {level} is needed")
        self.challenge = challenge
        self.level = level

"""What moderators do beside the queue: suspend and unsuspend an account (it can still
read and keep notes, but not post), and keep the list of watched words. Moderators and
admins only; every change goes to the audit log."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from peersupport.models import Account
from peersupport.models.statuses import AccountRole
from peersupport.services import audit, watched_words
from peersupport.services.errors import InvalidInput
from peersupport.services.moderation_rules import clean_reason, require_staff
from peersupport.services.notes_protocol import normalize_pseudonym


def suspend_account(
    session: Session, actor: Account, pseudonym: object, *, reason: object, now: datetime
) -> None:
    """A suspended account can still read and keep notes, but not post.

    Raises: InvalidInput "unknown_pseudonym", "cannot_suspend_staff" (admins change
    staff), "cannot_suspend_self", "reason_missing".
    """
    require_staff(actor)
    target = _account_by_pseudonym(session, pseudonym)
    why = clean_reason(reason, required=True)
    if target.id == actor.id:
        raise InvalidInput("cannot_suspend_self", "nobody suspends himself")
    if target.role != AccountRole.MEMBER and actor.role != AccountRole.ADMIN:
        raise InvalidInput("cannot_suspend_staff", "only an admin suspends staff")
    if target.role == AccountRole.ADMIN:
        raise InvalidInput("cannot_suspend_staff", "admins are changed on the command line")
    target.suspended = True
    audit.record(session, actor, "suspend", f"account:{target.pseudonym}", now, reason=why)


def unsuspend_account(
    session: Session, actor: Account, pseudonym: object, *, reason: object, now: datetime
) -> None:
    require_staff(actor)
    target = _account_by_pseudonym(session, pseudonym)
    why = clean_reason(reason, required=True)
    if target.role != AccountRole.MEMBER and actor.role != AccountRole.ADMIN:
        raise InvalidInput("cannot_suspend_staff", "only an admin changes staff")
    target.suspended = False
    audit.record(session, actor, "unsuspend", f"account:{target.pseudonym}", now, reason=why)


def list_suspended(session: Session, actor: Account) -> list[str]:
    require_staff(actor)
    return list(
        session.scalars(
            select(Account.pseudonym).where(Account.suspended).order_by(Account.pseudonym_key)
        )
    )


def list_watched_words(session: Session, actor: Account) -> list[watched_words.WatchedWordRow]:
    require_staff(actor)
    return watched_words.list_words(session)


def set_watched_word(
    session: Session, actor: Account, phrase: object, action: object, now: datetime
) -> None:
    require_staff(actor)
    row = watched_words.add_word(session, phrase, action, now)
    audit.record(session, actor, "watch_word", f"word:{row.phrase}", now, reason=row.action)


def remove_watched_word(session: Session, actor: Account, word_id: object, now: datetime) -> None:
    require_staff(actor)
    row = watched_words.remove_word(session, word_id)
    audit.record(session, actor, "unwatch_word", f"word:{row.phrase}", now)


def _account_by_pseudonym(session: Session, raw: object) -> Account:
    if not isinstance(raw, str) or not raw.strip() or len(raw) > 100:
        raise InvalidInput("unknown_pseudonym", "no account has this pseudonym")
    target = session.scalar(
        select(Account).where(Account.pseudonym_key == normalize_pseudonym(raw.strip()))
    )
    if target is None:
        raise InvalidInput("unknown_pseudonym", "no account has this pseudonym")
    return target

"""Login sessions: an opaque random token in the browser, only its SHA-256 on the server.

A tab session (the default) lasts at most 12 hours and ends after 30 minutes without
activity; a remembered one ("remember this device", an explicit choice) lasts 30 days
and ends after 7 idle days. Every privileged action looks its token up again.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta
from typing import TypeGuard

from sqlalchemy import and_, delete, or_, select
from sqlalchemy.orm import Session

from peersupport.models import Account, AccountSession
from peersupport.services.errors import NotAuthorized

TAB_LIFETIME = timedelta(hours=12)
TAB_IDLE_TIMEOUT = timedelta(minutes=30)
REMEMBERED_LIFETIME = timedelta(days=30)
REMEMBERED_IDLE_TIMEOUT = timedelta(days=7)
# last_seen_at is written at most this often: one write a minute, not one per click.
LAST_SEEN_RESOLUTION = timedelta(minutes=1)
TOKEN_BYTES = 32
MAX_TOKEN_CHARS = 100


def token_hash(token: str) -> str:
    """The SHA-256 hex digest stored instead of the token."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_session(session: Session, account: Account, remember: bool, now: datetime) -> str:
    """Start a session for the account and return its raw token (256 random bits).

    Sessions that expired or went idle, anyone's, are deleted on the way: nothing is
    kept longer than it can be used.
    """
    delete_ended_sessions(session, now)
    token = secrets.token_urlsafe(TOKEN_BYTES)
    session.add(
        AccountSession(
            account_id=account.id,
            token_hash=token_hash(token),
            created_at=now,
            last_seen_at=now,
            expires_at=now + (REMEMBERED_LIFETIME if remember else TAB_LIFETIME),
            remember=remember,
        )
    )
    session.flush()
    return token


def authenticate(session: Session, token: object, now: datetime) -> Account:
    """The account behind a session token, or NotAuthorized.

    An expired or idle session is deleted (and that deletion committed, since the
    refusal that follows rolls the unit of work back). Suspended accounts authenticate;
    the services that publish refuse them.
    """
    if not _is_token_shaped(token):
        raise NotAuthorized("no session token, or not one this server issues")
    row = session.scalars(
        select(AccountSession).where(AccountSession.token_hash == token_hash(token))
    ).one_or_none()
    if row is None:
        raise NotAuthorized("unknown session token")
    if _has_ended(row, now):
        session.delete(row)
        session.commit()
        raise NotAuthorized("the session expired or was idle too long")
    if now - row.last_seen_at >= LAST_SEEN_RESOLUTION:
        row.last_seen_at = now
    account = session.get(Account, row.account_id)
    if account is None:  # the foreign key cascade makes this unreachable
        raise NotAuthorized("the session's account is gone")
    return account


def end_session(session: Session, token: object) -> None:
    """Log out: forget this session. Unknown or malformed tokens are ignored."""
    if _is_token_shaped(token):
        session.execute(
            delete(AccountSession).where(AccountSession.token_hash == token_hash(token))
        )


def end_all_sessions(session: Session, account: Account, except_token: str | None = None) -> None:
    """Log out everywhere; `except_token` keeps that one session (the one in use)."""
    statement = delete(AccountSession).where(AccountSession.account_id == account.id)
    if except_token is not None:
        statement = statement.where(AccountSession.token_hash != token_hash(except_token))
    session.execute(statement)


def delete_ended_sessions(session: Session, now: datetime) -> None:
    """Delete every session that expired or went idle."""
    session.execute(
        delete(AccountSession).where(
            or_(
                AccountSession.expires_at <= now,
                and_(
                    AccountSession.remember.is_(False),
                    AccountSession.last_seen_at <= now - TAB_IDLE_TIMEOUT,
                ),
                and_(
                    AccountSession.remember.is_(True),
                    AccountSession.last_seen_at <= now - REMEMBERED_IDLE_TIMEOUT,
                ),
            )
        )
    )


def _is_token_shaped(token: object) -> TypeGuard[str]:
    return isinstance(token, str) and 0 < len(token) <= MAX_TOKEN_CHARS and token.isascii()


def _has_ended(row: AccountSession, now: datetime) -> bool:
    idle_timeout = REMEMBERED_IDLE_TIMEOUT if row.remember else TAB_IDLE_TIMEOUT
    return now >= row.expires_at or now - row.last_seen_at >= idle_timeout

"""Account tables: pseudonymous accounts, their login sessions, and login throttling.

What is deliberately absent: e-mail, phone, real name, birth date, IP address, user
agent and the exact moment of sign-up (only its month is kept). The passphrase never
reaches the server; it stores an Argon2 hash of the browser-derived auth key, and the
data key only wrapped (encrypted) by the passphrase and by the recovery code.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, CheckConstraint, Date, ForeignKey, Integer, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column

from peersupport.models import Base
from peersupport.models.statuses import AccountRole, one_of
from peersupport.models.types import UtcDateTime

PSEUDONYM_MAX_CHARS = 32
PSEUDONYM_KEY_MAX_CHARS = 64
WRAPPED_KEY_MAX_CHARS = 128
PASSWORD_HASH_MAX_CHARS = 255


class Account(Base):
    """A pseudonymous member, moderator or admin."""

    __tablename__ = "accounts"
    __table_args__ = (CheckConstraint(one_of("role", AccountRole), name="role"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # As typed at sign-up (stripped, NFC); shown to others.
    pseudonym: Mapped[str] = mapped_column(String(PSEUDONYM_MAX_CHARS))
    # notes_protocol.normalize_pseudonym(pseudonym): what logins look up, unique.
    pseudonym_key: Mapped[str] = mapped_column(
        String(PSEUDONYM_KEY_MAX_CHARS), unique=True, index=True
    )
    role: Mapped[str] = mapped_column(String(16), default=AccountRole.MEMBER.value)
    # KdfParams.to_json() as JSON text: handed to the browser before every login.
    kdf_params: Mapped[str] = mapped_column(Text)
    # argon2-cffi PasswordHasher hash of the auth key the browser derives.
    auth_hash: Mapped[str] = mapped_column(String(PASSWORD_HASH_MAX_CHARS))
    # The data key sealed with the passphrase KEK (an envelope; useless without it).
    wrapped_dk: Mapped[str] = mapped_column(String(WRAPPED_KEY_MAX_CHARS))
    recovery_auth_hash: Mapped[str] = mapped_column(String(PASSWORD_HASH_MAX_CHARS))
    # The data key sealed with the recovery-code KEK.
    wrapped_dk_rc: Mapped[str] = mapped_column(String(WRAPPED_KEY_MAX_CHARS))
    # The first day of the month of sign-up: coarse on purpose.
    created_month: Mapped[date] = mapped_column(Date)
    # The day the account was made: posting limits are stricter in its first days.
    # Accounts made before this column existed have the first day of their month.
    created_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    suspended: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # A moderator who takes a break: the queue is hidden for him and he claims nothing.
    moderation_paused: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class AccountSession(Base):
    """A login: only the SHA-256 of its random token is stored, never the token."""

    __tablename__ = "account_sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey(Account.id, ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True, index=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    last_seen_at: Mapped[datetime] = mapped_column(UtcDateTime)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    # "Remember this device": longer expiry and inactivity timeout.
    remember: Mapped[bool] = mapped_column(Boolean, default=False)


class LoginThrottle(Base):
    """Attempts in the current window, per bucket, and used proof-of-work challenges.

    A bucket is "global", or a purpose letter and an HMAC of the pseudonym key under
    the server secret ("p:…" for passphrase checks, "r:…" for recovery codes, "s:…"
    for signed-in confirmations), so the pseudonyms people tried, including ones that
    have no account, are never stored. "n:signup" counts sign-up attempts. "u:…" rows
    mark a used proof-of-work challenge, "h:…" a used "this helped me" token (each the
    hash of what was used) until `window_start`, its expiry.
    """

    __tablename__ = "login_throttles"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    window_start: Mapped[datetime] = mapped_column(UtcDateTime)
    failures: Mapped[int] = mapped_column(Integer)

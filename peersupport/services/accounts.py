"""Accounts: signing up (from the browser, or an admin from the command line), logging
in, and the roles admins give.

The passphrase and the recovery code never reach the server (design: "Notes
protocol"): the browser sends an auth key derived from the passphrase, a recovery auth
key derived from the recovery code, and the data key wrapped under each. The server
keeps Argon2 hashes of the two auth keys and the wrapped keys as they came (checked in
credentials.py). Argon2 hashing runs in the caller's thread: states call these through
the door, in a worker thread.

No account enumeration: an unknown pseudonym gets KDF params of the same shape
(stable, from an HMAC under the server secret), costs one Argon2 verification like a
known one, counts towards throttling like a known one, and fails with the same error.
Changing the passphrase and recovery are in passphrases.py; deleting and exporting
the account in account_deletion.py.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from peersupport.models import Account
from peersupport.models.statuses import STAFF_ROLES, AccountRole
from peersupport.services import credentials, proof_of_work, sessions, throttle
from peersupport.services.credentials import (
    PROOF_SLACK_LEVELS,
    Credentials,
    account_by_key,
    checked_auth_key,
    params_text,
    registration_credentials,
    stored_params,
    typed_pseudonym_key,
)
from peersupport.services.errors import InvalidInput, NotAuthorized, ProofRequired
from peersupport.services.notes_protocol import (
    build_registration,
    format_recovery_code,
    new_kdf_params,
    normalize_pseudonym,
)
from peersupport.services.pseudonyms import check_pseudonym
from peersupport.services.throttle import Purpose

# Admins are made from the command line only (`python -m peersupport create-admin`).
ASSIGNABLE_ROLES = (AccountRole.MEMBER, AccountRole.MODERATOR)
MIN_ADMIN_PASSPHRASE_CHARS = 12
FAKE_SEED_CONTEXT = b"fake-seed"


@dataclass(frozen=True)
class LoginResult:
    """What a successful login hands back: the session token and the wrapped data key."""

    token: str
    wrapped_dk: str
    account_id: int
    pseudonym: str
    role: str


@dataclass(frozen=True)
class StaffMember:
    """A moderator or admin, as the admin page lists them."""

    pseudonym: str
    role: str


# --- sign up -------------------------------------------------------------------------


def register(session: Session, pseudonym: object, bundle: object, now: datetime) -> Account:
    """Create a member account from a registration bundle (the command line and tools;
    the sign-up page goes through register_from_browser).

    Raises:
        InvalidInput: pseudonym_* (see check_pseudonym), "invalid_bundle",
            "pseudonym_taken".
    """
    name = check_pseudonym(pseudonym)
    checked = registration_credentials(bundle)
    return _create_account(session, name, checked, AccountRole.MEMBER, now)


def register_from_browser(
    session: Session,
    pseudonym: object,
    bundle: object,
    now: datetime,
    *,
    secret: bytes,
    proof: object = None,
) -> Account:
    """Sign-up as the page does it: like `register`, but every attempt is counted
    server-wide first, and past the free ones a minute it must carry a proof of work.
    Whether a pseudonym is taken is thus no free answer for a script mapping accounts.

    Raises:
        ProofRequired: solve `challenge` and send the solution as `proof`.
        InvalidInput: as for register.
    """
    accepted = proof_of_work.accept(session, proof, throttle.SIGNUP_BUCKET, secret, now)
    required = throttle.reserve_signup(session, now)
    if required and not (accepted.level > 0 and accepted.level >= required - PROOF_SLACK_LEVELS):
        raise ProofRequired(
            proof_of_work.challenge_for(throttle.SIGNUP_BUCKET, required, secret, now),
            level=required,
        )
    return register(session, pseudonym, bundle, now)


def create_admin(
    session: Session, pseudonym: object, passphrase: object, now: datetime
) -> tuple[Account, str]:
    """Create an admin from the command line; returns the account and the recovery code
    (formatted, to be shown once). The keys are derived here with the protocol's Python
    reference, exactly as a browser would."""
    name = check_pseudonym(pseudonym)
    if not isinstance(passphrase, str) or len(passphrase) < MIN_ADMIN_PASSPHRASE_CHARS:
        raise InvalidInput(
            "passphrase_too_short",
            f"an admin passphrase has at least {MIN_ADMIN_PASSPHRASE_CHARS} characters",
        )
    _refuse_taken(session, normalize_pseudonym(name))  # before the costly derivation
    bundle, _dk, rc = build_registration(name, passphrase, params=new_kdf_params())
    checked = registration_credentials(bundle.to_json())
    account = _create_account(session, name, checked, AccountRole.ADMIN, now)
    return account, format_recovery_code(rc)


def _create_account(
    session: Session, name: str, checked: Credentials, role: AccountRole, now: datetime
) -> Account:
    key = normalize_pseudonym(name)
    _refuse_taken(session, key)
    account = Account(
        pseudonym=name,
        pseudonym_key=key,
        role=role.value,
        kdf_params=params_text(checked.kdf),
        auth_hash=credentials.hash_key(checked.auth_key),
        wrapped_dk=checked.wrapped_dk,
        recovery_auth_hash=credentials.hash_key(checked.recovery_auth),
        wrapped_dk_rc=checked.wrapped_dk_rc,
        created_month=now.astimezone(UTC).date().replace(day=1),
        created_on=now.astimezone(UTC).date(),
        suspended=False,
    )
    session.add(account)
    try:
        session.flush()
    except IntegrityError:  # taken meanwhile by a concurrent sign-up
        session.rollback()
        raise InvalidInput("pseudonym_taken", "the pseudonym was just taken") from None
    return account


def _refuse_taken(session: Session, key: str) -> None:
    if account_by_key(session, key) is not None:
        raise InvalidInput("pseudonym_taken", "an account with this pseudonym exists")


# --- log in ----------------------------------------------------------------------------


def kdf_params_for_login(session: Session, pseudonym: object, secret: bytes) -> dict[str, Any]:
    """The KDF params the browser needs to derive the auth key for this pseudonym.

    An unknown pseudonym gets params that look the same and stay the same on every
    request (policy costs, seed = HMAC-SHA256(secret, "fake-seed" || key)).
    """
    key = typed_pseudonym_key(pseudonym)
    account = account_by_key(session, key)
    if account is not None:
        return stored_params(account).to_json()
    fake_seed = hmac.new(secret, FAKE_SEED_CONTEXT + key.encode("utf-8"), hashlib.sha256)
    return new_kdf_params(seed=fake_seed.digest()).to_json()


def login(
    session: Session,
    pseudonym: object,
    auth_key: object,
    remember: object,
    secret: bytes,
    now: datetime,
    proof: object = None,
) -> LoginResult:
    """Check the auth key and start a session. Suspended accounts may log in (they can
    still read their own notes); the services that publish refuse them.

    Raises:
        InvalidInput: "invalid_input" for arguments no browser of ours sends.
        ProofRequired: past the free attempts for this pseudonym, or while the server
            sees a flood: solve `challenge` and send the solution as `proof`.
        LoginFailed: unknown pseudonym or wrong key, indistinguishably.
    """
    key = typed_pseudonym_key(pseudonym)
    candidate = checked_auth_key(auth_key, "invalid_input")
    if not isinstance(remember, bool):
        raise InvalidInput("invalid_input", "remember must be true or false")
    account = credentials.verified_account(
        session, key, candidate, Purpose.PASSPHRASE, secret=secret, now=now, proof=proof
    )
    if credentials.needs_rehash(account.auth_hash):
        account.auth_hash = credentials.hash_key(candidate)
    return start_session(session, account, remember, now)


def start_session(session: Session, account: Account, remember: bool, now: datetime) -> LoginResult:
    token = sessions.create_session(session, account, remember, now)
    return LoginResult(
        token=token,
        wrapped_dk=account.wrapped_dk,
        account_id=account.id,
        pseudonym=account.pseudonym,
        role=account.role,
    )


# --- roles -------------------------------------------------------------------------------


def set_role(session: Session, actor: Account, target_pseudonym: object, role: object) -> Account:
    """An admin makes a member a moderator, or a moderator a member again.

    Raises:
        NotAuthorized: the actor is not an active admin.
        InvalidInput: "invalid_input", "invalid_role", "unknown_pseudonym",
            "cannot_change_own_role", "cannot_change_admin" (admins only change on
            the command line).
    """
    _require_admin(actor)
    if not isinstance(role, str) or role not in ASSIGNABLE_ROLES:
        raise InvalidInput(
            "invalid_role", f"a role to give is one of {[str(role) for role in ASSIGNABLE_ROLES]}"
        )
    target = account_by_key(session, typed_pseudonym_key(target_pseudonym))
    if target is None:
        raise InvalidInput("unknown_pseudonym", "no account has this pseudonym")
    if target.id == actor.id:
        raise InvalidInput("cannot_change_own_role", "an admin cannot change his own role")
    if target.role == AccountRole.ADMIN:
        raise InvalidInput("cannot_change_admin", "admins are changed on the command line")
    target.role = AccountRole(role).value
    session.flush()
    return target


def list_staff(session: Session, actor: Account) -> list[StaffMember]:
    """Moderators and admins, for an admin."""
    _require_admin(actor)
    rows = session.execute(
        select(Account.pseudonym, Account.role)
        .where(Account.role.in_(STAFF_ROLES))
        .order_by(Account.role, Account.pseudonym_key)
    )
    return [StaffMember(pseudonym=row.pseudonym, role=row.role) for row in rows]


def _require_admin(actor: Account) -> None:
    if actor.role != AccountRole.ADMIN or actor.suspended:
        raise NotAuthorized(f"account {actor.id} is not an active admin")

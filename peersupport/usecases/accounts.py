"""Use cases of a boy's own account: signing up, logging in and out, picking up a
remembered device, changing his passphrase, recovering with his recovery code, and
deleting or exporting the account; and, for the operator at the console, creating an
admin.

Signing up, logging in and recovering are open to everyone: a visitor does them, and a
tab that is still signed in may do them too, which ends the session that tab had (in
the same unit of work). The throttles and proofs of work for them count inside the
services, in this unit of work, so that parallel attempts cannot slip past them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from peersupport.services import account_deletion, accounts, passphrases, sessions
from peersupport.services.accounts import LoginResult
from peersupport.settings import server_secret
from peersupport.usecases.door import EVERYONE, MEMBERS, OPERATOR, Call, use_case


@dataclass(frozen=True)
class SignedIn:
    """A session just started: its token and who it belongs to."""

    token: str
    pseudonym: str
    role: str


@dataclass(frozen=True)
class CurrentKeys:
    """What the browser needs to prove the current passphrase again: the pseudonym,
    its KDF params and the passphrase-wrapped data key."""

    pseudonym: str
    params: dict[str, Any]
    wrapped_dk: str


def _secret(call: Call) -> bytes:
    return server_secret(call.settings)


def _end_previous_session(call: Call) -> None:
    """A tab that signs in again (another account, or the same) ends the session it had."""
    if call.account is not None:
        sessions.end_session(call.session, call.token)


# --- sign up, log in and out ------------------------------------------------------------


@use_case(EVERYONE)
def sign_up(call: Call, pseudonym: object, bundle: object, proof: object) -> SignedIn:
    """Create a member account from the browser's bundle and start a tab session."""
    account = accounts.register_from_browser(
        call.session, pseudonym, bundle, call.now, secret=_secret(call), proof=proof
    )
    token = sessions.create_session(call.session, account, False, call.now)
    _end_previous_session(call)
    return SignedIn(token, account.pseudonym, account.role)


@use_case(EVERYONE, reads_only=True)
def login_params(call: Call, pseudonym: object) -> dict[str, Any]:
    """The KDF params to derive the auth key for `pseudonym` (the same shape for an
    unknown one)."""
    return accounts.kdf_params_for_login(call.session, pseudonym, _secret(call))


@use_case(EVERYONE)
def log_in(
    call: Call, pseudonym: object, auth_key: object, remember: object, proof: object
) -> LoginResult:
    """Check the auth key (throttled, with proofs of work) and start a session."""
    login = accounts.login(
        call.session, pseudonym, auth_key, remember, _secret(call), call.now, proof=proof
    )
    _end_previous_session(call)
    return login


@use_case(EVERYONE)
def log_out(call: Call) -> None:
    """End this tab's session; a tab without a valid one has nothing to end."""
    _end_previous_session(call)


@use_case(MEMBERS)
def log_out_everywhere(call: Call) -> None:
    sessions.end_all_sessions(call.session, call.member)


@use_case(MEMBERS)
def resume(call: Call) -> SignedIn:
    """Who a remembered device's session belongs to, while it is still valid."""
    return SignedIn(call.token, call.member.pseudonym, call.member.role)


# --- passphrase, recovery, deletion and export ----------------------------------------------


@use_case(MEMBERS)
def current_keys(call: Call) -> CurrentKeys:
    """For changing the passphrase or deleting the account: the browser proves the
    current passphrase with these."""
    member = call.member
    params = accounts.kdf_params_for_login(call.session, member.pseudonym, _secret(call))
    return CurrentKeys(member.pseudonym, params, member.wrapped_dk)


@use_case(MEMBERS)
def change_passphrase(call: Call, current_auth_key: object, bundle: object) -> None:
    """New passphrase keys; every other session of the account ends, this one stays."""
    passphrases.change_passphrase(
        call.session,
        call.member,
        current_auth_key,
        bundle,
        call.now,
        keep_token=call.token,
        secret=_secret(call),
    )


@use_case(EVERYONE)
def recovery_key(call: Call, pseudonym: object, recovery_auth: object, proof: object) -> str:
    """The recovery-wrapped data key, once the recovery auth key checks out."""
    return passphrases.recovery_begin(
        call.session, pseudonym, recovery_auth, call.now, secret=_secret(call), proof=proof
    )


@use_case(EVERYONE)
def recover(
    call: Call, pseudonym: object, recovery_auth: object, bundle: object, proof: object
) -> LoginResult:
    """New passphrase and recovery code; every session of the account ends and a new
    tab session starts."""
    login = passphrases.recovery_complete(
        call.session,
        pseudonym,
        recovery_auth,
        bundle,
        call.now,
        secret=_secret(call),
        proof=proof,
    )
    _end_previous_session(call)
    return login


@use_case(MEMBERS)
def delete_account(call: Call, auth_key: object) -> None:
    """Delete the account and all that is his, after the passphrase checks out."""
    account_deletion.delete_account(
        call.session, call.member, auth_key, call.now, secret=_secret(call)
    )


@use_case(MEMBERS)
def export(call: Call) -> dict[str, Any]:
    """Everything stored about the account (notes still sealed)."""
    return account_deletion.export_account(call.session, call.member)


# --- the operator ------------------------------------------------------------------------


@use_case(OPERATOR)
def create_admin(call: Call, pseudonym: object, passphrase: object) -> tuple[str, str]:
    """An admin account; returns its pseudonym and the recovery code, to show once."""
    account, recovery_code = accounts.create_admin(call.session, pseudonym, passphrase, call.now)
    return account.pseudonym, recovery_code

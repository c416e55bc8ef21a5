"""Changing the passphrase (signed in, proving the current one) and recovering with
the recovery code (a visitor, with the recovery throttle and proofs of work). The notes
stay as they are: only the keys that wrap the data key change."""

from __future__ import annotations

import hmac
from datetime import datetime

from sqlalchemy.orm import Session

from peersupport.models import Account
from peersupport.services import credentials, sessions, throttle
from peersupport.services.accounts import LoginResult, start_session
from peersupport.services.credentials import (
    Credentials,
    bundle_fields,
    checked_auth_key,
    checked_wrapped_key,
    params_text,
    policy_kdf,
    registration_credentials,
    stored_params,
    typed_pseudonym_key,
    verify_or_fail,
)
from peersupport.services.errors import InvalidInput
from peersupport.services.notes_protocol import KdfParams
from peersupport.services.throttle import Purpose

PASSPHRASE_FIELDS = frozenset({"kdf", "auth_key", "wrapped_dk"})


def change_passphrase(
    session: Session,
    account: Account,
    current_auth_key: object,
    new_bundle: object,
    now: datetime,
    *,
    keep_token: str,
    secret: bytes,
) -> None:
    """Replace the KDF params (with a new seed), the auth key and the passphrase-wrapped
    data key; notes and the recovery code stay as they are. Every other session of the
    account ends; the one with `keep_token` (in use) stays.

    Raises:
        InvalidInput: "invalid_input", "invalid_bundle".
        Throttled: past the free attempts (only his own session fills this bucket).
        LoginFailed: as for login (the current passphrase is checked).
    """
    current = checked_auth_key(current_auth_key, "invalid_input")
    fields = bundle_fields(new_bundle, PASSPHRASE_FIELDS)
    new = Credentials(
        kdf=policy_kdf(fields["kdf"]),
        auth_key=checked_auth_key(fields["auth_key"], "invalid_bundle"),
        wrapped_dk=checked_wrapped_key(fields["wrapped_dk"]),
    )
    _refuse_old_seed(account, new.kdf)
    bucket = throttle.bucket_for(secret, Purpose.SIGNED_IN, account.pseudonym_key)
    reservation = verify_or_fail(
        session, account.auth_hash, current, bucket, now, secret=secret, public=False
    )
    throttle.give_back(session, reservation)
    account.kdf_params = params_text(new.kdf)
    account.auth_hash = credentials.hash_key(new.auth_key)
    account.wrapped_dk = new.wrapped_dk
    sessions.end_all_sessions(session, account, except_token=keep_token)


def recovery_begin(
    session: Session,
    pseudonym: object,
    recovery_auth: object,
    now: datetime,
    *,
    secret: bytes,
    proof: object = None,
) -> str:
    """Check the recovery auth key and return the recovery-wrapped data key.

    Raises:
        InvalidInput: "invalid_input".
        ProofRequired, LoginFailed: as for login, in the recovery bucket.
    """
    candidate = checked_auth_key(recovery_auth, "invalid_input")
    return _verify_recovery(session, pseudonym, candidate, secret, now, proof).wrapped_dk_rc


def recovery_complete(
    session: Session,
    pseudonym: object,
    recovery_auth: object,
    new_bundle: object,
    now: datetime,
    *,
    secret: bytes,
    proof: object = None,
) -> LoginResult:
    """Set a new passphrase and a new recovery code (the old code stops working), end
    every session and start a new one (a tab session).

    Raises:
        InvalidInput: "invalid_input", "invalid_bundle" (also when the recovery code
            is not new).
        ProofRequired, LoginFailed: as for recovery_begin.
    """
    candidate = checked_auth_key(recovery_auth, "invalid_input")
    new = registration_credentials(new_bundle)
    if hmac.compare_digest(new.recovery_auth, candidate):
        raise InvalidInput("invalid_bundle", "the new recovery code must differ from the old")
    account = _verify_recovery(session, pseudonym, candidate, secret, now, proof)
    _refuse_old_seed(account, new.kdf)
    throttle.reset(session, throttle.bucket_for(secret, Purpose.PASSPHRASE, account.pseudonym_key))
    account.kdf_params = params_text(new.kdf)
    account.auth_hash = credentials.hash_key(new.auth_key)
    account.wrapped_dk = new.wrapped_dk
    account.recovery_auth_hash = credentials.hash_key(new.recovery_auth)
    account.wrapped_dk_rc = new.wrapped_dk_rc
    sessions.end_all_sessions(session, account)
    return start_session(session, account, False, now)


def _verify_recovery(
    session: Session,
    pseudonym: object,
    candidate: str,
    secret: bytes,
    now: datetime,
    proof: object,
) -> Account:
    return credentials.verified_account(
        session,
        typed_pseudonym_key(pseudonym),
        candidate,
        Purpose.RECOVERY,
        secret=secret,
        now=now,
        proof=proof,
    )


def _refuse_old_seed(account: Account, kdf: KdfParams) -> None:
    if hmac.compare_digest(kdf.seed, stored_params(account).seed):
        raise InvalidInput("invalid_bundle", "a new passphrase needs a new KDF seed")

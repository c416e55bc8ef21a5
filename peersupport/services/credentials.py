"""Checking what a browser sends for an account: the server's KDF and Argon2 policy, the
auth keys and wrapped keys of a bundle, a typed pseudonym, and verifying a secret under
the throttles (an attempt is counted, and past the free ones costs a proof of work,
before any Argon2 work).

Every argument typed `object` may come straight from a forged websocket event and is
checked here. An unknown pseudonym costs one Argon2 verification (against DUMMY_HASH)
like a known one, counts towards throttling like a known one, and fails the same way.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from argon2 import PasswordHasher
from argon2.exceptions import VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from peersupport.models import Account
from peersupport.models.accounts import WRAPPED_KEY_MAX_CHARS
from peersupport.services import argon2_gate, proof_of_work, throttle
from peersupport.services.argon2_gate import GateBusy
from peersupport.services.errors import InvalidInput, LoginFailed, ProofRequired, Throttled
from peersupport.services.notes_protocol import (
    KEY_BYTES,
    TAG_BYTES,
    KdfParams,
    ProtocolError,
    b64u_decode,
    normalize_pseudonym,
    parse_envelope,
)
from peersupport.services.proof_of_work import NO_PROOF

# The server's KDF policy: every account's params are exactly these (plus its own seed),
# so that the fake params of unknown pseudonyms look like everyone's.
KDF_POLICY: dict[str, object] = {"v": 1, "alg": "argon2id", "m": 65536, "t": 3, "p": 4}
# Longer than any stored pseudonym can be typed; refused before any Unicode work.
MAX_TYPED_PSEUDONYM_CHARS = 100
AUTH_KEY_CHARS = 43  # b64u of 32 bytes
REGISTRATION_FIELDS = frozenset({"kdf", "auth_key", "wrapped_dk", "recovery_auth", "wrapped_dk_rc"})
# A proof this many levels below the current cost still passes (see _require_proof).
PROOF_SLACK_LEVELS = 2

# Argon2id with argon2-cffi's defaults (RFC 9106's second recommendation: 64 MiB, t=3, p=4).
PASSWORD_HASHER = PasswordHasher()
# The hash of a random value nobody kept, with the same parameters: an unknown
# pseudonym's key is verified against it, so it costs what a known one costs.
DUMMY_HASH = "$argon2id$v=19$m=65536,t=3,p=4$W4d78iYQty3vVE57YXZR4Q$7Sjn5iQNNDG7o3M/HIY2o2P8OFTmQ5yv7d9gi2gba7k"  # noqa: E501


@dataclass(frozen=True)
class Credentials:
    """A validated bundle from the browser; the recovery half only on registration."""

    kdf: KdfParams
    auth_key: str
    wrapped_dk: str
    recovery_auth: str = ""
    wrapped_dk_rc: str = ""


def hash_key(auth_key: str) -> str:
    """The Argon2 hash stored for an auth key."""
    return PASSWORD_HASHER.hash(auth_key)


def needs_rehash(stored_hash: str) -> bool:
    """Whether a stored hash was made with other costs than today's."""
    return PASSWORD_HASHER.check_needs_rehash(stored_hash)


def verify_or_fail(
    session: Session,
    stored_hash: str | None,
    candidate: str,
    bucket: str,
    now: datetime,
    *,
    secret: bytes,
    proof: object = None,
    public: bool = True,
) -> throttle.Reservation:
    """Reserve the attempt, ask for a proof of work when it is past the free ones, then
    verify against the stored hash (or the dummy hash when there is no account) in an
    Argon2 slot. Returns the reservation, to give back on success; a failure keeps it
    and raises LoginFailed.

    `public` buckets (login, recovery) belong to a pseudonym anyone can type, so past the
    free attempts they cost a proof instead of a refusal; the signed-in bucket refuses.
    The proof is checked and used up before the reservation, both before any Argon2 work.
    """
    accepted = proof_of_work.accept(session, proof, bucket, secret, now) if public else NO_PROOF
    reservation = throttle.reserve(session, bucket, now)
    if public:
        _require_proof(session, reservation, accepted, secret, now)
    else:
        try:
            throttle.refuse_past_free(reservation, now)
        except Throttled:
            _give_back_and_commit(session, reservation, server_only=True)
            raise
    verified: bool
    try:
        with argon2_gate.GATE.slot(longer=accepted.level > 0):
            verified = _verify_hash(stored_hash or DUMMY_HASH, candidate)
    except GateBusy:
        _give_back_and_commit(session, reservation)
        if not public:
            raise
        level = max(reservation.level, argon2_gate.SATURATED_LEVEL)
        raise ProofRequired(
            proof_of_work.challenge_for(bucket, level, secret, now), level=level
        ) from None
    if not verified or stored_hash is None:
        raise LoginFailed(free_left=throttle.free_attempts_left(reservation))
    return reservation


def _require_proof(
    session: Session,
    reservation: throttle.Reservation,
    accepted: proof_of_work.Proof,
    secret: bytes,
    now: datetime,
) -> None:
    """Raise ProofRequired unless the attempt is free or its proof is hard enough.

    A proof a few levels below today's passes: other attempts may have raised the cost
    while the browser was solving, and the owner must not chase a moving target.
    """
    required = max(reservation.level, argon2_gate.GATE.required_level())
    if required == 0 or (accepted.level > 0 and accepted.level >= required - PROOF_SLACK_LEVELS):
        return
    # The pseudonym's count stays: asking for challenges is itself an attempt.
    _give_back_and_commit(session, reservation, server_only=True)
    raise ProofRequired(
        proof_of_work.challenge_for(reservation.bucket, required, secret, now), level=required
    )


def _give_back_and_commit(
    session: Session, reservation: throttle.Reservation, *, server_only: bool = False
) -> None:
    throttle.give_back(session, reservation, server_only=server_only)
    session.commit()


def _verify_hash(stored_hash: str, candidate: str) -> bool:
    try:
        return PASSWORD_HASHER.verify(stored_hash, candidate)
    except VerificationError:
        return False


def typed_pseudonym_key(raw: object) -> str:
    """The lookup key of a pseudonym someone typed (no sign-up rules: just text)."""
    if not isinstance(raw, str) or len(raw) > MAX_TYPED_PSEUDONYM_CHARS:
        raise InvalidInput("invalid_input", "a pseudonym is text of at most 100 characters")
    key = normalize_pseudonym(raw)
    try:
        key.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates: no account can have them
        raise InvalidInput("invalid_input", "the pseudonym is not valid Unicode") from None
    return key


def account_by_key(session: Session, key: str) -> Account | None:
    return session.scalars(select(Account).where(Account.pseudonym_key == key)).one_or_none()


def verified_account(
    session: Session,
    key: str,
    candidate: str,
    purpose: throttle.Purpose,
    *,
    secret: bytes,
    now: datetime,
    proof: object,
) -> Account:
    """The account of pseudonym key `key` once `candidate` verifies against its stored
    hash for `purpose` (the auth key for a login, the recovery key for a recovery),
    counted in that purpose's throttle bucket, whose reservation is then given back.
    Raises what `verify_or_fail` raises, alike for an unknown pseudonym."""
    account = account_by_key(session, key)
    stored = None
    if account is not None:
        recovering = purpose is throttle.Purpose.RECOVERY
        stored = account.recovery_auth_hash if recovering else account.auth_hash
    bucket = throttle.bucket_for(secret, purpose, key)
    reservation = verify_or_fail(
        session, stored, candidate, bucket, now, secret=secret, proof=proof
    )
    assert account is not None  # verify_or_fail raised otherwise
    throttle.give_back(session, reservation)
    return account


def stored_params(account: Account) -> KdfParams:
    return KdfParams.from_json(json.loads(account.kdf_params))


def params_text(params: KdfParams) -> str:
    return json.dumps(params.to_json(), separators=(",", ":"))


def registration_credentials(bundle: object) -> Credentials:
    fields = bundle_fields(bundle, REGISTRATION_FIELDS)
    return Credentials(
        kdf=policy_kdf(fields["kdf"]),
        auth_key=checked_auth_key(fields["auth_key"], "invalid_bundle"),
        wrapped_dk=checked_wrapped_key(fields["wrapped_dk"]),
        recovery_auth=checked_auth_key(fields["recovery_auth"], "invalid_bundle"),
        wrapped_dk_rc=checked_wrapped_key(fields["wrapped_dk_rc"]),
    )


def bundle_fields(bundle: object, fields: frozenset[str]) -> dict[str, object]:
    if not isinstance(bundle, dict) or set(bundle) != fields:
        raise InvalidInput("invalid_bundle", f"a bundle is an object with exactly {sorted(fields)}")
    return bundle


def policy_kdf(raw: object) -> KdfParams:
    try:
        params = KdfParams.from_json(raw)
    except ProtocolError as error:
        raise InvalidInput("invalid_bundle", f"kdf: {error}") from None
    costs = {name: value for name, value in params.to_json().items() if name != "seed"}
    if costs != KDF_POLICY:
        raise InvalidInput("invalid_bundle", f"kdf must follow the policy {KDF_POLICY}")
    return params


def checked_auth_key(raw: object, code: str) -> str:
    """An auth key: b64u text of exactly 32 bytes."""
    if isinstance(raw, str) and len(raw) == AUTH_KEY_CHARS:
        try:
            if len(b64u_decode(raw)) == KEY_BYTES:
                return raw
        except ProtocolError:
            pass
    raise InvalidInput(code, "a key is base64url text of 32 bytes")


def checked_wrapped_key(raw: object) -> str:
    """A wrapped data key: an envelope sealing exactly 32 bytes."""
    if isinstance(raw, str) and len(raw) <= WRAPPED_KEY_MAX_CHARS:
        try:
            _nonce, sealed = parse_envelope(raw)
        except ProtocolError:
            pass
        else:
            if len(sealed) == KEY_BYTES + TAG_BYTES:
                return raw
    raise InvalidInput("invalid_bundle", "a wrapped key is an envelope sealing 32 bytes")

"""Accounts: sign up, log in, change passphrase, recover, delete, export, and roles.

The passphrase and the recovery code never reach the server (design: "Notes
protocol"): the browser sends an auth key derived from the passphrase, a recovery auth
key derived from the recovery code, and the data key wrapped under each. The server
keeps Argon2 hashes of the two auth keys and the wrapped keys as they came.

Every argument typed `object` may come straight from a forged websocket event and is
checked here. Argon2 hashing runs in the caller's thread: Reflex states call these
functions through `asyncio.to_thread`.

No account enumeration: an unknown pseudonym gets KDF params of the same shape
(stable, from an HMAC under the server secret), costs one Argon2 verification like a
known one, counts towards throttling like a known one, and fails with the same error.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import VerificationError
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from peersupport.models import (
    Account,
    AccountSession,
    ModerationItem,
    Note,
    NoteFile,
    Story,
    StoryHelp,
    StoryReport,
    StoryTheme,
)
from peersupport.models.accounts import ROLES, WRAPPED_KEY_MAX_CHARS
from peersupport.services import argon2_gate, audit, boards, proof_of_work, sessions, throttle
from peersupport.services.argon2_gate import GateBusy
from peersupport.services.errors import (
    InvalidInput,
    LoginFailed,
    NotAuthorized,
    ProofRequired,
    Throttled,
)
from peersupport.services.notes_protocol import (
    KEY_BYTES,
    TAG_BYTES,
    KdfParams,
    ProtocolError,
    b64u_decode,
    build_registration,
    format_recovery_code,
    new_kdf_params,
    normalize_pseudonym,
    parse_envelope,
)
from peersupport.services.proof_of_work import NO_PROOF
from peersupport.services.pseudonyms import check_pseudonym
from peersupport.services.throttle import Purpose

# The server's KDF policy: every account's params are exactly these (plus its own seed),
# so that the fake params of unknown pseudonyms look like everyone's.
KDF_POLICY: dict[str, object] = {"v": 1, "alg": "argon2id", "m": 65536, "t": 3, "p": 4}
ROLE_MEMBER, ROLE_MODERATOR, ROLE_ADMIN = ROLES
# Admins are made from the command line only (`python -m peersupport create-admin`).
ASSIGNABLE_ROLES = (ROLE_MEMBER, ROLE_MODERATOR)
MIN_ADMIN_PASSPHRASE_CHARS = 12
# Longer than any stored pseudonym can be typed; refused before any Unicode work.
MAX_TYPED_PSEUDONYM_CHARS = 100
AUTH_KEY_CHARS = 43  # b64u of 32 bytes
REGISTRATION_FIELDS = frozenset({"kdf", "auth_key", "wrapped_dk", "recovery_auth", "wrapped_dk_rc"})
PASSPHRASE_FIELDS = frozenset({"kdf", "auth_key", "wrapped_dk"})
FAKE_SEED_CONTEXT = b"fake-seed"
# A proof this many levels below the current cost still passes (see _require_proof).
PROOF_SLACK_LEVELS = 2

# Argon2id with argon2-cffi's defaults (RFC 9106's second recommendation: 64 MiB, t=3, p=4).
PASSWORD_HASHER = PasswordHasher()
# The hash of a random value nobody kept, with the same parameters: an unknown
# pseudonym's key is verified against it, so it costs what a known one costs.
DUMMY_HASH = "$argon2id$v=19$m=65536,t=3,p=4$W4d78iYQty3vVE57YXZR4Q$7Sjn5iQNNDG7o3M/HIY2o2P8OFTmQ5yv7d9gi2gba7k"  # noqa: E501


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


@dataclass(frozen=True)
class _Credentials:
    """A validated bundle from the browser; the recovery half only on registration."""

    kdf: KdfParams
    auth_key: str
    wrapped_dk: str
    recovery_auth: str = ""
    wrapped_dk_rc: str = ""


# --- sign up -------------------------------------------------------------------------


def register(session: Session, pseudonym: object, bundle: object, now: datetime) -> Account:
    """Create a member account from a registration bundle (the command line and tools;
    the sign-up page goes through register_from_browser).

    Raises:
        InvalidInput: pseudonym_* (see check_pseudonym), "invalid_bundle",
            "pseudonym_taken".
    """
    name = check_pseudonym(pseudonym)
    credentials = _registration_credentials(bundle)
    return _create_account(session, name, credentials, ROLE_MEMBER, now)


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
    credentials = _registration_credentials(bundle.to_json())
    account = _create_account(session, name, credentials, ROLE_ADMIN, now)
    return account, format_recovery_code(rc)


def _create_account(
    session: Session, name: str, credentials: _Credentials, role: str, now: datetime
) -> Account:
    key = normalize_pseudonym(name)
    _refuse_taken(session, key)
    account = Account(
        pseudonym=name,
        pseudonym_key=key,
        role=role,
        kdf_params=_params_text(credentials.kdf),
        auth_hash=PASSWORD_HASHER.hash(credentials.auth_key),
        wrapped_dk=credentials.wrapped_dk,
        recovery_auth_hash=PASSWORD_HASHER.hash(credentials.recovery_auth),
        wrapped_dk_rc=credentials.wrapped_dk_rc,
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
    if _account_by_key(session, key) is not None:
        raise InvalidInput("pseudonym_taken", "an account with this pseudonym exists")


# --- log in ----------------------------------------------------------------------------


def kdf_params_for_login(session: Session, pseudonym: object, secret: bytes) -> dict[str, Any]:
    """The KDF params the browser needs to derive the auth key for this pseudonym.

    An unknown pseudonym gets params that look the same and stay the same on every
    request (policy costs, seed = HMAC-SHA256(secret, "fake-seed" || key)).
    """
    key = _typed_pseudonym_key(pseudonym)
    account = _account_by_key(session, key)
    if account is not None:
        return _stored_params(account).to_json()
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
    key = _typed_pseudonym_key(pseudonym)
    candidate = _auth_key(auth_key, "invalid_input")
    if not isinstance(remember, bool):
        raise InvalidInput("invalid_input", "remember must be true or false")
    account = _account_by_key(session, key)
    bucket = throttle.bucket_for(secret, Purpose.PASSPHRASE, key)
    reservation = _verify_or_fail(
        session,
        account.auth_hash if account else None,
        candidate,
        bucket,
        now,
        secret=secret,
        proof=proof,
    )
    assert account is not None  # _verify_or_fail raised otherwise
    throttle.give_back(session, reservation)
    if PASSWORD_HASHER.check_needs_rehash(account.auth_hash):
        account.auth_hash = PASSWORD_HASHER.hash(candidate)
    return _start_session(session, account, remember, now)


def _start_session(
    session: Session, account: Account, remember: bool, now: datetime
) -> LoginResult:
    token = sessions.create_session(session, account, remember, now)
    return LoginResult(
        token=token,
        wrapped_dk=account.wrapped_dk,
        account_id=account.id,
        pseudonym=account.pseudonym,
        role=account.role,
    )


# --- change passphrase and recover --------------------------------------------------------


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
    current = _auth_key(current_auth_key, "invalid_input")
    fields = _bundle_fields(new_bundle, PASSPHRASE_FIELDS)
    new = _Credentials(
        kdf=_policy_kdf(fields["kdf"]),
        auth_key=_auth_key(fields["auth_key"], "invalid_bundle"),
        wrapped_dk=_wrapped_key(fields["wrapped_dk"]),
    )
    _refuse_old_seed(account, new.kdf)
    bucket = throttle.bucket_for(secret, Purpose.SIGNED_IN, account.pseudonym_key)
    reservation = _verify_or_fail(
        session, account.auth_hash, current, bucket, now, secret=secret, public=False
    )
    throttle.give_back(session, reservation)
    account.kdf_params = _params_text(new.kdf)
    account.auth_hash = PASSWORD_HASHER.hash(new.auth_key)
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
    candidate = _auth_key(recovery_auth, "invalid_input")
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
    candidate = _auth_key(recovery_auth, "invalid_input")
    new = _registration_credentials(new_bundle)
    if hmac.compare_digest(new.recovery_auth, candidate):
        raise InvalidInput("invalid_bundle", "the new recovery code must differ from the old")
    account = _verify_recovery(session, pseudonym, candidate, secret, now, proof)
    _refuse_old_seed(account, new.kdf)
    throttle.reset(session, throttle.bucket_for(secret, Purpose.PASSPHRASE, account.pseudonym_key))
    account.kdf_params = _params_text(new.kdf)
    account.auth_hash = PASSWORD_HASHER.hash(new.auth_key)
    account.wrapped_dk = new.wrapped_dk
    account.recovery_auth_hash = PASSWORD_HASHER.hash(new.recovery_auth)
    account.wrapped_dk_rc = new.wrapped_dk_rc
    sessions.end_all_sessions(session, account)
    return _start_session(session, account, False, now)


def _verify_recovery(
    session: Session,
    pseudonym: object,
    candidate: str,
    secret: bytes,
    now: datetime,
    proof: object,
) -> Account:
    key = _typed_pseudonym_key(pseudonym)
    account = _account_by_key(session, key)
    bucket = throttle.bucket_for(secret, Purpose.RECOVERY, key)
    reservation = _verify_or_fail(
        session,
        account.recovery_auth_hash if account else None,
        candidate,
        bucket,
        now,
        secret=secret,
        proof=proof,
    )
    assert account is not None  # _verify_or_fail raised otherwise
    throttle.give_back(session, reservation)
    return account


def _refuse_old_seed(account: Account, kdf: KdfParams) -> None:
    if hmac.compare_digest(kdf.seed, _stored_params(account).seed):
        raise InvalidInput("invalid_bundle", "a new passphrase needs a new KDF seed")


# --- delete and export -------------------------------------------------------------------


def delete_account(
    session: Session, account: Account, auth_key: object, now: datetime, *, secret: bytes
) -> None:
    """Delete the account with its notes, sessions and stories (published ones too, with
    their queue items), after checking the passphrase. The audit log keeps what
    moderators did (who, what, when, why), without his pseudonym or his words.

    Raises:
        InvalidInput: "invalid_input".
        Throttled, LoginFailed: as for change_passphrase.
    """
    candidate = _auth_key(auth_key, "invalid_input")
    key = account.pseudonym_key
    bucket = throttle.bucket_for(secret, Purpose.SIGNED_IN, key)
    _verify_or_fail(session, account.auth_hash, candidate, bucket, now, secret=secret, public=False)
    for purpose in Purpose:
        throttle.reset(session, throttle.bucket_for(secret, purpose, key))
    # Explicit, not left to ON DELETE CASCADE alone: deletion must not depend on the
    # database enforcing foreign keys (SQLite only does when asked).
    audit.forget_account(session, account)
    boards.forget_author(session, account)
    story_ids = select(Story.id).where(Story.author_id == account.id)
    session.execute(delete(StoryTheme).where(StoryTheme.story_id.in_(story_ids)))
    session.execute(delete(StoryHelp).where(StoryHelp.story_id.in_(story_ids)))
    session.execute(
        delete(StoryReport).where(
            (StoryReport.story_id.in_(story_ids)) | (StoryReport.reporter_id == account.id)
        )
    )
    session.execute(delete(ModerationItem).where(ModerationItem.author_id == account.id))
    session.execute(delete(Story).where(Story.author_id == account.id))
    session.execute(delete(NoteFile).where(NoteFile.account_id == account.id))
    session.execute(delete(Note).where(Note.account_id == account.id))
    session.execute(delete(AccountSession).where(AccountSession.account_id == account.id))
    session.delete(account)
    session.flush()


def export_account(session: Session, account: Account) -> dict[str, Any]:
    """Everything stored about the account, as JSON-ready data. The notes are envelopes:
    the browser decrypts them before offering the file."""
    notes = session.scalars(
        select(Note).where(Note.account_id == account.id).order_by(Note.updated_at.desc(), Note.id)
    )
    account_sessions = session.scalars(
        select(AccountSession)
        .where(AccountSession.account_id == account.id)
        .order_by(AccountSession.created_at)
    )
    own_stories = session.scalars(
        select(Story).where(Story.author_id == account.id).order_by(Story.created_at, Story.id)
    )
    return {
        "pseudonym": account.pseudonym,
        "role": account.role,
        "created_month": account.created_month.strftime("%Y-%m"),
        "suspended": account.suspended,
        "notes": [
            {"id": note.id, "envelope": note.envelope, "updated_at": note.updated_at.isoformat()}
            for note in notes
        ],
        "sessions": [
            {
                "created_at": row.created_at.isoformat(),
                "last_seen_at": row.last_seen_at.isoformat(),
                "expires_at": row.expires_at.isoformat(),
                "remember": row.remember,
            }
            for row in account_sessions
        ],
        "stories": [
            {
                "title": story.title,
                "body": story.body,
                "state": story.state,
                "language": story.language,
                "themes": story.themes.split(",") if story.themes else [],
                "warnings": story.warnings.split(",") if story.warnings else [],
                "created_at": story.created_at.isoformat(),
                "published_at": story.published_at.isoformat() if story.published_at else None,
                "rejection_reason": story.rejection_reason,
            }
            for story in own_stories
        ],
        "board_posts": boards.export_posts(session, account),
    }


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
        raise InvalidInput("invalid_role", f"a role to give is one of {ASSIGNABLE_ROLES}")
    target = _account_by_key(session, _typed_pseudonym_key(target_pseudonym))
    if target is None:
        raise InvalidInput("unknown_pseudonym", "no account has this pseudonym")
    if target.id == actor.id:
        raise InvalidInput("cannot_change_own_role", "an admin cannot change his own role")
    if target.role == ROLE_ADMIN:
        raise InvalidInput("cannot_change_admin", "admins are changed on the command line")
    target.role = role
    session.flush()
    return target


def list_staff(session: Session, actor: Account) -> list[StaffMember]:
    """Moderators and admins, for an admin."""
    _require_admin(actor)
    rows = session.execute(
        select(Account.pseudonym, Account.role)
        .where(Account.role.in_((ROLE_MODERATOR, ROLE_ADMIN)))
        .order_by(Account.role, Account.pseudonym_key)
    )
    return [StaffMember(pseudonym=row.pseudonym, role=row.role) for row in rows]


def _require_admin(actor: Account) -> None:
    if actor.role != ROLE_ADMIN or actor.suspended:
        raise NotAuthorized(f"account {actor.id} is not an active admin")


# --- checking credentials and input ----------------------------------------------------------


def _verify_or_fail(
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


def _typed_pseudonym_key(raw: object) -> str:
    """The lookup key of a pseudonym someone typed (no sign-up rules: just text)."""
    if not isinstance(raw, str) or len(raw) > MAX_TYPED_PSEUDONYM_CHARS:
        raise InvalidInput("invalid_input", "a pseudonym is text of at most 100 characters")
    key = normalize_pseudonym(raw)
    try:
        key.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates: no account can have them
        raise InvalidInput("invalid_input", "the pseudonym is not valid Unicode") from None
    return key


def _account_by_key(session: Session, key: str) -> Account | None:
    return session.scalars(select(Account).where(Account.pseudonym_key == key)).one_or_none()


def _stored_params(account: Account) -> KdfParams:
    return KdfParams.from_json(json.loads(account.kdf_params))


def _params_text(params: KdfParams) -> str:
    return json.dumps(params.to_json(), separators=(",", ":"))


def _registration_credentials(bundle: object) -> _Credentials:
    fields = _bundle_fields(bundle, REGISTRATION_FIELDS)
    return _Credentials(
        kdf=_policy_kdf(fields["kdf"]),
        auth_key=_auth_key(fields["auth_key"], "invalid_bundle"),
        wrapped_dk=_wrapped_key(fields["wrapped_dk"]),
        recovery_auth=_auth_key(fields["recovery_auth"], "invalid_bundle"),
        wrapped_dk_rc=_wrapped_key(fields["wrapped_dk_rc"]),
    )


def _bundle_fields(bundle: object, fields: frozenset[str]) -> dict[str, object]:
    if not isinstance(bundle, dict) or set(bundle) != fields:
        raise InvalidInput("invalid_bundle", f"a bundle is an object with exactly {sorted(fields)}")
    return bundle


def _policy_kdf(raw: object) -> KdfParams:
    try:
        params = KdfParams.from_json(raw)
    except ProtocolError as error:
        raise InvalidInput("invalid_bundle", f"kdf: {error}") from None
    costs = {name: value for name, value in params.to_json().items() if name != "seed"}
    if costs != KDF_POLICY:
        raise InvalidInput("invalid_bundle", f"kdf must follow the policy {KDF_POLICY}")
    return params


def _auth_key(raw: object, code: str) -> str:
    """An auth key: b64u text of exactly 32 bytes."""
    if isinstance(raw, str) and len(raw) == AUTH_KEY_CHARS:
        try:
            if len(b64u_decode(raw)) == KEY_BYTES:
                return raw
        except ProtocolError:
            pass
    raise InvalidInput(code, "a key is base64url text of 32 bytes")


def _wrapped_key(raw: object) -> str:
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

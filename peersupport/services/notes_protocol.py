"""Notes protocol v1: the Python reference of the end-to-end encryption of private notes.

The browser (peersupport/components/notes_crypto.js) does all of this for real; this
module reproduces every step byte for byte, so that the committed test vectors
(tests/vectors/notes_v1.json, produced by the browser code) prove both sides agree, and
so that the command line can create the first admin. The authority is the section
"Notes protocol" of the design; the step names in the comments below follow it.

Choices made where the design is silent (the browser code makes the same ones):

- b64u decoding is strict and canonical: only ``[A-Za-z0-9_-]``, no padding, and unused
  trailing bits must be zero, so every byte string has exactly one text form.
- "strip" in the pseudonym normalization removes the characters in
  ``PSEUDONYM_STRIP_CHARS`` (the union of what Python's ``str.strip()`` and
  JavaScript's ``String.prototype.trim()`` remove), never "whatever the runtime calls
  white space", so both sides always agree.
- KDF params are a JSON object with exactly the keys v, alg, m, t, p, seed; integers
  must be real integers (not bools, floats or strings); unknown keys are refused.
- Recovery codes: 26 base32 characters (RFC 4648, upper case, no padding) in groups
  of 4; parsing ignores case, white space and dashes (ASCII and Unicode dashes, which
  phone keyboards produce), and refuses codes whose two unused trailing bits are set.
- Note ids are canonical lower-case UUIDs; anything else is refused before it
  becomes part of an AAD.
- An envelope is at most 1 MiB of text; ``seal`` refuses to produce a larger one.

This module holds sealing and opening (envelopes, notes, wrapped data keys) and
registration, and is the one import for all of the protocol: its groundwork lives in
notes_encoding.py (constants, errors, base64url), notes_kdf.py (KDF parameters and
Argon2id) and notes_recovery.py (the recovery code).
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from peersupport.services.notes_encoding import (
    _NOTE_ID,
    AAD_DK_PASSPHRASE,
    AAD_DK_RECOVERY,
    AAD_NOTE_PREFIX,
    ARGON2_VERSION,
    BASE32_ALPHABET,
    DEFAULT_ITERATIONS,
    DEFAULT_MEMORY_KIB,
    DEFAULT_PARALLELISM,
    ENVELOPE_PREFIX,
    KDF_ALGORITHM,
    KDF_OUTPUT_BYTES,
    KDF_PARAM_KEYS,
    KEY_BYTES,
    MAX_ENVELOPE_CHARS,
    MAX_ITERATIONS,
    MAX_MEMORY_KIB,
    MAX_PARALLELISM,
    MIN_ITERATIONS,
    MIN_MEMORY_KIB,
    MIN_PARALLELISM,
    NONCE_BYTES,
    PROTOCOL_VERSION,
    PSEUDONYM_STRIP_CHARS,
    SALT_BYTES,
    SALT_CONTEXT,
    SEED_BYTES,
    TAG_BYTES,
    DecryptionError,
    MalformedError,
    ProtocolError,
    WeakKdfParamsError,
    b64u_decode,
    b64u_encode,
    text_value,
    utf8_bytes,
)
from peersupport.services.notes_kdf import (
    DerivedKeys,
    KdfParams,
    derive_keys,
    new_kdf_params,
    normalize_pseudonym,
    salt_for,
)
from peersupport.services.notes_recovery import (
    RecoveryKeys,
    checked_recovery_code,
    format_recovery_code,
    new_recovery_code,
    parse_recovery_code,
    recovery_keys,
)

# The protocol's whole public face, including what its two groundwork modules define.
__all__ = [
    "AAD_DK_PASSPHRASE",
    "AAD_DK_RECOVERY",
    "AAD_NOTE_PREFIX",
    "ARGON2_VERSION",
    "BASE32_ALPHABET",
    "DEFAULT_ITERATIONS",
    "DEFAULT_MEMORY_KIB",
    "DEFAULT_PARALLELISM",
    "ENVELOPE_PREFIX",
    "KDF_ALGORITHM",
    "KDF_OUTPUT_BYTES",
    "KDF_PARAM_KEYS",
    "KEY_BYTES",
    "MAX_ENVELOPE_CHARS",
    "MAX_ITERATIONS",
    "MAX_MEMORY_KIB",
    "MAX_PARALLELISM",
    "MIN_ITERATIONS",
    "MIN_MEMORY_KIB",
    "MIN_PARALLELISM",
    "NONCE_BYTES",
    "PROTOCOL_VERSION",
    "PSEUDONYM_STRIP_CHARS",
    "SALT_BYTES",
    "SALT_CONTEXT",
    "SEED_BYTES",
    "TAG_BYTES",
    "DecryptionError",
    "DerivedKeys",
    "KdfParams",
    "MalformedError",
    "ProtocolError",
    "RecoveryKeys",
    "RegistrationBundle",
    "WeakKdfParamsError",
    "b64u_decode",
    "b64u_encode",
    "build_registration",
    "derive_keys",
    "format_recovery_code",
    "new_kdf_params",
    "new_recovery_code",
    "normalize_pseudonym",
    "note_aad",
    "open_envelope",
    "open_note",
    "parse_envelope",
    "parse_recovery_code",
    "recovery_keys",
    "salt_for",
    "seal",
    "seal_note",
    "unwrap_dk",
    "unwrap_dk_with_recovery",
]


def _key(key: object) -> bytes:
    """Return key if it is a 32-byte AES-256 key; MalformedError otherwise."""
    if type(key) is not bytes or len(key) != KEY_BYTES:
        raise MalformedError("a key must be 32 bytes")
    return key


def seal(key: bytes, plaintext: bytes, aad: str, nonce: bytes | None = None) -> str:
    """AES-256-GCM with a random 96-bit nonce, as the text envelope v1.<nonce>.<ct||tag>."""
    if nonce is None:
        nonce = secrets.token_bytes(NONCE_BYTES)
    if type(nonce) is not bytes or len(nonce) != NONCE_BYTES:
        raise MalformedError("a nonce must be 12 bytes")
    if not isinstance(plaintext, bytes):
        raise MalformedError("the plaintext must be bytes")
    # Seal(K, plaintext, aad) = AES-256-GCM, 128-bit tag appended to the ciphertext
    sealed = AESGCM(_key(key)).encrypt(nonce, plaintext, utf8_bytes(text_value(aad, "AAD"), "AAD"))
    envelope = f"{ENVELOPE_PREFIX}.{b64u_encode(nonce)}.{b64u_encode(sealed)}"
    if len(envelope) > MAX_ENVELOPE_CHARS:
        raise MalformedError("the envelope would be larger than 1 MiB")
    return envelope


def parse_envelope(envelope: object) -> tuple[bytes, bytes]:
    """Split an envelope into (12-byte nonce, ciphertext||tag); MalformedError otherwise."""
    if not isinstance(envelope, str):
        raise MalformedError("an envelope must be text")
    if len(envelope) > MAX_ENVELOPE_CHARS:
        raise MalformedError("the envelope is larger than 1 MiB")
    parts = envelope.split(".")
    if len(parts) != 3 or parts[0] != ENVELOPE_PREFIX:
        raise MalformedError("not a v1 envelope")
    nonce = b64u_decode(parts[1])
    sealed = b64u_decode(parts[2])
    if len(nonce) != NONCE_BYTES or len(sealed) < TAG_BYTES:
        raise MalformedError("the envelope nonce or ciphertext has the wrong length")
    return nonce, sealed


def open_envelope(key: bytes, envelope: str, aad: str) -> bytes:
    """Authenticate and decrypt an envelope; DecryptionError on wrong key/AAD/tamper."""
    nonce, sealed = parse_envelope(envelope)
    cipher = AESGCM(_key(key))
    try:
        return cipher.decrypt(nonce, sealed, utf8_bytes(text_value(aad, "AAD"), "AAD"))
    except InvalidTag as error:
        raise DecryptionError("the data could not be decrypted") from error


def note_aad(note_id: str) -> str:
    """The AAD binding a note to its id; the id must be a canonical lower-case UUID."""
    if not isinstance(note_id, str) or _NOTE_ID.fullmatch(note_id) is None:
        raise MalformedError("a note id must be a lower-case UUID")
    return AAD_NOTE_PREFIX + note_id


def _refuse_constant(name: str) -> object:
    """json.loads hook: NaN and Infinity are not JSON."""
    raise MalformedError(f"{name} is not valid JSON")


def seal_note(
    dk: bytes, note_id: str, content: dict[str, object], nonce: bytes | None = None
) -> str:
    """Seal a note's JSON object under the data key, bound to its id."""
    if not isinstance(content, dict):
        raise MalformedError("a note must be a JSON object")
    try:
        text = json.dumps(content, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    except (TypeError, ValueError, RecursionError) as error:
        raise MalformedError("a note must be a JSON object") from error
    # note = Seal(DK, UTF8(JSON{title, body, ...}), "peersupport/notes/v1/note/" + note_id)
    return seal(dk, utf8_bytes(text, "note"), note_aad(note_id), nonce)


def open_note(dk: bytes, note_id: str, envelope: str) -> dict[str, object]:
    """Decrypt a note and parse its JSON object."""
    plaintext = open_envelope(dk, envelope, note_aad(note_id))
    try:
        content = json.loads(plaintext.decode("utf-8"), parse_constant=_refuse_constant)
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        raise MalformedError("the note is not a UTF-8 JSON object") from error
    if not isinstance(content, dict):
        raise MalformedError("the note is not a JSON object")
    return content


@dataclass(frozen=True)
class RegistrationBundle:
    """Everything the server stores for a new account's notes; no secret in it."""

    kdf: KdfParams
    auth_key: str
    wrapped_dk: str
    recovery_auth: str
    wrapped_dk_rc: str

    def to_json(self) -> dict[str, object]:
        """The bundle as the sign-up payload the browser sends (`accounts.register`)."""
        return {
            "kdf": self.kdf.to_json(),
            "auth_key": self.auth_key,
            "wrapped_dk": self.wrapped_dk,
            "recovery_auth": self.recovery_auth,
            "wrapped_dk_rc": self.wrapped_dk_rc,
        }


def build_registration(
    pseudonym: str,
    passphrase: str,
    params: KdfParams | None = None,
    dk: bytes | None = None,
    rc: bytes | None = None,
) -> tuple[RegistrationBundle, bytes, bytes]:
    """Build a new account's bundle; returns (bundle, data key, recovery code)."""
    params = new_kdf_params() if params is None else params
    # DK = 32 random bytes; RC = 16 random bytes
    dk = secrets.token_bytes(KEY_BYTES) if dk is None else _key(dk)
    rc = new_recovery_code() if rc is None else checked_recovery_code(rc)
    keys = derive_keys(passphrase, pseudonym, params)
    recovery = recovery_keys(rc)
    bundle = RegistrationBundle(
        kdf=params,
        auth_key=keys.auth_key,
        # wrapped_dk = Seal(KEK, DK, "peersupport/notes/v1/dk/passphrase")
        wrapped_dk=seal(keys.kek, dk, AAD_DK_PASSPHRASE),
        recovery_auth=recovery.recovery_auth,
        # wrapped_dk_rc = Seal(RK, DK, "peersupport/notes/v1/dk/recovery")
        wrapped_dk_rc=seal(recovery.rk, dk, AAD_DK_RECOVERY),
    )
    return bundle, dk, rc


def _data_key(dk: bytes) -> bytes:
    """Return dk if it is a 32-byte data key; MalformedError otherwise."""
    if len(dk) != KEY_BYTES:
        raise MalformedError("the unwrapped data key is not 32 bytes")
    return dk


def unwrap_dk(kek: bytes, wrapped_dk: str) -> bytes:
    """The data key, unwrapped with the passphrase KEK."""
    return _data_key(open_envelope(kek, wrapped_dk, AAD_DK_PASSPHRASE))


def unwrap_dk_with_recovery(rc: bytes, wrapped_dk_rc: str) -> bytes:
    """The data key, unwrapped with the recovery code."""
    return _data_key(open_envelope(recovery_keys(rc).rk, wrapped_dk_rc, AAD_DK_RECOVERY))

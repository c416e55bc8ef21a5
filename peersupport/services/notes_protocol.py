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
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import re
import secrets
import unicodedata
from dataclasses import dataclass

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

SALT_CONTEXT = b"peersupport/notes/v1/salt"
AAD_DK_PASSPHRASE = "peersupport/notes/v1/dk/passphrase"  # noqa: S105 - a label, no secret
AAD_DK_RECOVERY = "peersupport/notes/v1/dk/recovery"
AAD_NOTE_PREFIX = "peersupport/notes/v1/note/"
INFO_RECOVERY_KEK = b"peersupport/notes/v1/recovery-kek"
INFO_RECOVERY_AUTH = b"peersupport/notes/v1/recovery-auth"

PROTOCOL_VERSION = 1
KDF_ALGORITHM = "argon2id"
ARGON2_VERSION = 0x13
DEFAULT_MEMORY_KIB = 65536
DEFAULT_ITERATIONS = 3
DEFAULT_PARALLELISM = 4
MIN_MEMORY_KIB = 19456
MIN_ITERATIONS = 2
MAX_MEMORY_KIB = 1048576
MAX_ITERATIONS = 10
MIN_PARALLELISM = 1
MAX_PARALLELISM = 16
SEED_BYTES = 32
SALT_BYTES = 16
KDF_OUTPUT_BYTES = 64
KEY_BYTES = 32
NONCE_BYTES = 12
TAG_BYTES = 16
RECOVERY_CODE_BYTES = 16
RECOVERY_CODE_CHARS = 26
RECOVERY_CODE_GROUP = 4
ENVELOPE_PREFIX = "v1"
MAX_ENVELOPE_CHARS = 1024 * 1024

KDF_PARAM_KEYS = frozenset({"v", "alg", "m", "t", "p", "seed"})
# Python's str.isspace() set plus U+FEFF, which JavaScript's trim() also removes.
PSEUDONYM_STRIP_CHARS = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680"
    "\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000\ufeff"
)
# White space (the same set) and dashes a recovery code may be typed or pasted with.
RECOVERY_CODE_SEPARATORS = re.compile(
    "[" + re.escape(PSEUDONYM_STRIP_CHARS) + "\\-\u2010-\u2015\u2212]+"
)
BASE32_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
_B64U_TEXT = re.compile(r"[A-Za-z0-9_-]*")
_BASE32_TEXT = re.compile(f"[A-Za-z2-7]{{{RECOVERY_CODE_CHARS}}}")
_NOTE_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


class ProtocolError(ValueError):
    """Anything the notes protocol refuses."""


class MalformedError(ProtocolError):
    """Input that is not in the form the protocol defines."""


class WeakKdfParamsError(ProtocolError):
    """KDF params below the floor: refused so a hostile server cannot downgrade."""


class DecryptionError(ProtocolError):
    """Authenticated decryption failed: wrong key, wrong AAD or tampered data."""


def b64u_encode(data: bytes) -> str:
    """Encode bytes as base64url without padding."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64u_decode(text: str) -> bytes:
    """Decode strict, canonical base64url without padding; MalformedError otherwise."""
    if not isinstance(text, str) or _B64U_TEXT.fullmatch(text) is None or len(text) % 4 == 1:
        raise MalformedError("not base64url without padding")
    try:
        data = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError) as error:
        raise MalformedError("not base64url without padding") from error
    if b64u_encode(data) != text:  # unused trailing bits set: not the canonical form
        raise MalformedError("not canonical base64url")
    return data


def _text(value: object, what: str) -> str:
    """Return value if it is text; MalformedError otherwise."""
    if not isinstance(value, str):
        raise MalformedError(f"the {what} must be text")
    return value


def _strict_int(value: object, name: str) -> int:
    """Return value if it is a real int (not a bool); MalformedError otherwise."""
    if type(value) is not int:
        raise MalformedError(f"KDF parameter {name} must be an integer")
    return value


@dataclass(frozen=True)
class KdfParams:
    """The per-account Argon2id parameters; an instance is always valid and strong."""

    v: int
    alg: str
    m: int
    t: int
    p: int
    seed: bytes

    def __post_init__(self) -> None:
        """Refuse malformed params (MalformedError) and params below the floor."""
        if _strict_int(self.v, "v") != PROTOCOL_VERSION:
            raise MalformedError("unknown KDF params version")
        if type(self.alg) is not str or self.alg != KDF_ALGORITHM:
            raise MalformedError("unknown KDF algorithm")
        if type(self.seed) is not bytes or len(self.seed) != SEED_BYTES:
            raise MalformedError("the KDF seed must be 32 bytes")
        memory = _strict_int(self.m, "m")
        iterations = _strict_int(self.t, "t")
        parallelism = _strict_int(self.p, "p")
        if not MIN_PARALLELISM <= parallelism <= MAX_PARALLELISM:
            raise MalformedError("KDF parallelism out of range")
        if memory > MAX_MEMORY_KIB or iterations > MAX_ITERATIONS:
            raise MalformedError("KDF cost absurdly high")
        if memory < MIN_MEMORY_KIB or iterations < MIN_ITERATIONS:  # no downgrade
            raise WeakKdfParamsError("KDF params below the minimum")

    def to_json(self) -> dict[str, object]:
        """The params as the JSON object the server stores and the browser receives."""
        return {
            "v": self.v,
            "alg": self.alg,
            "m": self.m,
            "t": self.t,
            "p": self.p,
            "seed": b64u_encode(self.seed),
        }

    @classmethod
    def from_json(cls, obj: object) -> KdfParams:
        """Parse and validate a params object from any (possibly hostile) value."""
        if not isinstance(obj, dict):
            raise MalformedError("KDF params must be an object")
        if set(obj.keys()) != KDF_PARAM_KEYS:
            raise MalformedError("KDF params must have exactly v, alg, m, t, p, seed")
        seed = obj["seed"]
        if not isinstance(seed, str) or len(seed) > 64:
            raise MalformedError("the KDF seed must be base64url text")
        return cls(
            v=_strict_int(obj["v"], "v"),
            alg=_text(obj["alg"], "KDF algorithm"),
            m=_strict_int(obj["m"], "m"),
            t=_strict_int(obj["t"], "t"),
            p=_strict_int(obj["p"], "p"),
            seed=b64u_decode(seed),
        )


def new_kdf_params(seed: bytes | None = None) -> KdfParams:
    """Default params (m=64 MiB, t=3, p=4) with a fresh random 32-byte seed."""
    return KdfParams(
        v=PROTOCOL_VERSION,
        alg=KDF_ALGORITHM,
        m=DEFAULT_MEMORY_KIB,
        t=DEFAULT_ITERATIONS,
        p=DEFAULT_PARALLELISM,
        seed=secrets.token_bytes(SEED_BYTES) if seed is None else seed,
    )


def _utf8(text: str, what: str) -> bytes:
    """UTF-8 bytes of text; MalformedError for text that is not valid Unicode."""
    if not isinstance(text, str):
        raise MalformedError(f"the {what} must be text")
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as error:  # lone surrogates
        raise MalformedError(f"the {what} is not valid Unicode text") from error


def normalize_pseudonym(pseudonym: str) -> str:
    """lower(strip(NFKC(pseudonym))), with the fixed strip set of the protocol."""
    if not isinstance(pseudonym, str):
        raise MalformedError("the pseudonym must be text")
    return unicodedata.normalize("NFKC", pseudonym).strip(PSEUDONYM_STRIP_CHARS).lower()


def salt_for(seed: bytes, pseudonym: str) -> bytes:
    """The 16-byte Argon2id salt for this seed and pseudonym."""
    if type(seed) is not bytes or len(seed) != SEED_BYTES:
        raise MalformedError("the KDF seed must be 32 bytes")
    # salt = SHA-256("peersupport/notes/v1/salt" || 0x00 || seed || UTF8(normalized))[0:16]
    digest = hashlib.sha256(
        SALT_CONTEXT + b"\x00" + seed + _utf8(normalize_pseudonym(pseudonym), "pseudonym")
    ).digest()
    return digest[:SALT_BYTES]


@dataclass(frozen=True)
class DerivedKeys:
    """What the passphrase yields: the KEK (stays in the browser) and the auth key."""

    kek: bytes
    auth_key: str


def derive_keys(passphrase: str, pseudonym: str, params: KdfParams) -> DerivedKeys:
    """Argon2id(UTF8(NFC(passphrase)), salt, t, m, p, 64 bytes, v0x13) split into keys."""
    if not isinstance(params, KdfParams):
        raise MalformedError("KDF params must be KdfParams")
    secret = _utf8(unicodedata.normalize("NFC", _text(passphrase, "passphrase")), "passphrase")
    # out = Argon2id(UTF8(NFC(passphrase)), salt, t, m, p, length 64, version 0x13)
    out = hash_secret_raw(
        secret=secret,
        salt=salt_for(params.seed, pseudonym),
        time_cost=params.t,
        memory_cost=params.m,
        parallelism=params.p,
        hash_len=KDF_OUTPUT_BYTES,
        type=Type.ID,
        version=ARGON2_VERSION,
    )
    # KEK = out[0:32]; auth_key = b64u(out[32:64])
    return DerivedKeys(kek=out[:KEY_BYTES], auth_key=b64u_encode(out[KEY_BYTES:]))


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
    sealed = AESGCM(_key(key)).encrypt(nonce, plaintext, _utf8(_text(aad, "AAD"), "AAD"))
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
        return cipher.decrypt(nonce, sealed, _utf8(_text(aad, "AAD"), "AAD"))
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
    return seal(dk, _utf8(text, "note"), note_aad(note_id), nonce)


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


def new_recovery_code() -> bytes:
    """A fresh 16-byte recovery code."""
    return secrets.token_bytes(RECOVERY_CODE_BYTES)


def _recovery_code(rc: object) -> bytes:
    """Return rc if it is 16 bytes; MalformedError otherwise."""
    if type(rc) is not bytes or len(rc) != RECOVERY_CODE_BYTES:
        raise MalformedError("a recovery code must be 16 bytes")
    return rc


def format_recovery_code(rc: bytes) -> str:
    """The recovery code as 26 base32 characters in dash-separated groups of 4."""
    text = base64.b32encode(_recovery_code(rc)).decode("ascii").rstrip("=")
    groups = [text[i : i + RECOVERY_CODE_GROUP] for i in range(0, len(text), RECOVERY_CODE_GROUP)]
    return "-".join(groups)


def parse_recovery_code(text: str) -> bytes:
    """Parse a recovery code typed in any case, with any white space and dashes."""
    if not isinstance(text, str) or len(text) > 200:
        raise MalformedError("not a recovery code")
    compact = RECOVERY_CODE_SEPARATORS.sub("", text)
    if _BASE32_TEXT.fullmatch(compact) is None:  # ASCII only, before upper-casing
        raise MalformedError("a recovery code is 26 letters A-Z and digits 2-7")
    compact = compact.upper()
    rc = base64.b32decode(compact + "======")
    if format_recovery_code(rc).replace("-", "") != compact:  # unused trailing bits set
        raise MalformedError("not a valid recovery code")
    return rc


@dataclass(frozen=True)
class RecoveryKeys:
    """What the recovery code yields: the recovery KEK and the recovery auth key."""

    rk: bytes
    recovery_auth: str


def _hkdf(rc: bytes, info: bytes) -> bytes:
    """HKDF-SHA256 of the recovery code with no salt (32 zero bytes), 32 bytes out."""
    return HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=None, info=info).derive(rc)


def recovery_keys(rc: bytes) -> RecoveryKeys:
    """RK and recovery_auth from a 16-byte recovery code."""
    code = _recovery_code(rc)
    # RK = HKDF-SHA256(RC, salt=none, info="peersupport/notes/v1/recovery-kek", 32)
    rk = _hkdf(code, INFO_RECOVERY_KEK)
    # recovery_auth = b64u(HKDF-SHA256(RC, salt=none, info=".../recovery-auth", 32))
    return RecoveryKeys(rk=rk, recovery_auth=b64u_encode(_hkdf(code, INFO_RECOVERY_AUTH)))


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
    rc = new_recovery_code() if rc is None else _recovery_code(rc)
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

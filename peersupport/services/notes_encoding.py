"""Notes protocol v1, the groundwork both halves of the Python reference share: the
protocol's constants and labels, its errors, strict canonical base64url and the checks
that turn hostile values into text, integers and UTF-8 (see notes_protocol.py for the
choices made where the design is silent)."""

from __future__ import annotations

import base64
import binascii
import re

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


def text_value(value: object, what: str) -> str:
    """Return value if it is text; MalformedError otherwise."""
    if not isinstance(value, str):
        raise MalformedError(f"the {what} must be text")
    return value


def strict_int(value: object, name: str) -> int:
    """Return value if it is a real int (not a bool); MalformedError otherwise."""
    if type(value) is not int:
        raise MalformedError(f"KDF parameter {name} must be an integer")
    return value


def utf8_bytes(text: str, what: str) -> bytes:
    """UTF-8 bytes of text; MalformedError for text that is not valid Unicode."""
    if not isinstance(text, str):
        raise MalformedError(f"the {what} must be text")
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as error:  # lone surrogates
        raise MalformedError(f"the {what} is not valid Unicode text") from error

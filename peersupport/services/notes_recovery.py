"""Notes protocol v1, the recovery code: 16 random bytes shown as 26 base32 characters
in groups of 4, parsed from whatever a phone keyboard makes of them, and the two keys
HKDF derives from it (the recovery KEK and the recovery auth key)."""

from __future__ import annotations

import base64
import secrets
from dataclasses import dataclass

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from peersupport.services.notes_encoding import (
    _BASE32_TEXT,
    INFO_RECOVERY_AUTH,
    INFO_RECOVERY_KEK,
    KEY_BYTES,
    RECOVERY_CODE_BYTES,
    RECOVERY_CODE_GROUP,
    RECOVERY_CODE_SEPARATORS,
    MalformedError,
    b64u_encode,
)


def new_recovery_code() -> bytes:
    """A fresh 16-byte recovery code."""
    return secrets.token_bytes(RECOVERY_CODE_BYTES)


def checked_recovery_code(rc: object) -> bytes:
    """Return rc if it is 16 bytes; MalformedError otherwise."""
    if type(rc) is not bytes or len(rc) != RECOVERY_CODE_BYTES:
        raise MalformedError("a recovery code must be 16 bytes")
    return rc


def format_recovery_code(rc: bytes) -> str:
    """The recovery code as 26 base32 characters in dash-separated groups of 4."""
    text = base64.b32encode(checked_recovery_code(rc)).decode("ascii").rstrip("=")
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
    code = checked_recovery_code(rc)
    # RK = HKDF-SHA256(RC, salt=none, info="peersupport/notes/v1/recovery-kek", 32)
    rk = _hkdf(code, INFO_RECOVERY_KEK)
    # recovery_auth = b64u(HKDF-SHA256(RC, salt=none, info=".../recovery-auth", 32))
    return RecoveryKeys(rk=rk, recovery_auth=b64u_encode(_hkdf(code, INFO_RECOVERY_AUTH)))

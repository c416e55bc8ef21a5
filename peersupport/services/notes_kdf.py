"""Notes protocol v1, the passphrase side: the KDF parameters (exactly v, alg, m, t, p,
seed; no downgrade below the floor), the pseudonym's normalization, the salt and the
Argon2id derivation of the passphrase KEK and the login auth key."""

from __future__ import annotations

import hashlib
import secrets
import unicodedata
from dataclasses import dataclass

from argon2.low_level import Type, hash_secret_raw

from peersupport.services.notes_encoding import (
    ARGON2_VERSION,
    DEFAULT_ITERATIONS,
    DEFAULT_MEMORY_KIB,
    DEFAULT_PARALLELISM,
    KDF_ALGORITHM,
    KDF_OUTPUT_BYTES,
    KDF_PARAM_KEYS,
    KEY_BYTES,
    MAX_ITERATIONS,
    MAX_MEMORY_KIB,
    MAX_PARALLELISM,
    MIN_ITERATIONS,
    MIN_MEMORY_KIB,
    MIN_PARALLELISM,
    PROTOCOL_VERSION,
    PSEUDONYM_STRIP_CHARS,
    SALT_BYTES,
    SALT_CONTEXT,
    SEED_BYTES,
    MalformedError,
    WeakKdfParamsError,
    b64u_decode,
    b64u_encode,
    strict_int,
    text_value,
    utf8_bytes,
)


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
        if strict_int(self.v, "v") != PROTOCOL_VERSION:
            raise MalformedError("unknown KDF params version")
        if type(self.alg) is not str or self.alg != KDF_ALGORITHM:
            raise MalformedError("unknown KDF algorithm")
        if type(self.seed) is not bytes or len(self.seed) != SEED_BYTES:
            raise MalformedError("the KDF seed must be 32 bytes")
        memory = strict_int(self.m, "m")
        iterations = strict_int(self.t, "t")
        parallelism = strict_int(self.p, "p")
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
            v=strict_int(obj["v"], "v"),
            alg=text_value(obj["alg"], "KDF algorithm"),
            m=strict_int(obj["m"], "m"),
            t=strict_int(obj["t"], "t"),
            p=strict_int(obj["p"], "p"),
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
        SALT_CONTEXT + b"\x00" + seed + utf8_bytes(normalize_pseudonym(pseudonym), "pseudonym")
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
    secret = utf8_bytes(
        unicodedata.normalize("NFC", text_value(passphrase, "passphrase")), "passphrase"
    )
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

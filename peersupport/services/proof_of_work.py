"""Proofs of work (ALTCHA): what an attempt past its free ones pays instead of a refusal.

The server hands out an ALTCHA v2 challenge (PBKDF2/SHA-256): the browser must find
the counter whose derived key starts with the given prefix, trying counters from 0.
The server picked that counter at random in the upper half of its level's range, so
the work is known in advance and checking it costs one HMAC (ALTCHA's key signature).
A challenge is signed (HMAC under a key derived from the server secret), holds the
hash of the bucket it is for, its level and its expiry, and is accepted once: its
used-marker sits in the throttle table until it expires. No IP address, no pseudonym:
only what the challenge itself says.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import altcha
from sqlalchemy.orm import Session

from peersupport.services import throttle

ALGORITHM = "PBKDF2/SHA-256"
# Iterations per counter: small, so issuing a challenge costs the server about a millisecond.
COST = 500
# The highest counter of each level: the work doubles per level. Level 6 takes a
# mid-range phone a few seconds with its cores in Web Workers.
LEVEL_COUNTERS = {1: 800, 2: 1600, 3: 3200, 4: 6400, 5: 12800, 6: 25600}
LIFETIME = timedelta(minutes=5)
MAX_PAYLOAD_CHARS = 4000
USED_PREFIX = "u:"


@dataclass(frozen=True)
class Proof:
    """A checked proof: the level it was made for (0 when there was none or it failed)."""

    level: int


NO_PROOF = Proof(level=0)


def _keys(secret: bytes) -> tuple[bytes, bytes]:
    sign = hmac.new(secret, b"proof-of-work/challenge", hashlib.sha256).digest()
    key_sign = hmac.new(secret, b"proof-of-work/key", hashlib.sha256).digest()
    return sign, key_sign


def _bucket_tag(bucket: str) -> str:
    return hashlib.sha256(bucket.encode("utf-8")).hexdigest()[:32]


def challenge_for(bucket: str, level: int, secret: bytes, now: datetime) -> dict[str, Any]:
    """A signed challenge of `level` for this bucket, as the browser's solver takes it."""
    top = LEVEL_COUNTERS[max(1, min(level, max(LEVEL_COUNTERS)))]
    counter = top // 2 + secrets.randbelow(top - top // 2 + 1)
    sign, key_sign = _keys(secret)
    expires = int((now + LIFETIME).timestamp())
    challenge = altcha.create_challenge(
        ALGORITHM,
        COST,
        counter=counter,
        data={"b": _bucket_tag(bucket), "l": level, "e": expires},
        hmac_secret=sign,
        hmac_key_secret=key_sign,
    )
    result: dict[str, Any] = challenge.to_dict()
    return result


def accept(session: Session, payload: object, bucket: str, secret: bytes, now: datetime) -> Proof:
    """Check a solved challenge and use it up; NO_PROOF for anything else.

    Checked without touching Argon2: the signature, the bucket, the expiry and the
    solution (one HMAC each), then one INSERT marks it used. A replay finds the marker.
    """
    if not isinstance(payload, str) or not payload or len(payload) > MAX_PAYLOAD_CHARS:
        return NO_PROOF
    sign, key_sign = _keys(secret)
    try:
        result = altcha.verify_solution(payload, sign, hmac_key_secret=key_sign)
        data = json.loads(base64.b64decode(payload, validate=True))["challenge"]["parameters"]
        tag, level, expires = data["data"]["b"], data["data"]["l"], data["data"]["e"]
    except (ValueError, KeyError, TypeError, binascii.Error):
        return NO_PROOF
    if not result.verified or not isinstance(level, int) or not isinstance(expires, int):
        return NO_PROOF
    if not hmac.compare_digest(str(tag), _bucket_tag(bucket)) or expires <= now.timestamp():
        return NO_PROOF
    signature = str(json.loads(base64.b64decode(payload))["challenge"]["signature"])
    marker = USED_PREFIX + hashlib.sha256(signature.encode("utf-8")).hexdigest()
    if not throttle.mark_once(session, marker, datetime.fromtimestamp(expires, now.tzinfo), now):
        return NO_PROOF
    return Proof(level=level)

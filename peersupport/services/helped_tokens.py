"""Single-use tokens for "this helped me": one count per story page a browser really read.

The story page carries a token signed with a key derived from the server secret:
the story, an expiry and a random nonce. Counting needs one, and uses it up (its
used-marker sits in the throttle table until it expires), so a script that makes a
fresh browser key for every count must also fetch the page for every count, and a
token from one story does not count for another.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from peersupport.services import throttle

LIFETIME = timedelta(hours=12)
USED_PREFIX = "h:"
MAX_TOKEN_CHARS = 200


def _key(secret: bytes) -> bytes:
    return hmac.new(secret, b"story-helped/token", hashlib.sha256).digest()


def _mac(secret: bytes, body: str) -> str:
    return hmac.new(_key(secret), body.encode("ascii"), hashlib.sha256).hexdigest()


def issue(secret: bytes, story_id: int, now: datetime) -> str:
    """A token for one count on this story: "<story>.<expires>.<nonce>.<mac>"."""
    body = f"{story_id}.{int((now + LIFETIME).timestamp())}.{secrets.token_hex(12)}"
    return f"{body}.{_mac(secret, body)}"


def use(session: Session, token: object, story_id: int, secret: bytes, now: datetime) -> bool:
    """True once for a valid, unexpired token of this story; False for anything else."""
    if not isinstance(token, str) or len(token) > MAX_TOKEN_CHARS or not token.isascii():
        return False
    body, _, mac = token.rpartition(".")
    parts = body.split(".")
    if len(parts) != 3 or not hmac.compare_digest(mac, _mac(secret, body)):
        return False
    if parts[0] != str(story_id) or not parts[1].isdigit():
        return False
    expires = int(parts[1])
    if expires <= now.timestamp():
        return False
    marker = USED_PREFIX + hashlib.sha256(token.encode("ascii")).hexdigest()
    return throttle.mark_once(session, marker, datetime.fromtimestamp(expires, now.tzinfo), now)

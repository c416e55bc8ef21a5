"""Python reference of the notes protocol's files (design: "Notes protocol v1: files").

A file is sealed under its own key FK: `blob = 0x01 || nonce(12) || AES-256-GCM(FK,
nonce, plaintext, aad="peersupport/notes/v1/file/" + file_id)`, and the note's sealed
JSON lists it with its name, type, size, SHA-256 and FK. The browser code
(peersupport/components/vault.js) produces the committed vectors in
tests/vectors/files_v1.json; tests prove both sides agree byte for byte.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from peersupport.services.notes_protocol import (
    KEY_BYTES,
    NONCE_BYTES,
    TAG_BYTES,
    DecryptionError,
    MalformedError,
    b64u_decode,
    note_aad,
)

AAD_FILE_PREFIX = "peersupport/notes/v1/file/"
BLOB_VERSION = 0x01
FILE_ENTRY_KEYS = frozenset({"id", "name", "type", "size", "sha256", "added", "key"})


def file_aad(file_id: str) -> str:
    """The AAD of a file: its id, a lower-case UUID, so a blob cannot be moved."""
    note_aad(file_id)  # the same canonical-UUID rule as a note id
    return AAD_FILE_PREFIX + file_id


def seal_file(fk: bytes, file_id: str, plaintext: bytes, nonce: bytes | None = None) -> bytes:
    if len(fk) != KEY_BYTES:
        raise MalformedError("a file key is 32 bytes")
    iv = os.urandom(NONCE_BYTES) if nonce is None else nonce
    if len(iv) != NONCE_BYTES:
        raise MalformedError("a nonce is 12 bytes")
    sealed = AESGCM(fk).encrypt(iv, plaintext, file_aad(file_id).encode("utf-8"))
    return bytes([BLOB_VERSION]) + iv + sealed


def open_file(fk: bytes, file_id: str, blob: bytes) -> bytes:
    if len(fk) != KEY_BYTES:
        raise MalformedError("a file key is 32 bytes")
    if len(blob) < 1 + NONCE_BYTES + TAG_BYTES or blob[0] != BLOB_VERSION:
        raise MalformedError("not a v1 file blob")
    iv, sealed = blob[1 : 1 + NONCE_BYTES], blob[1 + NONCE_BYTES :]
    try:
        return AESGCM(fk).decrypt(iv, sealed, file_aad(file_id).encode("utf-8"))
    except InvalidTag as error:
        raise DecryptionError("the file could not be decrypted") from error


@dataclass(frozen=True)
class FileEntry:
    """One file as a note lists it, checked: what opens and proves its blob."""

    id: str
    name: str
    type: str
    size: int
    sha256: str
    added: datetime
    key: bytes

    def open(self, blob: bytes) -> bytes:
        """The plaintext, checked against the size and fingerprint the note recorded."""
        plaintext = open_file(self.key, self.id, blob)
        if len(plaintext) != self.size or hashlib.sha256(plaintext).hexdigest() != self.sha256:
            raise DecryptionError("the file does not match the note's fingerprint")
        return plaintext


def file_entry(raw: Any) -> FileEntry:
    """Read one entry of a note's "files" list, refusing anything malformed."""
    if not isinstance(raw, dict) or not set(raw) >= FILE_ENTRY_KEYS:
        raise MalformedError("a file entry has id, name, type, size, sha256, added and key")
    size, sha, added = raw["size"], raw["sha256"], raw["added"]
    if not isinstance(size, int) or isinstance(size, bool) or size < 0:
        raise MalformedError("a file size is a whole number")
    if not isinstance(sha, str) or len(sha) != 64 or sha.strip("0123456789abcdef"):
        raise MalformedError("a fingerprint is 64 lower-case hex digits")
    if not isinstance(added, str) or not added.endswith("Z"):
        raise MalformedError("a time added is ISO 8601 UTC")
    key = b64u_decode(str(raw["key"]))
    if len(key) != KEY_BYTES:
        raise MalformedError("a file key is 32 bytes")
    file_aad(str(raw["id"]))
    return FileEntry(
        id=str(raw["id"]),
        name=str(raw["name"]),
        type=str(raw["type"]),
        size=size,
        sha256=sha,
        added=datetime.fromisoformat(added.removesuffix("Z") + "+00:00"),
        key=key,
    )

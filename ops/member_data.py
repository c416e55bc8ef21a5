"""Member data that ops/production-check writes before a backup and proves after a restore.

    .venv/bin/python ops/member_data.py write STATE_FILE
    .venv/bin/python ops/member_data.py verify STATE_FILE

Both read the database and the server secret from the PEERSUPPORT_* settings.

- write: one member account (keys derived with the notes protocol's Python reference,
  as a browser would), 3 notes sealed under its data key (the first holds 2 files of the
  evidence vault, each sealed under its own key), and a board thread, which
  waits in the moderation queue. STATE_FILE (JSON, in a throw-away folder) receives
  what the member himself would know: pseudonym, passphrase and note ids, plus a
  SHA-256 of each note's content and of each file, the thread's id and title, and the
  newest published story (id and title as the story list shows it). Prints one line per
  item, without note content.
- verify: derives the keys again from the passphrase and the KDF params the database
  returns, logs in through services.accounts.login, unwraps the data key, opens every
  note and compares it with the recorded digest, opens every file with the key its note
  lists and compares it with the recorded fingerprint, and finds the thread still waiting.
  Prints what it proved; exits 1 naming the first thing that differs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import html
import json
import secrets
import sys
import uuid
from pathlib import Path
from typing import Any

from sqlalchemy import select

from peersupport.database import session_scope
from peersupport.models import Account, BoardPost, BoardThread, ModerationItem
from peersupport.services import accounts, boards, note_files, notes, stories
from peersupport.services.file_protocol import file_entry, seal_file
from peersupport.services.notes_protocol import (
    KdfParams,
    b64u_encode,
    build_registration,
    derive_keys,
    open_note,
    seal_note,
    unwrap_dk,
)
from peersupport.settings import load_settings, server_secret

PSEUDONYM = "HersteldeNotities"
NOTE_COUNT = 3
FILE_SIZES = (2 * 1024 * 1024, 70_001)  # a screenshot and a small PDF, in bytes
BOARD = "herstel"


class VerificationError(Exception):
    """Something restored differs from what was written; the message names it."""


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _digest(content: dict[str, object]) -> str:
    return hashlib.sha256(json.dumps(content, sort_keys=True).encode("utf-8")).hexdigest()


def write(state_file: Path) -> None:
    """Create the account, its notes and a waiting thread; record what verify needs."""
    passphrase = secrets.token_urlsafe(18)
    bundle, dk, _recovery_code = build_registration(PSEUDONYM, passphrase)
    payload = bundle.to_json()
    now = _now()
    digests: dict[str, str] = {}
    with session_scope() as session:
        account = accounts.register(session, PSEUDONYM, payload, now)
        for number in range(1, NOTE_COUNT + 1):
            note_id = str(uuid.uuid4())
            content: dict[str, object] = {
                "title": f"Notitie {number}",
                "body": secrets.token_hex(64),
            }
            if number == 1:
                content["files"] = _store_files(session, account, note_id, now)
            notes.save_note(session, account, note_id, seal_note(dk, note_id, content), now)
            digests[note_id] = _digest(content)
        thread = boards.start_thread(
            session,
            account,
            BOARD,
            title="Wat helpt jou na een slechte nacht?",
            body="Ik slaap slecht sinds alles. Wat doen jullie dan?",
            keep_findings=False,
            limits=load_settings().posting_limits,
            now=now,
        )
        cards, _next = stories.list_published(session)
        if not cards:
            raise VerificationError("no published story: run seed-examples first")
        state: dict[str, Any] = {
            "file_bytes": sum(size + 29 for size in FILE_SIZES),
            "pseudonym": PSEUDONYM,
            "passphrase": passphrase,
            "auth_key": bundle.auth_key,
            "notes": digests,
            "thread_id": thread.id,
            "thread_title": thread.title,
            "story_id": cards[0].id,
            "story_title_html": html.escape(cards[0].title),
        }
    state_file.write_text(json.dumps(state, indent=2), encoding="utf-8")
    state_file.chmod(0o600)
    print(f"account {PSEUDONYM!r} with {NOTE_COUNT} sealed notes, {len(FILE_SIZES)} sealed files")
    print(f"board thread {state['thread_id']} on {BOARD!r}, waiting for a moderator")
    print(f"newest published story: {state['story_id']}")


def _store_files(
    session: Any, account: Account, note_id: str, now: dt.datetime
) -> list[dict[str, object]]:
    """Seal and keep the vault's files as a browser would; the entries the note lists.
    The note row must exist first: a blob belongs to a note."""
    notes.save_note(session, account, note_id, seal_note(secrets.token_bytes(32), note_id, {}), now)
    entries: list[dict[str, object]] = []
    for number, size in enumerate(FILE_SIZES, start=1):
        file_id, fk, plaintext = (
            str(uuid.uuid4()),
            secrets.token_bytes(32),
            secrets.token_bytes(size),
        )
        blob = seal_file(fk, file_id, plaintext)
        note_files.store_file(
            session, account, note_id, file_id, blob, now, load_settings().vault_limits
        )
        entries.append(
            {
                "id": file_id,
                "name": f"bewijs-{number}.png",
                "type": "image/png",
                "size": size,
                "sha256": hashlib.sha256(plaintext).hexdigest(),
                "added": now.strftime("%Y-%m-%dT%H:%M:%SZ"),
                "key": b64u_encode(fk),
            }
        )
    return entries


def _verify_files(session: Any, account: Account, note: dict[str, Any], total: int) -> None:
    entries = [file_entry(raw) for raw in note.get("files", [])]
    stored = note_files.list_files(session, account)
    if {entry.id for entry in entries} != {record.id for record in stored} or not entries:
        raise VerificationError("the files the note lists and the stored blobs differ")
    for entry in entries:
        entry.open(note_files.read_file(session, account, entry.id))  # checks size and SHA-256
    if sum(record.size for record in stored) != total:
        raise VerificationError("the stored files take other space than what was added")
    print(f"{len(entries)} files opened with their note's keys, fingerprints identical")


def verify(state_file: Path) -> None:
    """Log in as the recorded member, open his notes, and find his waiting thread.

    Raises:
        VerificationError: naming what differs.
    """
    state = json.loads(state_file.read_text(encoding="utf-8"))
    secret = server_secret(load_settings())
    with session_scope() as session:
        params = KdfParams.from_json(
            accounts.kdf_params_for_login(session, state["pseudonym"], secret)
        )
    keys = derive_keys(state["passphrase"], state["pseudonym"], params)
    if keys.auth_key != state["auth_key"]:
        raise VerificationError("the restored KDF params give another auth key")
    with session_scope() as session:
        login = accounts.login(session, state["pseudonym"], keys.auth_key, False, secret, _now())
        print(f"logged in as {login.pseudonym!r} with the recorded auth key")
        dk = unwrap_dk(keys.kek, login.wrapped_dk)
        account = session.get(Account, login.account_id)
        assert account is not None
        records = {record.id: record for record in notes.list_notes(session, account)}
        expected: dict[str, str] = state["notes"]
        if set(records) != set(expected):
            raise VerificationError(
                f"the account has {len(records)} notes, {len(expected)} were written"
            )
        for note_id, digest in expected.items():
            content = open_note(dk, note_id, records[note_id].envelope)
            if _digest(content) != digest:
                raise VerificationError(f"note {note_id} opens to other content")
            if content.get("files"):
                _verify_files(session, account, content, state["file_bytes"])
        print(f"{len(expected)} notes unwrapped and opened, content identical")
        thread = session.get(BoardThread, state["thread_id"])
        if thread is None or thread.title != state["thread_title"]:
            raise VerificationError(f"board thread {state['thread_id']} is missing or changed")
        opening = session.scalars(
            select(BoardPost).where(BoardPost.thread_id == thread.id, BoardPost.opening)
        ).one()
        item = session.scalars(
            select(ModerationItem).where(ModerationItem.post_id == opening.id)
        ).one_or_none()
        if opening.state != "pending" or item is None or item.state != "pending":
            raise VerificationError(f"board thread {thread.id} is no longer waiting")
        print(f"board thread {thread.id} still waits in the moderation queue")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=("write", "verify"))
    parser.add_argument("state_file", type=Path)
    arguments = parser.parse_args()
    try:
        if arguments.command == "write":
            write(arguments.state_file)
        else:
            verify(arguments.state_file)
    except VerificationError as error:
        print(f"member data: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

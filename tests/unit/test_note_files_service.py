"""The evidence vault's service: a member keeps, reads and deletes his own blobs only,
within his limits, and a note or an account takes its files with it."""

from __future__ import annotations

import os
import threading
import uuid
from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from peersupport.models import Account, Note, NoteFile
from peersupport.services import account_deletion, note_files, notes
from peersupport.services.errors import InvalidInput, NotAuthorized
from peersupport.services.file_protocol import open_file, seal_file
from peersupport.services.notes_protocol import seal_note
from peersupport.settings import MIB, VaultLimits

from .conftest import NOW, SERVER_SECRET, BrowserKeys, add_account, sign_up

pytestmark = pytest.mark.usefixtures("cheap_password_hashing")
LIMITS = VaultLimits(file_bytes=1 * MIB, account_bytes=3 * MIB)


def new_note(db: Session, account: Account, keys: BrowserKeys) -> str:
    note_id = str(uuid.uuid4())
    notes.save_note(db, account, note_id, seal_note(keys.dk, note_id, {"title": "t"}), NOW)
    db.commit()
    return note_id


def blob_of(size: int) -> tuple[str, bytes, bytes]:
    """A file id, its plaintext and its blob, sealed as the browser does."""
    file_id, plaintext = str(uuid.uuid4()), os.urandom(size)
    return file_id, plaintext, seal_file(os.urandom(32), file_id, plaintext)


def rows(db: Session) -> list[tuple[str, int, str, int, bytes]]:
    db.expire_all()
    return [
        (f.id, f.account_id, f.note_id, f.size, f.blob)
        for f in db.scalars(select(NoteFile).order_by(NoteFile.id))
    ]


def test_a_stored_blob_comes_back_byte_for_byte_and_opens_with_its_key(
    db: Session, jan: tuple[Account, BrowserKeys]
) -> None:
    account, _ = jan
    note_id, file_id, fk = new_note(db, *jan), str(uuid.uuid4()), os.urandom(32)
    blob = seal_file(fk, file_id, b"screenshot bytes")

    record = note_files.store_file(db, account, note_id, file_id, blob, NOW, LIMITS)
    db.commit()

    assert record.size == len(blob) == len(b"screenshot bytes") + 29
    assert open_file(fk, file_id, note_files.read_file(db, account, file_id)) == b"screenshot bytes"
    assert note_files.list_files(db, account) == [record]
    stored = db.get(NoteFile, file_id)
    assert stored is not None and stored.created_at == NOW.replace(minute=0, second=0)
    assert b"screenshot bytes" not in stored.blob


def test_another_member_or_a_moderator_cannot_read_list_replace_or_delete_his_files(
    db: Session, jan: tuple[Account, BrowserKeys], piet: tuple[Account, BrowserKeys]
) -> None:
    account, _ = jan
    note_id = new_note(db, *jan)
    file_id, _, blob = blob_of(100)
    note_files.store_file(db, account, note_id, file_id, blob, NOW, LIMITS)
    db.commit()
    moderator = add_account(db, "Moderator1", role="moderator")
    db.commit()
    before = rows(db)

    for other in (piet[0], moderator):
        with pytest.raises(NotAuthorized):
            note_files.read_file(db, other, file_id)
        assert note_files.list_files(db, other) == []
        with pytest.raises(NotAuthorized):  # the same id, his own blob: refused
            note_files.store_file(db, other, note_id, file_id, b"\x01" + bytes(40), NOW, LIMITS)
        db.rollback()
        with pytest.raises(NotAuthorized):
            note_files.delete_file(db, other, file_id)
        db.rollback()
    other_note = new_note(db, *piet)
    with pytest.raises(NotAuthorized):  # his own note, the id of another's file
        note_files.store_file(db, piet[0], other_note, file_id, blob, NOW, LIMITS)
    db.rollback()

    assert rows(db) == before


def test_a_blob_needs_a_note_of_his_own_and_is_never_replaced(
    db: Session, jan: tuple[Account, BrowserKeys], piet: tuple[Account, BrowserKeys]
) -> None:
    account, _ = jan
    file_id, _, blob = blob_of(10)
    with pytest.raises(NotAuthorized):  # no such note
        note_files.store_file(db, account, str(uuid.uuid4()), file_id, blob, NOW, LIMITS)
    db.rollback()
    with pytest.raises(NotAuthorized):  # another member's note
        note_files.store_file(db, account, new_note(db, *piet), file_id, blob, NOW, LIMITS)
    db.rollback()
    note_id = new_note(db, *jan)
    note_files.store_file(db, account, note_id, file_id, blob, NOW, LIMITS)
    db.commit()
    with pytest.raises(InvalidInput) as refused:
        note_files.store_file(db, account, note_id, file_id, blob_of(10)[2], NOW, LIMITS)
    assert refused.value.code == "file_exists"
    db.rollback()
    assert [row[4] for row in rows(db)] == [blob]


@pytest.mark.parametrize(
    ("note_id", "file_id", "blob", "code"),
    [
        ("NOT-A-UUID", None, b"\x01" + bytes(40), "invalid_note_id"),
        (None, "../etc", b"\x01" + bytes(40), "invalid_file_id"),
        (None, None, "text, not bytes", "invalid_blob"),
        (None, None, b"\x02" + bytes(40), "invalid_blob"),
        (None, None, b"\x01" + bytes(10), "invalid_blob"),
        (None, None, b"\x01" + bytes(MIB + 29), "file_too_large"),
    ],
)
def test_hostile_input_is_refused_before_anything_is_stored(
    db: Session,
    jan: tuple[Account, BrowserKeys],
    note_id: str | None,
    file_id: str | None,
    blob: object,
    code: str,
) -> None:
    account, _ = jan
    real_note = new_note(db, *jan)
    with pytest.raises(InvalidInput) as refused:
        note_files.store_file(
            db,
            account,
            real_note if note_id is None else note_id,
            str(uuid.uuid4()) if file_id is None else file_id,
            blob,
            NOW,
            LIMITS,
        )
    assert refused.value.code == code
    db.rollback()
    assert rows(db) == []


def test_the_largest_file_fits_and_the_account_limit_is_kept(
    db: Session, jan: tuple[Account, BrowserKeys]
) -> None:
    account, _ = jan
    note_id = new_note(db, *jan)
    for _ in range(3):
        file_id, _, blob = blob_of(MIB - 29 - 10)  # three blobs just under 1 MiB each
        note_files.store_file(db, account, note_id, file_id, blob, NOW, LIMITS)
        db.commit()
    file_id, _, blob = blob_of(100)
    used = note_files.usage(db, account, LIMITS).used
    assert used == 3 * (MIB - 10)
    with pytest.raises(InvalidInput) as refused:
        note_files.store_file(db, account, note_id, file_id, blob_of(40)[2], NOW, LIMITS)
    assert refused.value.code == "vault_full"


def test_storage_grows_by_exactly_what_was_added_and_shrinks_when_it_goes(
    db: Session, jan: tuple[Account, BrowserKeys]
) -> None:
    account, _ = jan
    note_id = new_note(db, *jan)
    sizes = [0, 1, 1000, 65_537]
    for size in sizes:
        file_id, _, blob = blob_of(size)
        note_files.store_file(db, account, note_id, file_id, blob, NOW, LIMITS)
    db.commit()
    stored = db.scalar(select(func.sum(func.length(NoteFile.blob))))
    assert stored == sum(sizes) + 29 * len(sizes) == note_files.usage(db, account, LIMITS).used
    first = note_files.list_files(db, account)[0]
    note_files.delete_file(db, account, first.id)
    db.commit()
    assert note_files.usage(db, account, LIMITS).used == stored - first.size


def test_deleting_a_note_deletes_its_files_and_no_others(
    db: Session, jan: tuple[Account, BrowserKeys]
) -> None:
    account, _ = jan
    kept_note, gone_note = new_note(db, *jan), new_note(db, *jan)
    for note_id in (kept_note, gone_note, gone_note):
        file_id, _, blob = blob_of(50)
        note_files.store_file(db, account, note_id, file_id, blob, NOW, LIMITS)
    db.commit()

    notes.delete_note(db, account, gone_note)
    db.commit()

    assert {row[2] for row in rows(db)} == {kept_note}


def test_deleting_the_account_deletes_all_its_files(
    db: Session, jan: tuple[Account, BrowserKeys], piet: tuple[Account, BrowserKeys]
) -> None:
    account, keys = jan
    for member in (jan, piet):
        note_id = new_note(db, *member)
        for _ in range(2):
            file_id, _, blob = blob_of(50)
            note_files.store_file(db, member[0], note_id, file_id, blob, NOW, LIMITS)
    db.commit()

    account_deletion.delete_account(db, account, keys.auth_key, NOW, secret=SERVER_SECRET)
    db.commit()

    assert {row[1] for row in rows(db)} == {piet[0].id}
    assert db.scalar(select(func.count()).select_from(Note)) == 1


def test_parallel_uploads_cannot_pass_the_account_limit(shared_engine: Engine) -> None:
    with Session(shared_engine) as session:
        account, keys = sign_up(session, "raceVault1")
        note_id = new_note(session, account, keys)
        account_id = account.id
    limits = VaultLimits(file_bytes=MIB, account_bytes=MIB)
    blobs = [blob_of(MIB // 3)[::2] for _ in range(8)]  # each a third: at most 2 fit
    start, outcomes = threading.Barrier(len(blobs)), []

    def upload(file_id: str, blob: bytes) -> None:
        start.wait()
        with Session(shared_engine) as session:
            member = session.get(Account, account_id)
            assert member is not None
            try:
                note_files.store_file(
                    session, member, note_id, file_id, blob, datetime.now(UTC), limits
                )
                session.commit()
                outcomes.append("stored")
            except InvalidInput as error:
                session.rollback()
                outcomes.append(error.code)

    threads = [threading.Thread(target=upload, args=pair) for pair in blobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    with Session(shared_engine) as session:
        used = session.scalar(
            select(func.sum(NoteFile.size)).where(NoteFile.account_id == account_id)
        )
    assert sorted(outcomes) == ["stored"] * 2 + ["vault_full"] * 6
    assert used is not None and used <= MIB

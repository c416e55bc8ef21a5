"""Private notes: a member reaches his own notes only, and a refusal changes nothing."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from peersupport.models import Account, Note
from peersupport.services import notes
from peersupport.services.errors import InvalidInput, NotAuthorized
from peersupport.services.notes_protocol import open_note, seal_note

from .conftest import NOW, BrowserKeys

pytestmark = pytest.mark.usefixtures("cheap_password_hashing")


def write(db: Session, member: tuple[Account, BrowserKeys], title: str, minute: int = 0) -> str:
    account, keys = member
    note_id = str(uuid.uuid4())
    envelope = seal_note(keys.dk, note_id, {"title": title, "body": "..."})
    notes.save_note(db, account, note_id, envelope, NOW + timedelta(minutes=minute))
    db.commit()
    return note_id


def table(db: Session) -> list[tuple[str, int, str, object]]:
    """Every note row as it is stored: the proof that a refusal changed nothing."""
    db.expire_all()
    return [
        (note.id, note.account_id, note.envelope, note.updated_at)
        for note in db.scalars(select(Note).order_by(Note.id))
    ]


def test_a_member_reads_back_his_notes_newest_first(
    db: Session, jan: tuple[Account, BrowserKeys]
) -> None:
    for minute, title in enumerate(("eerste", "tweede", "derde")):
        write(db, jan, title, minute)

    records = notes.list_notes(db, jan[0])

    titles = [open_note(jan[1].dk, record.id, record.envelope)["title"] for record in records]
    assert titles == ["derde", "tweede", "eerste"]


def test_the_time_of_a_change_is_kept_to_the_minute(
    db: Session, jan: tuple[Account, BrowserKeys]
) -> None:
    write(db, jan, "x")

    (record,) = notes.list_notes(db, jan[0])

    assert record.updated_at == NOW.replace(second=0)


def test_saving_again_replaces_the_envelope(db: Session, jan: tuple[Account, BrowserKeys]) -> None:
    note_id = write(db, jan, "oud")
    envelope = seal_note(jan[1].dk, note_id, {"title": "nieuw"})

    notes.save_note(db, jan[0], note_id, envelope, NOW + timedelta(hours=1))

    (record,) = notes.list_notes(db, jan[0])
    assert open_note(jan[1].dk, note_id, record.envelope)["title"] == "nieuw"
    assert record.updated_at == (NOW + timedelta(hours=1)).replace(second=0)


def test_member_cannot_read_another_members_note(
    db: Session, jan: tuple[Account, BrowserKeys], piet: tuple[Account, BrowserKeys]
) -> None:
    jans_note = write(db, jan, "van jan")
    write(db, piet, "van piet")

    pieters_list = notes.list_notes(db, piet[0])

    assert len(pieters_list) == 1
    assert jans_note not in {record.id for record in pieters_list}


def test_member_cannot_overwrite_another_members_note(
    db: Session, jan: tuple[Account, BrowserKeys], piet: tuple[Account, BrowserKeys]
) -> None:
    jans_note = write(db, jan, "van jan")
    before = table(db)
    forged = seal_note(piet[1].dk, jans_note, {"title": "overschreven"})

    with pytest.raises(NotAuthorized):
        notes.save_note(db, piet[0], jans_note, forged, NOW + timedelta(hours=1))
    db.rollback()

    assert table(db) == before
    assert notes.list_notes(db, piet[0]) == []
    (record,) = notes.list_notes(db, jan[0])
    assert open_note(jan[1].dk, jans_note, record.envelope)["title"] == "van jan"


def test_member_cannot_delete_another_members_note(
    db: Session, jan: tuple[Account, BrowserKeys], piet: tuple[Account, BrowserKeys]
) -> None:
    jans_note = write(db, jan, "van jan")
    before = table(db)

    with pytest.raises(NotAuthorized):
        notes.delete_note(db, piet[0], jans_note)
    db.rollback()

    assert table(db) == before


def test_deleting_an_unknown_note_is_refused_like_another_members(
    db: Session, jan: tuple[Account, BrowserKeys], piet: tuple[Account, BrowserKeys]
) -> None:
    jans_note = write(db, jan, "van jan")

    with pytest.raises(NotAuthorized) as others:
        notes.delete_note(db, piet[0], jans_note)
    with pytest.raises(NotAuthorized) as unknown:
        notes.delete_note(db, piet[0], str(uuid.uuid4()))

    assert others.value.code == unknown.value.code == "not_authorized"


def test_a_member_deletes_his_own_note(db: Session, jan: tuple[Account, BrowserKeys]) -> None:
    kept, deleted = write(db, jan, "blijft"), write(db, jan, "weg")

    notes.delete_note(db, jan[0], deleted)

    assert [record.id for record in notes.list_notes(db, jan[0])] == [kept]


@pytest.mark.parametrize(
    "note_id",
    [
        None,
        42,
        ["x"],
        {"id": "x"},
        "",
        "not-a-uuid",
        "6F9619FF-8B86-D011-B42D-00C04FC964FF",  # upper case
        "{6f9619ff-8b86-d011-b42d-00c04fc964ff}",
        "6f9619ff8b86d011b42d00c04fc964ff",
        "6f9619ff-8b86-d011-b42d-00c04fc964ff\n",
        "x" * 1_000_000,
    ],
)
def test_a_note_id_that_is_not_a_lower_case_uuid_is_refused(
    db: Session, jan: tuple[Account, BrowserKeys], note_id: object
) -> None:
    envelope = seal_note(jan[1].dk, str(uuid.uuid4()), {"title": "x"})

    with pytest.raises(InvalidInput) as saving:
        notes.save_note(db, jan[0], note_id, envelope, NOW)
    with pytest.raises(InvalidInput) as deleting:
        notes.delete_note(db, jan[0], note_id)

    assert saving.value.code == deleting.value.code == "invalid_note_id"
    assert table(db) == []


@pytest.mark.parametrize(
    "envelope",
    [None, 42, ["v1"], {"v": 1}, "", "plain text note", "v1.x.y", "v2.AAAAAAAAAAAAAAAA.AAAA"],
)
def test_an_envelope_that_does_not_parse_is_refused(
    db: Session, jan: tuple[Account, BrowserKeys], envelope: object
) -> None:
    with pytest.raises(InvalidInput) as refusal:
        notes.save_note(db, jan[0], str(uuid.uuid4()), envelope, NOW)

    assert refusal.value.code == "invalid_envelope"
    assert table(db) == []


def test_a_note_over_256_kib_is_refused(db: Session, jan: tuple[Account, BrowserKeys]) -> None:
    note_id = str(uuid.uuid4())
    largest = seal_note(jan[1].dk, note_id, {"body": "x" * (190 * 1024)})
    too_large = seal_note(jan[1].dk, note_id, {"body": "x" * (193 * 1024)})
    assert len(largest) <= notes.MAX_ENVELOPE_CHARS < len(too_large)

    with pytest.raises(InvalidInput) as refusal:
        notes.save_note(db, jan[0], note_id, too_large, NOW)
    notes.save_note(db, jan[0], note_id, largest, NOW)

    assert refusal.value.code == "note_too_large"


def test_a_member_can_keep_at_most_two_thousand_notes(
    db: Session, jan: tuple[Account, BrowserKeys]
) -> None:
    account, keys = jan
    filler = seal_note(keys.dk, str(uuid.uuid4()), {"title": "x"})  # its form is all that counts
    db.execute(
        insert(Note),
        [
            {
                "id": str(uuid.uuid4()),
                "account_id": account.id,
                "envelope": filler,
                "updated_at": NOW,
            }
            for _ in range(1999)
        ],
    )
    last = write(db, jan, "de laatste")

    with pytest.raises(InvalidInput) as refusal:
        write(db, jan, "te veel")
    changed = seal_note(keys.dk, last, {"title": "nog steeds te wijzigen"})
    notes.save_note(db, account, last, changed, NOW)

    assert refusal.value.code == "too_many_notes"
    assert len(notes.list_notes(db, account)) == 2000

"""The evidence vault's HTTP routes: only the member's own session reaches his blobs,
only from the app's own pages, and no answer may be cached."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from starlette.testclient import TestClient

from peersupport.database import get_engine, upgrade_to_head
from peersupport.http.public_routes import public_routes
from peersupport.models import NoteFile
from peersupport.services import notes, sessions
from peersupport.services.file_protocol import seal_file
from peersupport.services.notes_protocol import seal_note
from peersupport.settings import MIB, load_settings

from .conftest import add_account, sign_up

pytestmark = pytest.mark.usefixtures("cheap_password_hashing")
SAME_ORIGIN = {"sec-fetch-site": "same-origin"}
BLOB = {"content-type": "application/octet-stream"}


@pytest.fixture
def db(fresh_engine_cache: Any) -> Iterator[Session]:
    """A session on the database the door's units of work use (the routes go
    through the door, which opens its own)."""
    upgrade_to_head(load_settings().database_url)
    session = Session(get_engine(), expire_on_commit=False)
    yield session
    session.close()


@pytest.fixture
def client(db: Session) -> Iterator[TestClient]:
    """The public routes as the app serves them, on that database."""
    with TestClient(public_routes()) as test_client:
        yield test_client


def member(db: Session, pseudonym: str, role: str = "member") -> tuple[str, str]:
    """A session token and a note of a new member (or an account of another role)."""
    now = datetime.now(UTC)
    if role == "member":
        account, keys = sign_up(db, pseudonym)
        note_id = str(uuid.uuid4())
        notes.save_note(db, account, note_id, seal_note(keys.dk, note_id, {"title": "t"}), now)
    else:
        account, note_id = add_account(db, pseudonym, role=role), ""
    token = sessions.create_session(db, account, False, now)
    db.commit()
    return token, note_id


def headers(token: str, **more: str) -> dict[str, str]:
    return {**SAME_ORIGIN, "x-kompas-session": token, **more}


def put(client: TestClient, token: str, note_id: str, file_id: str, blob: bytes) -> int:
    response = client.put(
        f"/api/bestanden/{note_id}/{file_id}", content=blob, headers=headers(token, **BLOB)
    )
    assert response.headers["cache-control"] == "no-store"
    return response.status_code


def count(db: Session) -> int:
    return int(db.scalar(select(func.count()).select_from(NoteFile)) or 0)


def test_a_member_uploads_lists_downloads_and_deletes_his_file(
    client: TestClient, db: Session
) -> None:
    token, note_id = member(db, "StilleVos42")
    file_id = str(uuid.uuid4())
    blob = seal_file(bytes(32), file_id, b"a screenshot")

    assert put(client, token, note_id, file_id, blob) == 201
    listing = client.get("/api/bestanden", headers=headers(token))
    assert listing.json() == {
        "files": [{"id": file_id, "note": note_id, "size": len(blob)}],
        "used": len(blob),
        "limit": 100 * MIB,
        "file_limit": 10 * MIB,
    }
    download = client.get(f"/api/bestanden/{file_id}", headers=headers(token))
    assert download.status_code == 200 and download.content == blob
    assert download.headers["cache-control"] == "no-store"
    assert download.headers["content-type"] == "application/octet-stream"
    assert client.delete(f"/api/bestanden/{file_id}", headers=headers(token)).status_code == 204
    assert count(db) == 0


@pytest.mark.parametrize("who", ["another member", "a moderator", "an admin", "no session"])
def test_nobody_else_reads_lists_replaces_or_deletes_his_file(
    client: TestClient, db: Session, who: str
) -> None:
    token, note_id = member(db, "StilleVos42")
    file_id = str(uuid.uuid4())
    blob = seal_file(bytes(32), file_id, b"a screenshot")
    assert put(client, token, note_id, file_id, blob) == 201
    other = {
        "another member": lambda: member(db, "RustigeUil7")[0],
        "a moderator": lambda: member(db, "Moderator1", "moderator")[0],
        "an admin": lambda: member(db, "Beheerder1", "admin")[0],
        "no session": lambda: "",
    }[who]()

    read = client.get(f"/api/bestanden/{file_id}", headers=headers(other))
    listing = client.get("/api/bestanden", headers=headers(other))
    replaced = put(client, other, note_id, file_id, b"\x01" + bytes(60))
    deleted = client.delete(f"/api/bestanden/{file_id}", headers=headers(other))

    assert read.status_code == 404 and read.content != blob
    assert listing.status_code == 404 if not other else listing.json()["files"] == []
    assert replaced == 404 and deleted.status_code == 404
    download = client.get(f"/api/bestanden/{file_id}", headers=headers(token))
    assert download.content == blob


def test_requests_from_another_site_are_refused(client: TestClient, db: Session) -> None:
    token, note_id = member(db, "StilleVos42")
    cross = {"origin": "https://elders.example", "x-kompas-session": token}
    no_sign = {"x-kompas-session": token}

    for sent in (cross, no_sign):
        assert client.get("/api/bestanden", headers=sent).status_code == 403
        response = client.put(
            f"/api/bestanden/{note_id}/{uuid.uuid4()}",
            content=b"\x01" + bytes(60),
            headers={**sent, **BLOB},
        )
        assert response.status_code == 403
    assert count(db) == 0


def test_too_large_or_wrongly_typed_uploads_are_refused(client: TestClient, db: Session) -> None:
    token, note_id = member(db, "StilleVos42")
    too_large = b"\x01" + bytes(10 * MIB + 29)

    assert put(client, token, note_id, str(uuid.uuid4()), too_large) == 413
    typed = client.put(
        f"/api/bestanden/{note_id}/{uuid.uuid4()}",
        content=b"\x01" + bytes(60),
        headers=headers(token, **{"content-type": "text/plain"}),
    )
    assert typed.status_code == 415
    assert count(db) == 0

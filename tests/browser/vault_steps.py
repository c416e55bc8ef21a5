"""Steps the evidence vault's browser tests share: a member with a saved note, adding a
file through the warning and the file chooser, and reading the note's files back."""

from __future__ import annotations

import json
import re
from typing import Any

from playwright.sync_api import FilePayload, Page, expect
from sqlalchemy import create_engine, text

from peersupport.services.file_protocol import FileEntry, file_entry
from peersupport.services.notes_protocol import KdfParams, derive_keys, open_note, unwrap_dk
from tests.browser.test_accounts_notes import (
    SECURING_TIMEOUT_MS,
    sign_up,
    stored_rows,
    unique,
    write_note,
)

PASSPHRASE = "kist lamp haven wolk"


def member_with_note(page: Page, app: Any, title: str) -> str:
    pseudonym = unique("StilleVos")
    sign_up(page, app, pseudonym, PASSPHRASE)
    write_note(page, title, "Zo begon het, op zaterdag.")
    expect(page.locator("#ps-vault")).to_be_visible()
    return pseudonym


def add_file(
    page: Page, name: str, mime: str, content: bytes, *, location: str | None = None
) -> None:
    """Through the warning and the chooser; `location` "keep" or "remove" for a photo
    that carries one."""
    page.get_by_role("button", name="Bestand toevoegen").click()
    warning = page.locator("#ps-vault-warning")
    expect(warning).to_be_visible()
    expect(warning).to_contain_text("Voeg nooit naaktfoto's")
    expect(warning.get_by_role("link", name=re.compile("beelden verwijderen"))).to_have_attribute(
        "href", "/stappen"
    )
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Ik snap het, kies een bestand").click()
    chooser.value.set_files(files=[FilePayload(name=name, mimeType=mime, buffer=content)])
    expect(page.locator("#ps-vault-pending")).to_be_visible()
    if location is not None:
        expect(page.locator("#ps-vault-gps")).to_be_visible()
        page.locator(f"#ps-vault-gps-{location}").check()
    else:
        expect(page.locator("#ps-vault-gps")).to_be_hidden()
    page.get_by_role("button", name="Versleutelen en toevoegen").click()
    expect(page.locator("#ps-vault-msg-added")).to_be_visible(timeout=SECURING_TIMEOUT_MS)
    expect(page.locator("#ps-vault-files")).to_contain_text(name)


def stored_files(
    database_url: str, pseudonym: str
) -> tuple[dict[str, Any], list[FileEntry], dict[str, bytes]]:
    """The note (opened with the passphrase), its file entries, and every stored blob."""
    account, notes = stored_rows(database_url, pseudonym)
    engine = create_engine(database_url)
    with engine.connect() as connection:
        blobs = connection.execute(
            text(
                "SELECT note_files.id, note_files.blob FROM note_files"
                " JOIN accounts ON accounts.id = note_files.account_id"
                " WHERE accounts.pseudonym = :p"
            ),
            {"p": pseudonym},
        ).all()
    engine.dispose()
    kdf = KdfParams.from_json(json.loads(str(account["kdf"])))
    data_key = unwrap_dk(derive_keys(PASSPHRASE, pseudonym, kdf).kek, str(account["wrapped_dk"]))
    (note,) = [open_note(data_key, note_id, envelope) for note_id, envelope in notes]
    listed = note.get("files", [])
    assert isinstance(listed, list)
    entries = [file_entry(raw) for raw in listed]
    return note, entries, {row.id: bytes(row.blob) for row in blobs}

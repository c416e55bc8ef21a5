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
from tests.browser.test_accounts_notes import SECURING_TIMEOUT_MS, sign_up, unique, write_note

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
    engine = create_engine(database_url)
    with engine.connect() as connection:
        account = connection.execute(
            text("SELECT id, kdf_params, wrapped_dk FROM accounts WHERE pseudonym = :p"),
            {"p": pseudonym},
        ).one()
        notes = connection.execute(
            text("SELECT id, envelope FROM notes WHERE account_id = :a"), {"a": account.id}
        ).all()
        blobs = connection.execute(
            text("SELECT id, blob FROM note_files WHERE account_id = :a"), {"a": account.id}
        ).all()
    engine.dispose()
    keys = derive_keys(PASSPHRASE, pseudonym, KdfParams.from_json(json.loads(account.kdf_params)))
    data_key = unwrap_dk(keys.kek, account.wrapped_dk)
    (note,) = [open_note(data_key, row.id, row.envelope) for row in notes]
    listed = note.get("files", [])
    assert isinstance(listed, list)
    entries = [file_entry(raw) for raw in listed]
    return note, entries, {row.id: bytes(row.blob) for row in blobs}

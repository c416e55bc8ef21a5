"""The evidence vault in a real browser: a file is added through the warning, sealed
before it leaves, shown from memory, exported as a ZIP whose fingerprints hold, and no
websocket frame or HTTP body ever carries its bytes or its key."""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import json
import re
import zipfile
from pathlib import Path
from typing import Any

from playwright.sync_api import FilePayload, Page, Request, expect

from peersupport.services.file_protocol import open_file
from peersupport.settings import load_settings
from tests.browser.conftest import RunningApp
from tests.browser.test_accounts_notes import SECURING_TIMEOUT_MS, FrameRecorder
from tests.browser.vault_files import EXIF_DATE, canvas_jpeg, with_exif
from tests.browser.vault_steps import add_file, member_with_note, stored_files

SCREENSHOTS = Path(__file__).resolve().parents[2] / "tests" / "artifacts" / "screenshots"


class BodyRecorder:
    """Every HTTP request body the page sends (uploads included), as bytes."""

    def __init__(self, page: Page) -> None:
        self.bodies: list[tuple[str, bytes]] = []
        page.on("request", self._keep)

    def _keep(self, request: Request) -> None:
        body = request.post_data_buffer
        if body:
            self.bodies.append((request.method + " " + request.url, body))


def encodings(secret: bytes) -> list[bytes]:
    """The ways a script could carry these bytes in text."""
    return [
        secret,
        secret.hex().encode(),
        base64.b64encode(secret).rstrip(b"="),
        base64.urlsafe_b64encode(secret).rstrip(b"="),
    ]


def slices(plaintext: bytes, size: int = 48) -> list[bytes]:
    """Pieces from the start, middle and end: any one of them sent would be a leak."""
    middle = len(plaintext) // 2
    return [plaintext[:size], plaintext[middle : middle + size], plaintext[-size:]]


def download_zip(page: Page) -> zipfile.ZipFile:
    with page.expect_download(timeout=SECURING_TIMEOUT_MS) as download:
        page.get_by_role("button", name="Download als zip").click()
    path = download.value.path()
    assert download.value.suggested_filename == "export.zip"
    return zipfile.ZipFile(io.BytesIO(Path(path).read_bytes()))


def test_a_file_is_added_viewed_and_exported_and_never_leaves_unsealed(
    page: Page, running_app: RunningApp, app_env: dict[str, str]
) -> None:
    frames, bodies = FrameRecorder(page), BodyRecorder(page)
    title = "Bewijs van de chat"
    pseudonym = member_with_note(page, running_app, title)
    photo = with_exif(canvas_jpeg(page), place=(52.37, 4.89))
    pdf = b"%PDF-1.4\n% a payment demand\n" + bytes(range(256)) * 40 + b"\n%%EOF\n"

    add_file(page, "chat.jpg", "image/jpeg", photo, location="keep")
    card = page.locator('#ps-vault-files li:has-text("chat.jpg")')
    expect(card).to_contain_text(hashlib.sha256(photo).hexdigest())
    expect(card).to_contain_text("2026-11-30 21:14:05")
    add_file(page, "betaalverzoek.pdf", "application/pdf", pdf)
    expect(page.locator('#ps-vault-files li:has-text("betaalverzoek.pdf")')).to_contain_text(
        "staat niet in het bestand"
    )

    page.get_by_role("button", name="Bestanden laten zien").click()
    image = page.locator("#ps-vault-files img.vault-file__image")
    expect(image).to_have_attribute("src", re.compile(r"^blob:"))
    assert page.evaluate("document.querySelector('#ps-vault-files img').naturalWidth") == 64
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "vault-nl.png"), full_page=True)

    archive = download_zip(page)
    names = set(archive.namelist())
    assert {"manifest.csv", "manifest.json", "notities.txt", "overzicht.html"} <= names
    assert "LEESMIJ.txt" in names
    manifest = json.loads(archive.read("manifest.json"))
    originals = {"chat.jpg": photo, "betaalverzoek.pdf": pdf}
    assert sorted(row["name"] for row in manifest) == sorted(originals)
    for row in manifest:
        content = archive.read(row["file"])
        assert content == originals[row["name"]]
        assert hashlib.sha256(content).hexdigest() == row["sha256"]
        assert row["size"] == len(content) and row["note"] == title
        assert row["added"].endswith("Z")
    rows = list(csv.DictReader(io.StringIO(archive.read("manifest.csv").decode())))
    assert [(r["name"], r["sha256"]) for r in rows] == [(m["name"], m["sha256"]) for m in manifest]
    assert title in archive.read("notities.txt").decode()
    overview = archive.read("overzicht.html").decode()
    assert all(row["sha256"] in overview for row in manifest) and "<script" not in overview
    assert "certutil -hashfile" in archive.read("LEESMIJ.txt").decode()
    expect(page.locator("#ps-vault-msg-exported")).to_be_visible()

    # The server holds only sealed blobs, which the note's keys open to the originals.
    database_url = load_settings(app_env).database_url
    note, entries, blobs = stored_files(database_url, pseudonym)
    assert note["title"] == title and len(entries) == 2 == len(blobs)
    for entry in entries:
        assert entry.open(blobs[entry.id]) == originals[entry.name]
        assert open_file(entry.key, entry.id, blobs[entry.id]) == originals[entry.name]

    # Nothing plain left the browser: no frame, no request body.
    secrets: list[bytes] = []
    for content in originals.values():
        secrets += slices(content)
    for entry in entries:
        secrets += encodings(entry.key)
    assert frames.frames and bodies.bodies
    uploads = [body for what, body in bodies.bodies if what.startswith("PUT ")]
    assert sorted(uploads) == sorted(blobs.values())
    for secret in secrets:
        for variant in encodings(secret) if len(secret) == 48 else [secret]:
            text = variant.decode("latin-1")
            assert not [f for f in frames.frames if text in f], "a frame carried file bytes"
            assert not [w for w, b in bodies.bodies if variant in b], "a body carried file bytes"

    # The service worker never keeps a file: the cached entries are the fixed shell only.
    cached = page.evaluate(
        "async () => { const out = []; for (const name of await caches.keys()) {"
        " const cache = await caches.open(name);"
        " for (const r of await cache.keys()) out.push(r.url); } return out; }"
    )
    assert not [url for url in cached if "/api/" in url]


def test_a_photos_place_is_removed_before_it_is_sealed_when_he_chooses(
    page: Page, running_app: RunningApp, app_env: dict[str, str]
) -> None:
    pseudonym = member_with_note(page, running_app, "Profiel")
    photo = with_exif(canvas_jpeg(page), place=(51.92, 4.48))

    add_file(page, "profiel.jpg", "image/jpeg", photo, location="remove")

    _, (entry,), blobs = stored_files(load_settings(app_env).database_url, pseudonym)
    kept = entry.open(blobs[entry.id])
    assert kept != photo and kept[:2] == b"\xff\xd8"
    assert b"Exif\0\0" not in kept
    assert entry.sha256 == hashlib.sha256(kept).hexdigest()
    # The time the photo says it was made is kept in the note.
    assert entry_made(stored_files(load_settings(app_env).database_url, pseudonym)[0]) == [
        EXIF_DATE.replace(":", "-", 2)
    ]


def entry_made(note: dict[str, Any]) -> list[str]:
    return [raw.get("made") for raw in note["files"]]


def test_too_large_or_wrong_files_are_refused_before_anything_is_sent(
    page: Page, running_app: RunningApp
) -> None:
    bodies = BodyRecorder(page)
    member_with_note(page, running_app, "Te groot")

    for name, mime, size, message in [
        ("groot.png", "image/png", 10 * 2**20 + 1, "groter dan 10 MB"),
        ("film.mp4", "video/mp4", 1000, "Dit soort bestand kan niet"),
    ]:
        page.get_by_role("button", name="Bestand toevoegen").click()
        with page.expect_file_chooser() as chooser:
            page.get_by_role("button", name="Ik snap het, kies een bestand").click()
        chooser.value.set_files(files=[FilePayload(name=name, mimeType=mime, buffer=bytes(size))])
        expect(page.get_by_text(message)).to_be_visible()
        expect(page.locator("#ps-vault-pending")).to_be_hidden()

    assert not [what for what, _ in bodies.bodies if what.startswith("PUT ")]


# Whether a blob: URL still gives an image (the page's policy lets images, not fetch, read it).
LOADS = """(u) => new Promise((resolve) => { const i = new Image();
  i.onload = () => resolve("loads"); i.onerror = () => resolve("revoked"); i.src = u; })"""


def test_what_the_quick_exit_calls_takes_the_images_out_of_the_page_and_memory(
    page: Page, running_app: RunningApp
) -> None:
    # The quick exit itself (hiding, leaving, Back) is tested in test_quick_exit.py; it
    # calls psVault.forget() before it leaves (tests/unit/test_vault_offline.py).
    member_with_note(page, running_app, "Snel weg")
    add_file(page, "chat.jpg", "image/jpeg", canvas_jpeg(page))
    page.get_by_role("button", name="Bestanden laten zien").click()
    image = page.locator("#ps-vault-files img")
    expect(image).to_be_visible()
    url = image.get_attribute("src")
    assert page.evaluate(LOADS, url) == "loads"

    page.evaluate("window.psVault.forget()")

    assert page.evaluate("document.querySelectorAll('#ps-vault-files img').length") == 0
    assert page.evaluate("document.getElementById('ps-vault').hidden")
    assert page.evaluate(LOADS, url) == "revoked"


def test_the_vault_and_its_export_speak_english_when_chosen(
    page: Page, running_app: RunningApp
) -> None:
    member_with_note(page, running_app, "Chat")
    photo = with_exif(canvas_jpeg(page), place=(52.1, 5.1))
    page.screenshot(path=str(SCREENSHOTS / "vault-empty-nl.png"))
    page.locator("button.language-switch").first.click()
    expect(page.get_by_role("button", name="Add a file")).to_be_visible()

    page.get_by_role("button", name="Add a file").click()
    expect(page.locator("#ps-vault-warning")).to_contain_text("Never add nude photos")
    page.locator("#ps-vault-warning").scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOTS / "vault-warning-en.png"))
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="I understand, choose a file").click()
    chooser.value.set_files(
        files=[FilePayload(name="chat.jpg", mimeType="image/jpeg", buffer=photo)]
    )
    expect(page.locator("#ps-vault-gps")).to_contain_text("This photo holds the place")
    page.locator("#ps-vault-pending").scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOTS / "vault-location-en.png"))
    page.get_by_role("button", name="Encrypt and add").click()
    expect(page.locator("#ps-vault-msg-added")).to_contain_text("encrypted and kept")
    page.get_by_role("button", name="Show files").click()
    expect(page.locator("#ps-vault-files img")).to_be_visible()
    page.screenshot(path=str(SCREENSHOTS / "vault-en.png"), full_page=True)

    with page.expect_download(timeout=SECURING_TIMEOUT_MS) as download:
        page.get_by_role("button", name="Download as zip").click()
    archive = zipfile.ZipFile(io.BytesIO(Path(download.value.path()).read_bytes()))
    assert archive.read("LEESMIJ.txt").decode().startswith("README")
    assert "Overview of evidence" in archive.read("overzicht.html").decode()

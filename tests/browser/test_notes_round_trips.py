"""What saving a note and opening the notes page cost on the wire, with five notes.

Saving sends one event carrying only that note's id and ciphertext, and the answer
carries no other note: the browser updates its own decrypted list. Opening the page
brings every note's ciphertext exactly once. The figures (events, bytes) are printed
so a run shows them (`pytest -s`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from playwright.sync_api import Page, WebSocket, expect

from tests.browser.conftest import RunningApp
from tests.browser.test_accounts_notes import (
    SECURING_TIMEOUT_MS,
    database_url_of,
    sign_up,
    stored_rows,
    unique,
    write_note,
)

NOTES = 5
# A socket.io message frame ("42[...]"), as opposed to its pings ("2", "3").
MESSAGE = re.compile(r"^4\d")


@dataclass
class Wire:
    """The message frames in each direction since the last `clear`."""

    sent: list[str] = field(default_factory=list)
    received: list[str] = field(default_factory=list)

    def attach(self, page: Page) -> None:
        def on_socket(socket: WebSocket) -> None:
            socket.on("framesent", lambda payload: self._keep(self.sent, payload))
            socket.on("framereceived", lambda payload: self._keep(self.received, payload))

        page.on("websocket", on_socket)

    @staticmethod
    def _keep(frames: list[str], payload: str | bytes) -> None:
        text = payload if isinstance(payload, str) else payload.decode("utf-8", "replace")
        if MESSAGE.match(text):
            frames.append(text)

    def clear(self) -> None:
        self.sent.clear()
        self.received.clear()

    def figures(self) -> str:
        return (
            f"{len(self.sent)} event(s) sent ({sum(map(len, self.sent))} bytes), "
            f"{len(self.received)} frame(s) received ({sum(map(len, self.received))} bytes)"
        )


def settle(page: Page) -> None:
    """Let any event the last answer would still start reach the wire."""
    expect(page.locator(".status--busy")).to_have_count(0, timeout=SECURING_TIMEOUT_MS)
    page.wait_for_timeout(1500)


def test_saving_a_note_sends_only_that_note_once_and_opening_fetches_each_once(
    page: Page, running_app: RunningApp, app_env: dict[str, str]
) -> None:
    wire = Wire()
    wire.attach(page)
    pseudonym = unique("TelVos")
    sign_up(page, running_app, pseudonym, "kaars tafel vloer dak")
    for number in range(1, NOTES + 1):
        write_note(page, f"Notitie {number}", f"Tekst van notitie {number}")
    expect(page.locator("#ps-note-list li")).to_have_count(NOTES)
    settle(page)

    page.locator("#ps-note-list button", has_text="Notitie 3").click()
    page.fill("#ps-note-body", "Tekst van notitie 3, nu langer")
    wire.clear()
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Bewaard.")).to_be_visible(timeout=SECURING_TIMEOUT_MS)
    settle(page)
    saved = Wire(list(wire.sent), list(wire.received))
    opened_id = page.evaluate("() => psf().currentNoteId().id")
    print(f"\nsave one note of {NOTES}: {saved.figures()}")

    # Away and back inside the app: the data key stays in this tab's memory.
    page.get_by_role("link", name="Mijn account").click()
    page.wait_for_url(running_app.url + "/account")
    settle(page)
    wire.clear()
    page.locator("a[href='/notities']").first.click()
    expect(page.locator("#ps-note-list li")).to_have_count(NOTES, timeout=SECURING_TIMEOUT_MS)
    settle(page)
    print(f"open the notes page with {NOTES}: {wire.figures()}")
    _, stored = stored_rows(database_url_of(running_app, app_env), pseudonym)
    assert len(stored) == NOTES
    envelopes = dict(stored)
    mine = envelopes.pop(opened_id)
    assert len(saved.sent) == 1, saved.sent
    assert opened_id in saved.sent[0] and mine in saved.sent[0]
    for other_id, other in envelopes.items():
        for frame in saved.sent + saved.received:
            assert other not in frame and other_id not in frame
    assert all(mine not in frame for frame in saved.received)
    # The list shows the new text without fetching or opening the other notes again.
    expect(page.locator("#ps-note-list li")).to_have_count(NOTES)
    page.fill("#ps-note-search", "nu langer")
    expect(page.locator("#ps-note-list li")).to_have_count(1)
    page.fill("#ps-note-search", "")

    for _note_id, envelope in stored:
        assert sum(frame.count(envelope) for frame in wire.received) == 1
        assert all(envelope not in frame for frame in wire.sent)

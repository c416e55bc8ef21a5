"""The browser's file encryption (peersupport/components/file_crypto.js) in headless
Chromium: it reproduces the committed vectors in tests/vectors/files_v1.json, which the
Python reference (peersupport/services/file_protocol.py) checks byte for byte, and each
side opens what the other sealed.

To write the vectors (the first time, or after a deliberate protocol change):

    PEERSUPPORT_WRITE_VECTORS=1 .venv/bin/python -m pytest tests/browser/test_file_vectors.py
"""

from __future__ import annotations

import hashlib
import http.server
import json
import os
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, Playwright

from peersupport.services import file_protocol as fp
from peersupport.services.notes_protocol import DecryptionError, b64u_decode, b64u_encode
from tests.browser.harness import CHROMIUM, CHROMIUM_ARGS, PROJECT_ROOT

VECTORS_FILE = PROJECT_ROOT / "tests" / "vectors" / "files_v1.json"
WRITE_VECTORS = os.environ.get("PEERSUPPORT_WRITE_VECTORS") == "1"
CSP = "default-src 'none'; script-src 'self'; connect-src 'none'; base-uri 'none'"
GLUE = """
const files = createFileCrypto();
function b64uEncode(u8) {
  let s = ""; for (const b of u8) s += String.fromCharCode(b);
  return btoa(s).replace(/\\+/g, "-").replace(/\\//g, "_").replace(/=+$/, "");
}
function b64uDecode(t) {
  const s = atob(t.replace(/-/g, "+").replace(/_/g, "/"));
  return Uint8Array.from(s, (c) => c.charCodeAt(0));
}
window.harness = {
  vectors: (inputs) => files.vectors(inputs, b64uDecode, b64uEncode),
  open: async (fk, id, blob) =>
    b64uEncode(await files.openFile(b64uDecode(fk), id, b64uDecode(blob))),
  openError: async (fk, id, blob) => {
    try { await files.openFile(b64uDecode(fk), id, b64uDecode(blob)); return "none"; }
    catch (error) { return error.code; }
  },
  sealRandom: async (id, plain) => {
    const fk = files.newFileKey();
    const blob = await files.sealFile(fk, id, b64uDecode(plain));
    return { fk: b64uEncode(fk), blob: b64uEncode(blob) };
  },
};
window.harnessReady = true;
"""


def fixed(label: str, size: int) -> str:
    digest = hashlib.sha256(f"peersupport files v1 test vector: {label}".encode()).digest()
    return b64u_encode((digest * (size // 32 + 1))[:size])


INPUTS = [
    ("empty-file", "0b7f3c2e-5a4d-4e6f-9a1b-2c3d4e5f6a7b", b""),
    ("small-text", "6f1c9d0a-3b2e-4c5d-8e7f-a0b1c2d3e4f5", "Schermafbeelding ë 🚀\n".encode()),
    ("binary-4k", "00000000-0000-4000-8000-000000000001", bytes(range(256)) * 16),
]


def vector_inputs(label: str, file_id: str, plaintext: bytes) -> dict[str, str]:
    return {
        "file_id": file_id,
        "fk": fixed(f"{label}/fk", 32),
        "nonce": fixed(f"{label}/nonce", 12),
        "plaintext": b64u_encode(plaintext),
    }


@pytest.fixture(scope="module")
def harness(playwright_instance: Playwright) -> Iterator[Page]:
    code = (PROJECT_ROOT / "peersupport" / "components" / "file_crypto.js").read_text()
    served = {
        "/": ("text/html", b'<!doctype html><script type="module" src="/h.js"></script>'),
        "/h.js": ("text/javascript", (code + GLUE).encode()),
    }

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            kind, body = served.get(self.path, ("text/plain", b""))
            self.send_response(200 if self.path in served else 404)
            self.send_header("content-type", kind)
            self.send_header("content-security-policy", CSP)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            return

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    browser: Browser = playwright_instance.chromium.launch(
        executable_path=CHROMIUM, args=CHROMIUM_ARGS
    )
    page = browser.new_page()
    page.goto(f"http://127.0.0.1:{server.server_address[1]}/")
    page.wait_for_function("window.harnessReady === true")
    yield page
    browser.close()
    server.shutdown()
    server.server_close()


def call(page: Page, name: str, *args: Any) -> Any:
    return page.evaluate(f"(args) => window.harness.{name}(...args)", list(args))


def test_the_browser_reproduces_the_committed_vectors_and_python_agrees(harness: Page) -> None:
    made = []
    for label, file_id, plaintext in INPUTS:
        inputs = vector_inputs(label, file_id, plaintext)
        made.append({"label": label, "inputs": inputs, "outputs": call(harness, "vectors", inputs)})
    if WRITE_VECTORS:
        VECTORS_FILE.write_text(json.dumps(made, indent=2, ensure_ascii=False) + "\n")
    committed = json.loads(VECTORS_FILE.read_text())
    assert made == committed

    for vector in committed:
        inputs, outputs = vector["inputs"], vector["outputs"]
        fk, nonce = b64u_decode(inputs["fk"]), b64u_decode(inputs["nonce"])
        plaintext, blob = b64u_decode(inputs["plaintext"]), b64u_decode(outputs["blob"])
        # The Python reference seals to the very same bytes and opens the browser's blob.
        assert fp.seal_file(fk, inputs["file_id"], plaintext, nonce) == blob
        assert fp.open_file(fk, inputs["file_id"], blob) == plaintext
        assert blob[0] == 1 and blob[1:13] == nonce and len(blob) == len(plaintext) + 29
        assert outputs["sha256"] == hashlib.sha256(plaintext).hexdigest()
        assert outputs["size"] == len(plaintext)


def test_each_side_opens_what_the_other_sealed_and_refuses_a_moved_or_changed_blob(
    harness: Page,
) -> None:
    file_id = "7a1c9d0a-3b2e-4c5d-8e7f-a0b1c2d3e4f5"
    other_id = "7a1c9d0a-3b2e-4c5d-8e7f-a0b1c2d3e4f6"
    plaintext = os.urandom(5000)
    sealed = call(harness, "sealRandom", file_id, b64u_encode(plaintext))
    fk, blob = b64u_decode(sealed["fk"]), b64u_decode(sealed["blob"])
    assert fp.open_file(fk, file_id, blob) == plaintext
    with pytest.raises(DecryptionError):
        fp.open_file(fk, other_id, blob)

    python_blob = fp.seal_file(fk, file_id, plaintext)
    assert call(harness, "open", sealed["fk"], file_id, b64u_encode(python_blob)) == b64u_encode(
        plaintext
    )
    changed = bytearray(python_blob)
    changed[-1] ^= 1
    assert call(harness, "openError", sealed["fk"], file_id, b64u_encode(bytes(changed))) == (
        "decrypt_failed"
    )
    assert call(harness, "openError", sealed["fk"], other_id, b64u_encode(python_blob)) == (
        "decrypt_failed"
    )
    assert call(harness, "openError", sealed["fk"], file_id, b64u_encode(b"\x02" + bytes(40))) == (
        "malformed"
    )

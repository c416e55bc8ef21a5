"""The browser's notes protocol (peersupport/components/notes_crypto.js) in headless
Chromium: it reproduces the committed test vectors, refuses what it must refuse, runs
every flow, and agrees with the Python reference (peersupport/services/notes_protocol.py)
in both directions.

The page is a tiny harness served from 127.0.0.1 (a secure context, so WebCrypto works)
under a strict Content-Security-Policy: it imports hash-wasm's ESM build from
.tools/node_modules (``npm install --prefix .tools hash-wasm@4.13.0``) and runs the very
module-level code the Reflex component pastes into the app's pages.

The vectors in tests/vectors/notes_v1.json are produced by this browser code. To write
the file (the first time, or after a deliberate protocol change, which needs a new
protocol version anyway), run:

    PEERSUPPORT_WRITE_VECTORS=1 .venv/bin/python -m pytest \
        tests/browser/test_notes_vectors.py -k committed

Without that variable the test compares the browser's output with the file, field by
field and then byte for byte.
"""

from __future__ import annotations

import hashlib
import http.server
import json
import os
import statistics
import threading
import unicodedata
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, Playwright

from peersupport.components.notes_crypto import HASH_WASM, notes_crypto_custom_code
from peersupport.services import notes_protocol as np
from tests.browser.harness import CHROMIUM, CHROMIUM_ARGS, PROJECT_ROOT

VECTORS_FILE = PROJECT_ROOT / "tests" / "vectors" / "notes_v1.json"
HASH_WASM_ESM = PROJECT_ROOT / ".tools" / "node_modules" / "hash-wasm" / "dist" / "index.esm.js"
WRITE_VECTORS = os.environ.get("PEERSUPPORT_WRITE_VECTORS") == "1"
# What the app's own policy allows for scripts, minus what Reflex needs for its pages.
HARNESS_CSP = (
    "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'none'; "
    "base-uri 'none'; form-action 'none'"
)
EXPECTED_FIELDS = [
    "normalized_pseudonym",
    "salt",
    "kek",
    "auth_key",
    "wrapped_dk",
    "rk",
    "recovery_auth",
    "wrapped_dk_rc",
    "recovery_code",
    "note_envelope",
]

# --- fixed inputs ------------------------------------------------------------------------


def fixed(label: str, size: int) -> str:
    """Deterministic 'random' bytes for a vector, as b64u."""
    digest = hashlib.sha256(f"peersupport notes v1 test vector: {label}".encode()).digest()
    return np.b64u_encode(digest[:size])


def vector_inputs(
    label: str,
    pseudonym: str,
    phrase: str,
    m: int,
    t: int,
    p: int,
    note_id: str,
    note: dict[str, object],
) -> dict[str, object]:
    return {
        "pseudonym": pseudonym,
        "passphrase": phrase,
        "params": {
            "v": 1,
            "alg": "argon2id",
            "m": m,
            "t": t,
            "p": p,
            "seed": fixed(f"{label}/seed", 32),
        },
        "dk": fixed(f"{label}/dk", 32),
        "rc": fixed(f"{label}/rc", 16),
        "nonces": {
            "dk": fixed(f"{label}/nonce/dk", 12),
            "dk_rc": fixed(f"{label}/nonce/dk_rc", 12),
            "note": fixed(f"{label}/nonce/note", 12),
        },
        "note_id": note_id,
        "note": note,
    }


LONG_PASSPHRASE = (
    "Dit is een lange wachtzin van meer dan tweehonderd tekens, met accenten (café, naïef, "
    "coöperatie), Grieks (ΟΔΥΣΣΕΑΣ), Japans (パスワード), emoji (🚀🧭🌈) en witruimte\tin\tde "
    "midden. " * 2
) + "Ontbonden: cafe\u0301 en nai\u0308ef."
assert len(LONG_PASSPHRASE) > 300

FIXED_INPUTS: list[tuple[str, dict[str, object]]] = [
    (
        "ascii-pseudonym",
        vector_inputs(
            "ascii-pseudonym",
            pseudonym="StilleVos42",
            phrase="correct horse battery staple",
            m=19456,
            t=2,
            p=1,
            note_id="0b7f3c2e-5a4d-4e6f-9a1b-2c3d4e5f6a7b",
            note={"title": "Eerste notitie", "body": "Vandaag ging het wat beter."},
        ),
    ),
    (
        # Decomposed É and é, leading spaces, a trailing ideographic space; and a
        # passphrase with a decomposed ë: NFKC + strip + lower and NFC all matter.
        "pseudonym-nfkc-strip-lower",
        vector_inputs(
            "pseudonym-nfkc",
            pseudonym="  E\u0301e\u0301nHoorn_42 \u3000",
            phrase="Wachtwoord met e\u0308 en 🚀",
            m=19456,
            t=2,
            p=1,
            note_id="6f1c9d0a-3b2e-4c5d-8e7f-a0b1c2d3e4f5",
            note={
                "title": 'Lastig: "quotes", \\ en </script>',
                "body": "Regel 1\nRegel 2\tmet tab, \u0001 controle, \u2028 scheiding, ë en 🚀",
            },
        ),
    ),
    (
        # The same account typed in precomposed form: every output equals the set above.
        "pseudonym-precomposed-same-keys",
        vector_inputs(
            "pseudonym-nfkc",
            pseudonym="  ÉénHoorn_42 ",
            phrase="Wachtwoord met ë en 🚀",
            m=19456,
            t=2,
            p=1,
            note_id="6f1c9d0a-3b2e-4c5d-8e7f-a0b1c2d3e4f5",
            note={
                "title": 'Lastig: "quotes", \\ en </script>',
                "body": "Regel 1\nRegel 2\tmet tab, \u0001 controle, \u2028 scheiding, ë en 🚀",
            },
        ),
    ),
    (
        # Full-width letters (NFKC) with the real default params.
        "fullwidth-pseudonym-default-params",
        vector_inputs(
            "fullwidth-default",
            pseudonym="ＢｌａｕｗＶｏｓ７",
            phrase="Wachtwoord met ë en 🚀",
            m=65536,
            t=3,
            p=4,
            note_id="c4a2e8f0-7d6b-4a59-b3c1-0e9f8d7c6b5a",
            note={
                "title": "Checklist",
                "body": "Uitslag bewaard",
                "kind": "checklist",
                "score": 3,
                "saved": True,
                "tags": ["hulp", "veilig"],
                "extra": None,
            },
        ),
    ),
    (
        # A long passphrase with several scripts, tabs and decomposed characters;
        # a Greek pseudonym with a final sigma; two Argon2 lanes.
        "long-passphrase",
        vector_inputs(
            "long-passphrase",
            pseudonym="ΟΔΥΣΣΕΑΣ_7",
            phrase=LONG_PASSPHRASE,
            m=19456,
            t=2,
            p=2,
            note_id="9e8d7c6b-5a49-4837-a625-14f3e2d1c0b9",
            note={"title": "", "body": "x" * 2000},
        ),
    ),
]

# --- the harness -------------------------------------------------------------------------

# Test-only glue: values cross page.evaluate as JSON, so bytes travel as {"$bytes": b64u}
# and CryptoKeys stay in the page, referred to as {"$key": id}.
HARNESS_GLUE = """
const N = window.peersupportNotes;
const keys = new Map();
let keyCount = 0;
function dec(v) {
  if (Array.isArray(v)) return v.map(dec);
  if (v && typeof v === "object") {
    if ("$bytes" in v) return N.b64uDecode(v.$bytes);
    if ("$key" in v) return keys.get(v.$key);
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, dec(x)]));
  }
  return v;
}
function enc(v) {
  if (v instanceof Uint8Array) return { $bytes: N.b64uEncode(v) };
  if (v instanceof CryptoKey) {
    const id = "key" + ++keyCount;
    keys.set(id, v);
    return { $key: id };
  }
  if (Array.isArray(v)) return v.map(enc);
  if (v && typeof v === "object") {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, enc(x)]));
  }
  return v;
}
window.harness = {
  keys,
  async call(name, args) {
    return enc(await N[name](...dec(args)));
  },
  async errorOf(name, args) {
    try {
      await N[name](...dec(args));
    } catch (error) {
      return error.code || "uncoded " + error.name + ": " + error.message;
    }
    return "no error";
  },
};
window.harnessReady = true;
"""

HARNESS_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>notes protocol harness</title>
<script type="module" src="/harness.js"></script></head><body></body></html>"""


def harness_files() -> dict[str, tuple[str, bytes]]:
    library = HASH_WASM.rsplit("@", 1)[0]
    module = (
        f'import {{ argon2id }} from "/{library}.js";\n' + notes_crypto_custom_code() + HARNESS_GLUE
    )
    return {
        "/": ("text/html", HARNESS_PAGE.encode()),
        "/favicon.ico": ("image/x-icon", b""),
        f"/{library}.js": ("text/javascript", HASH_WASM_ESM.read_bytes()),
        "/harness.js": ("text/javascript", module.encode()),
    }


@pytest.fixture(scope="module")
def harness_url() -> Iterator[str]:
    if not HASH_WASM_ESM.exists():
        pytest.fail(f"hash-wasm is missing: npm install --prefix .tools {HASH_WASM}")
    files = harness_files()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            found = files.get(self.path)
            self.send_response(200 if found else 404)
            content_type, body = found or ("text/plain", b"not found")
            self.send_header("content-type", f"{content_type}; charset=utf-8")
            self.send_header("content-length", str(len(body)))
            self.send_header("content-security-policy", HARNESS_CSP)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            return

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def notes_browser(playwright_instance: Playwright) -> Iterator[Browser]:
    browser = playwright_instance.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


class BrowserNotes:
    """window.peersupportNotes in the harness page, called from Python."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.requests: list[str] = []
        self.problems: list[str] = []

    def call(self, name: str, *args: object) -> Any:
        result = self.page.evaluate(
            "([name, args]) => window.harness.call(name, args)", [name, list(args)]
        )
        return from_page(result)

    def error_of(self, name: str, *args: object) -> str:
        return str(
            self.page.evaluate(
                "([name, args]) => window.harness.errorOf(name, args)", [name, list(args)]
            )
        )


def b(data: bytes) -> dict[str, str]:
    """Bytes for the page."""
    return {"$bytes": np.b64u_encode(data)}


def from_page(value: Any) -> Any:
    """Bytes back from the page; CryptoKey references stay as they are."""
    if isinstance(value, dict):
        if set(value) == {"$bytes"}:
            return np.b64u_decode(value["$bytes"])
        return {key: from_page(item) for key, item in value.items()}
    if isinstance(value, list):
        return [from_page(item) for item in value]
    return value


@pytest.fixture(scope="module")
def notes(notes_browser: Browser, harness_url: str) -> Iterator[BrowserNotes]:
    context = notes_browser.new_context()
    page = context.new_page()
    browser_notes = BrowserNotes(page)
    page.on("request", lambda request: browser_notes.requests.append(request.url))
    page.on("pageerror", lambda error: browser_notes.problems.append(str(error)))
    page.on(
        "console",
        lambda message: browser_notes.problems.append(f"console {message.type}: {message.text}"),
    )
    page.goto(harness_url)
    page.wait_for_function("window.harnessReady === true")
    yield browser_notes
    context.close()


def cheap_params(**changes: object) -> dict[str, object]:
    params: dict[str, object] = {
        "v": 1,
        "alg": "argon2id",
        "m": np.MIN_MEMORY_KIB,
        "t": np.MIN_ITERATIONS,
        "p": 1,
        "seed": fixed("cheap/seed", 32),
    }
    params.update(changes)
    return params


# --- (a) the committed vectors -----------------------------------------------------------


def vectors_document(results: list[tuple[str, dict[str, object], dict[str, object]]]) -> str:
    document = {
        "description": (
            "Test vectors of the peersupport notes protocol v1, produced by "
            "peersupport/components/notes_crypto.js in headless Chromium "
            "(tests/browser/test_notes_vectors.py) and reproduced by the Python reference "
            "(tests/unit/test_notes_protocol.py). All byte strings are base64url without "
            "padding; text is escaped so that no editor can re-normalize it."
        ),
        "vectors": [
            {"name": name, "inputs": inputs, "expected": expected}
            for name, inputs, expected in results
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=True) + "\n"


def test_vectors_match_the_committed_file(notes: BrowserNotes) -> None:
    results = [(name, inputs, notes.call("vectors", inputs)) for name, inputs in FIXED_INPUTS]
    for name, _inputs, expected in results:
        assert sorted(expected) == sorted(EXPECTED_FIELDS), name
    text = vectors_document(results)
    if WRITE_VECTORS:
        VECTORS_FILE.parent.mkdir(parents=True, exist_ok=True)
        VECTORS_FILE.write_text(text, encoding="utf-8")
        pytest.skip(f"wrote {VECTORS_FILE.relative_to(PROJECT_ROOT)}; run again to compare")
    if not VECTORS_FILE.exists():
        pytest.fail(
            f"{VECTORS_FILE} is missing: run this test once with PEERSUPPORT_WRITE_VECTORS=1"
        )
    committed = json.loads(VECTORS_FILE.read_text(encoding="utf-8"))["vectors"]
    assert [vector["name"] for vector in committed] == [name for name, _ in FIXED_INPUTS]
    for vector, (name, inputs, expected) in zip(committed, results, strict=True):
        assert vector["inputs"] == inputs, f"{name}: the committed inputs changed"
        for field in EXPECTED_FIELDS:
            assert expected[field] == vector["expected"][field], f"{name}: {field}"
    assert VECTORS_FILE.read_bytes() == text.encode("utf-8")


def test_the_same_account_typed_differently_gives_the_same_keys(notes: BrowserNotes) -> None:
    by_name = dict(FIXED_INPUTS)
    decomposed = notes.call("vectors", by_name["pseudonym-nfkc-strip-lower"])
    precomposed = notes.call("vectors", by_name["pseudonym-precomposed-same-keys"])
    assert decomposed == precomposed
    assert decomposed["normalized_pseudonym"] == "éénhoorn_42"


@pytest.mark.parametrize(("name", "inputs"), FIXED_INPUTS[:2], ids=[n for n, _ in FIXED_INPUTS[:2]])
def test_build_registration_with_fixed_inputs_gives_the_vectors(
    notes: BrowserNotes, name: str, inputs: dict[str, Any]
) -> None:
    expected = notes.call("vectors", inputs)
    options = {
        "dk": b(np.b64u_decode(inputs["dk"])),
        "rc": b(np.b64u_decode(inputs["rc"])),
        "nonces": {key: b(np.b64u_decode(value)) for key, value in inputs["nonces"].items()},
    }
    registration = notes.call(
        "buildRegistration", inputs["pseudonym"], inputs["passphrase"], inputs["params"], options
    )
    assert registration["bundle"] == {
        "kdf": inputs["params"],
        "auth_key": expected["auth_key"],
        "wrapped_dk": expected["wrapped_dk"],
        "recovery_auth": expected["recovery_auth"],
        "wrapped_dk_rc": expected["wrapped_dk_rc"],
    }
    assert registration["recoveryCode"] == expected["recovery_code"]
    note_nonce = b(np.b64u_decode(inputs["nonces"]["note"]))
    envelope = notes.call(
        "sealNote", registration["dataKey"], inputs["note_id"], inputs["note"], note_nonce
    )
    assert envelope == expected["note_envelope"]


# --- (b) refusals ------------------------------------------------------------------------


@pytest.mark.parametrize("weak", [{"m": 1024}, {"t": 1}, {"m": 19455}, {"m": 0, "t": 0}])
def test_weak_params_are_refused_everywhere(notes: BrowserNotes, weak: dict[str, int]) -> None:
    params = cheap_params(**weak)
    assert notes.error_of("checkParams", params) == "weak_params"
    assert notes.error_of("deriveRaw", "passphrase", "Vos", params) == "weak_params"
    assert notes.error_of("loginProof", "Vos", "passphrase", params) == "weak_params"
    assert notes.error_of("unlock", "Vos", "passphrase", params, "v1.x.y") == "weak_params"
    assert notes.error_of("buildRegistration", "Vos", "passphrase", params) == "weak_params"


MALFORMED_PARAMS: dict[str, object] = {
    "none": None,
    "list": [],
    "string": "params",
    "number": 42,
    "empty": {},
    "v2": cheap_params(v=2),
    "v-string": cheap_params(v="1"),
    "v-bool": cheap_params(v=True),
    "alg-argon2i": cheap_params(alg="argon2i"),
    "alg-none": cheap_params(alg=None),
    "m-string": cheap_params(m="65536"),
    "m-fraction": cheap_params(m=65536.5),
    "t-none": cheap_params(t=None),
    "p-0": cheap_params(p=0),
    "p-17": cheap_params(p=17),
    "m-over-1GiB": cheap_params(m=1048577),
    "m-huge": cheap_params(m=10**30),
    "t-11": cheap_params(t=11),
    "seed-31-bytes": cheap_params(seed=np.b64u_encode(bytes(31))),
    "seed-33-bytes": cheap_params(seed=np.b64u_encode(bytes(33))),
    "seed-padded": cheap_params(seed=fixed("seed", 32) + "="),
    "seed-standard-base64": cheap_params(seed="+" * 43),
    "seed-none": cheap_params(seed=None),
    "extra-key": cheap_params(extra=1),
    "no-seed": {key: value for key, value in cheap_params().items() if key != "seed"},
}


@pytest.mark.parametrize("params", list(MALFORMED_PARAMS.values()), ids=list(MALFORMED_PARAMS))
def test_malformed_params_are_refused_as_in_python(notes: BrowserNotes, params: object) -> None:
    assert notes.error_of("checkParams", params) == "malformed"
    with pytest.raises(np.MalformedError):
        np.KdfParams.from_json(params)


def test_wrong_passphrase_does_not_unlock(notes: BrowserNotes) -> None:
    params = cheap_params()
    registration = notes.call("buildRegistration", "StilleVos42", "juiste wachtzin", params)
    wrapped = registration["bundle"]["wrapped_dk"]
    assert notes.error_of("unlock", "StilleVos42", "verkeerde wachtzin", params, wrapped) == (
        "decrypt_failed"
    )
    # Another pseudonym means another salt, so another KEK.
    assert notes.error_of("unlock", "StilleVos43", "juiste wachtzin", params, wrapped) == (
        "decrypt_failed"
    )
    unlocked = notes.call("unlock", "  stillevos42 ", "juiste wachtzin", params, wrapped)
    assert unlocked["authKey"] == registration["bundle"]["auth_key"]


def test_wrong_aad_and_tampering_do_not_decrypt(notes: BrowserNotes) -> None:
    key = bytes(range(32))
    envelope = notes.call("seal", b(key), b(b"geheime inhoud"), "peersupport/notes/v1/test")
    assert notes.call("open", b(key), envelope, "peersupport/notes/v1/test") == b"geheime inhoud"
    assert notes.error_of("open", b(key), envelope, "peersupport/notes/v1/other") == (
        "decrypt_failed"
    )
    assert notes.error_of("open", b(bytes(32)), envelope, "peersupport/notes/v1/test") == (
        "decrypt_failed"
    )
    nonce, sealed = np.parse_envelope(envelope)
    for index in (0, len(sealed) - 1):  # a ciphertext byte, a tag byte
        flipped = bytearray(sealed)
        flipped[index] ^= 0x01
        tampered = f"v1.{np.b64u_encode(nonce)}.{np.b64u_encode(bytes(flipped))}"
        assert notes.error_of("open", b(key), tampered, "peersupport/notes/v1/test") == (
            "decrypt_failed"
        )
    other_nonce = f"v1.{np.b64u_encode(bytes(12))}.{np.b64u_encode(sealed)}"
    assert notes.error_of("open", b(key), other_nonce, "peersupport/notes/v1/test") == (
        "decrypt_failed"
    )
    for broken in [envelope[:-30], envelope + "=", envelope.replace("v1.", "v2.", 1), "v1..", 7]:
        assert notes.error_of("open", b(key), broken, "peersupport/notes/v1/test") in {
            "malformed",
            "decrypt_failed",
        }
    assert notes.error_of("open", b(key), "v1.AAAA.AAAAAAAAAAAAAAAAAAAAAA", "x") == "malformed"


def test_a_note_cannot_be_moved_to_another_id(notes: BrowserNotes) -> None:
    dk = bytes(range(100, 132))
    data_key = notes.call("buildRegistration", "Vos", "wachtzin", cheap_params(), {"dk": b(dk)})[
        "dataKey"
    ]
    first, second = notes.call("newNoteId"), notes.call("newNoteId")
    assert first != second
    envelope = notes.call("sealNote", data_key, first, {"title": "t", "body": "b"})
    assert notes.error_of("openNote", data_key, second, envelope) == "decrypt_failed"
    assert notes.error_of("openNote", data_key, first.upper(), envelope) == "malformed"
    assert notes.error_of("sealNote", data_key, "not-a-uuid", {"title": "t"}) == "malformed"
    assert notes.error_of("sealNote", data_key, first, ["not", "an", "object"]) == "malformed"


# --- flows -------------------------------------------------------------------------------


def test_full_flow_register_unlock_change_passphrase_recover_and_notes(
    notes: BrowserNotes,
) -> None:
    pseudonym = "ＢｌａｕｗＶｏｓ７"
    params = cheap_params()
    registration = notes.call("buildRegistration", pseudonym, "eerste wachtzin", params)
    bundle = registration["bundle"]
    assert set(bundle) == {"kdf", "auth_key", "wrapped_dk", "recovery_auth", "wrapped_dk_rc"}
    first_code = registration["recoveryCode"]
    assert len(first_code) == 26 + 6 and first_code.count("-") == 6
    data_key = registration["dataKey"]

    note_id = notes.call("newNoteId")
    content = {"title": "Mijn notitie", "body": "Niemand anders leest dit. 🔒"}
    envelope = notes.call("sealNote", data_key, note_id, content)
    assert notes.call("openNote", data_key, note_id, envelope) == content

    unlocked = notes.call("unlock", pseudonym, "eerste wachtzin", params, bundle["wrapped_dk"])
    assert unlocked["authKey"] == bundle["auth_key"]
    assert notes.call("openNote", unlocked["dataKey"], note_id, envelope) == content

    new_params = notes.call("newParams")
    new_params.update(m=np.MIN_MEMORY_KIB, t=np.MIN_ITERATIONS, p=1)  # keep the test fast
    changed = notes.call(
        "rewrapForPassphrase",
        pseudonym,
        "eerste wachtzin",
        "tweede wachtzin",
        params,
        new_params,
        bundle["wrapped_dk"],
    )
    assert changed["oldAuthKey"] == bundle["auth_key"]
    assert changed["newAuthKey"] != bundle["auth_key"]
    assert changed["kdf"] == new_params
    assert notes.error_of(
        "unlock", pseudonym, "eerste wachtzin", new_params, changed["wrappedDk"]
    ) == ("decrypt_failed")
    after_change = notes.call(
        "unlock", pseudonym, "tweede wachtzin", new_params, changed["wrappedDk"]
    )
    assert after_change["authKey"] == changed["newAuthKey"]
    assert notes.call("openNote", after_change["dataKey"], note_id, envelope) == content
    assert notes.call("openNote", changed["dataKey"], note_id, envelope) == content

    # Recovery with the code typed sloppily: lower case, spaces instead of dashes.
    typed = first_code.lower().replace("-", " ")
    assert notes.call("recoveryAuthFor", typed) == bundle["recovery_auth"]
    recovered = notes.call(
        "recover", pseudonym, typed, "derde wachtzin", params, bundle["wrapped_dk_rc"]
    )
    assert recovered["recoveryAuth"] == bundle["recovery_auth"]
    new_code = recovered["recoveryCode"]
    assert new_code != first_code
    new_bundle = recovered["bundle"]
    assert notes.call("recoveryAuthFor", new_code) == new_bundle["recovery_auth"]
    assert new_bundle["recovery_auth"] != bundle["recovery_auth"]
    assert notes.call("openNote", recovered["dataKey"], note_id, envelope) == content
    after_recovery = notes.call(
        "unlock", pseudonym, "derde wachtzin", params, new_bundle["wrapped_dk"]
    )
    assert after_recovery["authKey"] == new_bundle["auth_key"]
    assert notes.call("openNote", after_recovery["dataKey"], note_id, envelope) == content
    # The old code cannot open the new recovery wrap.
    assert notes.error_of(
        "recover", pseudonym, first_code, "vierde", params, new_bundle["wrapped_dk_rc"]
    ) == ("decrypt_failed")
    assert notes.error_of(
        "recover", pseudonym, "AAAA-AAAA", "vierde", params, new_bundle["wrapped_dk_rc"]
    ) == ("malformed")


def test_data_keys_are_not_extractable(notes: BrowserNotes) -> None:
    registration = notes.call("buildRegistration", "Vos", "wachtzin", cheap_params())
    properties = notes.page.evaluate(
        """async (id) => {
            const key = window.harness.keys.get(id);
            let exported = "exported";
            try { await crypto.subtle.exportKey("raw", key); } catch (e) { exported = e.name; }
            return {extractable: key.extractable, usages: [...key.usages].sort(),
                    algorithm: key.algorithm, exported};
        }""",
        registration["dataKey"]["$key"],
    )
    assert properties == {
        "extractable": False,
        "usages": ["decrypt", "encrypt"],
        "algorithm": {"name": "AES-GCM", "length": 256},
        "exported": "InvalidAccessError",
    }


# --- cross-checks with the Python reference ----------------------------------------------


def test_notes_cross_between_browser_and_python(notes: BrowserNotes) -> None:
    bundle, dk, rc = np.build_registration(
        "RodeKat9", "wachtzin uit python", np.KdfParams.from_json(cheap_params())
    )
    # A Python-made account unlocks in the browser ...
    unlocked = notes.call(
        "unlock", "RodeKat9", "wachtzin uit python", bundle.kdf.to_json(), bundle.wrapped_dk
    )
    assert unlocked["authKey"] == bundle.auth_key
    code = np.format_recovery_code(rc)
    assert notes.call("recoveryAuthFor", code) == bundle.recovery_auth
    data_key = unlocked["dataKey"]
    # ... a note sealed in the browser opens in Python ...
    note_id = notes.call("newNoteId")
    content = {"title": "Uit de browser", "body": 'ë 🚀 "quotes" \\ \n', "n": [1, 2, {"a": None}]}
    envelope = notes.call("sealNote", data_key, note_id, content)
    assert np.open_note(dk, note_id, envelope) == content
    # ... and one sealed in Python opens in the browser.
    python_note_id = "3f2e1d0c-b9a8-4765-8432-10fedcba9876"
    python_content: dict[str, object] = {
        "title": "Uit Python",
        "body": "tab\tëindelijk\u2028",
        "ok": True,
    }
    python_envelope = np.seal_note(dk, python_note_id, python_content)
    assert notes.call("openNote", data_key, python_note_id, python_envelope) == python_content
    assert notes.error_of("openNote", data_key, note_id, python_envelope) == "decrypt_failed"


def test_a_browser_registration_unwraps_in_python(notes: BrowserNotes) -> None:
    params = cheap_params(seed=fixed("browser-registration", 32))
    registration = notes.call("buildRegistration", "  GroeneUil_3 ", "wachtzin met ë", params)
    bundle = registration["bundle"]
    kdf = np.KdfParams.from_json(bundle["kdf"])
    keys = np.derive_keys("wachtzin met e\u0308", "groeneuil_3", kdf)
    assert keys.auth_key == bundle["auth_key"]
    dk = np.unwrap_dk(keys.kek, bundle["wrapped_dk"])
    rc = np.parse_recovery_code(registration["recoveryCode"])
    assert np.recovery_keys(rc).recovery_auth == bundle["recovery_auth"]
    assert np.unwrap_dk_with_recovery(rc, bundle["wrapped_dk_rc"]) == dk
    note_id = notes.call("newNoteId")
    envelope = notes.call("sealNote", registration["dataKey"], note_id, {"title": "t", "body": "b"})
    assert np.open_note(dk, note_id, envelope) == {"title": "t", "body": "b"}


PSEUDONYMS = [
    "StilleVos42",
    "  ÉénHoorn_42 ",
    "ＢｌａｕｗＶｏｓ７",
    "\ufeffVos\u0085",  # only JavaScript's trim removes U+FEFF, only Python's U+0085
    "\x1c\x1dVos\x1e\x1f",
    "\u00a0\u2007\u202f\u3000Vos\u2028\u2029\u1680",
    "ΟΔΥΣΣΕΑΣ ΣΑΣ",
    "İstanbul",
    "Straße",
    "ﬁnn",
    "Å\u212b",  # A with ring and the Angstrom sign
    "①②③",
    "Vos\u200b",  # zero-width space is not white space: kept
    "",
    "   ",
]


@pytest.mark.parametrize("pseudonym", PSEUDONYMS)
def test_pseudonym_normalization_agrees_with_python(notes: BrowserNotes, pseudonym: str) -> None:
    assert notes.call("normalizePseudonym", pseudonym) == np.normalize_pseudonym(pseudonym)
    seed = np.b64u_decode(fixed("salt", 32))
    assert notes.call("saltFor", b(seed), pseudonym) == np.salt_for(seed, pseudonym)


def test_unicode_tables_agree_for_every_assigned_character(notes: BrowserNotes) -> None:
    """For every code point assigned in Python's Unicode database, the pseudonym
    normalization and the passphrase NFC (of the character and of its decomposition,
    so canonical composition too) are the same in Chromium. Compared as SHA-256 digests
    of the joined results; Python's database is the older one, so it bounds the set."""
    assigned = [
        chr(cp)
        for cp in range(1, 0x110000)  # U+0000 is the separator
        if unicodedata.category(chr(cp)) not in {"Cn", "Cs", "Co"}
    ]
    decomposed = [unicodedata.normalize("NFD", c) for c in assigned]
    text = "\u0000".join(assigned)
    nfd_text = "\u0000".join(decomposed)
    browser = notes.page.evaluate(
        """async ([text, nfdText]) => {
            const N = window.peersupportNotes;
            const digest = async (parts) => {
                const joined = new TextEncoder().encode(parts.join("\\u0000"));
                return N.b64uEncode(new Uint8Array(await crypto.subtle.digest("SHA-256", joined)));
            };
            const chars = text.split("\\u0000");
            return {
                pseudonym: await digest(chars.map((c) => N.normalizePseudonym(c))),
                nfc: await digest(chars.map((c) => c.normalize("NFC"))),
                nfcOfNfd: await digest(nfdText.split("\\u0000").map((c) => c.normalize("NFC"))),
            };
        }""",
        [text, nfd_text],
    )

    def digest(parts: list[str]) -> str:
        return np.b64u_encode(hashlib.sha256("\u0000".join(parts).encode()).digest())

    assert browser == {
        "pseudonym": digest([np.normalize_pseudonym(c) for c in assigned]),
        "nfc": digest([unicodedata.normalize("NFC", c) for c in assigned]),
        "nfcOfNfd": digest([unicodedata.normalize("NFC", c) for c in decomposed]),
    }


B64U_CASES = [
    "",
    "AA",
    "AAA",
    "AAAA",
    "A",
    "AB",
    "AAE",
    "AAF",
    "AA==",
    "A+/A",
    "AA AA",
    "_-_-",
    "é",
]


@pytest.mark.parametrize("text", B64U_CASES)
def test_b64u_strictness_agrees_with_python(notes: BrowserNotes, text: str) -> None:
    try:
        python: object = np.b64u_decode(text)
    except np.MalformedError:
        python = "malformed"
    browser = notes.error_of("b64uDecode", text)
    if python == "malformed":
        assert browser == "malformed"
    else:
        assert browser == "no error"
        assert notes.call("b64uDecode", text) == python


RECOVERY_CODE_CASES = [
    "AAAQ-EAYE-AUDA-OCAJ-BIFQ-YDIO-B4",
    "aaaq eaye auda ocaj bifq ydio b4",
    " AAAQEAYEAUDAOCAJBIFQYDIOB4\n",
    "AAAQ\u2013EAYE\u2014AUDA\u00a0OCAJ\tBIFQ-YDIO-B4",
    "AAAQ-EAYE-AUDA-OCAJ-BIFQ-YDIO-B5",  # unused trailing bits set
    "AAAQ-EAYE-AUDA-OCAJ-BIFQ-YDIO-B",  # too short
    "AAAQ-EAYE-AUDA-OCAJ-BIFQ-YDIO-B4A",  # too long
    "AAAQ-EAYE-AUDA-OCAJ-BIFQ-YDIO-B0",  # 0 is not base32
    "AAAQ-EAYE-AUDA-OCAJ-BIFQ-YDIO-B1",
    "AAAQ-EAYE-AUDA-OCAJ-BIFQ-YDIO-ß",  # would upper-case to SS
    "AAAQ_EAYE_AUDA_OCAJ_BIFQ_YDIO_B4",
    "",
]


@pytest.mark.parametrize("text", RECOVERY_CODE_CASES)
def test_recovery_code_parsing_agrees_with_python(notes: BrowserNotes, text: str) -> None:
    try:
        python = np.parse_recovery_code(text)
    except np.MalformedError:
        assert notes.error_of("parseRecoveryCode", text) == "malformed"
        return
    assert notes.call("parseRecoveryCode", text) == python
    assert notes.call("formatRecoveryCode", b(python)) == np.format_recovery_code(python)


# --- cost and hygiene --------------------------------------------------------------------


def test_argon2id_time_with_the_default_params(
    notes: BrowserNotes, record_property: Callable[[str, object], None]
) -> None:
    params = np.new_kdf_params(seed=np.b64u_decode(fixed("timing", 32))).to_json()
    timings: list[float] = notes.page.evaluate(
        """async (params) => {
            const times = [];
            for (let i = 0; i < 3; i++) {
                const start = performance.now();
                const N = window.peersupportNotes;
                const { kekBytes } = await N.deriveRaw("wachtzin", "Vos", params);
                times.push(performance.now() - start);
                kekBytes.fill(0);
            }
            return times;
        }""",
        params,
    )
    median_ms = statistics.median(timings)
    record_property("argon2id_default_median_ms", round(median_ms))
    rounded = [round(t) for t in timings]
    print(f"\nArgon2id m=65536 t=3 p=4, headless Chromium: {rounded} ms, median {median_ms:.0f} ms")
    assert median_ms < 30_000


def test_the_harness_made_no_other_requests_and_no_errors(
    notes: BrowserNotes, harness_url: str
) -> None:
    assert notes.problems == []
    assert notes.requests, "the harness page was loaded"
    assert all(url.startswith(harness_url) for url in notes.requests), notes.requests

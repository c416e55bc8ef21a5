"""The Python reference of the notes protocol v1 (peersupport/services/notes_protocol.py).

It must reproduce, byte for byte, every value of the vectors that the browser code
committed in tests/vectors/notes_v1.json, and refuse everything the protocol refuses with
a clear exception. Argon2id runs with the cheapest allowed params (m=19456, t=2, p=1)
except in the one vector set with the real defaults.
"""

from __future__ import annotations

import base64
import json
import secrets
import uuid
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from peersupport.services import notes_protocol as np

VECTORS_FILE = Path(__file__).resolve().parents[1] / "vectors" / "notes_v1.json"
VECTORS: list[dict[str, Any]] = json.loads(VECTORS_FILE.read_text(encoding="utf-8"))["vectors"]
VECTOR_IDS = [vector["name"] for vector in VECTORS]
CHEAP = {"v": 1, "alg": "argon2id", "m": 19456, "t": 2, "p": 1}
SEED = bytes(range(32))


def cheap_params(**changes: object) -> dict[str, object]:
    params: dict[str, object] = {**CHEAP, "seed": np.b64u_encode(SEED)}
    params.update(changes)
    return params


@cache
def derived(name: str) -> np.DerivedKeys:
    """Argon2id once per vector set."""
    inputs = next(vector["inputs"] for vector in VECTORS if vector["name"] == name)
    params = np.KdfParams.from_json(inputs["params"])
    return np.derive_keys(inputs["passphrase"], inputs["pseudonym"], params)


@cache
def cheap_account() -> tuple[np.RegistrationBundle, bytes, bytes]:
    return np.build_registration(
        "StilleVos42", "juiste wachtzin", np.KdfParams.from_json(cheap_params())
    )


# --- the committed vectors ---------------------------------------------------------------


def test_the_vector_file_covers_what_the_protocol_needs() -> None:
    assert len(VECTORS) >= 3
    memory = {vector["inputs"]["params"]["m"] for vector in VECTORS}
    assert {np.MIN_MEMORY_KIB, np.DEFAULT_MEMORY_KIB} <= memory
    pseudonyms = [vector["inputs"]["pseudonym"] for vector in VECTORS]
    assert any(p != np.normalize_pseudonym(p) for p in pseudonyms)
    assert any(not p.isascii() for p in pseudonyms)
    assert any(len(vector["inputs"]["passphrase"]) > 200 for vector in VECTORS)


@pytest.mark.parametrize("vector", VECTORS, ids=VECTOR_IDS)
def test_python_reproduces_every_value_of_the_vector(vector: dict[str, Any]) -> None:
    inputs, expected = vector["inputs"], vector["expected"]
    params = np.KdfParams.from_json(inputs["params"])
    assert params.to_json() == inputs["params"]
    dk = np.b64u_decode(inputs["dk"])
    rc = np.b64u_decode(inputs["rc"])
    nonces = {key: np.b64u_decode(value) for key, value in inputs["nonces"].items()}
    keys = derived(vector["name"])
    recovery = np.recovery_keys(rc)
    actual = {
        "normalized_pseudonym": np.normalize_pseudonym(inputs["pseudonym"]),
        "salt": np.b64u_encode(np.salt_for(params.seed, inputs["pseudonym"])),
        "kek": np.b64u_encode(keys.kek),
        "auth_key": keys.auth_key,
        "wrapped_dk": np.seal(keys.kek, dk, np.AAD_DK_PASSPHRASE, nonces["dk"]),
        "rk": np.b64u_encode(recovery.rk),
        "recovery_auth": recovery.recovery_auth,
        "wrapped_dk_rc": np.seal(recovery.rk, dk, np.AAD_DK_RECOVERY, nonces["dk_rc"]),
        "recovery_code": np.format_recovery_code(rc),
        "note_envelope": np.seal_note(dk, inputs["note_id"], inputs["note"], nonces["note"]),
    }
    for field, value in expected.items():
        assert actual[field] == value, field
    assert set(actual) == set(expected)


@pytest.mark.parametrize("vector", VECTORS, ids=VECTOR_IDS)
def test_python_opens_everything_the_browser_sealed(vector: dict[str, Any]) -> None:
    inputs, expected = vector["inputs"], vector["expected"]
    dk = np.b64u_decode(inputs["dk"])
    keys = derived(vector["name"])
    assert np.unwrap_dk(keys.kek, expected["wrapped_dk"]) == dk
    rc = np.parse_recovery_code(expected["recovery_code"])
    assert rc == np.b64u_decode(inputs["rc"])
    assert np.unwrap_dk_with_recovery(rc, expected["wrapped_dk_rc"]) == dk
    assert np.open_note(dk, inputs["note_id"], expected["note_envelope"]) == inputs["note"]


@pytest.mark.parametrize("vector", VECTORS[:2], ids=VECTOR_IDS[:2])
def test_build_registration_agrees_with_the_vector(vector: dict[str, Any]) -> None:
    inputs, expected = vector["inputs"], vector["expected"]
    dk = np.b64u_decode(inputs["dk"])
    rc = np.b64u_decode(inputs["rc"])
    params = np.KdfParams.from_json(inputs["params"])
    bundle, out_dk, out_rc = np.build_registration(
        inputs["pseudonym"], inputs["passphrase"], params, dk=dk, rc=rc
    )
    assert (out_dk, out_rc) == (dk, rc)
    assert bundle.kdf == params
    assert bundle.auth_key == expected["auth_key"]
    assert bundle.recovery_auth == expected["recovery_auth"]
    # Fresh random nonces, so other envelopes that open to the same data key.
    assert bundle.wrapped_dk != expected["wrapped_dk"]
    kek = np.b64u_decode(expected["kek"])
    assert np.unwrap_dk(kek, bundle.wrapped_dk) == dk
    assert np.unwrap_dk_with_recovery(rc, bundle.wrapped_dk_rc) == dk


# --- passphrase, pseudonym, salt ---------------------------------------------------------


def test_wrong_passphrase_does_not_unwrap_the_data_key() -> None:
    bundle, dk, _rc = cheap_account()
    right = np.derive_keys("juiste wachtzin", "StilleVos42", bundle.kdf)
    assert right.auth_key == bundle.auth_key
    assert np.unwrap_dk(right.kek, bundle.wrapped_dk) == dk
    wrong = np.derive_keys("verkeerde wachtzin", "StilleVos42", bundle.kdf)
    assert wrong.auth_key != bundle.auth_key
    with pytest.raises(np.DecryptionError):
        np.unwrap_dk(wrong.kek, bundle.wrapped_dk)
    with pytest.raises(np.DecryptionError):
        np.open_envelope(wrong.kek, bundle.wrapped_dk, np.AAD_DK_PASSPHRASE)


def test_the_pseudonym_is_part_of_the_salt_but_not_its_spelling() -> None:
    bundle, dk, _rc = cheap_account()
    other = np.derive_keys("juiste wachtzin", "StilleVos43", bundle.kdf)
    with pytest.raises(np.DecryptionError):
        np.unwrap_dk(other.kek, bundle.wrapped_dk)
    spelled = np.derive_keys("juiste wachtzin", " \u3000ＳＴＩＬＬＥｖｏｓ４２\t", bundle.kdf)
    assert np.unwrap_dk(spelled.kek, bundle.wrapped_dk) == dk


@pytest.mark.parametrize(
    ("typed", "normalized"),
    [
        ("StilleVos42", "stillevos42"),
        ("  ÉénHoorn_42 ", "éénhoorn_42"),
        ("  E\u0301e\u0301nHoorn_42 \u3000", "éénhoorn_42"),
        ("ＢｌａｕｗＶｏｓ７", "blauwvos7"),
        ("\ufeffVos\x85", "vos"),
        ("\x1c\u00a0\u2007Vos\u2028\u2029\u1680", "vos"),
        ("Vos\u200b", "vos\u200b"),
        ("ΟΔΥΣΣΕΑΣ", "οδυσσεας"),
        ("ﬁnn", "finn"),
    ],
)
def test_normalize_pseudonym(typed: str, normalized: str) -> None:
    assert np.normalize_pseudonym(typed) == normalized


def test_salt_is_the_first_16_bytes_of_the_sha256_of_the_context() -> None:
    import hashlib

    expected = hashlib.sha256(
        b"peersupport/notes/v1/salt\x00" + SEED + "éénhoorn_42".encode()
    ).digest()[:16]
    assert np.salt_for(SEED, "  ÉénHoorn_42 ") == expected
    assert np.salt_for(bytes(32), "vos") != np.salt_for(SEED, "vos")
    with pytest.raises(np.MalformedError):
        np.salt_for(bytes(31), "vos")


def test_the_passphrase_is_nfc_normalized_and_must_be_valid_text() -> None:
    params = np.KdfParams.from_json(cheap_params())
    assert np.derive_keys("caf\u00e9", "vos", params) == np.derive_keys("cafe\u0301", "vos", params)
    with pytest.raises(np.MalformedError):
        np.derive_keys("half \ud83d surrogate", "vos", params)
    with pytest.raises(np.MalformedError):
        np.salt_for(SEED, "vos\udc00")


def test_derived_keys_have_the_protocol_sizes() -> None:
    keys = np.derive_keys("wachtzin", "vos", np.KdfParams.from_json(cheap_params()))
    assert len(keys.kek) == 32
    assert len(np.b64u_decode(keys.auth_key)) == 32
    assert np.b64u_decode(keys.auth_key) != keys.kek


# --- KDF params --------------------------------------------------------------------------


def test_new_kdf_params_are_the_defaults_with_a_random_seed() -> None:
    first, second = np.new_kdf_params(), np.new_kdf_params()
    assert (first.v, first.alg, first.m, first.t, first.p) == (1, "argon2id", 65536, 3, 4)
    assert len(first.seed) == 32 and first.seed != second.seed
    assert np.KdfParams.from_json(first.to_json()) == first
    assert json.loads(json.dumps(first.to_json())) == first.to_json()
    assert np.new_kdf_params(seed=SEED).seed == SEED


@pytest.mark.parametrize(
    "weak", [{"m": 1024}, {"t": 1}, {"m": 19455}, {"m": 0}, {"t": 0}, {"m": -1, "t": -1}]
)
def test_params_below_the_floor_are_refused(weak: dict[str, int]) -> None:
    with pytest.raises(np.WeakKdfParamsError):
        np.KdfParams.from_json(cheap_params(**weak))
    with pytest.raises(np.WeakKdfParamsError):
        np.KdfParams(**{**CHEAP, **weak, "seed": SEED})  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "params",
    [
        None,
        [],
        (),
        "params",
        42,
        b"{}",
        {},
        {1: 1},
        cheap_params(v=2),
        cheap_params(v=0),
        cheap_params(v="1"),
        cheap_params(v=True),
        cheap_params(v=1.0),
        cheap_params(alg="argon2i"),
        cheap_params(alg="ARGON2ID"),
        cheap_params(alg=None),
        cheap_params(alg=["argon2id"]),
        cheap_params(m="65536"),
        cheap_params(m=65536.0),
        cheap_params(m=True),
        cheap_params(m=None),
        cheap_params(t="3"),
        cheap_params(t=False),
        cheap_params(p="4"),
        cheap_params(p=0),
        cheap_params(p=-1),
        cheap_params(p=17),
        cheap_params(m=1048577),
        cheap_params(m=10**100),
        cheap_params(t=11),
        cheap_params(t=2**64),
        cheap_params(p=10**30),
        cheap_params(seed=np.b64u_encode(bytes(31))),
        cheap_params(seed=np.b64u_encode(bytes(33))),
        cheap_params(seed=np.b64u_encode(SEED) + "="),
        cheap_params(seed=base64.b64encode(b"\xff" * 32).decode()),
        cheap_params(seed="!" * 43),
        cheap_params(seed="A" * 10**6),
        cheap_params(seed=None),
        cheap_params(seed=list(SEED)),
        cheap_params(seed=SEED),
        cheap_params(extra="x"),
        {key: value for key, value in cheap_params().items() if key != "seed"},
    ],
)
def test_malformed_params_are_refused(params: object) -> None:
    with pytest.raises(np.MalformedError):
        np.KdfParams.from_json(params)


def test_malformed_beats_weak() -> None:
    """Only a well-formed object can be 'weak'; anything else is malformed."""
    with pytest.raises(np.MalformedError):
        np.KdfParams.from_json(cheap_params(m=1024, seed="short"))
    with pytest.raises(np.MalformedError):
        np.KdfParams.from_json(cheap_params(t=1, p=0))


def test_kdf_params_cannot_be_built_invalid_directly() -> None:
    with pytest.raises(np.MalformedError):
        np.KdfParams(v=1, alg="argon2id", m=65536, t=3, p=4, seed=b"short")
    with pytest.raises(np.MalformedError):
        np.KdfParams(v=1, alg="argon2id", m=65536, t=3, p=4, seed=bytearray(32))  # type: ignore[arg-type]
    with pytest.raises(np.MalformedError):
        np.derive_keys("wachtzin", "vos", cheap_params())  # type: ignore[arg-type]


def test_the_default_params_derive_what_the_browser_derived() -> None:
    """The one Argon2id run with the real defaults (m=64 MiB, t=3, p=4)."""
    vector = next(v for v in VECTORS if v["inputs"]["params"]["m"] == np.DEFAULT_MEMORY_KIB)
    params = np.KdfParams.from_json(vector["inputs"]["params"])
    assert (params.m, params.t, params.p) == (65536, 3, 4)
    keys = derived(vector["name"])
    assert np.b64u_encode(keys.kek) == vector["expected"]["kek"]
    assert keys.auth_key == vector["expected"]["auth_key"]


# --- b64u --------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [0, 1, 2, 3, 12, 16, 31, 32, 33, 64])
def test_b64u_round_trip(size: int) -> None:
    data = secrets.token_bytes(size)
    text = np.b64u_encode(data)
    assert "=" not in text and "+" not in text and "/" not in text
    assert np.b64u_decode(text) == data


@pytest.mark.parametrize(
    "text",
    [
        "A",
        "AAAAA",
        "AA==",
        "AA=",
        "A+/A",
        "AA AA",
        "AA\n",
        "é",
        "AAF",  # unused trailing bits set ("AAE" is canonical)
        "AB",
        "_-_-=",
        "%41",
        None,
        b"AAAA",
    ],
)
def test_b64u_decode_is_strict(text: object) -> None:
    with pytest.raises(np.MalformedError):
        np.b64u_decode(text)  # type: ignore[arg-type]


# --- Seal and envelopes ------------------------------------------------------------------

KEY = bytes(range(32))
AAD = "peersupport/notes/v1/test"


def test_seal_and_open_round_trip_with_the_envelope_format() -> None:
    envelope = np.seal(KEY, b"geheime inhoud", AAD)
    prefix, nonce, sealed = envelope.split(".")
    assert prefix == "v1"
    assert len(np.b64u_decode(nonce)) == 12
    assert len(np.b64u_decode(sealed)) == len(b"geheime inhoud") + 16
    assert np.open_envelope(KEY, envelope, AAD) == b"geheime inhoud"
    assert np.seal(KEY, b"x", AAD) != np.seal(KEY, b"x", AAD)  # a fresh nonce each time
    assert np.open_envelope(KEY, np.seal(KEY, b"", AAD), AAD) == b""


def test_wrong_aad_does_not_decrypt() -> None:
    envelope = np.seal(KEY, b"inhoud", np.AAD_DK_PASSPHRASE)
    with pytest.raises(np.DecryptionError):
        np.open_envelope(KEY, envelope, np.AAD_DK_RECOVERY)
    with pytest.raises(np.DecryptionError):
        np.open_envelope(KEY, envelope, "")


def test_a_wrong_key_does_not_decrypt() -> None:
    envelope = np.seal(KEY, b"inhoud", AAD)
    with pytest.raises(np.DecryptionError):
        np.open_envelope(bytes(32), envelope, AAD)


def _flipped(data: bytes, index: int, bits: int) -> bytes:
    changed = bytearray(data)
    changed[index] ^= bits
    return bytes(changed)


def test_every_tampered_byte_is_detected() -> None:
    envelope = np.seal(KEY, b"een korte notitie", AAD)
    nonce, sealed = np.parse_envelope(envelope)
    tampered = [(nonce, _flipped(sealed, index, 0x80)) for index in range(len(sealed))]
    moved = [(_flipped(nonce, index, 0x01), sealed) for index in range(len(nonce))]
    for changed_nonce, changed_sealed in tampered + moved:
        changed = f"v1.{np.b64u_encode(changed_nonce)}.{np.b64u_encode(changed_sealed)}"
        with pytest.raises(np.DecryptionError):
            np.open_envelope(KEY, changed, AAD)


def test_truncated_envelopes_are_refused() -> None:
    envelope = np.seal(KEY, b"een korte notitie", AAD)
    nonce, sealed = np.parse_envelope(envelope)
    for cut in range(1, len(envelope)):
        with pytest.raises(np.ProtocolError):
            np.open_envelope(KEY, envelope[:cut], AAD)
    # Shorter than a tag: malformed before any decryption.
    short = f"v1.{np.b64u_encode(nonce)}.{np.b64u_encode(sealed[:15])}"
    with pytest.raises(np.MalformedError):
        np.open_envelope(KEY, short, AAD)
    # Whole bytes cut off the end: well-formed, but the tag no longer matches.
    cut_bytes = f"v1.{np.b64u_encode(nonce)}.{np.b64u_encode(sealed[:-3])}"
    with pytest.raises(np.DecryptionError):
        np.open_envelope(KEY, cut_bytes, AAD)


@pytest.mark.parametrize(
    "envelope",
    [
        None,
        7,
        b"v1.AAAA.AAAA",
        "",
        "v1",
        "v1..",
        "v2.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA",
        "V1.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA",
        "v1.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA.",
        "v1.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAA",  # 15 bytes: shorter than a tag
        "v1.AAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA",  # nonce not 12 bytes
        "v1.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA==",
        "v1.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAA+",
        " v1.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA",
        "v1.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA\n",
        "v1.AAAAAAAAAAAAAAAA." + "A" * (1024 * 1024),
    ],
)
def test_malformed_envelopes_are_refused(envelope: object) -> None:
    with pytest.raises(np.MalformedError):
        np.parse_envelope(envelope)
    with pytest.raises(np.MalformedError):
        np.open_envelope(KEY, envelope, AAD)  # type: ignore[arg-type]


def test_seal_refuses_bad_keys_nonces_and_oversized_output() -> None:
    for key in [bytes(16), bytes(31), bytes(33), bytearray(32), "k" * 32]:
        with pytest.raises(np.MalformedError):
            np.seal(key, b"x", AAD)  # type: ignore[arg-type]
    for nonce in [bytes(8), bytes(16), bytearray(12)]:
        with pytest.raises(np.MalformedError):
            np.seal(KEY, b"x", AAD, nonce)  # type: ignore[arg-type]
    with pytest.raises(np.MalformedError):
        np.seal(KEY, "text, not bytes", AAD)  # type: ignore[arg-type]
    with pytest.raises(np.MalformedError):
        np.seal(KEY, bytes(800 * 1024), AAD)
    largest = np.seal(KEY, bytes(760 * 1024), AAD)
    assert np.open_envelope(KEY, largest, AAD) == bytes(760 * 1024)


def test_deterministic_seal_with_a_given_nonce() -> None:
    nonce = bytes(12)
    assert np.seal(KEY, b"x", AAD, nonce) == np.seal(KEY, b"x", AAD, nonce)


# --- notes -------------------------------------------------------------------------------

NOTE_ID = "3f2e1d0c-b9a8-4765-8432-10fedcba9876"


def test_note_round_trip_keeps_keys_and_text() -> None:
    dk = secrets.token_bytes(32)
    content: dict[str, object] = {
        "title": 'Lastig: "quotes" \\ </script>',
        "body": "Regel\nmet ë, 🚀, \u2028 en \u0001",
        "tags": ["a", "b"],
        "n": 3,
        "ok": True,
        "none": None,
    }
    envelope = np.seal_note(dk, NOTE_ID, content)
    opened = np.open_note(dk, NOTE_ID, envelope)
    assert opened == content and list(opened) == list(content)


def test_note_plaintext_is_compact_json_without_ascii_escapes() -> None:
    dk = bytes(32)
    envelope = np.seal_note(dk, NOTE_ID, {"title": "ë", "body": "b"})
    plaintext = np.open_envelope(dk, envelope, np.note_aad(NOTE_ID))
    assert plaintext == '{"title":"ë","body":"b"}'.encode()


def test_a_note_is_bound_to_its_id_and_key() -> None:
    dk = secrets.token_bytes(32)
    envelope = np.seal_note(dk, NOTE_ID, {"title": "t", "body": "b"})
    with pytest.raises(np.DecryptionError):
        np.open_note(dk, str(uuid.uuid4()), envelope)
    with pytest.raises(np.DecryptionError):
        np.open_note(secrets.token_bytes(32), NOTE_ID, envelope)
    with pytest.raises(np.DecryptionError):  # a data-key envelope is no note
        np.open_note(dk, NOTE_ID, np.seal(dk, b"{}", np.AAD_DK_PASSPHRASE))


@pytest.mark.parametrize(
    "note_id",
    [NOTE_ID.upper(), "{" + NOTE_ID + "}", NOTE_ID.replace("-", ""), NOTE_ID + "\n", "", None, 1],
)
def test_note_ids_must_be_canonical_lower_case_uuids(note_id: object) -> None:
    with pytest.raises(np.MalformedError):
        np.note_aad(note_id)  # type: ignore[arg-type]
    with pytest.raises(np.MalformedError):
        np.seal_note(bytes(32), note_id, {"title": "t"})  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "content",
    [[], "text", None, {"n": float("nan")}, {"n": float("inf")}, {"b": b"bytes"}, {"s": {1, 2}}],
)
def test_only_json_objects_can_be_sealed(content: object) -> None:
    with pytest.raises(np.MalformedError):
        np.seal_note(bytes(32), NOTE_ID, content)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "plaintext",
    [
        b"[]",
        b'"text"',
        b"null",
        b"{",
        b"\xff\xfe",
        b"\xef\xbb\xbf{}",
        b'{"n": NaN}',
        b"",
        b"[" * 100000,
    ],
)
def test_opening_a_note_that_is_no_json_object_is_refused(plaintext: bytes) -> None:
    dk = bytes(32)
    envelope = np.seal(dk, plaintext, np.note_aad(NOTE_ID))
    with pytest.raises(np.MalformedError):
        np.open_note(dk, NOTE_ID, envelope)


def test_any_valid_json_object_opens() -> None:
    dk = bytes(32)
    plaintext = b' {\n "body" : "b\\u00eb" , "title":"t", "x": [1, 2.5, {"y": null}]}\t'
    envelope = np.seal(dk, plaintext, np.note_aad(NOTE_ID))
    assert np.open_note(dk, NOTE_ID, envelope) == {
        "body": "bë",
        "title": "t",
        "x": [1, 2.5, {"y": None}],
    }


# --- recovery code -----------------------------------------------------------------------


def test_recovery_code_format_and_round_trip() -> None:
    for _ in range(200):
        rc = np.new_recovery_code()
        assert len(rc) == 16
        text = np.format_recovery_code(rc)
        groups = text.split("-")
        assert [len(group) for group in groups] == [4, 4, 4, 4, 4, 4, 2]
        assert set(text.replace("-", "")) <= set(np.BASE32_ALPHABET)
        assert np.parse_recovery_code(text) == rc
        assert np.parse_recovery_code(text.lower().replace("-", " ")) == rc
        assert np.parse_recovery_code(" " + text.replace("-", "") + "\n") == rc
    known = bytes(range(16))
    assert np.format_recovery_code(known) == "AAAQ-EAYE-AUDA-OCAJ-BIFQ-YDIO-B4"
    assert np.format_recovery_code(known).replace("-", "") == base64.b32encode(
        known
    ).decode().rstrip("=")


@pytest.mark.parametrize(
    "typed",
    [
        "aaaq-eaye-auda-ocaj-bifq-ydio-b4",
        "AAAQ EAYE AUDA OCAJ BIFQ YDIO B4",
        "AAAQEAYEAUDAOCAJBIFQYDIOB4",
        "AAAQ\u2013EAYE\u2014AUDA\u00a0OCAJ\tBIFQ--YDIO - B4",
        "aAaQ-EaYe-AUDA-ocaj-BIFQ-ydio-b4",
    ],
)
def test_recovery_code_parsing_forgives_case_spaces_and_dashes(typed: str) -> None:
    assert np.parse_recovery_code(typed) == bytes(range(16))


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "AAAQ-EAYE-AUDA-OCAJ-BIFQ-YDIO-B",  # 25 characters
        "AAAQ-EAYE-AUDA-OCAJ-BIFQ-YDIO-B4A",  # 27 characters
        "AAAQ-EAYE-AUDA-OCAJ-BIFQ-YDIO-B4==",  # padding
        "AAAQ-EAYE-AUDA-OCAJ-BIFQ-YDIO-B5",  # unused trailing bits set
        "AAAQ-EAYE-AUDA-OCAJ-BIFQ-YDIO-B0",  # 0, 1, 8, 9 are not base32
        "AAAQ-EAYE-AUDA-OCAJ-BIFQ-YDIO-B1",
        "AAAQ-EAYE-AUDA-OCAJ-BIFQ-YDIO-B8",
        "AAAQ_EAYE_AUDA_OCAJ_BIFQ_YDIO_B4",
        "AAAQ.EAYE.AUDA.OCAJ.BIFQ.YDIO.B4",
        "AAAQ-EAYE-AUDA-OCAJ-BIFQ-YDIO-ß",  # would upper-case to SS
        "ÄAAQ-EAYE-AUDA-OCAJ-BIFQ-YDIO-B4",
        "AAAQ-EAYE-AUDA-OCAJ-BIFQ-YDIO-B4" + " " * 500,
        None,
        b"AAAQEAYEAUDAOCAJBIFQYDIOB4",
    ],
)
def test_recovery_code_parsing_refuses_wrong_lengths_and_characters(typed: object) -> None:
    with pytest.raises(np.MalformedError):
        np.parse_recovery_code(typed)  # type: ignore[arg-type]


@pytest.mark.parametrize("rc", [bytes(15), bytes(17), b"", bytearray(16)])
def test_recovery_functions_want_exactly_16_bytes(rc: bytes) -> None:
    with pytest.raises(np.MalformedError):
        np.format_recovery_code(rc)
    with pytest.raises(np.MalformedError):
        np.recovery_keys(rc)


def test_recovery_keys_are_hkdf_with_a_zero_salt_and_distinct_infos() -> None:
    rc = bytes(range(16))
    keys = np.recovery_keys(rc)

    def hkdf(salt: bytes | None, info: bytes) -> bytes:
        return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=info).derive(rc)

    assert keys.rk == hkdf(bytes(32), b"peersupport/notes/v1/recovery-kek")
    assert keys.rk == hkdf(None, b"peersupport/notes/v1/recovery-kek")
    assert np.b64u_decode(keys.recovery_auth) == hkdf(
        bytes(32), b"peersupport/notes/v1/recovery-auth"
    )
    assert np.b64u_decode(keys.recovery_auth) != keys.rk


def test_recovery_code_unwraps_and_a_wrong_one_does_not() -> None:
    bundle, dk, rc = cheap_account()
    assert np.recovery_keys(rc).recovery_auth == bundle.recovery_auth
    assert (
        np.unwrap_dk_with_recovery(
            np.parse_recovery_code(np.format_recovery_code(rc)), bundle.wrapped_dk_rc
        )
        == dk
    )
    with pytest.raises(np.DecryptionError):
        np.unwrap_dk_with_recovery(np.new_recovery_code(), bundle.wrapped_dk_rc)
    # The two wraps cannot be swapped: their AADs differ.
    with pytest.raises(np.DecryptionError):
        np.open_envelope(np.recovery_keys(rc).rk, bundle.wrapped_dk_rc, np.AAD_DK_PASSPHRASE)


# --- registration ------------------------------------------------------------------------


def test_build_registration_makes_fresh_secrets_by_default() -> None:
    params = np.KdfParams.from_json(cheap_params())
    first, dk1, rc1 = np.build_registration("Vos", "wachtzin", params)
    second, dk2, rc2 = np.build_registration("Vos", "wachtzin", params)
    assert len(dk1) == 32 and len(rc1) == 16
    assert dk1 != dk2 and rc1 != rc2
    assert first.auth_key == second.auth_key  # same passphrase, pseudonym and params
    assert first.recovery_auth != second.recovery_auth
    assert first.wrapped_dk != second.wrapped_dk


def test_build_registration_uses_the_default_params_when_none_are_given(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    cheap = np.KdfParams.from_json(cheap_params())
    monkeypatch.setattr(np, "new_kdf_params", lambda seed=None: cheap)
    bundle, _dk, _rc = np.build_registration("Vos", "wachtzin")
    assert bundle.kdf is cheap


def test_unwrapping_refuses_a_wrapped_value_that_is_not_a_32_byte_key() -> None:
    bundle, _dk, rc = cheap_account()
    kek = np.derive_keys("juiste wachtzin", "StilleVos42", bundle.kdf).kek
    with pytest.raises(np.MalformedError):
        np.unwrap_dk(kek, np.seal(kek, bytes(16), np.AAD_DK_PASSPHRASE))
    with pytest.raises(np.MalformedError):
        np.unwrap_dk_with_recovery(
            rc, np.seal(np.recovery_keys(rc).rk, bytes(33), np.AAD_DK_RECOVERY)
        )


def test_every_refusal_is_a_protocol_error_and_a_value_error() -> None:
    for error in (np.MalformedError, np.WeakKdfParamsError, np.DecryptionError):
        assert issubclass(error, np.ProtocolError)
        assert issubclass(error, ValueError)


def test_errors_do_not_repeat_secrets() -> None:
    bundle, _dk, _rc = cheap_account()
    wrong = np.derive_keys("verkeerde wachtzin", "StilleVos42", bundle.kdf)
    with pytest.raises(np.DecryptionError) as caught:
        np.unwrap_dk(wrong.kek, bundle.wrapped_dk)
    assert "wachtzin" not in str(caught.value)
    assert np.b64u_encode(wrong.kek) not in str(caught.value)

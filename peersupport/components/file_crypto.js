/*
 * Notes protocol v1, files: the evidence vault's encryption in the browser.
 *
 * The authority is the section "Notes protocol v1: files" of the design; the Python
 * reference (peersupport/services/file_protocol.py) reproduces every step, and the
 * committed vectors (tests/vectors/files_v1.json) are produced by this very code.
 *
 * blob = 0x01 || nonce(12) || AES-256-GCM(FK, nonce, plaintext, aad="peersupport/notes/v1/file/" + file_id)
 *
 * Plain ES2020 without imports or exports: Reflex pastes it as module-level custom code
 * and the test harness loads it as text. Only WebCrypto. Errors carry `.code`:
 * "malformed" or "decrypt_failed". The file key FK leaves this file only as b64u text
 * meant for the note's own sealed JSON.
 */
function createFileCrypto() {
  "use strict";

  const subtle = globalThis.crypto.subtle;
  const encoder = new TextEncoder();
  const AAD_FILE_PREFIX = "peersupport/notes/v1/file/";
  const BLOB_VERSION = 0x01;
  const KEY_BYTES = 32;
  const NONCE_BYTES = 12;
  const TAG_BYTES = 16;
  const FILE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

  function fail(code, message) {
    const error = new Error(message);
    error.code = code;
    return error;
  }

  function bytes(value, length, what) {
    if (!(value instanceof Uint8Array) || (length !== undefined && value.length !== length)) {
      throw fail("malformed", what + (length === undefined ? " must be bytes" : " must be " + length + " bytes"));
    }
    return value;
  }

  function fileAad(fileId) {
    if (typeof fileId !== "string" || !FILE_ID.test(fileId)) {
      throw fail("malformed", "a file id must be a lower-case UUID");
    }
    return encoder.encode(AAD_FILE_PREFIX + fileId);
  }

  async function importKey(fk, usage) {
    bytes(fk, KEY_BYTES, "a file key");
    return subtle.importKey("raw", fk, { name: "AES-GCM" }, false, [usage]);
  }

  function newFileKey() {
    return globalThis.crypto.getRandomValues(new Uint8Array(KEY_BYTES));
  }

  function newFileId() {
    return globalThis.crypto.randomUUID();
  }

  async function sealFile(fk, fileId, plaintext, nonce) {
    const additionalData = fileAad(fileId);
    bytes(plaintext, undefined, "the file");
    const iv = nonce === undefined || nonce === null
      ? globalThis.crypto.getRandomValues(new Uint8Array(NONCE_BYTES))
      : bytes(nonce, NONCE_BYTES, "a nonce");
    const key = await importKey(fk, "encrypt");
    const sealed = new Uint8Array(
      await subtle.encrypt({ name: "AES-GCM", iv, additionalData, tagLength: 128 }, key, plaintext),
    );
    const blob = new Uint8Array(1 + NONCE_BYTES + sealed.length);
    blob[0] = BLOB_VERSION;
    blob.set(iv, 1);
    blob.set(sealed, 1 + NONCE_BYTES);
    return blob;
  }

  async function openFile(fk, fileId, blob) {
    const additionalData = fileAad(fileId);
    bytes(blob, undefined, "a blob");
    if (blob.length < 1 + NONCE_BYTES + TAG_BYTES || blob[0] !== BLOB_VERSION) {
      throw fail("malformed", "not a v1 file blob");
    }
    const key = await importKey(fk, "decrypt");
    try {
      return new Uint8Array(
        await subtle.decrypt(
          { name: "AES-GCM", iv: blob.subarray(1, 1 + NONCE_BYTES), additionalData, tagLength: 128 },
          key,
          blob.subarray(1 + NONCE_BYTES),
        ),
      );
    } catch (error) {
      throw fail("decrypt_failed", "the file could not be decrypted");
    }
  }

  async function sha256Hex(data) {
    const digest = new Uint8Array(await subtle.digest("SHA-256", bytes(data, undefined, "data")));
    return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
  }

  // Test vectors: fixed key, nonce, id and plaintext; every output the protocol defines.
  async function vectors(inputs, b64uDecode, b64uEncode) {
    const fk = b64uDecode(inputs.fk);
    const plaintext = b64uDecode(inputs.plaintext);
    const blob = await sealFile(fk, inputs.file_id, plaintext, b64uDecode(inputs.nonce));
    return { blob: b64uEncode(blob), sha256: await sha256Hex(plaintext), size: plaintext.length };
  }

  return Object.freeze({ newFileKey, newFileId, sealFile, openFile, sha256Hex, vectors });
}

/*
 * Notes protocol v1, browser side: end-to-end encryption of private notes.
 *
 * The authority is the section "Notes protocol" of the design; the Python reference
 * (peersupport/services/notes_protocol.py) reproduces every step, and the committed
 * vectors (tests/vectors/notes_v1.json) are produced by this very code.
 *
 * This file is plain ES2020 with no imports or exports: Reflex pastes it as module-level
 * custom code (peersupport/components/notes_crypto.py), and the test harness loads it
 * as text. `argon2id` is hash-wasm's function; SHA-256, HKDF and AES-GCM come only from
 * WebCrypto. Errors carry `.code`: "weak_params", "malformed" or "decrypt_failed", and
 * a message without any secret. Nothing is ever logged.
 *
 * Key hygiene: the data key (DK) leaves this file only as a non-extractable CryptoKey;
 * raw key bytes made here are overwritten with zeros as soon as they are imported or
 * used. `loginProof` hands the KEK bytes to the caller, and `unwrapDk` consumes them
 * (zeroes them) whether it succeeds or not.
 */
function createNotesCrypto(argon2id) {
  "use strict";

  const subtle = globalThis.crypto.subtle;
  const encoder = new TextEncoder();
  // fatal: invalid UTF-8 is refused; ignoreBOM: a BOM stays and JSON.parse refuses it,
  // as Python's json.loads does.
  const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

  const SALT_CONTEXT = "peersupport/notes/v1/salt";
  const AAD_DK_PASSPHRASE = "peersupport/notes/v1/dk/passphrase";
  const AAD_DK_RECOVERY = "peersupport/notes/v1/dk/recovery";
  const AAD_NOTE_PREFIX = "peersupport/notes/v1/note/";
  const INFO_RECOVERY_KEK = "peersupport/notes/v1/recovery-kek";
  const INFO_RECOVERY_AUTH = "peersupport/notes/v1/recovery-auth";
  const DEFAULT_PARAMS = { v: 1, alg: "argon2id", m: 65536, t: 3, p: 4 };
  const MIN_MEMORY_KIB = 19456;
  const MIN_ITERATIONS = 2;
  const MAX_MEMORY_KIB = 1048576;
  const MAX_ITERATIONS = 10;
  const MAX_PARALLELISM = 16;
  const PARAM_KEYS = ["alg", "m", "p", "seed", "t", "v"];
  const SEED_BYTES = 32;
  const SALT_BYTES = 16;
  const KEY_BYTES = 32;
  const NONCE_BYTES = 12;
  const TAG_BYTES = 16;
  const RC_BYTES = 16;
  const MAX_ENVELOPE_CHARS = 1024 * 1024;
  const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  // The protocol's fixed "strip" set: what Python's str.strip() or JavaScript's trim()
  // removes (their union), so both sides agree whatever the runtime's Unicode tables.
  const STRIP_CHARS = new Set(
    "\t\n\v\f\r\x1c\x1d\x1e\x1f \x85\xa0\u1680" +
      "\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a" +
      "\u2028\u2029\u202f\u205f\u3000\ufeff",
  );
  // White space and dashes a recovery code may be typed or pasted with.
  const RC_SEPARATORS =
    // eslint-disable-next-line no-control-regex -- \x1c-\x1f are white space to trim()
    /[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff\-\u2010-\u2015\u2212]+/g;
  const B64U_TEXT = /^[A-Za-z0-9_-]*$/;
  const NOTE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

  function fail(code, message) {
    const error = new Error(message);
    error.code = code;
    return error;
  }

  function malformed(message) {
    return fail("malformed", message);
  }

  function bytes(value, length, what) {
    // A Uint8Array of the given length (any length when length is undefined).
    if (!(value instanceof Uint8Array) || (length !== undefined && value.length !== length)) {
      throw malformed(what + (length === undefined ? " must be bytes" : " must be " + length + " bytes"));
    }
    return value;
  }

  function text(value, what) {
    if (typeof value !== "string") throw malformed(what + " must be text");
    return value;
  }

  function utf8(value, what) {
    // UTF-8 of well-formed text; lone surrogates are refused (Python cannot encode them).
    const s = text(value, what);
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff) {
        const d = s.charCodeAt(i + 1);
        if (!(d >= 0xdc00 && d <= 0xdfff)) throw malformed(what + " is not valid Unicode text");
        i++;
      } else if (c >= 0xdc00 && c <= 0xdfff) {
        throw malformed(what + " is not valid Unicode text");
      }
    }
    return encoder.encode(s);
  }

  function concat(parts) {
    const out = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
    let offset = 0;
    for (const part of parts) {
      out.set(part, offset);
      offset += part.length;
    }
    return out;
  }

  function randomBytes(length) {
    return globalThis.crypto.getRandomValues(new Uint8Array(length));
  }

  function isCryptoKey(value) {
    return typeof CryptoKey !== "undefined" && value instanceof CryptoKey;
  }

  // ---- b64u: base64url without padding, strict and canonical ----

  function b64uEncode(data) {
    const u8 = bytes(data, undefined, "data");
    let binary = "";
    for (let i = 0; i < u8.length; i += 0x8000) {
      binary += String.fromCharCode.apply(null, u8.subarray(i, i + 0x8000));
    }
    return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function b64uDecode(value) {
    if (typeof value !== "string" || !B64U_TEXT.test(value) || value.length % 4 === 1) {
      throw malformed("not base64url without padding");
    }
    const padded =
      value.replace(/-/g, "+").replace(/_/g, "/") + "=".repeat((4 - (value.length % 4)) % 4);
    const binary = atob(padded);
    const out = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
    // Unused trailing bits set: not the canonical form.
    if (b64uEncode(out) !== value) throw malformed("not canonical base64url");
    return out;
  }

  // ---- KDF params ----

  function isInteger(value) {
    return typeof value === "number" && Number.isInteger(value);
  }

  function checkParams(params) {
    if (params === null || typeof params !== "object" || Array.isArray(params)) {
      throw malformed("KDF params must be an object");
    }
    const keys = Object.keys(params).sort();
    if (keys.length !== PARAM_KEYS.length || keys.some((key, i) => key !== PARAM_KEYS[i])) {
      throw malformed("KDF params must have exactly v, alg, m, t, p, seed");
    }
    const { v, alg, m, t, p, seed } = params;
    if (!isInteger(v) || !isInteger(m) || !isInteger(t) || !isInteger(p)) {
      throw malformed("KDF params v, m, t, p must be integers");
    }
    if (v !== 1) throw malformed("unknown KDF params version");
    if (alg !== "argon2id") throw malformed("unknown KDF algorithm");
    if (typeof seed !== "string" || seed.length > 64 || b64uDecode(seed).length !== SEED_BYTES) {
      throw malformed("the KDF seed must be 32 bytes");
    }
    if (p < 1 || p > MAX_PARALLELISM) throw malformed("KDF parallelism out of range");
    if (m > MAX_MEMORY_KIB || t > MAX_ITERATIONS) throw malformed("KDF cost absurdly high");
    // No downgrade by a hostile server.
    if (m < MIN_MEMORY_KIB || t < MIN_ITERATIONS) {
      throw fail("weak_params", "KDF params below the minimum");
    }
    return Object.freeze({ v, alg, m, t, p, seed });
  }

  function newParams() {
    return Object.assign({}, DEFAULT_PARAMS, { seed: b64uEncode(randomBytes(SEED_BYTES)) });
  }

  // ---- salt and Argon2id ----

  function normalizePseudonym(pseudonym) {
    // lower(strip(NFKC(pseudonym))) with the fixed strip set.
    const s = text(pseudonym, "the pseudonym").normalize("NFKC");
    let start = 0;
    let end = s.length;
    while (start < end && STRIP_CHARS.has(s[start])) start++;
    while (end > start && STRIP_CHARS.has(s[end - 1])) end--;
    return s.slice(start, end).toLowerCase();
  }

  async function saltFor(seedBytes, pseudonym) {
    bytes(seedBytes, SEED_BYTES, "the KDF seed");
    const name = utf8(normalizePseudonym(pseudonym), "the pseudonym");
    // salt = SHA-256("peersupport/notes/v1/salt" || 0x00 || seed || UTF8(normalized))[0:16]
    const input = concat([encoder.encode(SALT_CONTEXT), new Uint8Array([0]), seedBytes, name]);
    const digest = new Uint8Array(await subtle.digest("SHA-256", input));
    return digest.slice(0, SALT_BYTES);
  }

  async function deriveRaw(passphrase, pseudonym, params) {
    const clean = checkParams(params);
    const salt = await saltFor(b64uDecode(clean.seed), pseudonym);
    const password = utf8(text(passphrase, "the passphrase").normalize("NFC"), "the passphrase");
    let out;
    try {
      // out = Argon2id(UTF8(NFC(passphrase)), salt, t, m, p, length 64, version 0x13)
      out = await argon2id({
        password,
        salt,
        parallelism: clean.p,
        iterations: clean.t,
        memorySize: clean.m,
        hashLength: 64,
        outputType: "binary",
      });
    } finally {
      password.fill(0);
    }
    // KEK = out[0:32]; auth_key = b64u(out[32:64])
    const kekBytes = out.slice(0, KEY_BYTES);
    const authKey = b64uEncode(out.subarray(KEY_BYTES, 2 * KEY_BYTES));
    out.fill(0);
    return { kekBytes, authKey };
  }

  // ---- Seal / open: AES-256-GCM envelopes v1.<nonce>.<ciphertext||tag> ----

  async function aesKey(key, usages) {
    if (isCryptoKey(key)) return key;
    bytes(key, KEY_BYTES, "a key");
    return subtle.importKey("raw", key, { name: "AES-GCM" }, false, usages);
  }

  async function importDataKey(dkBytes) {
    // The DK as a non-extractable key; the raw bytes are the caller's to zero.
    bytes(dkBytes, KEY_BYTES, "the data key");
    return subtle.importKey("raw", dkBytes, { name: "AES-GCM" }, false, ["encrypt", "decrypt"]);
  }

  async function seal(key, plaintext, aad, nonce) {
    const iv = nonce === undefined || nonce === null ? randomBytes(NONCE_BYTES) : nonce;
    bytes(iv, NONCE_BYTES, "a nonce");
    bytes(plaintext, undefined, "the plaintext");
    const cryptoKey = await aesKey(key, ["encrypt"]);
    // Seal(K, plaintext, aad) = AES-256-GCM, 128-bit tag appended to the ciphertext
    const sealed = new Uint8Array(
      await subtle.encrypt(
        { name: "AES-GCM", iv, additionalData: utf8(aad, "the AAD"), tagLength: 128 },
        cryptoKey,
        plaintext,
      ),
    );
    const envelope = "v1." + b64uEncode(iv) + "." + b64uEncode(sealed);
    if (envelope.length > MAX_ENVELOPE_CHARS) throw malformed("the envelope would be over 1 MiB");
    return envelope;
  }

  function parseEnvelope(envelope) {
    if (typeof envelope !== "string") throw malformed("an envelope must be text");
    if (envelope.length > MAX_ENVELOPE_CHARS) throw malformed("the envelope is over 1 MiB");
    const parts = envelope.split(".");
    if (parts.length !== 3 || parts[0] !== "v1") throw malformed("not a v1 envelope");
    const nonce = b64uDecode(parts[1]);
    const sealed = b64uDecode(parts[2]);
    if (nonce.length !== NONCE_BYTES || sealed.length < TAG_BYTES) {
      throw malformed("the envelope nonce or ciphertext has the wrong length");
    }
    return [nonce, sealed];
  }

  async function open(key, envelope, aad) {
    const [iv, sealed] = parseEnvelope(envelope);
    const additionalData = utf8(aad, "the AAD");
    const cryptoKey = await aesKey(key, ["decrypt"]);
    try {
      return new Uint8Array(
        await subtle.decrypt({ name: "AES-GCM", iv, additionalData, tagLength: 128 }, cryptoKey, sealed),
      );
    } catch (error) {
      throw fail("decrypt_failed", "the data could not be decrypted");
    }
  }

  // ---- recovery code ----

  function formatRecoveryCode(rc) {
    bytes(rc, RC_BYTES, "a recovery code");
    let chars = "";
    let buffer = 0;
    let bits = 0;
    for (const byte of rc) {
      buffer = (buffer << 8) | byte;
      bits += 8;
      while (bits >= 5) {
        chars += BASE32[(buffer >>> (bits - 5)) & 31];
        bits -= 5;
      }
      buffer &= (1 << bits) - 1;
    }
    if (bits > 0) chars += BASE32[(buffer << (5 - bits)) & 31];
    return chars.match(/.{1,4}/g).join("-");
  }

  function parseRecoveryCode(value) {
    if (typeof value !== "string" || value.length > 200) throw malformed("not a recovery code");
    const compact = value.replace(RC_SEPARATORS, "");
    if (!/^[A-Za-z2-7]{26}$/.test(compact)) {
      throw malformed("a recovery code is 26 letters A-Z and digits 2-7");
    }
    const upper = compact.toUpperCase();
    const rc = new Uint8Array(RC_BYTES);
    let buffer = 0;
    let bits = 0;
    let index = 0;
    for (const char of upper) {
      buffer = ((buffer << 5) | BASE32.indexOf(char)) & 0xfff;
      bits += 5;
      if (bits >= 8) {
        rc[index++] = (buffer >>> (bits - 8)) & 0xff;
        bits -= 8;
      }
    }
    // 26 x 5 = 130 bits: the 2 unused trailing bits must be zero (one text per code).
    if ((buffer & ((1 << bits) - 1)) !== 0 || index !== RC_BYTES) {
      rc.fill(0);
      throw malformed("not a valid recovery code");
    }
    return rc;
  }

  async function hkdf(rc, info) {
    const base = await subtle.importKey("raw", rc, "HKDF", false, ["deriveBits"]);
    // HKDF-SHA256(RC, salt=none = 32 zero bytes per RFC 5869, info, 32 bytes)
    const bits = await subtle.deriveBits(
      { name: "HKDF", hash: "SHA-256", salt: new Uint8Array(32), info: encoder.encode(info) },
      base,
      256,
    );
    return new Uint8Array(bits);
  }

  async function recoveryKeys(rcBytes) {
    bytes(rcBytes, RC_BYTES, "a recovery code");
    // RK = HKDF-SHA256(RC, salt=none, info="peersupport/notes/v1/recovery-kek", 32)
    const rkBytes = await hkdf(rcBytes, INFO_RECOVERY_KEK);
    // recovery_auth = b64u(HKDF-SHA256(RC, salt=none, info=".../recovery-auth", 32))
    const authBytes = await hkdf(rcBytes, INFO_RECOVERY_AUTH);
    const recoveryAuth = b64uEncode(authBytes);
    authBytes.fill(0);
    return { rkBytes, recoveryAuth };
  }

  async function recoveryAuthFor(recoveryCodeText) {
    const rc = parseRecoveryCode(recoveryCodeText);
    try {
      const { rkBytes, recoveryAuth } = await recoveryKeys(rc);
      rkBytes.fill(0);
      return recoveryAuth;
    } finally {
      rc.fill(0);
    }
  }

  // ---- registration, login, passphrase change, recovery ----

  function copyOrRandom(value, length, what) {
    return value === undefined || value === null ? randomBytes(length) : bytes(value, length, what).slice();
  }

  async function buildRegistration(pseudonym, passphrase, params, options) {
    const opts = options || {};
    const nonces = opts.nonces || {};
    const kdf = checkParams(params);
    // DK = 32 random bytes; RC = 16 random bytes (or given, for vectors and recovery)
    const dk = copyOrRandom(opts.dk, KEY_BYTES, "the data key");
    const rc = copyOrRandom(opts.rc, RC_BYTES, "a recovery code");
    let kekBytes = null;
    let rkBytes = null;
    try {
      const derived = await deriveRaw(passphrase, pseudonym, kdf);
      kekBytes = derived.kekBytes;
      // wrapped_dk = Seal(KEK, DK, "peersupport/notes/v1/dk/passphrase")
      const wrappedDk = await seal(kekBytes, dk, AAD_DK_PASSPHRASE, nonces.dk);
      const recovery = await recoveryKeys(rc);
      rkBytes = recovery.rkBytes;
      // wrapped_dk_rc = Seal(RK, DK, "peersupport/notes/v1/dk/recovery")
      const wrappedDkRc = await seal(rkBytes, dk, AAD_DK_RECOVERY, nonces.dk_rc);
      return {
        bundle: {
          kdf: Object.assign({}, kdf),
          auth_key: derived.authKey,
          wrapped_dk: wrappedDk,
          recovery_auth: recovery.recoveryAuth,
          wrapped_dk_rc: wrappedDkRc,
        },
        recoveryCode: formatRecoveryCode(rc),
        dataKey: await importDataKey(dk),
      };
    } finally {
      dk.fill(0);
      rc.fill(0);
      if (kekBytes) kekBytes.fill(0);
      if (rkBytes) rkBytes.fill(0);
    }
  }

  async function loginProof(pseudonym, passphrase, params) {
    return deriveRaw(passphrase, pseudonym, params);
  }

  async function unwrapWith(key, wrapped, aad) {
    const dk = await open(key, wrapped, aad);
    try {
      if (dk.length !== KEY_BYTES) throw malformed("the unwrapped data key is not 32 bytes");
      return await importDataKey(dk);
    } finally {
      dk.fill(0);
    }
  }

  async function unwrapDk(kekBytes, wrappedDk) {
    try {
      return await unwrapWith(kekBytes, wrappedDk, AAD_DK_PASSPHRASE);
    } finally {
      if (kekBytes instanceof Uint8Array) kekBytes.fill(0);
    }
  }

  async function unlock(pseudonym, passphrase, params, wrappedDk) {
    const { kekBytes, authKey } = await deriveRaw(passphrase, pseudonym, params);
    return { authKey, dataKey: await unwrapDk(kekBytes, wrappedDk) };
  }

  async function rewrapForPassphrase(pseudonym, oldPassphrase, newPassphrase, oldParams, newParams, wrappedDk) {
    const kdf = checkParams(newParams);
    const old = await deriveRaw(oldPassphrase, pseudonym, oldParams);
    let dk;
    try {
      dk = await open(old.kekBytes, wrappedDk, AAD_DK_PASSPHRASE);
    } finally {
      old.kekBytes.fill(0);
    }
    let kekBytes = null;
    try {
      if (dk.length !== KEY_BYTES) throw malformed("the unwrapped data key is not 32 bytes");
      const derived = await deriveRaw(newPassphrase, pseudonym, kdf);
      kekBytes = derived.kekBytes;
      return {
        oldAuthKey: old.authKey,
        newAuthKey: derived.authKey,
        kdf: Object.assign({}, kdf),
        wrappedDk: await seal(kekBytes, dk, AAD_DK_PASSPHRASE),
        dataKey: await importDataKey(dk),
      };
    } finally {
      dk.fill(0);
      if (kekBytes) kekBytes.fill(0);
    }
  }

  async function recover(pseudonym, recoveryCodeText, newPassphrase, newParams, wrappedDkRc) {
    checkParams(newParams);
    const oldRc = parseRecoveryCode(recoveryCodeText);
    let old;
    try {
      old = await recoveryKeys(oldRc);
    } finally {
      oldRc.fill(0);
    }
    let dk;
    try {
      dk = await open(old.rkBytes, wrappedDkRc, AAD_DK_RECOVERY);
    } finally {
      old.rkBytes.fill(0);
    }
    try {
      if (dk.length !== KEY_BYTES) throw malformed("the unwrapped data key is not 32 bytes");
      // A new passphrase wrap and a brand-new recovery code: the old one stops working.
      const registration = await buildRegistration(pseudonym, newPassphrase, newParams, { dk });
      return {
        recoveryAuth: old.recoveryAuth,
        bundle: registration.bundle,
        recoveryCode: registration.recoveryCode,
        dataKey: registration.dataKey,
      };
    } finally {
      dk.fill(0);
    }
  }

  // ---- notes ----

  function noteAad(noteId) {
    if (typeof noteId !== "string" || !NOTE_ID.test(noteId)) {
      throw malformed("a note id must be a lower-case UUID");
    }
    return AAD_NOTE_PREFIX + noteId;
  }

  async function sealNote(dataKey, noteId, content, nonce) {
    const aad = noteAad(noteId);
    if (content === null || typeof content !== "object" || Array.isArray(content)) {
      throw malformed("a note must be a JSON object");
    }
    let json;
    try {
      json = JSON.stringify(content);
    } catch (error) {
      throw malformed("a note must be a JSON object");
    }
    const plaintext = utf8(json, "the note");
    try {
      // note = Seal(DK, UTF8(JSON{title, body, ...}), "peersupport/notes/v1/note/" + note_id)
      return await seal(dataKey, plaintext, aad, nonce);
    } finally {
      plaintext.fill(0);
    }
  }

  async function openNote(dataKey, noteId, envelope) {
    const aad = noteAad(noteId);
    const plaintext = await open(dataKey, envelope, aad);
    let content;
    try {
      content = JSON.parse(decoder.decode(plaintext));
    } catch (error) {
      throw malformed("the note is not a UTF-8 JSON object");
    } finally {
      plaintext.fill(0);
    }
    if (content === null || typeof content !== "object" || Array.isArray(content)) {
      throw malformed("the note is not a JSON object");
    }
    return content;
  }

  function newNoteId() {
    return globalThis.crypto.randomUUID();
  }

  // ---- test vectors: every intermediate value, from fixed inputs ----

  async function vectors(inputs) {
    const params = checkParams(inputs.params);
    const nonces = inputs.nonces;
    const dk = b64uDecode(inputs.dk);
    const rc = b64uDecode(inputs.rc);
    const salt = await saltFor(b64uDecode(params.seed), inputs.pseudonym);
    const { kekBytes, authKey } = await deriveRaw(inputs.passphrase, inputs.pseudonym, params);
    const { rkBytes, recoveryAuth } = await recoveryKeys(rc);
    const dataKey = await importDataKey(dk);
    const result = {
      normalized_pseudonym: normalizePseudonym(inputs.pseudonym),
      salt: b64uEncode(salt),
      kek: b64uEncode(kekBytes),
      auth_key: authKey,
      wrapped_dk: await seal(kekBytes, dk, AAD_DK_PASSPHRASE, b64uDecode(nonces.dk)),
      rk: b64uEncode(rkBytes),
      recovery_auth: recoveryAuth,
      wrapped_dk_rc: await seal(rkBytes, dk, AAD_DK_RECOVERY, b64uDecode(nonces.dk_rc)),
      recovery_code: formatRecoveryCode(rc),
      note_envelope: await sealNote(dataKey, inputs.note_id, inputs.note, b64uDecode(nonces.note)),
    };
    for (const secret of [dk, rc, kekBytes, rkBytes]) secret.fill(0);
    return result;
  }

  return Object.freeze({
    b64uEncode,
    b64uDecode,
    checkParams,
    newParams,
    normalizePseudonym,
    saltFor,
    deriveRaw,
    seal,
    open,
    formatRecoveryCode,
    parseRecoveryCode,
    recoveryKeys,
    buildRegistration,
    unlock,
    loginProof,
    unwrapDk,
    rewrapForPassphrase,
    recover,
    recoveryAuthFor,
    sealNote,
    openNote,
    newNoteId,
    vectors,
  });
}

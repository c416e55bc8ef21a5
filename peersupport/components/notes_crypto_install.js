/* Installs window.peersupportNotes: the notes protocol (notes_crypto.js) on hash-wasm's
 * `argon2id`, which the page module imports (peersupport/components/notes_crypto.py).
 * Server-side prerendering runs the page module in Node: only a browser gets the API.
 * Defined once, read-only, so a second page module (or anything else) cannot swap it.
 */
if (typeof window !== "undefined" && !window.peersupportNotes) {
  Object.defineProperty(window, "peersupportNotes", {
    value: createNotesCrypto(argon2id),
    writable: false,
    configurable: false,
    enumerable: false,
  });
}

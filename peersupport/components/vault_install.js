/* Installs window.psVault: the vault flows (vault.js) with the file encryption
 * (file_crypto.js), the secure forms' data key and notes (psf(), secure_forms.js), and
 * exifr and fflate, which the page module imports (peersupport/components/vault.py).
 * Only a browser gets it; defined once, read-only.
 */
if (typeof window !== "undefined" && !window.psVault) {
  Object.defineProperty(window, "psVault", {
    value: createVault(createFileCrypto(), {
      sealNoteFiles: function (p, id, files) { return window.psf().sealNoteFiles(p, id, files); },
      commitNoteFiles: function (id) { return window.psf().commitNoteFiles(id); },
      vaultNotes: function (p) { return window.psf().vaultNotes(p); },
    }, exifr, zipSync, strToU8),
    writable: false,
    configurable: false,
    enumerable: false,
  });
}

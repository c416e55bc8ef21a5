/* Secure forms: the browser side of sign-up, login, unlock, passphrase change, recovery,
 * export and the notes list. Passphrases, recovery codes and note text are read from
 * uncontrolled fields here and never leave this file except as the ciphertext or keys
 * meant for the server. Plaintext is written into the page with textContent only.
 * Every function resolves to {ok: true, ...} or {ok: false, code}, never throws, so
 * the app can always show a sentence in the visitor's language.
 */
function createSecureForms(notes, solveProof) {
  "use strict";
  var session = { dataKey: null, pseudonym: null, decrypted: [] };
  var pendingKek = null;
  // The last answer sent to the server, kept for one retry with a proof of work.
  var pendingAnswer = null;
  function keep(answer) { pendingAnswer = answer; return answer; }
  var MIN_PASSPHRASE = 10;

  function field(id) { return document.getElementById(id); }
  function valueOf(id) { var el = field(id); return el ? el.value : ""; }
  function clear(ids) { ids.forEach(function (id) { var el = field(id); if (el) el.value = ""; }); }
  function fail(code) { return { ok: false, code: code }; }
  function codeOf(error) { return (error && error.code) || "unexpected"; }

  function newParams() { return notes.newParams(); }

  // A plain estimate: length and variety, plus a list of passphrases everyone tries.
  var COMMON = ["wachtwoord", "password", "welkom", "qwerty", "123456", "letmein", "geheim", "iloveyou"];
  function passphraseStrength(text) {
    if (!text) return 0;
    var lower = text.toLowerCase();
    for (var i = 0; i < COMMON.length; i++) { if (lower.indexOf(COMMON[i]) !== -1 && text.length < 16) return 0; }
    if (/^(.)\1+$/.test(text) || /^(0123456789|1234567890|abcdefghij)/.test(lower)) return 0;
    var classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter(function (r) { return r.test(text); }).length;
    var words = text.trim().split(/\s+/).length;
    var score = text.length >= 20 || words >= 4 ? 3 : text.length >= 14 ? 2 : text.length >= MIN_PASSPHRASE ? 1 : 0;
    if (score > 0 && classes >= 3) score = Math.min(3, score + 1);
    return score;
  }

  function newPassphraseFrom(firstId, repeatId) {
    var first = valueOf(firstId), repeat = valueOf(repeatId);
    if (first.length < MIN_PASSPHRASE || passphraseStrength(first) === 0) return { error: "passphrase_weak" };
    if (first !== repeat) return { error: "passphrase_mismatch" };
    return { value: first };
  }

  function showRecoveryCode(code) {
    var box = field("ps-recovery-code");
    if (box) box.textContent = code;
  }

  function setProgress(on) {
    document.documentElement.toggleAttribute("data-ps-busy", !!on);
  }

  // Let the page show its progress line before the slow key derivation starts.
  function nextFrame() {
    return new Promise(function (resolve) {
      requestAnimationFrame(function () { setTimeout(resolve, 0); });
    });
  }

  async function guarded(work) {
    setProgress(true);
    try { await nextFrame(); return await work(); } catch (error) { return fail(codeOf(error)); }
    finally { setProgress(false); }
  }

  var api = {
    strength: passphraseStrength,

    signUp: function (pseudonym) {
      return guarded(async function () {
        var chosen = newPassphraseFrom("ps-new-passphrase", "ps-new-passphrase-repeat");
        if (chosen.error) return fail(chosen.error);
        var made = await notes.buildRegistration(pseudonym, chosen.value, newParams());
        clear(["ps-new-passphrase", "ps-new-passphrase-repeat"]);
        session.dataKey = made.dataKey; session.pseudonym = pseudonym; session.decrypted = [];
        showRecoveryCode(made.recoveryCode);
        return keep({ ok: true, pseudonym: pseudonym, bundle: made.bundle });
      });
    },

    /* Step 1 of login: prove the passphrase; keep the KEK here until the server answers. */
    loginProof: function (pseudonym, params) {
      return guarded(async function () {
        var passphrase = valueOf("ps-passphrase");
        if (!passphrase) return fail("passphrase_missing");
        var proof = await notes.loginProof(pseudonym, passphrase, params);
        pendingKek = proof.kekBytes;
        session.pseudonym = pseudonym;
        var remember = field("ps-remember");
        return keep({ ok: true, auth_key: proof.authKey, remember: !!(remember && remember.checked) });
      });
    },

    /* Step 2 of login: the server accepted the proof and sent the wrapped data key. */
    loginUnwrap: function (wrappedDk) {
      return guarded(async function () {
        if (!pendingKek) return fail("unexpected");
        var kek = pendingKek; pendingKek = null; pendingAnswer = null;
        session.dataKey = await notes.unwrapDk(kek, wrappedDk);
        kek.fill(0);
        clear(["ps-passphrase"]);
        session.decrypted = [];
        return { ok: true };
      });
    },

    /* Drop the data key and every decrypted text from this page. */
    forget: function () {
      pendingKek = null; pendingAnswer = null; session.dataKey = null; session.pseudonym = null; session.decrypted = [];
      editing = null;
      clear(["ps-note-title", "ps-note-body", "ps-note-search", "ps-passphrase",
             "ps-new-passphrase", "ps-new-passphrase-repeat", "ps-confirm-passphrase",
             "ps-recovery-input"]);
      ["ps-note-list", "ps-recovery-code"].forEach(function (id) {
        var el = field(id); if (el) el.textContent = "";
      });
      var editor = field("ps-note-editor"); if (editor) editor.hidden = true;
      if (window.psVault) window.psVault.forget();
      return { ok: true };
    },

    /* Logging out: forget, and a remembered device forgets its session too. */
    signOut: function () {
      try { localStorage.removeItem("ps-device"); } catch (ignored) {}
      return api.forget();
    },

    isUnlocked: function () { return !!session.dataKey; },

    unlock: function (pseudonym, params, wrappedDk) {
      return guarded(async function () {
        var passphrase = valueOf("ps-passphrase");
        if (!passphrase) return fail("passphrase_missing");
        var opened = await notes.unlock(pseudonym, passphrase, params, wrappedDk);
        clear(["ps-passphrase"]);
        session.dataKey = opened.dataKey; session.pseudonym = pseudonym; session.decrypted = [];
        return { ok: true };
      });
    },

    changePassphrase: function (pseudonym, oldParams, wrappedDk) {
      return guarded(async function () {
        var current = valueOf("ps-passphrase");
        if (!current) return fail("passphrase_missing");
        var chosen = newPassphraseFrom("ps-new-passphrase", "ps-new-passphrase-repeat");
        if (chosen.error) return fail(chosen.error);
        var params = newParams();
        var result = await notes.rewrapForPassphrase(pseudonym, current, chosen.value, oldParams, params, wrappedDk);
        clear(["ps-passphrase", "ps-new-passphrase", "ps-new-passphrase-repeat"]);
        session.dataKey = result.dataKey;
        return { ok: true, current_auth_key: result.oldAuthKey,
                 bundle: { kdf: params, auth_key: result.newAuthKey, wrapped_dk: result.wrappedDk } };
      });
    },

    recoveryProof: function () {
      return guarded(async function () {
        var code = valueOf("ps-recovery-input");
        if (!code.trim()) return fail("recovery_missing");
        var chosen = newPassphraseFrom("ps-new-passphrase", "ps-new-passphrase-repeat");
        if (chosen.error) return fail(chosen.error);
        return keep({ ok: true, recovery_auth: await notes.recoveryAuthFor(code) });
      });
    },

    recover: function (pseudonym, wrappedDkRc) {
      return guarded(async function () {
        var code = valueOf("ps-recovery-input");
        var chosen = newPassphraseFrom("ps-new-passphrase", "ps-new-passphrase-repeat");
        if (chosen.error) return fail(chosen.error);
        var result = await notes.recover(pseudonym, code, chosen.value, newParams(), wrappedDkRc);
        clear(["ps-recovery-input", "ps-new-passphrase", "ps-new-passphrase-repeat"]);
        session.dataKey = result.dataKey; session.pseudonym = pseudonym; session.decrypted = [];
        showRecoveryCode(result.recoveryCode);
        return keep({ ok: true, recovery_auth: result.recoveryAuth, bundle: result.bundle });
      });
    },

    /* The server asked for a proof of work: solve its ALTCHA challenge in Web Workers
     * and hand back the last answer with the solution, to be sent again. */
    solveProof: function (challenge) {
      return guarded(async function () {
        if (!pendingAnswer || typeof solveProof !== "function") return fail("unexpected");
        // The progress line sits under the button: bring it into sight on a small phone.
        var status = document.querySelector(".status-lines");
        if (status && status.scrollIntoView) status.scrollIntoView({ block: "center" });
        var solution = await solveProof(challenge);
        if (!solution) return fail("proof_failed");
        var proof = btoa(JSON.stringify({
          challenge: challenge,
          solution: { counter: solution.counter, derivedKey: solution.derivedKey }
        }));
        return Object.assign({}, pendingAnswer, { proof: proof });
      });
    },

    /* Proof of the passphrase for deleting the account. */
    confirmProof: function (pseudonym, params) {
      return guarded(async function () {
        var passphrase = valueOf("ps-confirm-passphrase");
        if (!passphrase) return fail("passphrase_missing");
        var proof = await notes.loginProof(pseudonym, passphrase, params);
        proof.kekBytes.fill(0);
        clear(["ps-confirm-passphrase"]);
        return { ok: true, auth_key: proof.authKey };
      });
    }
  };

  /* ---- Notes list and editor ---- */
  var editing = null;  // id of the note in the editor, or null for a new one

  function renderList() {
    var list = field("ps-note-list");
    if (!list) return;
    var query = (valueOf("ps-note-search") || "").trim().toLowerCase();
    var shown = session.decrypted.filter(function (note) {
      return !query || (note.title + "\n" + note.body).toLowerCase().indexOf(query) !== -1;
    });
    var fragment = document.createDocumentFragment();
    shown.forEach(function (note) {
      var item = document.createElement("li");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "note-item";
      button.setAttribute("data-note-id", note.id);
      var title = document.createElement("span");
      title.className = "note-item__title";
      title.textContent = note.title || note.body.slice(0, 60) || "…";
      var date = document.createElement("span");
      date.className = "note-item__date";
      date.textContent = note.updated;
      button.appendChild(title); button.appendChild(date);
      button.addEventListener("click", function () { api.openNote(note.id); });
      item.appendChild(button);
      fragment.appendChild(item);
    });
    list.textContent = "";
    list.appendChild(fragment);
    var count = field("ps-note-count");
    if (count) count.textContent = String(shown.length);
    var empty = field("ps-notes-empty");
    if (empty) empty.hidden = session.decrypted.length !== 0;
    var none = field("ps-search-empty");
    if (none) none.hidden = !(session.decrypted.length !== 0 && shown.length === 0);
  }

  // The data key in memory belongs to one account: never use it for another.
  function keyFor(pseudonym) {
    if (!session.dataKey) return null;
    if (notes.normalizePseudonym(String(session.pseudonym || "")) !== notes.normalizePseudonym(String(pseudonym || ""))) {
      api.forget();
      return null;
    }
    return session.dataKey;
  }

  api.renderNotes = function (records, pseudonym) {
    return guarded(async function () {
      if (!keyFor(pseudonym)) return fail("locked");
      var opened = [];
      for (var i = 0; i < records.length; i++) {
        var record = records[i];
        try {
          var content = await notes.openNote(session.dataKey, record.id, record.envelope);
          opened.push({ id: record.id, updated: record.updated, title: String(content.title || ""), body: String(content.body || ""),
                        files: Array.isArray(content.files) ? content.files : [] });
        } catch (error) {
          opened.push({ id: record.id, updated: record.updated, title: "⚠", body: "" });
        }
      }
      session.decrypted = opened;
      var search = field("ps-note-search");
      if (search && !search.dataset.bound) {
        search.dataset.bound = "on";
        search.addEventListener("input", renderList);
      }
      renderList();
      // A note just saved for the first time can hold files from now on.
      if (window.psVault && editing) window.psVault.showNote(noteById(editing));
      return { ok: true, count: opened.length };
    });
  };

  api.openNote = function (id) {
    var note = null;
    for (var i = 0; i < session.decrypted.length; i++) if (session.decrypted[i].id === id) note = session.decrypted[i];
    editing = note ? note.id : null;
    var title = field("ps-note-title"), body = field("ps-note-body");
    if (title) title.value = note ? note.title : "";
    if (body) body.value = note ? note.body : "";
    document.documentElement.toggleAttribute("data-ps-editing-existing", !!note);
    var editor = field("ps-note-editor");
    // A question left open for another note (assets/confirm.js) starts closed again.
    if (editor && window.psCloseQuestions) window.psCloseQuestions(editor);
    if (editor) { editor.hidden = false; if (title) title.focus(); }
    if (window.psVault) window.psVault.showNote(note);
    return { ok: true };
  };

  api.newNote = function () { return api.openNote(null); };

  api.closeEditor = function () {
    editing = null;
    clear(["ps-note-title", "ps-note-body"]);
    var editor = field("ps-note-editor");
    if (editor) editor.hidden = true;
    if (window.psVault) window.psVault.showNote(null);
    return { ok: true };
  };

  /* Saving: the note in the editor is sealed here and only its id and envelope go to
     the server (one event); the server's answer, noteSaved, tells the note's new time,
     and the list is updated from what this tab already holds. */
  var sealing = null;  // {id, title, body, files}: sealed and sent, not yet confirmed
  api.sealCurrentNote = function (pseudonym) {
    return guarded(async function () {
      if (!keyFor(pseudonym)) return fail("locked");
      var title = valueOf("ps-note-title"), body = valueOf("ps-note-body");
      if (!title.trim() && !body.trim()) return fail("note_empty");
      // The id is kept at once: a second tap before the answer saves the same note.
      var id = editing || notes.newNoteId();
      editing = id;
      var content = { title: title, body: body };
      // The files it holds stay listed: their keys live only in this note.
      var files = (noteById(id) || {}).files;
      if (files && files.length) content.files = files;
      var envelope = await notes.sealNote(session.dataKey, id, content);
      sealing = { id: id, title: title, body: body, files: files || [] };
      return { ok: true, id: id, envelope: envelope };
    });
  };

  api.noteSaved = function (id, updated) {
    if (!sealing || sealing.id !== id) return { ok: false, code: "unexpected" };
    var note = noteById(id);
    if (!note) { note = { id: id, files: [] }; }
    else { session.decrypted = session.decrypted.filter(function (other) { return other.id !== id; }); }
    note.title = sealing.title; note.body = sealing.body; note.files = sealing.files;
    note.updated = String(updated);
    sealing = null;
    // Most recently changed first, as the server lists them.
    session.decrypted.unshift(note);
    renderList();
    // A note just saved for the first time can hold files from now on.
    if (window.psVault && editing === id) window.psVault.showNote(note);
    return { ok: true };
  };

  api.noteDeleted = function (id) {
    session.decrypted = session.decrypted.filter(function (note) { return note.id !== id; });
    renderList();
    return { ok: true };
  };

  /* Where the page starts: the device's token (for a tab not signed in yet), the time
     zone to show times in, and whose data key this tab holds. */
  api.notesContext = function (token) {
    // The page starts with its editor closed: no note is being edited.
    editing = null; sealing = null;
    var zone;
    try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone || ""; } catch (error) { zone = ""; }
    return {
      ok: true,
      token: typeof token === "string" ? token : "",
      zone: zone,
      holder: session.dataKey && session.pseudonym ? String(session.pseudonym) : ""
    };
  };

  /* A new note from text the page composed (a checklist result), sealed like any note. */
  api.sealNewNote = function (pseudonym, note) {
    return guarded(async function () {
      if (!keyFor(pseudonym)) return fail("locked");
      var title = note && typeof note.title === "string" ? note.title : "";
      var body = note && typeof note.body === "string" ? note.body : "";
      if (!title.trim() && !body.trim()) return fail("note_empty");
      var id = notes.newNoteId();
      var envelope = await notes.sealNote(session.dataKey, id, { title: title, body: body });
      return { ok: true, id: id, envelope: envelope };
    });
  };

  function noteById(id) {
    for (var i = 0; i < session.decrypted.length; i++) if (session.decrypted[i].id === id) return session.decrypted[i];
    return null;
  }

  /* ---- For the evidence vault (vault.js): a note's files, sealed inside the note ---- */
  var proposed = null;  // {id, files}: sealed and sent, not yet confirmed by the server
  api.sealNoteFiles = function (pseudonym, id, files) {
    return guarded(async function () {
      var note = noteById(id);
      if (!keyFor(pseudonym) || !note) return fail("locked");
      var envelope = await notes.sealNote(session.dataKey, id, { title: note.title, body: note.body, files: files });
      proposed = { id: id, files: files };
      return { ok: true, envelope: envelope };
    });
  };
  api.commitNoteFiles = function (id) {
    var note = noteById(id);
    if (note && proposed && proposed.id === id) note.files = proposed.files;
    proposed = null;
    return note;
  };
  api.vaultNotes = function (pseudonym) { return keyFor(pseudonym) ? session.decrypted : null; };

  api.currentNoteId = function () { return { ok: !!editing, id: editing }; };

  api.exportFile = function (data) {
    return guarded(async function () {
      if (!keyFor(data.pseudonym)) return fail("locked");
      var out = {
        pseudonym: data.pseudonym, role: data.role, created_month: data.created_month, notes: [],
        stories: data.stories || [], board_posts: data.board_posts || []
      };
      for (var i = 0; i < data.notes.length; i++) {
        var record = data.notes[i];
        var content = await notes.openNote(session.dataKey, record.id, record.envelope);
        out.notes.push({ id: record.id, updated_at: record.updated_at, title: content.title, body: content.body });
      }
      var blob = new Blob([JSON.stringify(out, null, 2)], { type: "application/json" });
      var link = document.createElement("a");
      link.href = URL.createObjectURL(blob);
      link.download = "export.json";  // a neutral name in the downloads folder
      document.body.appendChild(link);
      link.click();
      setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
      return { ok: true, count: out.notes.length };
    });
  };

  return api;
}

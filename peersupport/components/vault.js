/*
 * The evidence vault in the browser: add a screenshot or PDF to an open note, see the
 * files, and export everything as a ZIP. Plaintext never leaves this page: a file is
 * sealed (file_crypto.js) before it is sent, opened only here, and shown from memory as
 * a blob: URL that forget() revokes (the quick exit calls it first).
 *
 * Texts come from hidden elements the page renders in the visitor's language
 * (#ps-vault-texts [data-text]); nothing here is a sentence of its own.
 * `forms` is psf() (secure_forms.js): it holds the data key and the decrypted notes.
 * Every flow resolves to {ok: true, ...} or {ok: false, code} and never throws.
 */
function createVault(fileCrypto, forms, exifr, zipSync, strToU8) {
  "use strict";
  var ROUTE = "/api/bestanden";
  var HEADER = "x-kompas-session";
  var OVERHEAD = 29;  // 0x01 || nonce(12) || tag(16)
  var TYPES = ["image/jpeg", "image/png", "image/webp", "image/gif", "application/pdf"];
  var current = null;   // the open note: {id, title, body, files}
  var pending = null;   // the file he chose and has not added yet
  var urls = [];        // blob: URLs shown in the page
  var limits = null;    // {used, limit, file_limit} from the server
  var timings = {};
  var bound = false;

  function el(id) { return document.getElementById(id); }
  function fail(code) { return { ok: false, code: code }; }
  function text(key) {
    var node = document.querySelector('#ps-vault-texts [data-text="' + key + '"]');
    return node ? node.textContent : "";
  }
  function lang() { var t = el("ps-vault-texts"); return (t && t.getAttribute("data-lang")) || "nl"; }
  function show(id, on) { var node = el(id); if (node) node.hidden = !on; }
  function say(key) {
    ["too_large", "full", "type", "failed", "added", "unreadable", "gone", "exported", "empty", "export_failed"].forEach(function (k) {
      show("ps-vault-msg-" + k, k === key);
    });
  }
  function megabytes(n) {
    return new Intl.NumberFormat(lang(), { maximumFractionDigits: 1 }).format(n / 1048576) + " MB";
  }
  function sizeText(n) {
    return n < 1048576 ? new Intl.NumberFormat(lang()).format(Math.ceil(n / 1024)) + " kB" : megabytes(n);
  }
  function timeText(iso) {
    var date = new Date(iso);
    if (isNaN(date.getTime())) return "";
    return new Intl.DateTimeFormat(lang(), { dateStyle: "short", timeStyle: "short" }).format(date);
  }
  function b64u(bytes) {
    var binary = "";
    for (var i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }
  function unb64u(value) {
    var binary = atob(value.replace(/-/g, "+").replace(/_/g, "/"));
    var out = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
    return out;
  }

  async function request(method, path, token, body) {
    var headers = {};
    headers[HEADER] = token;
    if (body) headers["content-type"] = "application/octet-stream";
    var response = await fetch(ROUTE + path, { method: method, headers: headers, body: body, cache: "no-store", credentials: "omit" });
    if (!response.ok) {
      var error = new Error("HTTP " + response.status);
      error.code = response.status === 413 ? "full" : "failed";
      throw error;
    }
    return response;
  }

  function upload(path, token, blob) {
    // XMLHttpRequest, not fetch: only it reports upload progress.
    return new Promise(function (resolve, reject) {
      var xhr = new XMLHttpRequest();
      var bar = el("ps-vault-progress");
      xhr.open("PUT", ROUTE + path);
      xhr.setRequestHeader(HEADER, token);
      xhr.setRequestHeader("content-type", "application/octet-stream");
      xhr.upload.onprogress = function (event) {
        if (bar && event.lengthComputable) bar.value = Math.round((100 * event.loaded) / event.total);
      };
      xhr.onload = function () {
        if (xhr.status === 201) resolve(); else reject(Object.assign(new Error("HTTP " + xhr.status), { code: xhr.status === 413 ? "full" : "failed" }));
      };
      xhr.onerror = function () { reject(Object.assign(new Error("network"), { code: "failed" })); };
      xhr.send(blob);
    });
  }

  function revokeAll() {
    urls.forEach(function (url) { URL.revokeObjectURL(url); });
    urls = [];
    document.querySelectorAll("[data-vault-shown]").forEach(function (node) { node.remove(); });
  }

  function detail(list, label, value, className) {
    if (!value) return;
    var dt = document.createElement("dt"); dt.textContent = label;
    var dd = document.createElement("dd"); dd.textContent = value;
    if (className) dd.className = className;
    list.appendChild(dt); list.appendChild(dd);
  }

  function fileDetails(entry) {
    var list = document.createElement("dl");
    list.className = "vault-file__details";
    detail(list, text("size"), sizeText(entry.size));
    detail(list, text("added"), timeText(entry.added));
    detail(list, text("made"), entry.made || text("made_unknown"));
    detail(list, text("fingerprint"), entry.sha256, "vault-file__sha");
    return list;
  }

  function renderFiles() {
    var list = el("ps-vault-files");
    if (!list) return;
    revokeAll();
    list.textContent = "";
    var files = (current && current.files) || [];
    files.forEach(function (entry) {
      var item = document.createElement("li");
      item.className = "vault-file";
      item.setAttribute("data-file-id", entry.id);
      var name = document.createElement("p");
      name.className = "vault-file__name";
      name.textContent = entry.name;
      item.appendChild(name);
      item.appendChild(fileDetails(entry));
      list.appendChild(item);
    });
    show("ps-vault-none", files.length === 0);
    show("ps-vault-view-row", files.length !== 0);
  }

  function clearPending() {
    pending = null;
    var input = el("ps-vault-input"); if (input) input.value = "";
    var details = el("ps-vault-pending-details"); if (details) details.textContent = "";
    show("ps-vault-pending", false); show("ps-vault-gps", false); show("ps-vault-warning", false);
    show("ps-vault-progress-row", false);
  }

  function bind() {
    if (bound) return;
    var input = el("ps-vault-input"), choose = el("ps-vault-choose"), cancel = el("ps-vault-cancel-warning");
    if (!input || !choose) return;
    bound = true;
    choose.addEventListener("click", function () { show("ps-vault-warning", false); input.click(); });
    if (cancel) cancel.addEventListener("click", function () { clearPending(); el("ps-vault-add") && el("ps-vault-add").focus(); });
    input.addEventListener("change", function () { if (input.files && input.files[0]) examine(input.files[0]); });
  }

  async function readMade(bytes) {
    try {
      var tags = await exifr.parse(bytes, { pick: ["DateTimeOriginal"], reviveValues: false });
      var raw = tags && tags.DateTimeOriginal;
      if (typeof raw !== "string") return "";
      var m = /^(\d{4}):(\d{2}):(\d{2}) (\d{2}):(\d{2})(?::(\d{2}))?/.exec(raw);
      return m ? m[1] + "-" + m[2] + "-" + m[3] + " " + m[4] + ":" + m[5] + ":" + (m[6] || "00") : "";
    } catch (error) { return ""; }
  }

  async function readGps(bytes) {
    try {
      var gps = await exifr.gps(bytes);
      return !!(gps && isFinite(gps.latitude) && isFinite(gps.longitude));
    } catch (error) { return false; }
  }

  async function examine(file) {
    say(null);
    show("ps-vault-warning", false);
    if (TYPES.indexOf(file.type) === -1) { clearPending(); say("type"); return; }
    if (limits && file.size > limits.file_limit) { clearPending(); say("too_large"); return; }
    if (limits && limits.used + file.size + OVERHEAD > limits.limit) { clearPending(); say("full"); return; }
    var bytes;
    try { bytes = new Uint8Array(await file.arrayBuffer()); } catch (error) { clearPending(); say("unreadable"); return; }
    var isImage = file.type.indexOf("image/") === 0;
    pending = {
      name: String(file.name || "bestand").slice(0, 200), type: file.type, bytes: bytes,
      made: isImage ? await readMade(bytes) : "", gps: isImage && file.type !== "image/gif" ? await readGps(bytes) : false,
      sha256: await fileCrypto.sha256Hex(bytes),
    };
    var details = el("ps-vault-pending-details");
    details.textContent = "";
    var name = document.createElement("p"); name.className = "vault-file__name"; name.textContent = pending.name;
    details.appendChild(name);
    details.appendChild(fileDetails({ size: bytes.length, made: pending.made, sha256: pending.sha256 }));
    var remove = el("ps-vault-gps-remove"); if (remove) remove.checked = true;
    show("ps-vault-gps", pending.gps);
    show("ps-vault-pending", true);
    var add = el("ps-vault-confirm"); if (add) add.focus();
  }

  // The photo drawn again without its metadata: the place (and every other EXIF tag) is
  // gone; what is kept and fingerprinted is this new file.
  async function withoutLocation(file) {
    var bitmap = await createImageBitmap(new Blob([file.bytes], { type: file.type }), { imageOrientation: "from-image" });
    var canvas = document.createElement("canvas");
    canvas.width = bitmap.width; canvas.height = bitmap.height;
    canvas.getContext("2d").drawImage(bitmap, 0, 0);
    bitmap.close();
    var type = file.type === "image/png" ? "image/png" : file.type === "image/webp" ? "image/webp" : "image/jpeg";
    var blob = await new Promise(function (resolve) { canvas.toBlob(resolve, type, 0.95); });
    canvas.width = canvas.height = 0;
    if (!blob) throw Object.assign(new Error("encode"), { code: "unreadable" });
    return { bytes: new Uint8Array(await blob.arrayBuffer()), type: type };
  }

  var api = {
    /* The editor opened a note (or none): show its files, forget the last one's. */
    showNote: function (note) {
      bind();
      clearPending(); say(null);
      current = note && note.id ? note : null;
      show("ps-vault", !!current);
      renderFiles();
      return { ok: true };
    },

    /* Before every file: the limits from the server, then the warning. */
    pick: async function (token) {
      try {
        bind();
        if (!current) return fail("no_note");
        clearPending(); say(null);
        limits = await (await request("GET", "", token)).json();
        show("ps-vault-warning", true);
        var choose = el("ps-vault-choose"); if (choose) choose.focus();
        return { ok: true };
      } catch (error) { say("failed"); return fail("failed"); }
    },

    cancel: function () { clearPending(); say(null); return { ok: true }; },

    /* Seal the chosen file, send it with a progress bar, and seal the note listing it. */
    add: async function (token, pseudonym) {
      if (!pending || !current) return fail("nothing");
      var file = pending, note = current;
      try {
        var keep = el("ps-vault-gps-keep");
        if (file.gps && !(keep && keep.checked)) {
          var clean = await withoutLocation(file);
          file = Object.assign({}, file, clean, { sha256: await fileCrypto.sha256Hex(clean.bytes) });
        }
        var bar = el("ps-vault-progress"); if (bar) bar.value = 0;
        show("ps-vault-progress-row", true);
        var started = performance.now();
        var fk = fileCrypto.newFileKey(), id = fileCrypto.newFileId();
        var blob = await fileCrypto.sealFile(fk, id, file.bytes);
        timings.encrypt_ms = performance.now() - started;
        var sent = performance.now();
        await upload("/" + note.id + "/" + id, token, blob);
        timings.upload_ms = performance.now() - sent;
        var entry = { id: id, name: file.name, type: file.type, size: file.bytes.length, sha256: file.sha256,
                      added: new Date().toISOString(), key: b64u(fk) };
        if (file.made) entry.made = file.made;
        fk.fill(0);
        var files = (note.files || []).concat([entry]);
        var sealed = await forms.sealNoteFiles(pseudonym, note.id, files);
        if (!sealed.ok) {
          // No note will list it: take the blob back rather than leave it unreachable.
          await request("DELETE", "/" + id, token).catch(function () {});
          show("ps-vault-progress-row", false); say("failed");
          return sealed;
        }
        return { ok: true, id: note.id, envelope: sealed.envelope, file_id: id };
      } catch (error) {
        show("ps-vault-progress-row", false);
        say(error && error.code === "full" ? "full" : "failed");
        return fail((error && error.code) || "failed");
      }
    },

    /* The server kept the note that lists the new file (or refused it and the blob). */
    committed: function (ok, noteId, fileId) {
      show("ps-vault-progress-row", false);
      if (!ok) { say("failed"); return { ok: true }; }
      var entry = forms.commitNoteFiles(noteId, fileId);
      if (current && current.id === noteId) current = entry || current;
      clearPending(); renderFiles(); say("added");
      return { ok: true };
    },

    /* Fetch, open and show the open note's files: images inline, PDFs to open. */
    view: async function (token) {
      if (!current) return fail("no_note");
      revokeAll();
      var files = current.files || [];
      for (var i = 0; i < files.length; i++) {
        var entry = files[i];
        var item = document.querySelector('#ps-vault-files [data-file-id="' + entry.id + '"]');
        if (!item) continue;
        try {
          var plain = await opened(token, entry);
          var url = URL.createObjectURL(new Blob([plain], { type: entry.type }));
          urls.push(url);
          var shown;
          if (entry.type.indexOf("image/") === 0) {
            shown = document.createElement("img");
            shown.src = url; shown.alt = entry.name; shown.className = "vault-file__image";
          } else {
            shown = document.createElement("a");
            shown.href = url; shown.download = entry.name; shown.textContent = text("open_pdf");
            shown.className = "button button--secondary";
          }
          shown.setAttribute("data-vault-shown", "");
          item.insertBefore(shown, item.firstChild.nextSibling);
        } catch (error) { say("gone"); }
      }
      return { ok: true };
    },

    /* Every note with files, as one ZIP made here: the files as added, manifests, the
       notes' text, a printable summary and how to check a fingerprint. */
    exportZip: async function (token, pseudonym) {
      try {
        var notes = forms.vaultNotes(pseudonym);
        if (!notes) return fail("locked");
        var entries = {}, manifest = [], owners = [], texts = [], used = {};
        for (var n = 0; n < notes.length; n++) {
          var note = notes[n];
          if (!note.files || !note.files.length) continue;
          texts.push("# " + (note.title || "") + "\n\n" + (note.body || "") + "\n");
          for (var f = 0; f < note.files.length; f++) {
            var entry = note.files[f];
            var path = uniquePath(used, "bestanden/" + safeName(entry.name));
            entries[path] = [await opened(token, entry), { level: 0 }];
            manifest.push({ file: path, name: entry.name, sha256: entry.sha256, size: entry.size,
                            added: entry.added, made: entry.made || "", note: note.title || "" });
            owners.push(note);
          }
        }
        if (!manifest.length) { say("empty"); return fail("empty"); }
        entries["manifest.json"] = strToU8(JSON.stringify(manifest, null, 2) + "\n");
        entries["manifest.csv"] = strToU8(csv(manifest));
        entries["notities.txt"] = strToU8(texts.join("\n"));
        entries["overzicht.html"] = strToU8(overview(manifest, owners));
        entries["LEESMIJ.txt"] = strToU8(text("readme").replace(/\\n/g, "\n") + "\n");
        var zip = zipSync(entries);
        var link = document.createElement("a");
        link.href = URL.createObjectURL(new Blob([zip], { type: "application/zip" }));
        link.download = "export.zip";
        document.body.appendChild(link);
        link.click();
        setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
        say("exported");
        return { ok: true, count: manifest.length };
      } catch (error) { say("export_failed"); return fail((error && error.code) || "failed"); }
    },

    timings: function () { return Object.assign({}, timings); },

    /* Quick exit, logout, lock: every decrypted byte and blob: URL out of the page. */
    forget: function () {
      revokeAll();
      clearPending();
      current = null; limits = null;
      var list = el("ps-vault-files"); if (list) list.textContent = "";
      show("ps-vault", false);
      return { ok: true };
    },
  };

  async function opened(token, entry) {
    var blob = new Uint8Array(await (await request("GET", "/" + entry.id, token)).arrayBuffer());
    var plain = await fileCrypto.openFile(unb64u(entry.key), entry.id, blob);
    if ((await fileCrypto.sha256Hex(plain)) !== entry.sha256) throw Object.assign(new Error("changed"), { code: "changed" });
    return plain;
  }

  function safeName(name) {
    // eslint-disable-next-line no-control-regex -- control characters never go into a ZIP name
    var clean = String(name).replace(/[\\/:*?"<>|\u0000-\u001f]/g, "_").replace(/^\.+/, "_").slice(0, 120);
    return clean || "bestand";
  }

  function uniquePath(used, path) {
    var candidate = path, dot = path.lastIndexOf("."), i = 2;
    while (used[candidate]) {
      candidate = dot > path.lastIndexOf("/") ? path.slice(0, dot) + "-" + i + path.slice(dot) : path + "-" + i;
      i++;
    }
    used[candidate] = true;
    return candidate;
  }

  function csvCell(value) { return '"' + String(value).replace(/"/g, '""') + '"'; }
  function csv(rows) {
    var keys = ["file", "name", "sha256", "size", "added", "made", "note"];
    return [keys.join(",")].concat(rows.map(function (row) {
      return keys.map(function (key) { return csvCell(row[key]); }).join(",");
    })).join("\r\n") + "\r\n";
  }

  function escapeHtml(value) {
    return String(value).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function overview(rows, owners) {
    var h = escapeHtml;
    var head = ["name", "size", "added", "made", "fingerprint"].map(function (k) { return "<th>" + h(text(k)) + "</th>"; }).join("");
    var notes = owners.filter(function (note, i) { return owners.indexOf(note) === i; });
    var sections = notes.map(function (note) {
      var lines = rows.filter(function (row, i) { return owners[i] === note; }).map(function (row) {
        return "<tr><td>" + h(row.name) + "</td><td>" + h(sizeText(row.size)) + "</td><td>" + h(row.added) +
          "</td><td>" + h(row.made || text("made_unknown")) + "</td><td><code>" + h(row.sha256) + "</code></td></tr>";
      }).join("");
      return "<section><h2>" + h(note.title || "") + "</h2><p style=\"white-space:pre-wrap\">" + h(note.body || "") +
        "</p><table><thead><tr>" + head + "</tr></thead><tbody>" + lines + "</tbody></table></section>";
    }).join("");
    return "<!doctype html><html lang=\"" + h(lang()) + "\"><head><meta charset=\"utf-8\"><title>" + h(text("overview_title")) +
      "</title><style>body{font:14px/1.4 sans-serif;margin:2em}table{border-collapse:collapse;width:100%}" +
      "td,th{border:1px solid #999;padding:4px;text-align:left;vertical-align:top}code{word-break:break-all}</style></head><body><h1>" +
      h(text("overview_title")) + "</h1><p>" + h(text("overview_intro")) + "</p><p>" + h(text("overview_made")) + " " +
      h(new Date().toISOString()) + "</p>" + sections + "</body></html>\n";
  }

  return api;
}

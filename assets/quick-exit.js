/* Quick exit: leave the app at once, from a tap or from the keyboard.
 *
 * Triggers: the [data-quick-exit] link on every page; Shift pressed three times within
 * 5 seconds; Escape pressed twice within 1 second. Keys do nothing while the focus is
 * in a text field, so typing is never interrupted.
 * On exit: hide the page and set a neutral title at once, clear this tab's storage and
 * the session token (a remembered device forgets it too), then replace the current history entry with the neutral site, so
 * Back does not lead into the app.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  var exitUrl = (script && script.getAttribute("data-exit-url")) || "https://www.buienradar.nl/";
  var NEUTRAL_TITLE = "Nieuw tabblad";
  var SESSION_COOKIE = "ps_session";
  var DEVICE_TOKEN = "ps-device";  // a remembered device's session token
  // The random "this helped me" key of the story pages: it says nothing, but it is a trace.
  var BROWSER_KEY = "ps-browser";
  var SHIFT_COUNT = 3, SHIFT_WINDOW_MS = 5000, ESCAPE_WINDOW_MS = 1000;
  var leaving = false;

  function quickExit() {
    if (leaving) return;
    leaving = true;
    try {
      document.documentElement.style.visibility = "hidden";
      document.documentElement.style.background = "#fff";
      document.title = NEUTRAL_TITLE;
    } catch (ignored) {}
    // The evidence vault's decrypted images: out of the page, their blob: URLs revoked.
    try { if (window.psVault) window.psVault.forget(); } catch (ignored) {}
    try {
      window.sessionStorage.clear();
      // Scripts that save state as the page goes away (scroll positions) must not
      // write this visit back into the tab's storage.
      Storage.prototype.setItem = function () {};
    } catch (ignored) {}
    try { window.localStorage.removeItem(DEVICE_TOKEN); } catch (ignored) {}
    try { window.localStorage.removeItem(BROWSER_KEY); } catch (ignored) {}
    try {
      document.cookie = SESSION_COOKIE + "=; Max-Age=0; path=/; SameSite=Strict";
    } catch (ignored) {}
    window.location.replace(exitUrl);
  }
  window.peersupportQuickExit = quickExit;

  function isTyping(target) {
    if (!target || !target.tagName) return false;
    if (target.isContentEditable) return true;
    var tag = target.tagName.toLowerCase();
    if (tag === "textarea" || tag === "select") return true;
    if (tag !== "input") return false;
    var type = (target.getAttribute("type") || "text").toLowerCase();
    return ["button", "checkbox", "radio", "submit", "reset", "range", "color", "file", "image"]
      .indexOf(type) === -1;
  }

  var shiftPresses = [];
  var lastEscape = 0;
  document.addEventListener("keydown", function (event) {
    if (event.repeat || isTyping(event.target)) return;
    var now = Date.now();
    if (event.key === "Shift") {
      shiftPresses = shiftPresses.filter(function (time) { return now - time < SHIFT_WINDOW_MS; });
      shiftPresses.push(now);
      lastEscape = 0;
      if (shiftPresses.length >= SHIFT_COUNT) quickExit();
    } else if (event.key === "Escape") {
      shiftPresses = [];
      if (now - lastEscape < ESCAPE_WINDOW_MS) quickExit();
      else lastEscape = now;
    } else {
      shiftPresses = [];
      lastEscape = 0;
    }
  }, true);

  document.addEventListener("click", function (event) {
    var link = event.target && event.target.closest && event.target.closest("[data-quick-exit]");
    if (!link) return;
    event.preventDefault();
    event.stopPropagation();
    quickExit();
  }, true);
})();

/* The pages rendered by the server (the stories, help, safe use, about:
 * peersupport/http/html_frame.py): the language switch, "read anyway" and "this helped
 * me". Loaded deferred: the text shows before this runs.
 */
(function () {
  "use strict";
  var root = document.documentElement;
  // The page answers taps from now on (the Reflex pages say the same once hydrated).
  root.setAttribute("data-ready", "true");
  var LANGUAGE_KEY = "ps-lang", BROWSER_KEY = "ps-browser";

  function language() { return root.lang === "en" ? "en" : "nl"; }


  // The server renders one language, from the cookie; the app's other pages read
  // localStorage. Both are written, then the page loads again in that language
  // without a new history entry.
  function showIn(lang) {
    try { localStorage.setItem(LANGUAGE_KEY, lang); } catch (ignored) {}
    document.cookie = LANGUAGE_KEY + "=" + lang + "; Max-Age=31536000; path=/; SameSite=Strict" +
      (location.protocol === "https:" ? "; Secure" : "");
    location.replace(location.href);
  }

  // Storage is touched only once the text is painted: on a slow phone its first use in a
  // page can take long, and this script may run before the first paint. A callback of
  // the next animation frame runs before that frame is painted; a timeout set there runs
  // after it.
  function afterFirstPaint(work) {
    requestAnimationFrame(function () { setTimeout(work, 0); });
  }

  afterFirstPaint(function () {
    // The head script's mark for a reload into the chosen language: this page is it.
    try { sessionStorage.removeItem("ps-lang-reload"); } catch (ignored) {}
    // A choice made before the language cookie existed is only in localStorage: carry
    // it over once (only if the cookie can be written, so that this never loops).
    try {
      if (!/(?:^|; )ps-lang=(nl|en)(?:;|$)/.test(document.cookie) &&
          localStorage.getItem(LANGUAGE_KEY) === "en" && language() !== "en") {
        document.cookie = LANGUAGE_KEY + "=en; Max-Age=31536000; path=/; SameSite=Strict" +
          (location.protocol === "https:" ? "; Secure" : "");
        if (/(?:^|; )ps-lang=en(?:;|$)/.test(document.cookie)) location.replace(location.href);
      }
    } catch (ignored) {}
  });

  // The language changed in another tab.
  window.addEventListener("storage", function (event) {
    if (event.key !== LANGUAGE_KEY) return;
    var lang = event.newValue === "en" ? "en" : "nl";
    if (lang !== language()) showIn(lang);
  });

  function browserKey() {
    var key = null;
    try { key = localStorage.getItem(BROWSER_KEY); } catch (ignored) {}
    if (key && /^[A-Za-z0-9_-]{43}$/.test(key)) return key;
    var bytes = new Uint8Array(32), binary = "";
    crypto.getRandomValues(bytes);
    for (var i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]);
    key = btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
    try { localStorage.setItem(BROWSER_KEY, key); } catch (ignored) {}
    return key;
  }

  function say(box, message) {
    var template = box.querySelector("template[data-message='" + message + "']");
    box.querySelector("[data-helped-status]").innerHTML = template ? template.innerHTML : "";
  }

  function markHelped(button) {
    if (button.getAttribute("aria-disabled") === "true") return;
    var box = button.closest("[data-helped-box]");
    button.setAttribute("aria-disabled", "true");
    say(box, "sending");
    fetch(button.getAttribute("data-helped"), {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ key: browserKey(), token: button.getAttribute("data-helped-token") }),
      credentials: "same-origin",
      cache: "no-store",
      // The page's policy (no-referrer) would send "Origin: null"; the server checks it.
      referrerPolicy: "same-origin"
    }).then(function (response) {
      if (response.status === 400) {
        // The page's single-use token was used or is too old: a fresh page has a new one.
        return response.json().then(function (answer) {
          throw new Error(answer && answer.error === "invalid_token" ? "reload" : "400");
        });
      }
      if (!response.ok) throw new Error(String(response.status));
      return response.json();
    }).then(function (answer) {
      var counts = box.querySelectorAll("[data-helped-count]");
      for (var i = 0; i < counts.length; i++) counts[i].textContent = String(answer.count);
      say(box, answer.counted ? "thanks" : "already");
    }).catch(function (error) {
      say(box, error && error.message === "reload" ? "reload" : "failed");
      button.removeAttribute("aria-disabled");
    });
  }

  document.addEventListener("click", function (event) {
    var target = event.target;
    if (!target || !target.closest) return;
    var swap = target.closest("[data-language-switch]");
    if (swap) {
      showIn(swap.getAttribute("data-language-switch") === "en" ? "en" : "nl");
      return;
    }
    var read = target.closest("[data-read-anyway]");
    if (read) {
      var text = document.getElementById(read.getAttribute("aria-controls"));
      read.setAttribute("aria-expanded", "true");
      text.setAttribute("data-open", "");
      read.closest("[data-read-choice]").hidden = true;
      text.focus();
      return;
    }
    var helped = target.closest("[data-helped]");
    if (helped) markHelped(helped);
  });
})();

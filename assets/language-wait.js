/* Inlined first in the head of the app's pages, before the first paint. The pages are
 * built in Dutch; a visitor who chose English (the cookie ps-lang=en) would see Dutch
 * until the interactive page has switched. Until then the page's words stay hidden
 * (html.ps-lang-wait in app.css) and only the quick exit shows, already in English.
 * Taken away when the page has taken over (psShowLanguage, called by LanguageEffects in
 * peersupport/components/language.py) or its connection failed (assets/shell.js), so
 * nothing waits for ever. */
(function () {
  "use strict";
  var root = document.documentElement;
  try {
    if (/(?:^|; )ps-lang=en(?:;|$)/.test(document.cookie) && root.lang !== "en") {
      root.lang = "en";
      root.classList.add("ps-lang-wait");
    }
  } catch (ignored) {}

  // Called on every change of the shown language, the tab title or `hydrated` (the
  // stored choice has arrived). Marks the page ready; tells screen readers and the tab
  // which language is shown; once hydrated, writes the choice to the cookie ps-lang
  // the server-rendered story pages are rendered by (peersupport/http/html_frame.py).
  // A visitor who never chose English gets no cookie.
  window.psShowLanguage = function (shown, title, hydrated) {
    var lang = shown === "en" ? "en" : "nl";
    root.dataset.ready = "true";
    // Hidden until the chosen language has arrived.
    if (root.classList.contains("ps-lang-wait") && !hydrated) return;
    root.classList.remove("ps-lang-wait");
    root.lang = lang;
    document.title = title;
    if (hydrated && (lang === "en" || /(^|; )ps-lang=/.test(document.cookie))) {
      document.cookie = "ps-lang=" + lang + "; Max-Age=31536000; path=/; SameSite=Strict" +
        (location.protocol === "https:" ? "; Secure" : "");
    }
  };
})();

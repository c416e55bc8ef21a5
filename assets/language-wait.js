/* Inlined first in the head of the app's pages, before the first paint. The pages are
 * built in Dutch; a visitor who chose English (the cookie ps-lang=en) would see Dutch
 * until the interactive page has switched. Until then the page's words stay hidden
 * (html.ps-lang-wait in app.css) and only the quick exit shows, already in English.
 * Taken away when the page has taken over (LanguageEffects) or its connection failed
 * (assets/shell.js), so nothing waits for ever. */
(function () {
  "use strict";
  try {
    var root = document.documentElement;
    if (/(?:^|; )ps-lang=en(?:;|$)/.test(document.cookie) && root.lang !== "en") {
      root.lang = "en";
      root.classList.add("ps-lang-wait");
    }
  } catch (ignored) {}
})();

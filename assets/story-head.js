/* Inlined first in the head of the pages the server renders (peersupport/http/
 * html_frame.py, which fills in __KEY__, __MARK__ and __ATTRIBUTES__), before the
 * stylesheet is parsed, so it never waits for it. `js` on <html> lets the stylesheet
 * hide what needs a script. When the visitor's choice (the cookie __KEY__) is not the
 * language the page came in, it loads the page again, once, before the first paint: a
 * mark in sessionStorage (__MARK__, removed by assets/story-page.js) stops a loop when
 * the cookie does not reach the server. Storage is read only then.
 */
(function () {
  "use strict";
  var root = document.documentElement, key = "__KEY__", mark = "__MARK__";
  root.className += " js";
  try {
    var chosen = /(?:^|; )__KEY__=(nl|en)(?:;|$)/;
    var found = chosen.exec(document.cookie);
    var wanted = found ? found[1] : root.lang;
    if (wanted === root.lang) return;
    var storage = sessionStorage;
    if (storage.getItem(mark)) {
      storage.removeItem(mark);
      return;
    }
    document.cookie = key + "=" + wanted + "__ATTRIBUTES__" +
      (location.protocol === "https:" ? "; Secure" : "");
    found = chosen.exec(document.cookie);
    if (found && found[1] === wanted) {
      storage.setItem(mark, "1");
      location.replace(location.href);
    }
  } catch (ignored) {}
}());

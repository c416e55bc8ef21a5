/* Answers where he is looking: the moment an error or confirmation line
 * ([data-ps-message], see peersupport/components/messages.py) gets a new text, it is
 * scrolled into view, clear of the fixed bottom bar and the quick exit (app.css gives
 * it a scroll margin of their height). Screen readers hear it through its own role
 * (alert or status); focus stays where it is, so he can press the button again. */
(function () {
  "use strict";
  var shown = new WeakMap();

  function textOf(line) { return (line.textContent || "").trim(); }

  // Fully visible between the top of the window and the top of the bottom bar?
  function inClearView(line) {
    var box = line.getBoundingClientRect();
    var bottom = window.innerHeight;
    var bar = document.querySelector(".bottom-nav");
    if (bar) bottom = Math.min(bottom, bar.getBoundingClientRect().top);
    var exit = document.querySelector("[data-quick-exit]");
    if (exit) {
      var exitBox = exit.getBoundingClientRect();
      var besideLine = exitBox.left >= box.right || exitBox.right <= box.left;
      if (!besideLine) bottom = Math.min(bottom, exitBox.top);
    }
    return box.top >= 0 && box.bottom <= bottom;
  }

  function bringIntoView(line) {
    if (inClearView(line)) return;
    line.scrollIntoView({ block: "center", inline: "nearest", behavior: "instant" });
  }

  function check() {
    var lines = document.querySelectorAll("[data-ps-message]");
    for (var i = 0; i < lines.length; i++) {
      var line = lines[i], text = textOf(line);
      if (text === (shown.get(line) || "")) continue;
      shown.set(line, text);
      if (text && line.getClientRects().length) bringIntoView(line);
    }
  }

  var pending = false;
  function soon() {
    if (pending) return;
    pending = true;
    requestAnimationFrame(function () { pending = false; check(); });
  }

  function start() {
    new MutationObserver(soon).observe(document.body, {
      subtree: true, childList: true, characterData: true, attributes: true,
      attributeFilter: ["class", "hidden"],
    });
    check();
  }
  if (document.body) start(); else document.addEventListener("DOMContentLoaded", start);
})();

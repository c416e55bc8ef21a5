/* Where the focus goes after an answer from the server: the states ask for it with a
 * one-line call (`rx.call_script("psFocus('account-deleted', {scroll: 'center'})")`).
 * Each waits a moment (the answer's elements are drawn by then) and does nothing when
 * the element is not there (he left the page, or the part closed again).
 */
(function () {
  "use strict";
  var SHORT_WAIT_MS = 50;

  function byId(id) { return document.getElementById(String(id)); }

  function later(options, step) {
    var delay = options && typeof options.delay === "number" ? options.delay : SHORT_WAIT_MS;
    setTimeout(step, delay);
  }

  // Options: delay (ms), scroll ("center" or "start": also scroll it into view), and
  // unlessWithin (an element id: leave the focus alone while it is inside that one,
  // so typing is never interrupted).
  window.psFocus = function (id, options) {
    options = options || {};
    later(options, function () {
      if (options.unlessWithin) {
        var within = byId(options.unlessWithin);
        if (within && within.contains(document.activeElement)) return;
      }
      var target = byId(id);
      if (!target) return;
      target.focus();
      if (options.scroll) target.scrollIntoView({ block: options.scroll });
    });
  };

  // Focus the first element `selector` finds (a form's first choice, which has no id).
  window.psFocusFirst = function (selector, options) {
    later(options || {}, function () {
      var target = document.querySelector(String(selector));
      if (target) target.focus();
    });
  };

  // Scroll an element to the middle of the screen without moving the focus.
  window.psReveal = function (id) {
    later({}, function () {
      var target = byId(id);
      if (target) target.scrollIntoView({ block: "center" });
    });
  };

  window.psResetForm = function (id) {
    var form = byId(id);
    if (form) form.reset();
  };

  // Take a secret shown once (the recovery code) out of the page.
  window.psClearText = function (id) {
    var element = byId(id);
    if (element) element.textContent = "";
  };
}());

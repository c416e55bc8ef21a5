/* The question before a step that cannot be undone (peersupport/components/confirm.py):
 * the first button opens it and moves the focus to its words; "no" or Escape close it
 * and give the focus back; "yes" does the step (its own handler) and closes it. */
(function () {
  "use strict";
  function stepOf(id) { return document.querySelector('[data-confirm-step="' + id + '"]'); }
  function openerOf(id) { return document.querySelector('[data-confirm-open="' + id + '"]'); }

  function open(id) {
    var step = stepOf(id), opener = openerOf(id);
    if (!step || !opener) return;
    step.hidden = false;
    opener.setAttribute("aria-expanded", "true");
    opener.hidden = true;
    var question = step.querySelector(".confirm__question");
    if (question) {
      question.focus();
      question.scrollIntoView({ block: "center", behavior: "instant" });
    }
  }

  function close(id, giveFocusBack) {
    var step = stepOf(id), opener = openerOf(id);
    if (step) step.hidden = true;
    if (!opener) return;
    opener.hidden = false;
    opener.setAttribute("aria-expanded", "false");
    if (giveFocusBack) opener.focus();
  }

  // Every question inside `root` closed (a form that is reused, like the note editor).
  window.psCloseQuestions = function (root) {
    root.querySelectorAll("[data-confirm-step]").forEach(function (step) {
      close(step.getAttribute("data-confirm-step"), false);
    });
  };

  document.addEventListener("click", function (event) {
    var target = event.target && event.target.closest ? event.target : null;
    if (!target) return;
    var opener = target.closest("[data-confirm-open]");
    if (opener) { open(opener.getAttribute("data-confirm-open")); return; }
    var keep = target.closest("[data-confirm-keep]");
    if (keep) { close(keep.getAttribute("data-confirm-keep"), true); return; }
    var yes = target.closest("[data-confirm-yes]");
    var step = yes && yes.closest("[data-confirm-step]");
    // After the app saw the click (its handler runs first, at the root).
    if (step) setTimeout(function () { close(step.getAttribute("data-confirm-step"), true); }, 0);
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || !event.target || !event.target.closest) return;
    var step = event.target.closest("[data-confirm-step]");
    if (step && !step.hidden) close(step.getAttribute("data-confirm-step"), true);
  });
})();

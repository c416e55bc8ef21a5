/* Mijn verhaal in het kort (peersupport/pages/summary.py): the short text is made here,
 * in the page, from fields React never reads. Nothing is stored or sent; leaving the
 * page (or the quick exit) forgets it. A signed-in member can keep it as a note sealed
 * in the browser: psSummaryNote() hands the text to that seal.
 */
(function () {
  "use strict";

  function root() { return document.getElementById("ps-summary"); }

  function value(section, name) {
    var field = section.querySelector('[data-summary-field="' + name + '"]');
    return field ? field.value.trim() : "";
  }

  function compose(section) {
    var lines = [];
    ["what", "since", "app", "done"].forEach(function (name) {
      var answer = value(section, name);
      if (answer) lines.push(section.getAttribute("data-line-" + name) + " " + answer);
    });
    var wants = Array.prototype.slice.call(section.querySelectorAll("[data-summary-want]:checked"))
      .map(function (box) { return box.getAttribute("data-text"); });
    if (wants.length) lines.push(section.getAttribute("data-line-wants") + " " + wants.join(", "));
    if (!lines.length) return "";
    return [section.getAttribute("data-line-opening")].concat(lines).join("\n\n");
  }

  function show(section) {
    var empty = section.querySelector("[data-summary-empty]");
    var output = document.getElementById("summary-output-section");
    var text = compose(section);
    if (!text) {
      empty.textContent = empty.getAttribute("data-text");
      empty.className = "status status--error";
      empty.scrollIntoView({ block: "center" });
      return;
    }
    empty.textContent = "";
    empty.className = "status";
    output.querySelector("[data-summary-output]").value = text;
    output.hidden = false;
    var heading = document.getElementById("summary-output-title");
    heading.focus({ preventScroll: true });
    heading.scrollIntoView({ block: "start" });
  }

  function copy() {
    var field = document.querySelector("[data-summary-output]");
    var status = document.querySelector("[data-summary-copied]");
    function said(ok) {
      status.textContent = status.getAttribute(ok ? "data-ok" : "data-failed");
      status.className = ok ? "status status--notice" : "status status--error";
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(field.value).then(function () { said(true); }, function () {
        field.select();
        said(false);
      });
    } else {
      field.select();
      said(false);
    }
  }

  document.addEventListener("click", function (event) {
    var target = event.target && event.target.closest && event.target.closest("button");
    if (!target || !root()) return;
    if (target.hasAttribute("data-summary-compose")) show(root());
    else if (target.hasAttribute("data-summary-copy")) copy();
  });

  window.psSummaryNote = function () {
    var section = root();
    var field = document.querySelector("[data-summary-output]");
    return {
      title: section ? section.getAttribute("data-note-title") || "" : "",
      body: field ? field.value.trim() : ""
    };
  };
})();

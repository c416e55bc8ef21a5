/* Checklists: one question per screen, the result worked out in this page.
 *
 * The answers live only in the radio buttons of this page. Nothing is written to
 * storage, cookies or the server, and the answers are cleared when the page is left
 * (pagehide), when he starts again, and by the quick exit (which leaves the page).
 * The rules (points per answer, weights, bands) come from the page's data-checklist
 * attribute, written from the checklist's content file.
 */
(function () {
  "use strict";

  function root() { return document.getElementById("ps-checklist"); }

  function rules(section) {
    try { return JSON.parse(section.getAttribute("data-checklist") || "{}"); }
    catch (ignored) { return null; }
  }

  function steps(section) { return Array.prototype.slice.call(section.querySelectorAll("[data-step]")); }

  function show(section, name) {
    var target = null;
    steps(section).forEach(function (step) {
      var match = step.getAttribute("data-step") === name;
      step.hidden = !match;
      if (match) target = step;
    });
    section.setAttribute("data-current", name);
    if (target) {
      var heading = target.querySelector("[data-focus]");
      if (heading) heading.focus();
      window.scrollTo(0, 0);
    }
  }

  function questionNames(section) {
    return steps(section)
      .map(function (step) { return step.getAttribute("data-step"); })
      .filter(function (name) { return name.indexOf("q-") === 0; });
  }

  function answerOf(section, questionId) {
    var chosen = section.querySelector('input[name="' + questionId + '"]:checked');
    return chosen ? chosen.value : null;
  }

  function score(section, data) {
    var total = 0;
    (data.questions || []).forEach(function (question) {
      var answer = answerOf(section, question.id);
      if (answer && Object.prototype.hasOwnProperty.call(data.scoring, answer)) {
        total += data.scoring[answer] * (answer === "no" ? 1 : question.weight);
      }
    });
    return total;
  }

  function bandFor(data, points) {
    var found = data.bands[0];
    data.bands.forEach(function (band) { if (band.min <= points) found = band; });
    return found;
  }

  function clearAnswers(section) {
    Array.prototype.forEach.call(section.querySelectorAll("input[type=radio]"), function (input) {
      input.checked = false;
    });
  }

  function finish(section) {
    var data = rules(section);
    if (!data || !data.bands || !data.bands.length) return;
    var band = bandFor(data, score(section, data));
    var answered = (data.questions || []).filter(function (q) { return answerOf(section, q.id); }).length;
    Array.prototype.forEach.call(section.querySelectorAll("[data-answered-count]"), function (node) {
      node.textContent = String(answered);
    });
    section.setAttribute("data-band", band.id);
    show(section, "result-" + band.id);
  }

  function move(section, direction) {
    var names = questionNames(section);
    var current = section.getAttribute("data-current") || "intro";
    var index = names.indexOf(current);
    if (direction < 0) {
      show(section, index <= 0 ? "intro" : names[index - 1]);
    } else if (index + 1 < names.length) {
      show(section, names[index + 1]);
    } else {
      finish(section);
    }
  }

  document.addEventListener("click", function (event) {
    var button = event.target && event.target.closest ? event.target.closest("[data-cl-action]") : null;
    var section = root();
    if (!button || !section || !section.contains(button)) return;
    event.preventDefault();
    var action = button.getAttribute("data-cl-action");
    if (action === "start") show(section, questionNames(section)[0]);
    else if (action === "next") move(section, 1);
    else if (action === "skip") {
      var current = section.getAttribute("data-current");
      Array.prototype.forEach.call(section.querySelectorAll('input[name="' + current + '"]'), function (input) { input.checked = false; });
      move(section, 1);
    }
    else if (action === "back") move(section, -1);
    else if (action === "restart") { clearAnswers(section); section.removeAttribute("data-band"); show(section, "intro"); }
  });

  // Enter on a chosen answer goes on, as a form would.
  document.addEventListener("submit", function (event) {
    var section = root();
    if (!section || !section.contains(event.target)) return;
    event.preventDefault();
    move(section, 1);
  });

  // Leaving the page forgets the answers, also for the back-forward cache.
  window.addEventListener("pagehide", function () {
    var section = root();
    if (section) { clearAnswers(section); section.removeAttribute("data-band"); }
  });

  /* The result as note text, for saving it encrypted: the band only, never the answers. */
  window.psChecklistNote = function () {
    var section = root();
    var band = section && section.getAttribute("data-band");
    var result = band && section.querySelector('[data-step="result-' + band + '"] [data-note]');
    if (!result) return { title: "", body: "" };
    return { title: result.getAttribute("data-note-title") || "", body: result.innerText.trim() };
  };
})();

/* Sextortion first aid (peersupport/http/first_aid.py): one step a screen.
 *
 * Without this script every step shows, one under the other. With it, one step shows
 * at a time with "next" and "back", the focus moves to the new step's heading (so a
 * screen reader reads it), and the takedown step shows the one route that fits his age
 * when the image was made. Nothing is stored or sent: the quick exit leaves no trace.
 */
(function () {
  "use strict";
  var flow = document.querySelector("[data-steps]");
  if (!flow) return;
  var steps = Array.prototype.slice.call(flow.querySelectorAll("[data-step]"));
  var choices = Array.prototype.slice.call(flow.querySelectorAll("[data-takedown]"));
  var current = 0;

  function focusHeading(container) {
    var heading = container.querySelector("h2, h3");
    if (heading) heading.focus({ preventScroll: true });
    container.scrollIntoView({ block: "start" });
  }

  function show(index) {
    current = Math.max(0, Math.min(index, steps.length - 1));
    steps.forEach(function (step, at) { step.hidden = at !== current; });
    focusHeading(steps[current]);
  }

  function chooseAge(age, button) {
    choices.forEach(function (choice) {
      choice.hidden = choice.getAttribute("data-takedown") !== age;
      if (!choice.hidden) focusHeading(choice);
    });
    flow.querySelectorAll("[data-age]").forEach(function (other) {
      other.setAttribute("aria-pressed", other === button ? "true" : "false");
    });
  }

  steps.forEach(function (step, at) { step.hidden = at !== 0; });
  choices.forEach(function (choice) { choice.hidden = true; });
  flow.querySelectorAll("[data-age]").forEach(function (button) {
    button.setAttribute("aria-pressed", "false");
  });

  flow.addEventListener("click", function (event) {
    var target = event.target && event.target.closest && event.target.closest("button");
    if (!target) return;
    if (target.hasAttribute("data-step-next")) show(current + 1);
    else if (target.hasAttribute("data-step-back")) show(current - 1);
    else if (target.hasAttribute("data-step-first")) show(0);
    else if (target.hasAttribute("data-age")) chooseAge(target.getAttribute("data-age"), target);
  });
})();

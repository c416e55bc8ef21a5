/* App shell helpers: in-page links that add no history entry, and the service worker. */
(function () {
  "use strict";
  // A link to "#id" would add a history entry; links marked data-focus-target move
  // the focus to their target instead (captured before the router sees the click).
  document.addEventListener("click", function (event) {
    var link = event.target && event.target.closest && event.target.closest("[data-focus-target]");
    if (!link) return;
    var target = document.getElementById(link.getAttribute("data-focus-target"));
    if (!target) return;
    event.preventDefault();
    event.stopPropagation();
    if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
    target.focus();
    target.scrollIntoView({ block: "start" });
  }, true);

  if ("serviceWorker" in navigator) {
    window.addEventListener("load", function () {
      navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(function () {});
    });
  }
})();

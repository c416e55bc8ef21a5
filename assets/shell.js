/* App shell helpers: links that add no history entry, and the service worker. */
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

  // Links between the app's pages and the stories (plain pages from the server) are full
  // page loads. Marked data-replace, they replace this history entry instead of adding
  // one, so the whole app stays one entry. Captured before the router sees the click.
  document.addEventListener("click", function (event) {
    var link = event.target && event.target.closest && event.target.closest("a[data-replace]");
    if (!link || !link.href) return;
    event.preventDefault();
    event.stopPropagation();
    window.location.replace(link.href);
  }, true);

  // A GET form marked data-replace (the stories filter) loads its result the same way.
  // Empty choices ("all") are left out of the address.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form || !form.matches || !form.matches("form[data-replace]")) return;
    event.preventDefault();
    event.stopPropagation();
    var url = new URL(form.getAttribute("action") || location.pathname, location.href);
    url.search = "";
    new FormData(form).forEach(function (value, name) {
      if (typeof value === "string" && value !== "") url.searchParams.append(name, value);
    });
    window.location.replace(url.href);
  }, true);

  if ("serviceWorker" in navigator) {
    window.addEventListener("load", function () {
      navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(function () {});
    });
  }
})();

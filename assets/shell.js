/* App shell helpers, on every page: links that add no history entry, the menu's "Meer"
 * sheet, telling screen readers the page changed, "try again" on the offline page,
 * removing all traces, and the service worker. */
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

  // The menu's "remove all traces" (peersupport/components/bottom_nav.py): on the
  // safe-use page it opens the confirmation in place; from any other page it loads the
  // safe-use page (a page from the server), which opens the confirmation on arrival
  // (a mark in sessionStorage, removed there at once). Before the data-replace handler.
  var OPEN_TRACES_MARK = "ps-open-traces";
  document.addEventListener("click", function (event) {
    var link = event.target && event.target.closest && event.target.closest("[data-open-remove-traces]");
    if (!link) return;
    var here = document.querySelector("[data-remove-traces]");
    if (here) {
      event.preventDefault();
      event.stopImmediatePropagation();
      openRemoveTraces(here);
      return;
    }
    try { window.sessionStorage.setItem(OPEN_TRACES_MARK, "1"); } catch (ignored) {}
  }, true);

  // Links between the app's pages and the pages from the server (stories, help, safe
  // use, about, first aid) are full page loads. Marked data-replace, they replace this history entry instead of adding
  // one, so the whole app stays one entry. Captured before the router sees the click.
  document.addEventListener("click", function (event) {
    var link = event.target && event.target.closest && event.target.closest("a[data-replace]");
    if (!link || !link.href) return;
    event.preventDefault();
    event.stopPropagation();
    window.location.replace(link.href);
  }, true);

  // The menu's "Meer" sheet (a <details>) closes when a link in it is chosen, on a tap
  // anywhere else, and on Escape, which gives the focus back to "Meer".
  function closeMoreSheet(returnFocus) {
    var sheet = document.querySelector(".bottom-nav__more[open]");
    if (!sheet) return;
    sheet.open = false;
    if (returnFocus) sheet.querySelector("summary").focus();
  }
  document.addEventListener("click", function (event) {
    var inSheet = event.target && event.target.closest && event.target.closest(".bottom-nav__more");
    if (!inSheet || event.target.closest(".bottom-nav__sheet a")) closeMoreSheet(false);
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") closeMoreSheet(true);
  });

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

  // The app moves between its pages without a page load, so a screen reader would not
  // hear that a new page is there: once the new page's heading is shown, a live region
  // reads it out. (The tab title stays neutral on purpose and says little.)
  var announcer = null;
  var shownPath = location.pathname + location.search;
  function heading() {
    var h1 = document.querySelector("main h1");
    return h1 ? h1.textContent.trim() : "";
  }
  function announce(text) {
    if (!announcer) {
      announcer = document.createElement("p");
      announcer.className = "visually-hidden";
      announcer.setAttribute("aria-live", "polite");
      announcer.setAttribute("aria-atomic", "true");
      announcer.setAttribute("data-page-announcer", "");
      document.body.appendChild(announcer);
    }
    announcer.textContent = text;
  }
  function pageChanged() {
    var path = location.pathname + location.search;
    if (path === shownPath) return;
    shownPath = path;
    var oldMain = document.querySelector("main");
    var oldHeading = heading();
    var waited = 0;
    (function check() {
      var main = document.querySelector("main");
      if ((main && main !== oldMain) || heading() !== oldHeading || waited >= 3000) {
        if (heading()) announce(heading());
        showConnection();
        return;
      }
      waited += 100;
      setTimeout(check, 100);
    })();
  }
  ["pushState", "replaceState"].forEach(function (name) {
    var original = history[name];
    history[name] = function () {
      var result = original.apply(this, arguments);
      setTimeout(pageChanged, 0);
      return result;
    };
  });
  window.addEventListener("popstate", pageChanged);

  // "Try again" on the offline page.
  document.addEventListener("click", function (event) {
    if (event.target && event.target.closest && event.target.closest("[data-reload]")) {
      window.location.reload();
    }
  });

  // Remove all traces (the safe-use page: peersupport/http/info_pages.py): the button opens a
  // confirmation in place; "yes" clears everything this origin keeps in the browser
  // and leaves like the quick exit.
  var DEVICE_TOKEN = "ps-device";
  var REMOVE_URL = "/api/wissen";
  var REMOVE_WAIT_MS = 3000;

  function settle(promise) {
    return Promise.resolve(promise).catch(function () {});
  }

  function deleteDatabase(name) {
    return new Promise(function (resolve) {
      var request = indexedDB.deleteDatabase(name);
      request.onsuccess = request.onerror = request.onblocked = resolve;
    });
  }

  function removeAllTraces() {
    var token = null;
    try { token = window.localStorage.getItem(DEVICE_TOKEN); } catch (ignored) {}
    // Nothing on the page may write anything back while it goes.
    try { Storage.prototype.setItem = function () {}; } catch (ignored) {}
    var headers = {};
    if (token) headers["X-Kompas-Device"] = token;
    var steps = [
      // The answer carries Clear-Site-Data: the browser clears the rest itself.
      settle(fetch(REMOVE_URL, {
        method: "POST", headers: headers, credentials: "same-origin", cache: "no-store"
      }))
    ];
    try { window.localStorage.clear(); } catch (ignored) {}
    try { window.sessionStorage.clear(); } catch (ignored) {}
    try {
      document.cookie.split(";").forEach(function (pair) {
        var name = pair.split("=")[0].trim();
        if (name) document.cookie = name + "=; Max-Age=0; path=/; SameSite=Strict";
      });
    } catch (ignored) {}
    if (window.caches) {
      steps.push(settle(caches.keys().then(function (names) {
        return Promise.all(names.map(function (name) { return caches.delete(name); }));
      })));
    }
    if (navigator.serviceWorker) {
      steps.push(settle(navigator.serviceWorker.getRegistrations().then(function (all) {
        return Promise.all(all.map(function (registration) { return registration.unregister(); }));
      })));
    }
    if (window.indexedDB && indexedDB.databases) {
      steps.push(settle(indexedDB.databases().then(function (all) {
        return Promise.all(all.map(function (database) { return deleteDatabase(database.name); }));
      })));
    }
    var waited = new Promise(function (resolve) { setTimeout(resolve, REMOVE_WAIT_MS); });
    Promise.race([Promise.all(steps), waited]).then(function () {
      if (window.peersupportQuickExit) window.peersupportQuickExit();
    });
  }

  function openRemoveTraces(start) {
    var confirm = start && document.getElementById(start.getAttribute("aria-controls"));
    if (!confirm) return;
    confirm.hidden = false;
    start.setAttribute("aria-expanded", "true");
    var title = confirm.querySelector("h2, h3");
    if (title) title.focus();
    confirm.scrollIntoView({ block: "start" });
  }

  // Arrived from the menu's "remove all traces" (the mark set above).
  (function () {
    var asked = false;
    try {
      asked = window.sessionStorage.getItem(OPEN_TRACES_MARK) !== null;
      if (asked) window.sessionStorage.removeItem(OPEN_TRACES_MARK);
    } catch (ignored) {}
    if (asked) openRemoveTraces(document.querySelector("[data-remove-traces]"));
  })();

  document.addEventListener("click", function (event) {
    var target = event.target;
    if (!target || !target.closest) return;
    var start = target.closest("[data-remove-traces]");
    if (start) {
      openRemoveTraces(start);
      return;
    }
    if (target.closest("[data-remove-traces-yes]")) {
      target.closest("[data-remove-traces-yes]").disabled = true;
      removeAllTraces();
      return;
    }
    var no = target.closest("[data-remove-traces-no]");
    if (no) {
      var panel = no.closest(".remove-traces__confirm");
      var opener = panel && document.querySelector('[aria-controls="' + panel.id + '"]');
      if (panel) panel.hidden = true;
      if (opener) {
        opener.setAttribute("aria-expanded", "false");
        opener.focus();
      }
    }
  });

  // Connection state (peersupport/components/connection.py): say when the page has no
  // open websocket. Reflex keeps quiet after a drop it could not mend, so the sockets
  // themselves are watched (assets/socket-watch.js), not Reflex's error list.
  var WAITING_MS = 3000, LOST_GRACE_MS = 1500;
  var lostTimer = null, connection = "ok";

  function showConnection() {
    var banner = document.querySelector("[data-connection-banner]");
    if (!banner) return;
    banner.setAttribute("data-connection", connection);
    var publicOrigin = new URL(banner.getAttribute("data-public-url"), location.href).origin;
    banner.setAttribute("data-language", chosenLanguage());
    if (connection === "lost" && publicOrigin && publicOrigin !== location.origin) {
      banner.setAttribute("data-elsewhere", "");
    } else {
      banner.removeAttribute("data-elsewhere");
    }
    banner.setAttribute("role", connection === "lost" ? "alert" : "status");
    banner.hidden = connection === "ok";
  }

  // The boy's language as the browser keeps it: the page itself stays Dutch until the
  // server has answered, which is just what is missing here.
  function chosenLanguage() {
    var cookie = /(?:^|; )ps-lang=(nl|en)(?:;|$)/.exec(document.cookie);
    if (cookie) return cookie[1];
    try { return window.localStorage.getItem("ps-lang") === "en" ? "en" : "nl"; }
    catch (ignored) { return "nl"; }
  }

  function setConnection(state) {
    if (connection === state) return;
    connection = state;
    showConnection();
  }

  // assets/socket-watch.js (inlined in the head) counts the open sockets.
  function socketsOpen() { return window.psSockets ? window.psSockets.open : 0; }

  document.addEventListener("ps-connection", function () {
    if (socketsOpen() > 0) {
      window.clearTimeout(lostTimer);
      lostTimer = null;
      setConnection("ok");
      return;
    }
    // Closed: lost, unless one opens within the grace time. Reflex's retries close
    // again and again; they must not keep pushing the moment back.
    if (lostTimer !== null) return;
    lostTimer = window.setTimeout(function () {
      lostTimer = null;
      if (socketsOpen() <= 0) setConnection("lost");
    }, LOST_GRACE_MS);
  });
  window.setTimeout(function () {
    if (socketsOpen() <= 0 && connection === "ok") setConnection("waiting");
  }, WAITING_MS);

  if ("serviceWorker" in navigator) {
    window.addEventListener("load", function () {
      navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(function () {});
    });
  }
})();

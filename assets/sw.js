/* Service worker: keeps the app shell, the help page and the safe-use page available
 * offline. It caches nothing personal and nothing else: never a story, board, note,
 * event (websocket) or API answer. Only GET requests to this origin on the lists
 * below are ever stored.
 */
"use strict";

var CACHE = "kompas-shell-v2";
// Pages kept for offline use: home (the shell), help and safe use.
var OFFLINE_PAGES = ["/", "/hulp", "/veilig"];
// Files of the app shell itself (same for every visitor).
var SHELL_FILES = [
  "/app.css",
  "/quick-exit.js",
  "/shell.js",
  "/manifest.webmanifest",
  "/favicon.ico",
  "/icons/logo.svg",
  "/icons/nav-home.svg",
  "/icons/nav-help.svg",
  "/icons/nav-safe.svg",
  "/icons/nav-about.svg",
  "/icons/nav-notes.svg",
  "/icons/nav-stories.svg",
  "/icons/icon-192.png",
  "/icons/icon-512.png"
];
var BUILD_ASSET = /\/assets\/[A-Za-z0-9._\-\/]+\.(?:js|css|woff2?)/g;

function pagePath(url) {
  var path = url.pathname.replace(/\/+$/, "");
  return path === "" ? "/" : path;
}

function isOfflinePage(url) {
  return OFFLINE_PAGES.indexOf(pagePath(url)) !== -1;
}

function isShellFile(url) {
  return SHELL_FILES.indexOf(url.pathname) !== -1;
}

// Store a page and the build files it needs to render.
function storePage(cache, path, response) {
  return response.clone().text().then(function (html) {
    var assets = html.match(BUILD_ASSET) || [];
    // The server answers /hulp with a redirect to /hulp/, so the copy fetched at install
    // is a "redirected" response, and the browser refuses one as the answer to a
    // navigation (the page would fail offline). Store a plain copy of it instead.
    var stored = response.redirected
      ? new Response(html, {
          status: response.status,
          statusText: response.statusText,
          headers: response.headers
        })
      : response;
    return Promise.all([
      cache.put(path, stored),
      Promise.all(assets.map(function (asset) {
        return cache.match(asset).then(function (hit) {
          return hit || cache.add(asset).catch(function () {});
        });
      }))
    ]);
  });
}

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) {
    return cache.addAll(SHELL_FILES).then(function () {
      return Promise.all(OFFLINE_PAGES.map(function (path) {
        return fetch(path, { cache: "no-store" }).then(function (response) {
          if (response.ok) return storePage(cache, path, response);
        });
      }));
    });
  }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) { return name !== CACHE; })
      .map(function (name) { return caches.delete(name); }));
  }).then(function () { return self.clients.claim(); }));
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") return;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) return;

  if (request.mode === "navigate") {
    if (!isOfflinePage(url)) return;  // every other page: network only, never stored
    var path = pagePath(url);
    event.respondWith(fetch(request).then(function (response) {
      if (response.ok) {
        var copy = response.clone();
        event.waitUntil(caches.open(CACHE).then(function (cache) { return storePage(cache, path, copy); }));
      }
      return response;
    }).catch(function () {
      return caches.match(path).then(function (hit) { return hit || Response.error(); });
    }));
    return;
  }

  if (url.pathname.indexOf("/assets/") === 0) {
    // Built files carry a content hash in their name: a stored copy never goes stale.
    event.respondWith(caches.match(url.pathname).then(function (hit) {
      return hit || fetch(request).then(function (response) {
        if (response.ok) {
          var copy = response.clone();
          event.waitUntil(caches.open(CACHE).then(function (cache) { return cache.put(url.pathname, copy); }));
        }
        return response;
      });
    }));
  } else if (isShellFile(url)) {
    // Shell files keep their name across versions: the network first, the copy offline.
    event.respondWith(fetch(request).then(function (response) {
      if (response.ok) {
        var copy = response.clone();
        event.waitUntil(caches.open(CACHE).then(function (cache) { return cache.put(url.pathname, copy); }));
      }
      return response;
    }).catch(function () {
      return caches.match(url.pathname).then(function (hit) { return hit || Response.error(); });
    }));
  }
});

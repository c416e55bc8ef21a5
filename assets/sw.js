/* Service worker: without a connection, the first aid steps (/stappen) still work, and
 * every other page of the app shows the offline page (/offline,
 * peersupport/http/traces.py): the quick exit, a line saying the connection is gone,
 * and every help route with its phone number.
 *
 * What it keeps is the same for every visitor and every visit, and names no page and no
 * topic: those two pages in both languages and the few shell files below. It never
 * stores a page that was visited, a build file, a story, a board, a note, an event
 * (websocket) or an API answer, so its cache does not grow as pages are opened and says
 * nothing about which ones were.
 */
"use strict";

var CACHE = "kompas-v3";
var OFFLINE_PAGES = { nl: "/offline?taal=nl", en: "/offline?taal=en" };
// Pages that work offline as they are, in both languages: the first aid steps.
var KEPT_PAGES = { "/stappen": { nl: "/stappen?taal=nl", en: "/stappen?taal=en" } };
// Files the offline page and the installed app need (the offline page has its stylesheet,
// icons and quick-exit script inside; these keep the rest of the shell working).
var SHELL_FILES = [
  "/app.css",
  "/quick-exit.js",
  "/shell.js",
  "/manifest.webmanifest",
  "/favicon.ico",
  "/icons/logo.svg",
  "/icons/icon-192.png",
  "/icons/icon-512.png",
  "/steps.js"
];
var LANGUAGE_COOKIE = "ps-lang";

self.addEventListener("install", function (event) {
  var everything = SHELL_FILES.concat([OFFLINE_PAGES.nl, OFFLINE_PAGES.en]);
  Object.keys(KEPT_PAGES).forEach(function (path) {
    everything.push(KEPT_PAGES[path].nl, KEPT_PAGES[path].en);
  });
  event.waitUntil(caches.open(CACHE).then(function (cache) {
    return cache.addAll(everything.map(function (path) {
      return new Request(path, { cache: "no-store", credentials: "omit" });
    }));
  }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) { return name !== CACHE; })
      .map(function (name) { return caches.delete(name); }));
  }).then(function () {
    // The page's request starts while the worker wakes up, instead of after it.
    if (self.registration.navigationPreload) return self.registration.navigationPreload.enable();
  }).then(function () { return self.clients.claim(); }));
});

// The language the boy chose (the cookie every page writes); Dutch when unknown.
function chosenLanguage() {
  if (!self.cookieStore) return Promise.resolve("nl");
  return self.cookieStore.get(LANGUAGE_COOKIE).then(function (cookie) {
    return cookie && cookie.value === "en" ? "en" : "nl";
  }, function () { return "nl"; });
}

// Offline: the kept copy of this page if there is one, else the offline page.
function offlinePage(path) {
  var copies = KEPT_PAGES[path.replace(/\/+$/, "")] || OFFLINE_PAGES;
  return chosenLanguage().then(function (language) {
    return caches.match(copies[language]).then(function (hit) {
      return hit || caches.match(OFFLINE_PAGES[language]);
    });
  }).then(function (hit) { return hit || Response.error(); });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") return;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) return;

  if (request.mode === "navigate") {
    // Every page from the network, never stored; the offline page when that fails.
    event.respondWith(Promise.resolve(event.preloadResponse).then(function (preloaded) {
      return preloaded || fetch(request);
    }).catch(function () { return offlinePage(url.pathname); }));
    return;
  }

  if (SHELL_FILES.indexOf(url.pathname) !== -1 && !url.search) {
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

/* Watches the page's own websocket (/_event) from the first moment, so that
 * assets/shell.js can say when there is no connection (peersupport/components/
 * connection.py). Inlined in the head of the app's pages: Reflex's bundle is an async
 * module that may create its socket before any deferred script runs. Keeps counts
 * only: window.psSockets = {open}; each change fires "ps-connection" on document.
 */
(function () {
  "use strict";
  var Native = window.WebSocket;
  if (!Native) return;
  var sockets = { open: 0 };
  function changed() { document.dispatchEvent(new CustomEvent("ps-connection")); }
  function Watched(url, protocols) {
    var socket = protocols === undefined ? new Native(url) : new Native(url, protocols);
    if (String(url).indexOf("/_event") !== -1) {
      var opened = false;
      socket.addEventListener("open", function () { opened = true; sockets.open += 1; changed(); });
      socket.addEventListener("close", function () {
        if (opened) sockets.open -= 1;
        changed();
      });
    }
    return socket;
  }
  Watched.prototype = Native.prototype;
  ["CONNECTING", "OPEN", "CLOSING", "CLOSED"].forEach(function (name) { Watched[name] = Native[name]; });
  window.WebSocket = Watched;
  window.psSockets = sockets;
})();

// One live feed over a WebSocket, reconnecting with back-off. Used by the discussion and
// the workshop seats: `konsultacjeLive(path, {message, reconnected, state})`.
// `reconnected` runs when a connection opens after a lost one, so the page can fetch what
// it missed; `state` gets "on" / "off".
(function () {
  "use strict";
  window.konsultacjeLive = function (path, handlers) {
    if (!("WebSocket" in window)) return;
    var delay = 1000;
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    function connect() {
      var socket = new WebSocket(scheme + window.location.host + path);
      var wasOpen = false;
      socket.onopen = function () {
        if (wasOpen || delay > 1000) { if (handlers.reconnected) handlers.reconnected(); }
        wasOpen = true;
        delay = 1000;
        if (handlers.state) handlers.state("on");
      };
      socket.onmessage = function (event) {
        handlers.message(JSON.parse(event.data));
      };
      socket.onclose = function () {
        if (handlers.state) handlers.state("off");
        window.setTimeout(connect, delay);
        delay = Math.min(delay * 2, 30000);
      };
    }
    connect();
  };
})();

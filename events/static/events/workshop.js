// Live seats on a workshop page: every table's seats left, waiting-list length and
// "full" marks (in the list and in the forms' choices) follow
// what others do, without reloading. Without this script the page shows the figures of
// the moment it was loaded.
(function () {
  "use strict";
  var list = document.querySelector("[data-workshop-seats]");
  if (!list || !window.konsultacjeLive) return;

  function show(tables) {
    tables.forEach(function (table) {
      // The "full — waiting list" mark beside the table in the registration or move form.
      document.querySelectorAll('[data-full-choice="' + table.table + '"]').forEach(function (mark) {
        mark.hidden = table.left > 0;
      });
      var card = list.querySelector('[data-table="' + table.table + '"]');
      if (!card) return;
      var seats = card.querySelector("[data-seats]");
      card.querySelector("[data-left]").textContent = String(table.left);
      card.querySelector("[data-full]").hidden = table.left > 0;
      card.querySelector("[data-waiting]").textContent = String(table.waiting);
      card.querySelector("[data-waiting-line]").hidden = table.waiting === 0;
      seats.classList.toggle("seats--full", table.left === 0);
    });
  }

  function catchUp() {
    fetch(list.getAttribute("data-seats-url"), { headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) { if (data) show(data.tables); })
      .catch(function () {});
  }

  window.konsultacjeLive("/ws/spotkania/" + list.getAttribute("data-workshop-seats") + "/", {
    message: function (message) { show(message.tables); },
    reconnected: catchUp,
    state: function (state) { list.setAttribute("data-live", state); },
  });
})();

// Enhances the server-rendered discussion: live updates over a WebSocket (with reconnect
// and catch-up), reactions without reloading, a character counter, and the comment /
// remark switch. Without this script the page is complete on reload.
(function () {
  "use strict";
  var section = document.querySelector("[data-discussion]");
  if (!section) return;
  var base = section.getAttribute("data-base");
  var signedIn = section.hasAttribute("data-signed-in");
  var status = section.querySelector("[data-live-status]");
  var threads = section.querySelector("[data-threads]");
  var lastSeen = new Date().toISOString();

  function csrfToken() {
    var match = document.cookie.match(/(?:^|; )csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  function announce(text) {
    if (!status) return;
    status.textContent = "";
    window.setTimeout(function () { status.textContent = text; }, 50);
  }

  function fromHtml(html) {
    var template = document.createElement("template");
    template.innerHTML = html.trim();
    return template.content.firstElementChild;
  }

  // --- live updates ---

  function place(message) {
    var existing = document.getElementById("k-" + message.id);
    var element = fromHtml(message.html);
    if (!element) return;
    if (existing) {
      existing.replaceWith(element);
      return "changed";
    }
    var empty = threads.querySelector("[data-empty]");
    if (empty) empty.remove();
    if (message.parent) {
      var thread = document.getElementById("w-" + message.thread);
      var parent = document.getElementById("k-" + message.parent);
      if (!thread || !parent) return;
      // After the parent's last descendant: the next comment at the parent's level or above.
      var level = parseInt(parent.getAttribute("data-level"), 10);
      var after = parent;
      var next = parent.nextElementSibling;
      while (next && parseInt(next.getAttribute("data-level"), 10) > level) {
        after = next;
        next = next.nextElementSibling;
      }
      after.after(element);
    } else {
      var item = document.createElement("li");
      item.className = "thread";
      item.id = "w-" + message.thread;
      item.appendChild(element);
      threads.prepend(item);
    }
    return "new";
  }

  function updateCount(paragraph, delta) {
    if (!paragraph) return;
    var link = document.querySelector('[data-paragraph-count="' + paragraph + '"]');
    if (!link) return;
    var number = parseInt(link.textContent, 10) || 0;
    link.textContent = link.textContent.replace(/^\d+/, String(number + delta));
  }

  function handle(message) {
    if (!message.public || !message.html) return;
    var what = place(message);
    if (what === "new") {
      updateCount(message.paragraph, 1);
      // Messages say nothing of who wrote a comment; one's own arrives while the page that
      // posted it is reloading, so announcing every new one is right.
      announce(section.getAttribute("data-new-text") || "Nowy komentarz w dyskusji.");
    }
  }

  // A live message is drawn for an anonymous reader in the site's language. A signed-in
  // reader (their reaction pressed, their actions) or a page in another language fetches
  // the comment drawn for itself, with its own session.
  function fetchComment(id) {
    return fetch(base + "dyskusja/" + id + "/", { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (comment) {
        if (comment) handle({ id: comment.id, thread: comment.thread, parent: comment.parent, html: comment.html, public: true, paragraph: comment.paragraph });
      });
  }

  function receive(message) {
    if (!message.public) return;
    if (signedIn || (message.lang && message.lang !== document.documentElement.lang)) {
      fetchComment(message.id);
    } else {
      handle(message);
    }
  }

  function catchUp() {
    fetch(base + "dyskusja/zmiany/?od=" + encodeURIComponent(lastSeen), { headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : { ids: [] }; })
      .then(function (data) {
        (data.ids || []).forEach(fetchComment);
      });
  }

  window.konsultacjeLive("/ws/konsultacje/" + section.getAttribute("data-discussion") + "/", {
    message: function (message) {
      lastSeen = new Date(Date.now() - 5000).toISOString();
      receive(message);
    },
    reconnected: catchUp,
    state: function (state) { section.setAttribute("data-live", state); },
  });

  // --- reactions without reloading ---

  section.addEventListener("click", function (event) {
    var button = event.target.closest("[data-react], [data-reactions] button");
    if (!button || !signedIn) return;
    event.preventDefault();
    var article = button.closest("[data-comment]");
    var url = button.getAttribute("data-url") || button.form.getAttribute("action");
    var value = button.getAttribute("data-react") || button.value;
    if (button.getAttribute("aria-pressed") === "true") value = "";
    var body = new URLSearchParams({ value: value });
    fetch(url, { method: "POST", body: body, headers: { "X-CSRFToken": csrfToken(), Accept: "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        if (data.error) { announce(data.error); return; }
        article.querySelector('[data-count="agree"]').textContent = data.agree;
        article.querySelector('[data-count="disagree"]').textContent = data.disagree;
        article.querySelectorAll("[data-react], [data-reactions] button").forEach(function (other) {
          var otherValue = other.getAttribute("data-react") || other.value || "";
          var pressed = (data.mine === 1 && otherValue.indexOf("zgadzam") === 0) || (data.mine === -1 && otherValue.indexOf("nie-") === 0);
          other.setAttribute("aria-pressed", pressed ? "true" : "false");
        });
      });
  });

  // --- the form: kind switch and character counter ---

  var form = section.querySelector("[data-comment-form]");
  if (form) {
    var sections = form.querySelectorAll("[data-kind-section]");
    function showKind() {
      var checked = form.querySelector('input[name="kind"]:checked');
      var kind = checked ? checked.value : "komentarz";
      sections.forEach(function (part) { part.hidden = part.getAttribute("data-kind-section") !== kind; });
    }
    form.addEventListener("change", function (event) { if (event.target.name === "kind") showKind(); });
    showKind();
    form.querySelectorAll("textarea[maxlength]").forEach(function (area) {
      var counter = form.querySelector('[data-counter-for="' + area.id + '"]');
      if (!counter) return;
      var max = parseInt(area.getAttribute("maxlength"), 10);
      var timer;
      function update() {
        counter.hidden = false;
        counter.textContent = (max - area.value.length) + " / " + max;
      }
      area.addEventListener("input", function () { window.clearTimeout(timer); timer = window.setTimeout(update, 400); });
      update();
    });
  }
})();

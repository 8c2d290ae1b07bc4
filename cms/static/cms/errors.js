// A form refused by the server comes back with an error summary ([data-error-summary], see
// components/form_errors.html): move the focus there, so the reader of a long page lands at
// the form with its message and their text, not at the top. Without this script the form's
// action URL ends in the summary's #id, which scrolls to it.
(function () {
  "use strict";
  function focusSummary() {
    var summary = document.querySelector("[data-error-summary]");
    if (!summary) return;
    summary.focus();
    summary.scrollIntoView({ block: "center" });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", focusSummary);
  } else {
    focusSummary();
  }
})();

// Small progressive enhancements. Every page works without this file.
(function () {
  "use strict";

  // Fill an empty time-zone field with the browser's zone; the person can still change it.
  function guessTimeZones(root) {
    var zone;
    try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { return; }
    if (!zone) return;
    root.querySelectorAll("input[data-guess-timezone]").forEach(function (input) {
      if (!input.value || (input.value === "UTC" && !input.dataset.keep)) input.value = zone;
    });
  }

  // Ask once before destructive actions marked with data-confirm.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var message = form.getAttribute("data-confirm");
    if (message && !window.confirm(message)) event.preventDefault();
  });

  // A page that answers a form with errors is the answer to a POST; make its history entry a
  // plain visit, so Back to it reloads the page instead of asking to send the form again.
  // (Successful forms redirect, so their pages are plain visits already.)
  if (document.body && document.body.hasAttribute("data-posted") && window.history.replaceState) {
    window.history.replaceState(null, "", window.location.href);
  }

  document.addEventListener("DOMContentLoaded", function () {
    guessTimeZones(document);
  });
  document.addEventListener("htmx:load", function (event) { guessTimeZones(event.target); });
})();

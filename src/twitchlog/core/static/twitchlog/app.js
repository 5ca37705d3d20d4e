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

  // On a narrow screen the main menu scrolls sideways; keep the current page's link in view.
  function showCurrentNavLink() {
    var nav = document.querySelector(".main-nav");
    var current = nav && nav.querySelector("[aria-current=page]");
    if (!current || nav.scrollWidth <= nav.clientWidth) return;
    var right = current.offsetLeft + current.offsetWidth - nav.offsetLeft;
    if (right > nav.clientWidth) nav.scrollLeft = right - nav.clientWidth + 16;
  }

  document.addEventListener("DOMContentLoaded", function () {
    guessTimeZones(document);
    showCurrentNavLink();
  });
  document.addEventListener("htmx:load", function (event) { guessTimeZones(event.target); });
})();

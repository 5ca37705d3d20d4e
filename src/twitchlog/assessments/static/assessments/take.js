// On a phone, answering a question for the first time brings the next one up, so the test
// reads one question at a time. The page works the same without this file.
(function () {
  "use strict";
  var narrow = window.matchMedia("(max-width: 44rem)");
  var calm = window.matchMedia("(prefers-reduced-motion: reduce)");
  document.addEventListener("change", function (event) {
    var input = event.target;
    if (!narrow.matches || input.type !== "radio" || !input.closest("form.questions")) return;
    var group = input.closest("fieldset");
    if (!group || group.dataset.answered) return;
    group.dataset.answered = "1";
    var next = group.nextElementSibling;
    while (next && next.tagName !== "FIELDSET" && !next.matches(".actions")) {
      next = next.nextElementSibling;
    }
    if (next) next.scrollIntoView({ behavior: calm.matches ? "auto" : "smooth", block: "start" });
  });
  // Questions already answered (the form came back with a gap named) do not move the page.
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form.questions fieldset").forEach(function (group) {
      if (group.querySelector("input:checked")) group.dataset.answered = "1";
    });
  });
})();

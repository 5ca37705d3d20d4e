// The diary's small enhancements. Every diary page works without this file.
(function () {
  "use strict";

  // app.js asks before a form with data-confirm is sent. When the person says yes, mark the
  // form as confirmed so the server deletes straight away instead of asking a second time.
  // This listener runs after app.js's, so a "no" has already cancelled the event.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (event.defaultPrevented || !form.hasAttribute("data-confirm")) return;
    var flag = form.querySelector("input[name=confirmed]");
    if (flag) flag.value = "1";
  });

  // Show the running caffeine total while drinks are counted.
  function updateCaffeine(form) {
    var out = form.querySelector("[data-caffeine-total]");
    if (!out) return;
    var total = 0, any = false;
    form.querySelectorAll("input[data-caffeine-mg]").forEach(function (input) {
      var value = parseFloat(input.value);
      if (!isNaN(value)) { any = true; total += value * parseFloat(input.dataset.caffeineMg); }
    });
    out.textContent = any ? "Caffeine so far: about " + Math.round(total) + " mg" : "";
  }
  document.addEventListener("input", function (event) {
    if (event.target.matches && event.target.matches("input[data-caffeine-mg]")) {
      updateCaffeine(event.target.form);
    }
  });
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form").forEach(updateCaffeine);
  });
})();

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
      var value = parseFloat(input.value.replace(",", "."));  // "7,5" is 7.5, as the server reads it
      if (!isNaN(value)) { any = true; total += value * parseFloat(input.dataset.caffeineMg); }
    });
    out.textContent = any ? "Caffeine so far: about " + Math.round(total) + " mg" : "";
  }
  document.addEventListener("input", function (event) {
    if (event.target.matches && event.target.matches("input[data-caffeine-mg]")) {
      updateCaffeine(event.target.form);
    }
  });
  // The body map is one Tab stop; the arrow keys move to the nearest place in that direction,
  // across both figures. Without this file every place is its own Tab stop.
  var DIRECTIONS = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };

  function centre(element) {
    var box = element.getBoundingClientRect();
    return [box.left + box.width / 2, box.top + box.height / 2];
  }

  function nearest(from, buttons, direction) {
    var origin = centre(from), best = null, bestScore = Infinity;
    buttons.forEach(function (button) {
      if (button === from) return;
      var point = centre(button);
      var dx = point[0] - origin[0], dy = point[1] - origin[1];
      var along = dx * direction[0] + dy * direction[1];
      if (along <= 1) return;
      var across = Math.abs(dx * direction[1] - dy * direction[0]);
      var score = along + 2 * across;  // straight ahead beats a little closer but off to the side
      if (score < bestScore) { best = button; bestScore = score; }
    });
    return best;
  }

  function rove(map) {
    var buttons = Array.prototype.slice.call(map.querySelectorAll(".spot-button"));
    buttons.forEach(function (button, i) { button.tabIndex = i === 0 ? 0 : -1; });
    map.addEventListener("keydown", function (event) {
      var direction = DIRECTIONS[event.key];
      if (!direction || !event.target.matches(".spot-button")) return;
      var next = nearest(event.target, buttons, direction);
      event.preventDefault();
      if (!next) return;
      event.target.tabIndex = -1;
      next.tabIndex = 0;
      next.focus();
    });
  }


  // Count a note's characters against its limit. A longer note is refused by the server with
  // the same numbers, never cut, so the person sees how much to shorten before saving.
  function updateCounter(area) {
    var out = area._counter;
    if (!out) {
      out = document.createElement("p");
      out.className = "muted note-counter";
      out.setAttribute("aria-live", "polite");
      area.insertAdjacentElement("afterend", out);
      area._counter = out;
    }
    var limit = parseInt(area.dataset.maxLength, 10);
    var used = area.value.length;
    var over = used - limit;
    out.textContent = used.toLocaleString("en") + " of " + limit.toLocaleString("en") +
      " characters" + (over > 0 ? ": " + over.toLocaleString("en") + " too many" : "");
    out.classList.toggle("over", over > 0);
  }
  document.addEventListener("input", function (event) {
    if (event.target.matches && event.target.matches("textarea[data-max-length]")) {
      updateCounter(event.target);
    }
  });
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form").forEach(updateCaffeine);
    document.querySelectorAll(".bodymap-log").forEach(rove);
    document.querySelectorAll("textarea[data-max-length]").forEach(updateCounter);
  });
})();

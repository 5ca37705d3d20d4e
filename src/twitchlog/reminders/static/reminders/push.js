// Allow or stop check-in notifications on this device (the reminders page). Needs the
// service worker that pwa/offline.js registers; without JavaScript, email still works.
(function () {
  "use strict";

  function keyBytes(base64) {
    var padded = (base64 + "===".slice((base64.length + 3) % 4)).replace(/-/g, "+").replace(/_/g, "/");
    var raw = atob(padded);
    var bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
    return bytes;
  }

  function token() {
    try { return JSON.parse(document.body.getAttribute("hx-headers"))["X-CSRFToken"]; } catch (e) { return ""; }
  }

  // What a person reads when it does not work: the browser's own errors ("Registration
  // failed - permission denied") are for developers. The server's refusals are in our words.
  var BLOCKED = "Notifications are blocked for this site in this browser. You can allow them " +
    "in the browser's site settings and try again; reminders by email still work.";
  var NOT_CHOSEN = "Notifications were not allowed. You can try again and choose Allow when " +
    "the browser asks; reminders by email still work.";
  var NOT_NOW = "Notifications could not be turned %s just now. Please try again later; " +
    "reminders by email still work.";

  function problem(error, onOrOff) {
    if (error && error.fromServer) return error.message;
    if (error && error.name === "NotAllowedError") return BLOCKED;
    return NOT_NOW.replace("%s", onOrOff);
  }

  function send(url, body) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": token() },
      body: new URLSearchParams(body),
    }).then(function (response) {
      return response.json().then(function (answer) {
        if (!response.ok) {
          var refused = new Error(answer.detail || "The server did not accept it.");
          refused.fromServer = true;
          throw refused;
        }
        return answer.detail;
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var box = document.getElementById("push-device");
    if (!box || !("serviceWorker" in navigator) || !("PushManager" in window) || !window.Notification) return;
    var state = box.querySelector(".push-state");
    var on = box.querySelector("[data-push=on]");
    var off = box.querySelector("[data-push=off]");

    function show(subscription, text) {
      // Buttons have their own display, which the hidden attribute alone does not override.
      on.style.display = subscription ? "none" : "";
      off.style.display = subscription ? "" : "none";
      state.textContent = text || (subscription ? "Notifications are on for this device." : "Notifications are off for this device.");
    }

    navigator.serviceWorker.ready.then(function (registration) {
      return registration.pushManager.getSubscription().then(function (subscription) {
        show(subscription);
        on.addEventListener("click", function () {
          Notification.requestPermission().then(function (permission) {
            if (permission !== "granted") {
              show(null, permission === "denied" ? BLOCKED : NOT_CHOSEN);
              return null;
            }
            return registration.pushManager.subscribe({
              userVisibleOnly: true, applicationServerKey: keyBytes(box.dataset.publicKey),
            }).then(function (fresh) {
              var json = fresh.toJSON();
              var fields = { endpoint: json.endpoint, p256dh: json.keys.p256dh, auth: json.keys.auth };
              return send(box.dataset.subscribe, fields).then(function (text) { show(fresh, text); });
            });
          }).catch(function (error) { show(null, problem(error, "on")); });
        });
        off.addEventListener("click", function () {
          registration.pushManager.getSubscription().then(function (current) {
            if (!current) return show(null);
            var endpoint = current.endpoint;
            return current.unsubscribe().then(function () {
              return send(box.dataset.unsubscribe, { endpoint: endpoint });
            }).then(function (text) { show(null, text); });
          }).catch(function (error) { show(null, problem(error, "off")); });
        });
      });
    });
  });
})();

// Installing and offline logging. Every page works without this file; with it, twitches and
// stress moments logged without a network wait on the device (IndexedDB) and are sent, once
// each, when the network returns (the API stores one entry per client_id however often it is
// sent). See docs/offline.md.
(function () {
  "use strict";

  var status = document.getElementById("offline-status");
  if (!status) return;
  var account = status.getAttribute("data-account") || "";
  var DB_NAME = "twitchlog-offline";
  var STORE = "queue";
  var ENDPOINTS = { episode: "/api/diary/episodes", stress: "/api/diary/stress-events" };
  var vocabulary = readVocabulary();
  var note = ""; // the latest thing to tell: "kept on this device", "sent", a problem
  // Opened without a network, this page is the copy kept on the device: its messages are old.
  var keptCopy = !navigator.onLine;
  if (keptCopy) {
    var old = document.querySelector(".messages");
    if (old) old.hidden = true;
  }

  function readVocabulary() {
    var data = document.getElementById("offline-vocabulary");
    try { return data ? JSON.parse(data.textContent) : null; } catch (e) { return null; }
  }

  function newId() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var bytes = crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map.call(bytes, function (b) { return (b + 0x100).toString(16).slice(1); }).join("");
    return hex.slice(0, 8) + "-" + hex.slice(8, 12) + "-" + hex.slice(12, 16) + "-" + hex.slice(16, 20) + "-" + hex.slice(20);
  }

  // --- The service worker ------------------------------------------------------------------

  function tellWorker(message) {
    if (!("serviceWorker" in navigator)) return Promise.resolve();
    return navigator.serviceWorker.ready.then(function (registration) {
      if (!registration.active) return null;
      return new Promise(function (resolve) {
        var channel = new MessageChannel();
        channel.port1.onmessage = function () { resolve(); };
        registration.active.postMessage(message, [channel.port2]);
        setTimeout(resolve, 3000);
      });
    });
  }

  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).then(function () {
      // Online, tell the worker whose pages these are: it forgets another account's copies.
      if (navigator.onLine) tellWorker({ type: "account", account: account });
    }).catch(function () { /* installing is optional; the site works without it */ });
  }

  // --- The queue on this device -------------------------------------------------------------

  function openDb() {
    return new Promise(function (resolve, reject) {
      var request = indexedDB.open(DB_NAME, 1);
      request.onupgradeneeded = function () {
        request.result.createObjectStore(STORE, { keyPath: "client_id" });
      };
      request.onsuccess = function () { resolve(request.result); };
      request.onerror = function () { reject(request.error); };
    });
  }

  function withStore(mode, work) {
    return openDb().then(function (db) {
      return new Promise(function (resolve, reject) {
        var transaction = db.transaction(STORE, mode);
        var request = work(transaction.objectStore(STORE));
        transaction.oncomplete = function () { db.close(); resolve(request ? request.result : null); };
        transaction.onerror = function () { db.close(); reject(transaction.error); };
      });
    });
  }

  function waiting() {
    return withStore("readonly", function (store) { return store.getAll(); }).then(function (all) {
      return (all || []).filter(function (entry) { return entry.account === account; })
        .sort(function (a, b) { return a.queued_at < b.queued_at ? -1 : 1; });
    });
  }

  function keep(kind, body, label) {
    body.client_id = body.client_id || newId();
    body.occurred_at = body.occurred_at || new Date().toISOString();
    var entry = {
      client_id: body.client_id, account: account, kind: kind, body: body, label: label,
      queued_at: new Date().toISOString(), problem: "",
    };
    return withStore("readwrite", function (store) { return store.put(entry); }).then(function () {
      note = "Kept on this device: " + label + ". It will be sent when you are back online.";
      toast("Kept on this device: " + label + ".");
      render();
      if (navigator.onLine) sync();
    });
  }

  function forget(clientId) {
    return withStore("readwrite", function (store) { return store.delete(clientId); });
  }

  function markProblem(entry, problem) {
    entry.problem = problem;
    return withStore("readwrite", function (store) { return store.put(entry); });
  }

  // --- Sending ------------------------------------------------------------------------------

  function pageToken(doc) {
    try { return JSON.parse(doc.body.getAttribute("hx-headers"))["X-CSRFToken"]; } catch (e) { return ""; }
  }

  function freshToken() {
    return fetch("/home/", { credentials: "same-origin", cache: "no-store" })
      .then(function (response) { return response.ok ? response.text() : ""; })
      .then(function (html) { return pageToken(new DOMParser().parseFromString(html, "text/html")); });
  }

  function post(entry, token) {
    return fetch(ENDPOINTS[entry.kind], {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRFToken": token },
      body: JSON.stringify(entry.body),
    });
  }

  function Stop(reason) { this.reason = reason; }

  function send(entry, token) {
    return post(entry, token).then(function (response) {
      if (response.status !== 403) return response;
      // A page kept from earlier may carry an old form token: fetch a fresh one and retry.
      return freshToken().then(function (fresh) { token = fresh; return post(entry, fresh); });
    }).then(function (response) {
      if (response.status === 200 || response.status === 201) return forget(entry.client_id).then(function () { return 1; });
      if (response.status === 401 || response.status === 403) throw new Stop("login");
      if (response.status === 422 || response.status === 400) {
        return response.json().catch(function () { return {}; }).then(function (answer) {
          var detail = answer && answer.detail;
          var text = typeof detail === "string" ? detail : "the server could not accept it";
          return markProblem(entry, text).then(function () { return 0; });
        });
      }
      throw new Stop("server");
    });
  }

  var syncing = null;

  function sync() {
    if (!account || !navigator.onLine) return Promise.resolve();
    if (syncing) return syncing;
    var sent = 0;
    var token = pageToken(document);
    function run() {
      return waiting().then(function (entries) {
        return entries.filter(function (entry) { return !entry.problem; }).reduce(function (chain, entry) {
          return chain.then(function () { return send(entry, token); }).then(function (n) { sent += n; });
        }, Promise.resolve());
      });
    }
    var locked = navigator.locks ? navigator.locks.request("twitchlog-offline-sync", run) : run();
    syncing = locked.then(function () {
      if (sent) note = "Sent " + sent + " entr" + (sent === 1 ? "y" : "ies") + " logged while offline.";
    }, function (error) {
      if (sent) note = "Sent " + sent + " entr" + (sent === 1 ? "y" : "ies") + ".";
      if (error instanceof Stop && error.reason === "login") {
        note = "Log in again to send what is waiting.";
      } else {
        note = (note ? note + " " : "") + "The rest could not be sent yet; it stays on this device and is tried again.";
      }
    }).then(function () { syncing = null; return render(); });
    return syncing;
  }

  // --- What the page says -------------------------------------------------------------------

  function element(tag, text, className) {
    var node = document.createElement(tag);
    if (text) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  // A short confirmation where the person is looking (the status line may be scrolled away).
  var toastTimer = null;
  function toast(text) {
    var shown = document.querySelector(".offline-toast");
    if (!shown) {
      shown = element("p", "", "offline-toast");
      shown.setAttribute("role", "status");
      document.body.appendChild(shown);
    }
    shown.textContent = text;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(function () { shown.remove(); }, 5000);
  }

  function render() {
    if (!account) return Promise.resolve();
    return waiting().then(function (entries) {
      status.textContent = "";
      if (!navigator.onLine) {
        // Only a page opened without a network is the device's copy; one loaded online and then
        // cut off is the page as it was, and saying "the copy kept on this device" was untrue.
        status.appendChild(element("p", (keptCopy ? "You are offline, so this page is the copy kept on this device. " : "You are offline. ") + "You can still log twitches and stress moments: they are kept here and sent when the connection returns. Other pages need the connection.", "offline-line"));
      }
      if (note) status.appendChild(element("p", note, "offline-note"));
      if (navigator.onLine && keptCopy) {
        var fresh = element("a", "Show this page as it is now");
        fresh.href = location.href;
        status.appendChild(element("p")).appendChild(fresh);
      }
      status.classList.toggle("ok", navigator.onLine && !entries.length);
      if (entries.length) {
        status.appendChild(element("p", entries.length === 1 ? "Waiting to be sent: 1 entry" : "Waiting to be sent: " + entries.length + " entries", "offline-count"));
        var list = element("ul", "", "offline-queue");
        entries.forEach(function (entry) {
          var when = new Date(entry.body.occurred_at);
          var item = element("li", entry.label + ", " + when.toLocaleString("en-GB", { weekday: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }));
          if (entry.problem) {
            item.appendChild(element("span", " Not accepted: " + entry.problem + ". ", "offline-problem"));
            var drop = element("button", "Remove", "small secondary");
            drop.type = "button";
            drop.addEventListener("click", function () { forget(entry.client_id).then(render); });
            item.appendChild(drop);
          }
          list.appendChild(item);
        });
        status.appendChild(list);
      }
      status.hidden = !status.firstChild;
    }).catch(function () { status.hidden = true; });
  }

  // --- Logging without a network ------------------------------------------------------------

  function spotFor(slug) {
    var spot = vocabulary && vocabulary.spots[slug];
    return spot || null;
  }

  function sensationLabel(slug) {
    var found = (vocabulary ? vocabulary.sensations : []).filter(function (s) { return s[0] === slug; })[0];
    return found ? found[1].toLowerCase() : slug;
  }

  function askSensation(slug) {
    var spot = spotFor(slug);
    if (!spot) return;
    var dialog = element("dialog", "", "offline-dialog");
    dialog.setAttribute("aria-labelledby", "offline-dialog-title");
    var title = element("h2", spot.label);
    title.id = "offline-dialog-title";
    dialog.appendChild(title);
    dialog.appendChild(element("p", "What did it feel like? You are offline, so this is kept on this device until it can be sent."));
    var choices = element("div", "", "chips");
    vocabulary.sensations.forEach(function (pair) {
      var button = element("button", pair[1], "secondary");
      button.type = "button";
      button.value = pair[0];
      button.addEventListener("click", function () {
        dialog.close();
        dialog.remove();
        keep("episode", { region: spot.region, side: spot.side, sensation: pair[0] },
          "Twitch: " + spot.label + ", " + pair[1].toLowerCase());
      });
      choices.appendChild(button);
    });
    dialog.appendChild(choices);
    var cancel = element("button", "Cancel", "link");
    cancel.type = "button";
    cancel.addEventListener("click", function () { dialog.close(); dialog.remove(); });
    dialog.appendChild(element("div", "", "actions")).appendChild(cancel);
    document.body.appendChild(dialog);
    dialog.showModal();
  }

  function latestEpisode() {
    return waiting().then(function (entries) {
      var episodes = entries.filter(function (entry) { return entry.kind === "episode"; });
      return episodes.length ? episodes[episodes.length - 1].body : null;
    });
  }

  var REPEATED = ["region", "side", "sensation", "strength", "duration", "rhythm"];

  function repeatLast(form) {
    latestEpisode().then(function (queued) {
      var body = {};
      REPEATED.forEach(function (name) {
        var value = queued ? queued[name] : form.getAttribute("data-" + name);
        if (value !== undefined && value !== null && value !== "") body[name] = name === "strength" ? Number(value) : value;
      });
      if (!body.region) return;
      var spot = spotFor((body.side && body.side !== "middle" ? body.side + "-" : "") + body.region.replace(/_/g, "-"));
      var place = spot ? spot.label : body.region;
      keep("episode", body, "Twitch: " + place + ", " + sensationLabel(body.sensation || "twitch") + " (same as last time)");
    });
  }

  function fields(form, names) {
    var data = new FormData(form);
    var body = {};
    names.forEach(function (name) {
      var value = data.get(name);
      if (value !== null && value !== "") body[name] = value;
    });
    return body;
  }

  function showProblem(form, text) {
    var old = form.querySelector(".offline-form-problem");
    if (old) old.remove();
    var problem = element("p", text, "notice warn offline-form-problem");
    problem.setAttribute("role", "alert");
    form.insertBefore(problem, form.firstChild);
  }

  function keepDetails(form) {
    var body = fields(form, ["client_id", "region", "side", "sensation", "occurred_at", "strength", "duration", "rhythm", "context", "timing", "notes"]);
    if (!body.sensation) { showProblem(form, "Choose what it felt like; “Twitch” if unsure."); return; }
    if (body.strength !== undefined) body.strength = Number(body.strength);
    body.also_noticed = new FormData(form).getAll("also_noticed");
    var spot = spotFor((body.side && body.side !== "middle" ? body.side + "-" : "") + (body.region || "").replace(/_/g, "-"));
    keep("episode", body, "Twitch: " + (spot ? spot.label : body.region) + ", " + sensationLabel(body.sensation));
  }

  function keepStress(form) {
    var body = fields(form, ["kind", "strength", "occurred_at", "notes"]);
    if (!body.kind) { showProblem(form, "Choose what happened."); return; }
    if (body.strength === undefined) { showProblem(form, "Choose how strong it was, from 0 to 10."); return; }
    body.strength = Number(body.strength);
    // This form may be a copy kept from earlier: each entry gets its own new id.
    var kind = form.querySelector("input[name=kind]:checked");
    var label = kind && kind.labels && kind.labels[0] ? kind.labels[0].textContent.trim() : body.kind;
    keep("stress", body, "Stress moment: " + label.toLowerCase()).then(function () {
      var old = form.querySelector(".offline-form-problem");
      if (old) old.remove();
      form.reset();
      window.scrollTo(0, 0);
    });
  }

  // Offline, the logging forms are kept in the queue instead of being sent. True if this one was.
  function queued(event, form, path) {
    var submitter = event.submitter;
    if (path === "/diary/log/" && submitter && submitter.name === "spot" && vocabulary) {
      askSensation(submitter.value);
    } else if (path === "/diary/log/" && form.querySelector("input[name=step][value=details]")) {
      keepDetails(form);
    } else if (path === "/diary/log/again/") {
      repeatLast(form);
    } else if (path === "/diary/stress/new/") {
      keepStress(form);
    } else {
      return false;
    }
    event.preventDefault();
    return true;
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    var path = new URL(form.getAttribute("action") || location.href, location.href).pathname;
    if (path === "/accounts/logout/") { logOut(event, form); return; }
    if (event.defaultPrevented) return; // htmx's, or a question answered "Cancel"
    if (!navigator.onLine && account && queued(event, form, path)) return;
    var submitter = event.submitter;
    if (!isPost(form, submitter)) return; // a search or a link-like form: the worker answers
    if (!navigator.onLine) {
      event.preventDefault();
      notSent(form, submitter);
      return;
    }
    // Sent with a network: the copy on this device is not needed. If the network fails on
    // the way, the worker asks this page (below), which keeps a copy again.
    dropDraft(target(form, submitter));
    sending = { url: target(form, submitter), form: form, submitter: submitter };
  });

  // --- Every other form sent to the server: nothing typed is lost --------------------------
  // An ordinary form (a POST the queue does not take: the check-in, settings, an edit) needs
  // the network. Offline it is not sent at all; when the network fails on the way, the worker
  // answers "204 No Content", which leaves this page as it is, once this page has said it sent
  // that form (see sw.js). Either way the page and every answer stay, a note by the submit
  // button says it was not sent, and a copy of the answers waits in this tab's sessionStorage,
  // under the signed-in person and this page's address, so that a reload or a later visit in
  // this tab gets them back. The copy goes when the form is sent with a network, at log-out,
  // and when the tab is closed.

  var DRAFT_PREFIX = "twitchlog-draft ";
  var draftKey = DRAFT_PREFIX + account + " " + location.pathname + location.search;
  var NOT_SENT = "You are offline, so this was not sent. Everything you typed is still here: send it again when you are back online.";
  var DROPPED = "The connection dropped, so this was not sent. Everything you typed is still here: send it again in a moment.";
  var BACK_ONLINE = "The connection is back. This was not sent yet: everything you typed is still here, so send it when you are ready.";
  var RESTORED = "This was not sent earlier, when the connection was missing. What you typed is back in the form: check it, then send it.";
  var NOT_KEPT = ["hidden", "password", "file", "submit", "button", "reset", "image", "fieldset", "output"];
  var sending = null; // the ordinary form on its way to the server, while this page is shown

  // A form's own address and method, read from its attributes: form.action and form.method
  // return the form's field of that name when it has one (reminders and offers have a button
  // named "action"), which threw on every send of those forms.
  function address(form) {
    return new URL(form.getAttribute("action") || location.href, location.href).href.split("#")[0];
  }
  function methodOf(form) {
    return (form.getAttribute("method") || "get").toLowerCase();
  }
  function target(form, submitter) {
    var url = submitter && submitter.hasAttribute("formaction") ? submitter.formAction : address(form);
    return url.split("#")[0];
  }

  function isPost(form, submitter) {
    var method = submitter && submitter.hasAttribute("formmethod") ? submitter.formMethod : methodOf(form);
    return method === "post";
  }

  // What a person typed or chose; never a password, a file or the form's token.
  function answers(form) {
    return Array.prototype.filter.call(form.elements, function (field) {
      return field.name && !field.disabled && field.name !== "csrfmiddlewaretoken" && NOT_KEPT.indexOf(field.type) === -1;
    });
  }

  function readDraft() {
    try { return JSON.parse(sessionStorage.getItem(draftKey)); } catch (e) { return null; }
  }

  function saveDraft(form) {
    if (!account) return;
    var fields = [];
    answers(form).forEach(function (field) {
      if (field.type === "checkbox" || field.type === "radio") {
        if (field.checked) fields.push([field.name, field.value]);
      } else if (field.type === "select-multiple") {
        Array.prototype.forEach.call(field.selectedOptions, function (option) { fields.push([field.name, option.value]); });
      } else {
        fields.push([field.name, field.value]);
      }
    });
    // A form of buttons only (delete, dismiss) has nothing to keep, and must not take the
    // place of another form's copy on the same page.
    if (!answers(form).length) return;
    try {
      sessionStorage.setItem(draftKey, JSON.stringify({ action: address(form), fields: fields }));
      form.setAttribute("data-draft", "");
    } catch (e) { /* storage full or refused: the page itself still holds the answers */ }
  }

  function dropDraft(action) {
    var draft = readDraft();
    if (!draft || draft.action !== action) return;
    try { sessionStorage.removeItem(draftKey); } catch (e) { /* nothing kept */ }
  }

  function forgetDrafts(keep) {
    try {
      Object.keys(sessionStorage).forEach(function (key) {
        var kept = keep && key.indexOf(keep) === 0;
        if (key.indexOf(DRAFT_PREFIX) === 0 && !kept) sessionStorage.removeItem(key);
      });
    } catch (e) { /* no storage: nothing kept */ }
  }

  function sayNotSent(form, submitter, text) {
    var said = form.querySelector(".offline-not-sent");
    if (!said) {
      var button = submitter && form.contains(submitter) ? submitter
        : form.querySelector("button[type=submit], button:not([type]), input[type=submit]");
      said = element("p", "", "notice warn offline-not-sent");
      said.setAttribute("role", "status");
      said.setAttribute("aria-live", "polite");
      if (button) button.insertAdjacentElement("afterend", said);
      else form.appendChild(said);
    }
    // Written a moment after the region is in the page (or emptied), so that screen readers
    // announce it, and announce it again after a second try.
    said.textContent = "";
    setTimeout(function () { said.textContent = text; }, 100);
  }

  function notSent(form, submitter) {
    saveDraft(form);
    sayNotSent(form, submitter, navigator.onLine ? DROPPED : NOT_SENT);
  }

  function restoreDraft() {
    var draft = readDraft();
    if (!account || !draft || !draft.fields) return;
    var form = Array.prototype.filter.call(document.forms, function (candidate) {
      return methodOf(candidate) === "post" && address(candidate) === draft.action;
    })[0];
    if (!form) return;
    var values = {};
    draft.fields.forEach(function (pair) { (values[pair[0]] = values[pair[0]] || []).push(pair[1]); });
    answers(form).forEach(function (field) {
      var mine = values[field.name] || [];
      var changed = false;
      if (field.type === "checkbox" || field.type === "radio") {
        var checked = mine.indexOf(field.value) !== -1;
        changed = field.checked !== checked;
        field.checked = checked;
      } else if (field.type === "select-multiple") {
        Array.prototype.forEach.call(field.options, function (option) {
          var selected = mine.indexOf(option.value) !== -1;
          changed = changed || option.selected !== selected;
          option.selected = selected;
        });
      } else if (mine.length) {
        var value = mine.shift();
        changed = field.value !== value;
        field.value = value;
      }
      if (!changed) return;
      // A folded section that holds a restored answer opens, so nothing comes back unseen.
      var section = field.closest("details");
      if (section) section.open = true;
      field.dispatchEvent(new Event("input", { bubbles: true }));
      field.dispatchEvent(new Event("change", { bubbles: true }));
    });
    form.setAttribute("data-draft", "");
    sayNotSent(form, null, RESTORED);
  }

  // Changes made after a send that did not go through update the copy.
  function keepDraftUpToDate(event) {
    var form = event.target && event.target.form;
    if (event.isTrusted && form && form.hasAttribute("data-draft")) saveDraft(form);
  }
  document.addEventListener("input", keepDraftUpToDate);
  document.addEventListener("change", keepDraftUpToDate);

  if ("serviceWorker" in navigator) {
    // The worker could not send a form: if it is the one this page sent, keep everything and
    // say so; the worker then leaves this page as it is.
    navigator.serviceWorker.addEventListener("message", function (event) {
      var data = event.data || {};
      if (data.type !== "not-sent") return;
      var mine = sending !== null && sending.url === data.url;
      if (mine) {
        notSent(sending.form, sending.submitter);
        sending = null;
      }
      if (event.ports && event.ports[0]) event.ports[0].postMessage({ shown: mine });
    });
    navigator.serviceWorker.startMessages();
  }

  // Another account's copies never stay in a tab this account uses, and a page seen signed
  // out (a log-out in another tab, an expired session, a deleted account) keeps none.
  forgetDrafts(account ? DRAFT_PREFIX + account + " " : undefined);
  restoreDraft();

  // --- Logging out: send what waits, then forget everything kept on this device ------------

  function forgetDevice() {
    forgetDrafts();
    var stores = [tellWorker({ type: "forget" })];
    if (window.caches) {
      stores.push(caches.keys().then(function (names) {
        return Promise.all(names.map(function (name) { return caches.delete(name); }));
      }));
    }
    stores.push(new Promise(function (resolve) {
      var request = indexedDB.deleteDatabase(DB_NAME);
      request.onsuccess = request.onerror = request.onblocked = function () { resolve(); };
    }));
    return Promise.all(stores);
  }

  var loggingOut = false;

  function logOut(event, form) {
    if (loggingOut) return;
    event.preventDefault();
    if (!navigator.onLine) {
      note = "You are offline: log out once the connection is back.";
      render();
      return;
    }
    loggingOut = true;
    sync().then(waiting).then(function (left) {
      if (left.length && !window.confirm(
        left.length + (left.length === 1 ? " entry has" : " entries have") +
        " not been sent yet. Logging out deletes them from this device. Log out anyway?")) {
        loggingOut = false;
        return;
      }
      return forgetDevice().then(function () { form.submit(); });
    }).catch(function () { forgetDrafts(); form.submit(); });
  }

  // --- When things happen -------------------------------------------------------------------

  window.addEventListener("online", function () {
    note = "";
    render();
    sync();
    Array.prototype.forEach.call(document.querySelectorAll("form .offline-not-sent"), function (said) {
      sayNotSent(said.closest("form"), null, BACK_ONLINE);
    });
  });
  window.addEventListener("offline", function () { note = ""; render(); });
  document.addEventListener("htmx:sendError", function () {
    note = "That needs the connection, which is not there just now. Nothing was changed.";
    render();
  });
  render().then(sync);
})();

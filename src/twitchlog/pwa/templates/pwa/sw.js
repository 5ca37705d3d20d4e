// Twitchlog's service worker (version __VERSION__). Our own code; no library, no build step.
//
// What it keeps, and why (see twitchlog/pwa/offline_pages.py and docs/offline.md):
// - static files: served from the device, and refreshed from the network in the background.
// - a page for offline use: the latest copy of the signed-in person's home page, twitch log,
//   stress form and "When to see a doctor", so they open without a network. Every other page
//   and all API answers are never kept. The pages cache is emptied at log-out and when another
//   account signs in.
// - a form whose send fails for want of a network leaves its page as it is, with everything
//   typed, and the page says it was not sent (notSent below).
// - anything else that fails for want of a network shows the offline page, which says so
//   (and what to do in an emergency).
"use strict";

const VERSION = "__VERSION__";
const STATIC_CACHE = "twitchlog-static-" + VERSION;
const PAGES_CACHE = "twitchlog-pages";
const PRECACHE = {{ precache|safe }};
const PAGES = {{ pages|safe }};
const OFFLINE_URL = {{ offline_url|safe }};
const ACCOUNT_KEY = "/__account__";

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches.open(STATIC_CACHE)
      .then(function (cache) { return cache.addAll(PRECACHE); })
      .then(function () { return self.skipWaiting(); })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (names) {
      return Promise.all(names.map(function (name) {
        if (name.indexOf("twitchlog-static-") === 0 && name !== STATIC_CACHE) {
          return caches.delete(name);
        }
        return null;
      }));
    }).then(function () { return self.clients.claim(); })
  );
});

function offlinePage() {
  return caches.match(OFFLINE_URL).then(function (found) {
    return found || new Response("You are offline.", {
      status: 503, headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  });
}

function notSent(url) {
  // Ask the open pages which one sent this form (pwa/offline.js). That page keeps everything
  // typed and says it was not sent, and "204 No Content" leaves it just as it is: no page
  // replaces the form, so Back and the answers are untouched. If no page says so (one without
  // offline.js), the offline page says that nothing was sent, as the browser's error would.
  return self.clients.matchAll({ type: "window" }).then(function (windows) {
    return new Promise(function (resolve) {
      let waiting = windows.length;
      if (!waiting) resolve(false);
      windows.forEach(function (client) {
        const channel = new MessageChannel();
        channel.port1.onmessage = function (event) {
          waiting -= 1;
          if (event.data && event.data.shown) resolve(true);
          else if (!waiting) resolve(false);
        };
        client.postMessage({ type: "not-sent", url: url }, [channel.port2]);
      });
      setTimeout(function () { resolve(false); }, 2000);
    });
  }).then(function (shown) {
    return shown ? new Response(null, { status: 204 }) : offlinePage();
  });
}

function keepPage(path, response) {
  // Only a real page of the signed-in person: not a redirect (to the login page) or an error.
  if (!response.ok || response.redirected || response.type !== "basic") return;
  const copy = response.clone();
  caches.open(PAGES_CACHE).then(function (cache) { cache.put(path, copy); });
}

function fromNetworkFirst(request, path) {
  return fetch(request).then(function (response) {
    if (PAGES.indexOf(path) !== -1) keepPage(path, response);
    return response;
  }).catch(function () {
    return caches.open(PAGES_CACHE)
      .then(function (cache) { return cache.match(path, { ignoreSearch: true, ignoreVary: true }); })
      .then(function (found) { return found || offlinePage(); });
  });
}

function fromDeviceThenRefresh(event, request) {
  // The kept copy at once; the network's copy replaces it for next time (local installs serve
  // static files under unchanging names).
  return caches.open(STATIC_CACHE).then(function (cache) {
    return cache.match(request, { ignoreVary: true }).then(function (found) {
      const fresh = fetch(request).then(function (response) {
        if (response.ok && response.type === "basic") cache.put(request, response.clone());
        return response;
      });
      if (!found) return fresh;
      event.waitUntil(fresh.catch(function () { return null; }));
      return found;
    });
  });
}

self.addEventListener("fetch", function (event) {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method !== "GET") {
    // A form whose send failed for want of a network.
    if (request.mode === "navigate") {
      event.respondWith(fetch(request).catch(function () { return notSent(request.url); }));
    }
    return;
  }
  if (url.pathname.indexOf("/static/") === 0) {
    event.respondWith(fromDeviceThenRefresh(event, request));
  } else if (request.mode === "navigate") {
    event.respondWith(fromNetworkFirst(request, url.pathname));
  }
});

// Messages from pages (pwa/offline.js).
function forgetPages() { return caches.delete(PAGES_CACHE); }

function warm() {
  // Fetch the offline pages not kept yet, so they open offline even if never visited.
  return caches.open(PAGES_CACHE).then(function (cache) {
    return Promise.all(PAGES.map(function (path) {
      return cache.match(path).then(function (found) {
        if (found) return null;
        return fetch(path, { credentials: "same-origin" })
          .then(function (response) { keepPage(path, response); })
          .catch(function () { return null; });
      });
    }));
  });
}

function setAccount(account) {
  // Another account (or none) than the pages were kept for: forget them.
  return caches.open(PAGES_CACHE).then(function (cache) {
    return cache.match(ACCOUNT_KEY).then(function (found) {
      return found ? found.text() : null;
    }).then(function (kept) {
      if (kept === account) return false;
      return forgetPages().then(function () {
        if (!account) return false;
        return caches.open(PAGES_CACHE).then(function (fresh) {
          return fresh.put(ACCOUNT_KEY, new Response(account)).then(function () { return true; });
        });
      });
    });
  });
}

self.addEventListener("message", function (event) {
  const data = event.data || {};
  let done = Promise.resolve();
  if (data.type === "account") {
    done = setAccount(data.account || "").then(function () {
      return data.account ? warm() : null;
    });
  } else if (data.type === "forget") {
    done = forgetPages();
  }
  event.waitUntil(done.then(function () {
    if (event.ports && event.ports[0]) event.ports[0].postMessage({ done: true });
  }));
});

// Check-in reminders (Web Push). The text is neutral and comes from the server.
self.addEventListener("push", function (event) {
  let data = {};
  try { data = event.data ? event.data.json() : {}; } catch (e) { data = {}; }
  const title = data.title || "Daily check-in";
  event.waitUntil(self.registration.showNotification(title, {
    body: data.body || "",
    icon: "{{ icon }}",
    tag: data.tag || "twitchlog-checkin",
    data: { url: data.url || "/home/" },
  }));
});

self.addEventListener("notificationclick", function (event) {
  event.notification.close();
  const target = (event.notification.data && event.notification.data.url) || "/home/";
  event.waitUntil(self.clients.matchAll({ type: "window" }).then(function (windows) {
    for (const client of windows) {
      if ("focus" in client) { client.navigate(target); return client.focus(); }
    }
    return self.clients.openWindow(target);
  }));
});

"""What the service worker keeps on the device. Pure data: no Django.

Pages are sent ``Cache-Control: private, no-store`` so that no proxy or back button keeps
them; the service worker is the one deliberate exception, and only for these few pages of the
signed-in person's own, which it needs to log while offline. It keeps the latest copy of each
(fetched from the network first whenever there is one), forgets them all at log-out and when a
different account signs in, and keeps nothing else: no other page, no API answer.
"""

# The pages that open without a network: home (the body map and "Same as last time"), the
# twitch log with its list of places, and the stress moment form.
PAGES = ["/home/", "/diary/log/", "/diary/stress/new/"]

# Static files those pages need (paths under STATIC_URL).
STATIC_FILES = [
    "twitchlog/app.css",
    "twitchlog/app.js",
    "twitchlog/icon.svg",
    "twitchlog/vendor/htmx.min.js",
    "diary/diary.css",
    "diary/diary.js",
    "pwa/offline.css",
    "pwa/offline.js",
    "pwa/icon-192.png",
]

"""What the service worker keeps on the device. Pure data: no Django.

Pages are sent ``Cache-Control: private, no-store`` so that no proxy or back button keeps
them; the service worker is the one deliberate exception, and only for these few pages, as the
signed-in person saw them: the ones it needs to log while offline, and the advice on when to
see a doctor. It keeps the latest copy of each (fetched from the network first whenever there
is one), forgets them all at log-out and when a different account signs in, and keeps nothing
else: no other page, no API answer.
"""

# The pages to log on without a network, signed in only: home (the body map and "Same as last
# time"), the twitch log with its list of places, and the stress moment form. They carry the
# offline vocabulary that pwa/offline.js logs with.
LOGGING_PAGES = ["/home/", "/diary/log/", "/diary/stress/new/"]

# Every page that opens without a network: the logging pages, and "When to see a doctor",
# public advice (with the care of the person's country) that must not need a connection when
# something worrying happens offline.
PAGES = [*LOGGING_PAGES, "/learn/see-a-doctor/"]

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

"""The browser tests' live server finishes what it is serving before the database goes.

Stopping Django's own test server left its request threads running (they are daemons, which
socketserver does not wait for); a home page still working out insights then met a flushed
database at teardown. This holds the server to waiting.
"""

import threading
import urllib.request
from typing import Any

from django.core.handlers.wsgi import WSGIHandler

from tests.conftest import start_live_server


def test_stopping_the_live_server_waits_for_the_request_it_is_serving(monkeypatch: Any) -> None:
    started, release, finished = threading.Event(), threading.Event(), threading.Event()

    def slow_page(self: Any, environ: Any, start_response: Any) -> list[bytes]:
        started.set()
        release.wait(5)
        finished.set()
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b"done"]

    monkeypatch.setattr(WSGIHandler, "__call__", slow_page)
    server = start_live_server()
    client = threading.Thread(target=lambda: urllib.request.urlopen(server.url, timeout=10).read())
    client.start()
    assert started.wait(5)
    # The request ends after Django's own server would have stopped without waiting for it
    # (its shutdown() looks every half second); a server that waits passes whatever the load.
    threading.Timer(1.0, release.set).start()
    server.stop()
    assert finished.is_set(), "stop() returned while the request was still being served"
    client.join(10)

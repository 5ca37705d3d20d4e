"""Shared fixtures: the personas, and the switches for browser and PostgreSQL tests.

alice is a client with a diary, theo a therapist, charlie a stranger who must get a 404 for
everything of alice's.
"""

import os
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.servers.basehttp import ThreadedWSGIServer
from django.db import connection, connections
from django.test import Client
from django.utils import timezone
from pytest_django.live_server_helper import LiveServer

from twitchlog.accounts.models import User

CHROMIUM = "/usr/bin/chromium"
PASSWORD = "correct horse battery staple"


def pytest_collection_modifyitems(config: Any, items: list[Any]) -> None:
    for item in items:
        required = os.getenv("TWITCHLOG_REQUIRE_BROWSER")
        if "browser" in item.keywords and not os.path.exists(CHROMIUM) and not required:
            item.add_marker(pytest.mark.skip(reason=f"browser test: {CHROMIUM} is not installed"))


@pytest.fixture(autouse=True)
def _fast_hashing(settings: Any) -> None:
    # Argon2 is deliberately slow; tests make hundreds of passwords.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _postgres_only(request: Any) -> None:
    if request.node.get_closest_marker("postgres") is None:
        return
    if connection.vendor == "postgresql":
        return
    if os.getenv("TWITCHLOG_REQUIRE_POSTGRES"):
        pytest.fail("This test needs PostgreSQL, and CI asked for it (TWITCHLOG_REQUIRE_POSTGRES)")
    pytest.skip("PostgreSQL only: set DATABASE_URL=postgres://... to run it")


def make_user(email: str, **extra: Any) -> User:
    extra.setdefault("time_zone", "Europe/London")
    extra.setdefault("health_data_consent_at", timezone.now())
    return User.objects.create_user(email, PASSWORD, **extra)


def log_in(page: Any, base: str, email: str, then: str = "/home/") -> None:
    """Sign in through the login page in Chromium, as a person would, and land on ``then``."""
    query = "" if then == "/home/" else f"?next={then}"
    page.goto(f"{base}/accounts/login/{query}")
    page.fill("#id_email", email)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{base}{then}")


@pytest.fixture
def alice(db: Any) -> User:
    return make_user("alice@example.org", display_name="Alice")


@pytest.fixture
def theo(db: Any) -> User:
    return make_user("theo@example.org", display_name="Theo", time_zone="America/New_York")


@pytest.fixture
def charlie(db: Any) -> User:
    return make_user("charlie@example.org", display_name="Charlie", time_zone="Asia/Tokyo")


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def alice_client(alice: User) -> Client:
    return client_for(alice)


@pytest.fixture
def theo_client(theo: User) -> Client:
    return client_for(theo)


@pytest.fixture
def charlie_client(charlie: User) -> Client:
    return client_for(charlie)


class _JoiningWSGIServer(ThreadedWSGIServer):
    """Django's threaded test server, but its request threads are not daemons.

    socketserver's server_close() joins every non-daemon thread still serving a request
    (ThreadingMixIn.block_on_close); Django's own server makes them daemons, which socketserver
    does not keep at all, so stopping it returned with requests still running.
    """

    daemon_threads = False

    def serve_forever(self, poll_interval: float = 0.05) -> None:
        # shutdown() waits for this loop to look again: every 50 ms, not socketserver's 500.
        super().serve_forever(poll_interval)


@pytest.fixture
def live_server(request: Any, transactional_db: None) -> Iterator[LiveServer]:
    """Django's live server, one per test, that has finished every request before the flush.

    pytest-django's own runs for the whole session and nothing waits for it between tests, but
    a browser keeps asking after the test body ends: after sign-in the service worker fetches
    the offline pages, and the home page works out the person's insights (a second or more).
    Those requests ran on in the server while the test's database was flushed under them, or
    deleted at the end of the session: "database table is locked" at teardown, 500s, and on
    SQLite both threads share one connection. Here the server is stopped at the end of each
    test, which waits for the requests it is serving, and as this fixture depends on
    transactional_db it is torn down before the database is.
    """
    addr = (
        request.config.getvalue("liveserver")
        or os.getenv("DJANGO_LIVE_TEST_SERVER_ADDRESS")
        or "localhost"
    )
    server = start_live_server(addr)
    yield server
    server.stop()


def start_live_server(addr: str = "localhost") -> LiveServer:
    """A live server whose stop() returns only once every request it was serving has ended."""
    server = LiveServer(addr, start=False)
    server.thread.server_class = _JoiningWSGIServer
    server.start()
    return server


@pytest.fixture
def browser(live_server: LiveServer, monkeypatch: Any) -> Iterator[Any]:
    """Headless Chromium (Debian's build; Playwright cannot download one here).

    It depends on ``live_server`` so that Chromium is closed first: its kept-alive connections
    and background fetches end with it, and stopping the server then waits only for requests
    already being served, not for a browser that could still send more.
    """
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing and CI asked for browser tests")
    # Playwright's sync API runs an event loop in this thread, and the test's own ORM calls
    # would trip Django's async guard. Only for the duration of the test.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield instance
        instance.close()
        # ORM calls made while Playwright's loop runs get their own connections (asgiref keys
        # them by context); close them here, in that context, or PostgreSQL cannot drop the
        # test database at the end.
        connections.close_all()

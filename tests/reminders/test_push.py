"""Web Push: a reminder reaches a (local) push service encrypted, and decrypts to the text."""

import base64
import datetime as dt
import json
import os
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import http_ece
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from django.utils import timezone

from twitchlog.accounts.models import User
from twitchlog.reminders import push, services
from twitchlog.reminders.models import PushSubscription

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 12, 1, 20, 1, tzinfo=dt.UTC)


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


class PushService:
    """A push service on 127.0.0.1 that keeps what it is sent and answers ``status``."""

    def __init__(self) -> None:
        self.received: list[tuple[dict[str, str], bytes]] = []
        self.status = 201
        service = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                headers = {name.lower(): value for name, value in self.headers.items()}
                service.received.append((headers, body))
                self.send_response(service.status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/push/device-1"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture
def service() -> Iterator[PushService]:
    running = PushService()
    yield running
    running.server.shutdown()
    running.server.server_close()


@pytest.fixture
def device() -> tuple[ec.EllipticCurvePrivateKey, bytes]:
    """A browser's subscription keys: its P-256 key pair and its auth secret."""
    return ec.generate_private_key(ec.SECP256R1()), os.urandom(16)


def _subscribe(user: User, service: PushService, device: Any) -> PushSubscription:
    key, auth = device
    public = key.public_key().public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    # Straight through the service: the page's view accepts only the real push services.
    return services.subscribe(user, service.url, b64(public), b64(auth))


def test_the_push_decrypts_to_the_neutral_text(
    alice: User, service: PushService, device: Any, monkeypatch: Any, mailoutbox: Any
) -> None:
    _subscribe(alice, service, device)
    services.update_settings(alice, enabled=True, at=dt.time(20), by_email=False, by_push=True)
    monkeypatch.setattr(timezone, "now", lambda: NOW)

    assert services.send_due_checkin_reminders() == 1
    assert services.send_due_checkin_reminders() == 0
    assert mailoutbox == []
    ((headers, body),) = service.received
    assert headers["content-encoding"] == "aes128gcm"
    assert f"k={push.public_key()}" in headers["authorization"]  # signed with our VAPID key
    key, auth = device
    plain = http_ece.decrypt(body, private_key=key, auth_secret=auth, version="aes128gcm")
    message = json.loads(plain)
    assert message["title"] == services.TITLE
    assert message["body"] == "A minute for today's check-in, whenever it suits you."
    assert message["url"] == "/diary/check-in/"


@pytest.mark.parametrize("status", [400, 403, 404, 410])
def test_a_subscription_the_service_will_never_take_is_forgotten(
    alice: User, service: PushService, device: Any, monkeypatch: Any, status: int
) -> None:
    _subscribe(alice, service, device)
    services.update_settings(alice, enabled=True, at=dt.time(20), by_email=False, by_push=True)
    monkeypatch.setattr(timezone, "now", lambda: NOW)
    service.status = status
    assert services.send_due_checkin_reminders() == 0
    assert not PushSubscription.objects.exists()


def test_a_busy_push_service_keeps_the_subscription(
    alice: User, service: PushService, device: Any, monkeypatch: Any
) -> None:
    _subscribe(alice, service, device)
    services.update_settings(alice, enabled=True, at=dt.time(20), by_email=False, by_push=True)
    monkeypatch.setattr(timezone, "now", lambda: NOW)
    service.status = 503
    assert services.send_due_checkin_reminders() == 0
    assert PushSubscription.objects.count() == 1


def test_a_person_keeps_the_newest_few_browsers(alice: User, charlie: User) -> None:
    services.subscribe(charlie, "https://fcm.googleapis.com/fcm/send/charlie", "k", "a")
    for i in range(services.MAX_BROWSERS + 5):
        services.subscribe(alice, f"https://fcm.googleapis.com/fcm/send/{i}", "k", "a")
    kept = set(alice.push_subscriptions.values_list("endpoint", flat=True))
    assert len(kept) == services.MAX_BROWSERS
    assert f"https://fcm.googleapis.com/fcm/send/{services.MAX_BROWSERS + 4}" in kept
    assert "https://fcm.googleapis.com/fcm/send/0" not in kept
    assert charlie.push_subscriptions.count() == 1


def test_the_key_pair_is_made_once_and_kept(settings: Any) -> None:
    first = push.public_key()
    assert settings.VAPID_KEY_FILE.exists()
    assert push.public_key() == first
    assert len(base64.urlsafe_b64decode(first + "=")) == 65  # an uncompressed P-256 point


def test_only_browsers_push_services_are_accepted() -> None:
    assert push.acceptable_endpoint("https://fcm.googleapis.com/fcm/send/abc")
    assert push.acceptable_endpoint("https://updates.push.services.mozilla.com/wpush/v2/abc")
    assert push.acceptable_endpoint("https://web.push.apple.com/abc")
    assert not push.acceptable_endpoint("http://fcm.googleapis.com/fcm/send/abc")
    assert not push.acceptable_endpoint("https://127.0.0.1/push")
    assert not push.acceptable_endpoint("https://fcm.googleapis.com.evil.example/x")

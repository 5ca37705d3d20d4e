"""Web Push: the server's VAPID key pair and sending one notification.

The key pair is made once, on first use, into ``settings.VAPID_KEY_FILE`` (in the data folder
by default, like the generated secret key). Every app process and every machine that runs
``send_reminders`` must use the same file: browsers accept pushes only from the key they
subscribed with, so a new key silently stops every subscription.
"""

import base64
import json
import logging
import os
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import requests
from cryptography.hazmat.primitives import serialization
from django.conf import settings
from py_vapid import Vapid
from pywebpush import WebPushException, webpush

from twitchlog.reminders.models import PushSubscription

logger = logging.getLogger(__name__)

# The push services of the browsers people use. A subscription pointing anywhere else is
# refused: the server posts to that address, and must not be made to call arbitrary hosts.
PUSH_SERVICE_DOMAINS = (
    "fcm.googleapis.com",
    "android.googleapis.com",
    "push.services.mozilla.com",
    "push.apple.com",
    "notify.windows.com",
)
# How long a push service may hold a reminder for a phone that is off: a few hours, after
# which it is no longer today's reminder.
TIME_TO_LIVE = 4 * 60 * 60
TIMEOUT = 10  # seconds for one push service request


def _key_file() -> Path:
    path = Path(settings.VAPID_KEY_FILE)
    if not path.exists():
        key = Vapid()
        key.generate_keys()
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".vapid-")
        with os.fdopen(fd, "wb") as out:
            out.write(key.private_pem())
        try:
            os.link(temporary, path)  # atomic: a process that made one first keeps its own
        except FileExistsError:
            pass
        finally:
            os.unlink(temporary)
    return path


def server_key() -> Vapid:
    return Vapid.from_file(str(_key_file()))


def public_key() -> str:
    """The applicationServerKey browsers subscribe with: the public point, base64url."""
    raw = server_key().public_key.public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def acceptable_endpoint(endpoint: str) -> bool:
    parts = urlsplit(endpoint)
    host = (parts.hostname or "").lower()
    return parts.scheme == "https" and any(
        host == domain or host.endswith("." + domain) for domain in PUSH_SERVICE_DOMAINS
    )


def send(subscription: PushSubscription, payload: dict[str, Any]) -> bool:
    """Send one notification; True when the push service took it.

    A subscription the push service says is gone (404, 410), malformed (400) or not ours
    (403: made with another server key) is deleted: it will never take a reminder, and each
    run would wait on it again. Logs carry the subscription's id and the status only.
    """
    info = {
        "endpoint": subscription.endpoint,
        "keys": {"p256dh": subscription.p256dh, "auth": subscription.auth},
    }
    try:
        webpush(
            info,
            data=json.dumps(payload),
            vapid_private_key=server_key(),
            vapid_claims={"sub": settings.PUSH_CONTACT},
            ttl=TIME_TO_LIVE,
            timeout=TIMEOUT,
        )
    except WebPushException as error:
        if error.status_code in (400, 403, 404, 410):
            subscription.delete()
        logger.warning("push to subscription %s failed: %s", subscription.pk, error.status_code)
        return False
    except (requests.RequestException, ValueError):
        logger.warning("push to subscription %s failed: no answer", subscription.pk)
        return False
    return True

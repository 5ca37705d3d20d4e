"""Who may try a password, or ask for a reset email, and when: throttling that a stranger
cannot turn into a lock-out of the account's owner.

Logins. Failures are counted per client address (any account), per account *and* address,
and per account from everywhere (a guess spread over many addresses). Going over any of
them blocks that address, or for the last every address, for the rest of the window —
except the owner's own device: a browser that has logged in to the account before carries
a signed cookie saying so, and is never blocked by anyone else's failures. Its own failures
only slow it (after THROTTLE_MAX_PER_ACCOUNT, one try each DEVICE_PACE_SECONDS).

Reset emails. Requests are counted per address (a flood from one place gets a 429). Per
account at most THROTTLE_MAX_PER_ACCOUNT emails go out in the window; past that the page
answers as usual but sends nothing, so the owner is never told "wait", and the links already
sent keep working. The owner's own device always gets its email.
"""

import hashlib

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from twitchlog.core import throttle
from twitchlog.core.throttle import Limit

DEVICE_COOKIE = "twitchlog_device"
DEVICE_SALT = "twitchlog.accounts.device"
DEVICE_MAX_AGE = 365 * 24 * 3600
DEVICE_PACE_SECONDS = 60


def _tag(email: str) -> str:
    # The cookie names the account by a hash, so a shared computer's cookies show no email.
    return hashlib.sha256(f"device:{email.lower()}".encode()).hexdigest()[:32]


def known_device(request: HttpRequest, email: str) -> bool:
    tag = request.get_signed_cookie(
        DEVICE_COOKIE, default=None, salt=DEVICE_SALT, max_age=DEVICE_MAX_AGE
    )
    return bool(email) and tag == _tag(email)


def remember_device(response: HttpResponse, email: str) -> None:
    response.set_signed_cookie(
        DEVICE_COOKIE,
        _tag(email),
        salt=DEVICE_SALT,
        max_age=DEVICE_MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )


def _address_limits(request: HttpRequest, email: str) -> list[Limit]:
    address = throttle.client_ip(request)
    return [
        Limit("login-ip", address, settings.THROTTLE_MAX_PER_IP),
        Limit("login-account-ip", f"{email}|{address}", settings.THROTTLE_MAX_PER_ACCOUNT),
        Limit("login-account", email, settings.THROTTLE_MAX_PER_ACCOUNT_EVERYWHERE),
    ]


def _device_limit(email: str) -> Limit:
    return Limit("login-device", email, settings.THROTTLE_MAX_PER_ACCOUNT)


def login_wait(request: HttpRequest, email: str) -> int:
    """Seconds before this request may try a password for ``email`` (0: now)."""
    if known_device(request, email):
        return throttle.paced_for(_device_limit(email), DEVICE_PACE_SECONDS)
    return throttle.blocked_for(_address_limits(request, email))


def login_failed(request: HttpRequest, email: str) -> None:
    if known_device(request, email):
        throttle.record([_device_limit(email)])
    else:
        throttle.record(_address_limits(request, email))


def login_succeeded(request: HttpRequest, email: str, response: HttpResponse) -> None:
    # The account-wide count stays: the owner logging in does not reopen the door to a
    # guess spread over many addresses.
    throttle.clear([_address_limits(request, email)[1], _device_limit(email)])
    remember_device(response, email)


def reset_wait(request: HttpRequest) -> int:
    """Seconds before this address may ask for another reset email (0: now)."""
    limit = Limit("reset-ip", throttle.client_ip(request), settings.THROTTLE_MAX_PER_IP)
    if wait := throttle.blocked_for([limit]):
        return wait
    throttle.record([limit])
    return 0


def reset_may_send(request: HttpRequest, email: str) -> bool:
    """Whether to send ``email`` a reset email now (counted when it is True)."""
    limit = Limit("reset-account", email, settings.THROTTLE_MAX_PER_ACCOUNT)
    if throttle.blocked_for([limit]) and not known_device(request, email):
        return False
    throttle.record([limit])
    return True

"""Count repeated attempts (logins, sign-ups, resets) and say how long to wait.

The rules for who is counted how live with the callers (accounts/lockout.py)."""

import hashlib
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone

from twitchlog.core.models import Attempt


def client_ip(request: HttpRequest) -> str:
    """The client's address; behind N trusted proxies, the N-th address from the right."""
    proxies = int(getattr(settings, "TWITCHLOG_TRUSTED_PROXIES", 0))
    if proxies:
        forwarded = [p.strip() for p in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [p for p in forwarded if p]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return str(request.META.get("REMOTE_ADDR", ""))


def _key(value: str) -> str:
    return hashlib.sha256(f"{settings.SECRET_KEY}:{value.lower()}".encode()).hexdigest()


@dataclass(frozen=True)
class Limit:
    scope: str
    value: str
    max_attempts: int


def blocked_for(limits: list[Limit]) -> int:
    """Seconds until the first over-used limit frees up again, or 0 when none is over."""
    window = timedelta(seconds=settings.THROTTLE_WINDOW_SECONDS)
    since = timezone.now() - window
    wait = 0
    for limit in limits:
        recent = Attempt.objects.filter(scope=limit.scope, key=_key(limit.value), at__gte=since)
        if recent.count() >= limit.max_attempts:
            oldest = recent.order_by("at").values_list("at", flat=True)[0]
            wait = max(wait, int((oldest + window - timezone.now()).total_seconds()) + 1)
    return wait


def paced_for(limit: Limit, every_seconds: int) -> int:
    """Slowing rather than blocking: once ``limit`` is used up, one more attempt each
    ``every_seconds`` after the last one. Seconds to wait, or 0."""
    since = timezone.now() - timedelta(seconds=settings.THROTTLE_WINDOW_SECONDS)
    recent = Attempt.objects.filter(scope=limit.scope, key=_key(limit.value), at__gte=since)
    if recent.count() < limit.max_attempts:
        return 0
    last = recent.order_by("-at").values_list("at", flat=True)[0]
    return max(0, int((last + timedelta(seconds=every_seconds) - timezone.now()).total_seconds()))


# Every so many attempts, the ones older than the window are deleted.
PRUNE_EVERY = 100


def record(limits: list[Limit]) -> None:
    created = Attempt.objects.bulk_create(
        Attempt(scope=lim.scope, key=_key(lim.value)) for lim in limits
    )
    # Ids count attempts across every app process, so one process in a hundred attempts cleans
    # up, without a scheduled job and without a delete on every login.
    if any(attempt.pk and attempt.pk % PRUNE_EVERY == 0 for attempt in created):
        prune()


def clear(limits: list[Limit]) -> None:
    for limit in limits:
        Attempt.objects.filter(scope=limit.scope, key=_key(limit.value)).delete()


def prune() -> int:
    """Delete attempts older than the window (``record`` calls it now and then)."""
    since = timezone.now() - timedelta(seconds=settings.THROTTLE_WINDOW_SECONDS)
    return Attempt.objects.filter(at__lt=since).delete()[0]


def wait_message(seconds: int) -> str:
    minutes = max(1, round(seconds / 60))
    unit = "minute" if minutes == 1 else "minutes"
    return (
        f"There have been too many tries in a short time. For your account's safety, "
        f"please wait about {minutes} {unit} and try again."
    )

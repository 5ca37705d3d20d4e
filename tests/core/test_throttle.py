import datetime as dt
from typing import Any

from django.utils import timezone

from twitchlog.core import throttle
from twitchlog.core.models import Attempt
from twitchlog.core.throttle import Limit


def test_old_attempts_are_cleared_away_as_new_ones_come(db: Any, settings: Any) -> None:
    settings.THROTTLE_WINDOW_SECONDS = 900
    throttle.record([Limit("login-ip", "10.0.0.1", 20)])
    Attempt.objects.update(at=timezone.now() - dt.timedelta(hours=2))
    for n in range(throttle.PRUNE_EVERY):
        throttle.record([Limit("login-ip", f"10.0.0.{n}", 20)])
    # Only attempts inside the window are left: the table does not grow for ever.
    assert Attempt.objects.count() == throttle.PRUNE_EVERY
    assert not Attempt.objects.filter(at__lt=timezone.now() - dt.timedelta(hours=1)).exists()

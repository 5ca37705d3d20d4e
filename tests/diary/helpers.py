"""Small makers for diary rows, shared by the diary's tests and its access probes."""

import datetime as dt
from typing import Any

from twitchlog.accounts.models import User
from twitchlog.diary import services
from twitchlog.diary.models import CheckIn, CustomFactor, Episode, StressEvent

NOON = dt.datetime(2026, 11, 20, 12, 0, tzinfo=dt.UTC)
DAY = NOON.date()


def make_episode(user: User, **extra: Any) -> Episode:
    fields: dict[str, Any] = {
        "region": "eyelid",
        "side": "left",
        "sensation": "twitch",
        "occurred_at": NOON,
    }
    fields.update(extra)
    episode, _ = services.log_episode(user, **fields)
    return episode


def make_checkin(user: User, day: dt.date = DAY, **values: Any) -> CheckIn:
    checkin, _ = services.save_checkin(user, day, values)
    return checkin


def make_stress_event(user: User, **extra: Any) -> StressEvent:
    fields: dict[str, Any] = {"kind": "panic_attack", "strength": 7, "occurred_at": NOON}
    fields.update(extra)
    event, _ = services.log_stress_event(user, **fields)
    return event


def make_factor(user: User, name: str = "Screen time", kind: str = "numeric") -> CustomFactor:
    factor, _ = services.add_factor(user, name, kind, "hours")
    return factor

"""A Fitbit export from Google Takeout (or Fitbit's own account archive). Pure: no Django.

Files read: ``sleep-*.json`` (one list of sleep logs per month), ``resting_heart_rate-*.json``
and ``exercise-*.json``. Fitbit writes local times without an offset, so they are read in the
person's own time zone.

Asleep levels: light, deep, REM, and "asleep" in the older classic logs. Wake, awake and
restless never count, and the short wakes Fitbit lists apart (``shortData``) are cut out of
the asleep periods, as Fitbit's own "minutes asleep" does.
"""

import datetime as dt
import json
from collections.abc import Iterable
from typing import Any
from zoneinfo import ZoneInfo

from twitchlog.diary.devices.days import Period, Readings, Sample
from twitchlog.diary.devices.limits import Budget, ExportError

SOURCE = "Fitbit"
ASLEEP_LEVELS = frozenset({"light", "deep", "rem", "asleep"})
WAKE_LEVELS = frozenset({"wake", "awake", "restless"})


def _local(text: str, tz: ZoneInfo) -> dt.datetime:
    """Fitbit's "2024-03-10T23:12:30.000" or "03/10/24 23:12:30", read as the person's time."""
    for pattern in ("%Y-%m-%dT%H:%M:%S.%f", "%Y-%m-%dT%H:%M:%S", "%m/%d/%y %H:%M:%S"):
        try:
            naive = dt.datetime.strptime(text, pattern)
        except ValueError:
            continue
        return naive.replace(tzinfo=tz)
    raise ValueError(f"unknown time {text!r}")


def subtract(
    periods: list[Period], holes: Iterable[tuple[dt.datetime, dt.datetime]]
) -> list[Period]:
    """``periods`` with every hole cut out of them."""
    out = periods
    for hole_start, hole_end in holes:
        cut: list[Period] = []
        for p in out:
            if hole_end <= p.start or hole_start >= p.end:
                cut.append(p)
                continue
            if p.start < hole_start:
                cut.append(Period(p.start, hole_start, p.source))
            if hole_end < p.end:
                cut.append(Period(hole_end, p.end, p.source))
        out = cut
    return out


def _entries(
    levels: dict[str, Any], key: str, tz: ZoneInfo
) -> list[tuple[str, dt.datetime, dt.datetime]]:
    out = []
    for item in levels.get(key) or []:
        start = _local(item["dateTime"], tz)
        out.append(
            (str(item["level"]), start, start + dt.timedelta(seconds=float(item["seconds"])))
        )
    return out


def _sleep(log: dict[str, Any], tz: ZoneInfo) -> list[Period]:
    levels = log.get("levels") or {}
    data = _entries(levels, "data", tz)
    if not data:
        # A log without levels is one asleep span from start to end.
        return [Period(_local(log["startTime"], tz), _local(log["endTime"], tz), SOURCE)]
    asleep = [Period(s, e, SOURCE) for level, s, e in data if level in ASLEEP_LEVELS]
    wakes = [(s, e) for level, s, e in _entries(levels, "shortData", tz) if level in WAKE_LEVELS]
    return subtract(asleep, wakes)


def read_sleep(raw: bytes, tz: ZoneInfo, readings: Readings, budget: Budget) -> None:
    for log in _list(raw):
        for period in _sleep(log, tz):
            readings.sleep.append(period)
            budget.spend()


def read_resting_hr(raw: bytes, tz: ZoneInfo, readings: Readings, budget: Budget) -> None:
    for item in _list(raw):
        value = item.get("value") or {}
        bpm = value.get("value") if isinstance(value, dict) else None
        if not bpm or float(bpm) <= 0:
            continue  # Fitbit writes 0 for a day it could not estimate
        day = _local(item["dateTime"], tz).date()
        noon = dt.datetime.combine(day, dt.time(12), tzinfo=tz)
        readings.resting_hr.append(Sample(noon, float(bpm), SOURCE))
        budget.spend()


def read_exercise(raw: bytes, tz: ZoneInfo, readings: Readings, budget: Budget) -> None:
    for item in _list(raw):
        start = _local(item["startTime"], tz)
        millis = float(item.get("activeDuration") or item.get("duration") or 0)
        if millis > 0:
            readings.exercise.append(
                Period(start, start + dt.timedelta(milliseconds=millis), SOURCE)
            )
            budget.spend()


def _list(raw: bytes) -> list[dict[str, Any]]:
    data = json.loads(raw)
    if not isinstance(data, list):
        raise ValueError("not a list")
    return [item for item in data if isinstance(item, dict)]


READERS = {
    "sleep-": read_sleep,
    "resting_heart_rate-": read_resting_hr,
    "exercise-": read_exercise,
}


def reader_for(name: str) -> Any:
    base = name.rsplit("/", 1)[-1]
    if not base.endswith(".json"):
        return None
    for prefix, reader in READERS.items():
        if base.startswith(prefix):
            return reader
    return None


def read_fitbit(files: Iterable[tuple[str, bytes]], tz: ZoneInfo) -> Readings:
    """``files``: (name, contents) of every JSON file the reader wants, read one at a time."""
    readings = Readings()
    budget = Budget()
    for name, raw in files:
        reader = reader_for(name)
        try:
            reader(raw, tz, readings, budget)
        except ExportError:
            raise
        except (ValueError, KeyError, TypeError, OverflowError):
            base = name.rsplit("/", 1)[-1]
            raise ExportError(
                f"The Fitbit file {base} is damaged or not in the expected form."
            ) from None
    return readings

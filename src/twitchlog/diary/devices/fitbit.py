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
from collections.abc import Iterable, Iterator
from typing import Any
from zoneinfo import ZoneInfo

from twitchlog.diary.devices.days import Period, Readings, Sample
from twitchlog.diary.devices.limits import MAX_LOG_ENTRIES, Budget, ExportError

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


def _union(
    spans: Iterable[tuple[dt.datetime, dt.datetime]],
) -> list[tuple[dt.datetime, dt.datetime]]:
    """The spans joined where they overlap or touch: disjoint and in time order."""
    out: list[tuple[dt.datetime, dt.datetime]] = []
    for start, end in sorted(span for span in spans if span[1] > span[0]):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def subtract(
    spans: Iterable[tuple[dt.datetime, dt.datetime]],
    holes: Iterable[tuple[dt.datetime, dt.datetime]],
    source: str = SOURCE,
) -> Iterator[Period]:
    """The time inside ``spans`` and outside every hole, in time order.

    Both are sorted and joined first, then walked once side by side, so a night with thousands
    of short wakes costs thousands of steps, not millions. Joining the spans changes no day's
    hours: ``days.merge`` joins every period of the file before hours are counted.
    """
    cuts = _union(holes)
    i = 0
    for start, end in _union(spans):
        while i < len(cuts) and cuts[i][1] <= start:
            i += 1
        at = start
        while i < len(cuts) and cuts[i][0] < end:
            cut_start, cut_end = cuts[i]
            if cut_start > at:
                yield Period(at, cut_start, source)
            at = max(at, cut_end)
            if cut_end > end:
                break  # this wake runs on into the next span
            i += 1
        if at < end:
            yield Period(at, end, source)


def _entries(
    levels: dict[str, Any], key: str, tz: ZoneInfo, budget: Budget
) -> list[tuple[str, dt.datetime, dt.datetime]]:
    items = levels.get(key) or []
    if len(items) > MAX_LOG_ENTRIES:
        raise ExportError(
            f"A Fitbit sleep log lists {len(items):,} sleep stages or wakes, far more than a "
            "real night has; the file was not imported."
        )
    out = []
    for item in items:
        budget.spend()  # charged as read, whatever the entry turns out to be
        start = _local(item["dateTime"], tz)
        out.append(
            (str(item["level"]), start, start + dt.timedelta(seconds=float(item["seconds"])))
        )
    return out


def _sleep(log: dict[str, Any], tz: ZoneInfo, budget: Budget) -> Iterator[Period]:
    levels = log.get("levels") or {}
    data = _entries(levels, "data", tz, budget)
    if not data:
        # A log without levels is one asleep span from start to end.
        yield Period(_local(log["startTime"], tz), _local(log["endTime"], tz), SOURCE)
        return
    asleep = [(s, e) for level, s, e in data if level in ASLEEP_LEVELS]
    short = _entries(levels, "shortData", tz, budget)
    yield from subtract(asleep, [(s, e) for level, s, e in short if level in WAKE_LEVELS])


def read_sleep(raw: bytes, tz: ZoneInfo, readings: Readings, budget: Budget) -> None:
    for log in _list(raw):
        for period in _sleep(log, tz, budget):
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

"""From device readings to diary days. Pure: no Django.

The sleep rule (README, "Importing from a phone or watch"):
- Sleep for day D is time *asleep*: every asleep stage (core, deep, REM, light, unspecified).
  Time in bed and time awake never count.
- Every asleep period from every source in the file is merged as a union first, so two devices
  that recorded the same night are not added together.
- A merged period belongs to day D when it ends after 18:00 on D-1 and no later than 18:00 on
  D, in the person's own time zone. A night that ends at 07:00 is that morning's day; a nap that
  ends at 15:00 counts for the same day; a sleep that ends at 19:00 belongs to the next day.
- Instants carry their own offset (each record's), so a night across a clock change is as long
  as it really was; the 18:00 boundaries are local wall-clock times on each date.

Exercise minutes for day D: per source, the minutes of exercise that started on D (local), and
the largest of those sources (a phone and a watch often log the same walk). Resting heart rate
for D: the mean of the day's readings (local date of the reading), rounded to one decimal.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

DAY_ENDS = dt.time(18, 0)


@dataclass(frozen=True)
class Period:
    start: dt.datetime  # aware
    end: dt.datetime  # aware
    source: str


@dataclass(frozen=True)
class Sample:
    at: dt.datetime  # aware
    value: float
    source: str


@dataclass
class Readings:
    """What one file holds that the diary uses; filled by a parser, read by ``daily_values``."""

    sleep: list[Period] = field(default_factory=list)
    exercise: list[Period] = field(default_factory=list)
    resting_hr: list[Sample] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.sleep or self.exercise or self.resting_hr)


@dataclass(frozen=True)
class DayValue:
    value: float
    sources: tuple[str, ...]


def merge(periods: Iterable[Period]) -> list[tuple[dt.datetime, dt.datetime, set[str]]]:
    """The union of the periods: disjoint, in time order, each with every source inside it."""
    merged: list[tuple[dt.datetime, dt.datetime, set[str]]] = []
    for p in sorted(periods, key=lambda p: (p.start, p.end)):
        if p.end <= p.start:
            continue
        if merged and p.start <= merged[-1][1]:
            start, end, sources = merged[-1]
            merged[-1] = (start, max(end, p.end), sources | {p.source})
        else:
            merged.append((p.start, p.end, {p.source}))
    return merged


def sleep_day(end: dt.datetime, tz: ZoneInfo) -> dt.date:
    """The diary day of a sleep ending at ``end``: after 18:00 on D-1 and by 18:00 on D."""
    local = end.astimezone(tz)
    day = local.date()
    return day if local.time() <= DAY_ENDS else day + dt.timedelta(days=1)


def sleep_by_day(periods: Iterable[Period], tz: ZoneInfo) -> dict[dt.date, DayValue]:
    hours: dict[dt.date, float] = defaultdict(float)
    sources: dict[dt.date, set[str]] = defaultdict(set)
    for start, end, names in merge(periods):
        day = sleep_day(end, tz)
        hours[day] += (end - start).total_seconds() / 3600
        sources[day] |= names
    return {
        day: DayValue(round(h, 2), tuple(sorted(sources[day]))) for day, h in sorted(hours.items())
    }


def exercise_by_day(periods: Iterable[Period], tz: ZoneInfo) -> dict[dt.date, DayValue]:
    minutes: dict[dt.date, dict[str, list[Period]]] = defaultdict(lambda: defaultdict(list))
    for p in periods:
        if p.end > p.start:
            minutes[p.start.astimezone(tz).date()][p.source].append(p)
    out = {}
    for day, by_source in sorted(minutes.items()):
        # A source's own overlapping records (two apps' workouts within one source) are merged.
        totals = {
            source: sum((end - start).total_seconds() for start, end, _ in merge(ps)) / 60
            for source, ps in by_source.items()
        }
        best = max(totals, key=lambda s: (totals[s], s))
        out[day] = DayValue(round(totals[best]), (best,))
    return out


def mean_by_day(samples: Iterable[Sample], tz: ZoneInfo) -> dict[dt.date, DayValue]:
    values: dict[dt.date, list[float]] = defaultdict(list)
    sources: dict[dt.date, set[str]] = defaultdict(set)
    for s in samples:
        day = s.at.astimezone(tz).date()
        values[day].append(s.value)
        sources[day].add(s.source)
    return {
        day: DayValue(round(sum(v) / len(v), 1), tuple(sorted(sources[day])))
        for day, v in sorted(values.items())
    }


def daily_values(readings: Readings, tz: ZoneInfo) -> dict[str, dict[dt.date, DayValue]]:
    """Per diary column (``sleep_hours``, ``exercise_min``, ``resting_hr``), each day's value."""
    found = {
        "sleep_hours": sleep_by_day(readings.sleep, tz),
        "exercise_min": exercise_by_day(readings.exercise, tz),
        "resting_hr": mean_by_day(readings.resting_hr, tz),
    }
    return {column: days for column, days in found.items() if days}

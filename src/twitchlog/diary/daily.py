"""The daily table: one row per local date, the one definition behind the CSV export, the
insights engine and the calendar.

Which days have a row: every date with a check-in, an episode, a stress event or a value
imported from a phone or watch. A date with
none of them is absent (nothing was logged, so nothing is claimed).

How a row is filled:
- ``twitch_count``: episodes logged that day. A day with a check-in counts as logged, so no
  episodes means 0. A count imported from a file is kept on the check-in
  (``imported_twitch_count``) and the larger of it and the logged episodes is used, since the
  same twitch may be in both. A day imported with an empty count, or a day with only a stress
  event, has no count (blank) until an episode is logged.
- ``twitch_severity``: the check-in's overall rating (0-10).
- ``anxiety_episodes``: the larger of the check-in's answer (if given) and the number of
  stress events logged that day. People often log one panic both ways, so the two are not
  added. Blank when neither exists.
- Every other factor: the check-in's value; yes/no as 1/0; blank (NaN) when not logged.
- Sleep, exercise and resting heart rate imported from a phone or watch (``DeviceValue``) fill
  the day only where the check-in has no value: what the person typed wins. A day with only
  imported values has a row too, with its twitch count blank.
- Custom factors follow the standard ones, in the order they were made.
"""

import datetime as dt
import math
from typing import Any

import pandas as pd
from django.db.models import Count, QuerySet

from twitchlog.accounts.models import User
from twitchlog.diary.columns import FACTOR_COLUMNS, SOURCES
from twitchlog.diary.models import (
    CheckIn,
    CustomFactor,
    CustomValue,
    DeviceValue,
    Episode,
    StressEvent,
)

NAN = math.nan
STANDARD_NAMES = ("twitch_count", "twitch_severity", *(c.name for c in FACTOR_COLUMNS))


def _between(queryset: QuerySet[Any], start: dt.date | None, end: dt.date | None) -> Any:
    if start is not None:
        queryset = queryset.filter(local_date__gte=start)
    if end is not None:
        queryset = queryset.filter(local_date__lte=end)
    return queryset


def _per_day(queryset: QuerySet[Any]) -> dict[dt.date, int]:
    rows = queryset.values("local_date").annotate(n=Count("id")).order_by()
    return {row["local_date"]: row["n"] for row in rows}


def _number(value: Any) -> float:
    if value is None:
        return NAN
    return float(value)  # booleans become 1.0 / 0.0


def twitch_count(checkin: CheckIn | None, episodes: int) -> float:
    if checkin is None:
        return float(episodes) if episodes else NAN
    if checkin.imported_twitch_count is not None:
        return float(max(episodes, checkin.imported_twitch_count))
    if episodes == 0 and not checkin.counts_episodes:
        return NAN
    return float(episodes)


def anxiety_episodes(checkin: CheckIn | None, events: int) -> float:
    answered = checkin.anxiety_episodes if checkin is not None else None
    if answered is None:
        return float(events) if events else NAN
    return float(max(answered, events))


def daily_frame(
    user: User,
    start: dt.date | None = None,
    end: dt.date | None = None,
    *,
    sources: bool = False,
) -> pd.DataFrame:
    """The person's daily table between ``start`` and ``end`` (inclusive), oldest first.

    Columns: ``date`` (datetime64, midnight, no zone), then the CSV columns in export order;
    values are floats with NaN for "not logged". With ``sources``, and when anything in the
    span was imported from a phone or watch, a last text column ``sources`` names where each
    imported value that the day uses came from ("sleep_hours: Apple Health: Apple Watch").
    """
    episodes = _per_day(_between(Episode.objects.filter(user=user), start, end))
    events = _per_day(_between(StressEvent.objects.filter(user=user), start, end))
    checkins = {c.local_date: c for c in _between(CheckIn.objects.filter(user=user), start, end)}
    factors = list(CustomFactor.objects.filter(user=user))
    custom: dict[tuple[dt.date, int], float] = {
        (value.checkin.local_date, value.factor_id): value.value
        for value in CustomValue.objects.filter(checkin__in=list(checkins.values())).select_related(
            "checkin"
        )
    }
    imported = device_values(user, start, end)
    columns = ["date", *STANDARD_NAMES, *(f.column for f in factors)]
    rows = []
    notes: list[str] = []
    for day in sorted(set(episodes) | set(events) | set(checkins) | {d for d, _ in imported}):
        checkin = checkins.get(day)
        row: dict[str, Any] = {
            "date": day,
            "twitch_count": twitch_count(checkin, episodes.get(day, 0)),
            "twitch_severity": _number(checkin.twitch_rating if checkin else None),
        }
        used = []
        for column in FACTOR_COLUMNS:
            typed = getattr(checkin, column.field) if checkin else None
            if typed is None and (day, column.name) in imported:
                typed, source = imported[(day, column.name)]
                used.append(f"{column.name}: {source}")
            row[column.name] = _number(typed)
        notes.append("; ".join(used))
        row["anxiety_episodes"] = anxiety_episodes(checkin, events.get(day, 0))
        for factor in factors:
            row[factor.column] = custom.get((day, factor.pk), NAN)
        rows.append(row)
    frame = pd.DataFrame(rows, columns=columns)
    frame["date"] = pd.to_datetime(frame["date"])
    numeric = columns[1:]
    frame[numeric] = frame[numeric].astype("float64")
    if sources and imported:
        frame[SOURCES] = notes
    return frame


def device_values(
    user: User, start: dt.date | None = None, end: dt.date | None = None
) -> dict[tuple[dt.date, str], tuple[float, str]]:
    """(day, column) -> (value, source) of everything imported from a phone or watch."""
    rows = _between(DeviceValue.objects.filter(user=user), start, end).values_list(
        "local_date", "column", "value", "source"
    )
    return {(day, column): (value, source) for day, column, value, source in rows}

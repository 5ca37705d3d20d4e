"""The diary's files: the daily CSV (export and import) and the per-episode CSV export.

Import rules (README, "The daily diary CSV"):
- Each row's date gets a check-in (made if missing). The file's columns overwrite that day's
  values; an empty cell clears the value to "not logged"; columns not in the file are left
  alone. Episodes and stress events are never created or deleted by an import.
- ``twitch_count`` is kept on the check-in as ``imported_twitch_count``; the daily table shows
  the larger of it and the episodes logged that day. An empty ``twitch_count`` (or a file
  without the column, for days it creates) marks the count as not logged.
- Unknown columns become custom factors (yes/no when every value is 0 or 1, else numbers).
"""

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from twitchlog.accounts.models import User
from twitchlog.core import audit
from twitchlog.core.timezones import zone
from twitchlog.diary.columns import STANDARD_BY_NAME
from twitchlog.diary.csvfile import DailyTable, read_daily, write_daily, write_rows
from twitchlog.diary.daily import daily_frame
from twitchlog.diary.models import CheckIn, CustomFactor, Episode
from twitchlog.diary.services import apply_checkin_values

EPISODE_HEADER = (
    "date",
    "time",
    "time_zone",
    "occurred_at_utc",
    "region",
    "side",
    "spot",
    "sensation",
    "strength",
    "duration",
    "rhythm",
    "context",
    "timing",
    "notes",
)


@dataclass(frozen=True)
class ImportResult:
    days: int
    created: int
    new_factors: list[str]


def export_daily(user: User, start: dt.date | None = None, end: dt.date | None = None) -> str:
    audit.log(user, "diary.csv.exported", None, kind="daily")
    return write_daily(daily_frame(user, start, end))


def _episode_rows(user: User) -> Iterator[list[Any]]:
    for e in Episode.objects.filter(user=user).order_by("occurred_at", "id"):
        local = e.occurred_at.astimezone(zone(e.time_zone))
        yield [
            e.local_date.isoformat(),
            local.strftime("%H:%M"),
            e.time_zone,
            e.occurred_at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            e.region,
            e.side,
            e.spot_label,
            e.sensation,
            "" if e.strength is None else e.strength,
            e.duration,
            e.rhythm,
            e.context,
            e.timing,
            e.notes,
        ]


def export_episodes(user: User) -> str:
    audit.log(user, "diary.csv.exported", None, kind="episodes")
    return write_rows(EPISODE_HEADER, _episode_rows(user))


def _stored(name: str, value: float | None) -> Any:
    column = STANDARD_BY_NAME[name]
    if value is None:
        return None
    if column.kind == "binary":
        return value == 1
    return int(value) if column.integer else value


def _checkin_values(table: DailyTable, row: dict[str, float | None], new: bool) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name in table.standard:
        values[STANDARD_BY_NAME[name].field] = _stored(name, row.get(name))
    if "twitch_count" in table.standard:
        values["counts_episodes"] = row.get("twitch_count") is not None
    elif new:
        values["counts_episodes"] = False
    return values


def read_for(user: User, text: str) -> DailyTable:
    """Check a file against the person's own factors. Raises csvfile.CsvProblems."""
    kinds = dict(CustomFactor.objects.filter(user=user).values_list("column", "kind"))
    return read_daily(text, kinds)


@transaction.atomic
def import_daily(user: User, table: DailyTable) -> ImportResult:
    factors = {f.column: f for f in CustomFactor.objects.filter(user=user)}
    new_factors = []
    for column, kind in table.custom.items():
        if column not in factors:
            factors[column] = CustomFactor.objects.create(
                user=user, name=column, column=column, kind=kind
            )
            new_factors.append(column)
            audit.log(user, "diary.factor.created", factors[column])
    existing = {c.local_date: c for c in CheckIn.objects.filter(user=user)}
    created = 0
    for day, row in table.rows.items():
        checkin = existing.get(day)
        new = checkin is None
        if checkin is None:
            checkin = CheckIn(user=user, local_date=day)
            created += 1
        values = _checkin_values(table, row, new)
        custom = {factors[column]: row.get(column) for column in table.custom}
        apply_checkin_values(checkin, values, custom)
    audit.log(
        user,
        "diary.csv.imported",
        None,
        days=len(table.rows),
        created=created,
        new_factors=len(new_factors),
    )
    return ImportResult(len(table.rows), created, new_factors)

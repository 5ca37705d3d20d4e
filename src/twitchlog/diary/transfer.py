"""The diary's files: the daily CSV (export and import) and the per-episode CSV export.

Import rules (README, "The daily diary CSV"):
- Each row's date gets a check-in (made if missing, unless every cell of the row is empty:
  an empty check-in would claim the day was logged). The file's columns overwrite that day's
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

from django.db import connection, transaction
from django.utils import timezone

from twitchlog.accounts.models import User
from twitchlog.core import audit
from twitchlog.core.timezones import zone
from twitchlog.diary import services, versions
from twitchlog.diary.columns import STANDARD_BY_NAME
from twitchlog.diary.csvfile import DailyTable, read_daily, write_daily, write_rows
from twitchlog.diary.daily import daily_frame
from twitchlog.diary.models import CheckIn, CustomFactor, CustomValue, Episode
from twitchlog.diary.services import set_checkin_values

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
    """The daily CSV; a ``sources`` column names where imported values came from, if any."""
    audit.log(user, "diary.csv.exported", None, kind="daily")
    return write_daily(daily_frame(user, start, end, sources=True))


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
    """Check a file against the person's own factors and their today (a later day is refused,
    as the check-in refuses it). Raises csvfile.CsvProblems."""
    kinds = dict(CustomFactor.objects.filter(user=user).values_list("column", "kind"))
    return read_daily(text, kinds, services.today_for(user))


# Rows per INSERT or UPDATE statement: few statements, none of them huge.
CHUNK = 500


def import_daily(user: User, table: DailyTable) -> ImportResult:
    """Store a checked file, all or nothing, in one short transaction.

    The reader caps what a file may hold (csvfile.LIMITS), and everything is written in bulk
    statements of CHUNK rows, so even the largest file allowed holds the database's write lock
    for well under a second (bench/abuse.py measures it) rather than for one statement per cell.
    """
    with transaction.atomic():
        factors, new_factors = _factors_for(user, table)
        days = sorted(table.rows)
        existing = {}
        if days:
            existing = {
                c.local_date: c
                for c in CheckIn.objects.filter(
                    user=user, local_date__gte=days[0], local_date__lte=days[-1]
                )
            }
        now = timezone.now()
        new_checkins: list[CheckIn] = []
        changed_checkins: list[CheckIn] = []
        fields: set[str] = set()
        for day in days:
            checkin = existing.get(day)
            values = _checkin_values(table, table.rows[day], checkin is None)
            if checkin is None and not _has_answers(table, factors, values, table.rows[day]):
                continue  # an empty row is no check-in: it would claim the day was logged
            if checkin is None:
                checkin = CheckIn(user=user, local_date=day)
                set_checkin_values(checkin, values)
                new_checkins.append(checkin)
            elif changed := set_checkin_values(checkin, values):
                checkin.updated_at = now
                changed_checkins.append(checkin)
                fields.update(changed)
        CheckIn.objects.bulk_create(new_checkins, batch_size=CHUNK)
        if changed_checkins:
            CheckIn.objects.bulk_update(
                changed_checkins, [*sorted(fields), "updated_at"], batch_size=CHUNK
            )
        if factors and days:
            checkins = {**existing, **{c.local_date: c for c in new_checkins}}
            _store_custom_values(table, factors, checkins)
        stored = sum(1 for day in days if day in existing) + len(new_checkins)
        versions.bump(user.pk)  # bulk writes send no signals
        audit.log(
            user,
            "diary.csv.imported",
            None,
            days=stored,
            created=len(new_checkins),
            new_factors=len(new_factors),
        )
    return ImportResult(stored, len(new_checkins), new_factors)


def _has_answers(
    table: DailyTable,
    factors: dict[str, CustomFactor],
    values: dict[str, Any],
    row: dict[str, float | None],
) -> bool:
    custom = {factors[column]: row.get(column) for column in table.custom}
    return services.has_answers(values, custom)


def _factors_for(user: User, table: DailyTable) -> tuple[dict[str, CustomFactor], list[str]]:
    """The file's custom columns as the person's factors, making the missing ones."""
    factors = {
        f.column: f for f in CustomFactor.objects.filter(user=user, column__in=list(table.custom))
    }
    made = [
        CustomFactor(user=user, name=column, column=column, kind=kind)
        for column, kind in table.custom.items()
        if column not in factors
    ]
    # A request racing this one may add one of these columns meanwhile: the insert skips it
    # and the factor is read back, so both share one factor instead of one failing.
    CustomFactor.objects.bulk_create(made, ignore_conflicts=True)
    columns = [factor.column for factor in made]
    for factor in CustomFactor.objects.filter(user=user, column__in=columns):
        factors[factor.column] = factor
        audit.log(user, "diary.factor.created", factor)
    return factors, columns


def _store_custom_values(
    table: DailyTable, factors: dict[str, CustomFactor], checkins: dict[dt.date, CheckIn]
) -> None:
    """Set each day's custom values: an empty cell deletes the value, a number sets it.

    A file may hold 200,000 of them, and making a model object for each costs far more than
    the database does, so rows go through the cursor's executemany as plain tuples.
    """
    days = sorted(checkins)
    stored = {
        (checkin_id, factor_id): (pk, value)
        for pk, checkin_id, factor_id, value in CustomValue.objects.filter(
            factor__in=list(factors.values()),
            checkin__local_date__gte=days[0],
            checkin__local_date__lte=days[-1],
        ).values_list("pk", "checkin_id", "factor_id", "value")
    }
    made: list[tuple[int, int, float]] = []
    changed: list[tuple[float, int]] = []
    gone: list[int] = []
    for day, row in table.rows.items():
        checkin = checkins.get(day)
        if checkin is None:
            continue  # an empty row for a new day: nothing stored
        for column, factor in factors.items():
            value = row.get(column)
            current = stored.get((checkin.pk, factor.pk))
            if value is None:
                if current is not None:
                    gone.append(current[0])
            elif current is None:
                made.append((checkin.pk, factor.pk, value))
            elif current[1] != value:
                changed.append((value, current[0]))
    insert, update = _value_statements()
    with connection.cursor() as cursor:
        for start in range(0, len(made), CHUNK):
            cursor.executemany(insert, made[start : start + CHUNK])
        for start in range(0, len(changed), CHUNK):
            cursor.executemany(update, changed[start : start + CHUNK])
    for start in range(0, len(gone), CHUNK):
        CustomValue.objects.filter(pk__in=gone[start : start + CHUNK]).delete()


def _value_statements() -> tuple[str, str]:
    """INSERT and UPDATE for custom values. Only names from the model go into the text;
    every value is a parameter."""
    quote = connection.ops.quote_name
    table = quote(CustomValue._meta.db_table)
    checkin, factor = quote("checkin_id"), quote("factor_id")
    value, pk = quote("value"), quote("id")
    insert = f"INSERT INTO {table} ({checkin}, {factor}, {value}) VALUES (%s, %s, %s)"  # noqa: S608
    update = f"UPDATE {table} SET {value} = %s WHERE {pk} = %s"  # noqa: S608
    return insert, update

"""Health Connect's export: a zip holding its SQLite database. Pure: no Django.

Tables read (Android's own names): ``sleep_session_record_table`` with its
``sleep_stages_table``, ``exercise_session_record_table``, ``resting_heart_rate_record_table``
and ``application_info_table`` for the name of the app that wrote each record. Instants are
milliseconds since the epoch with the zone offset (seconds) each record was made in.

Asleep stages: sleeping (2), light (4), deep (5), REM (6). Awake (1), out of bed (3) and awake
in bed (7) never count. A session with no stages at all is counted whole, as unspecified sleep.

The database is opened read-only and immutable, and a progress handler stops any query that
runs too long, so a hostile file cannot hold a core.
"""

import datetime as dt
import sqlite3
from collections import defaultdict
from pathlib import Path
from typing import Any

from twitchlog.diary.devices.days import Period, Readings, Sample
from twitchlog.diary.devices.limits import Budget, ExportError

ASLEEP_STAGES = frozenset({2, 4, 5, 6})
# The progress handler runs every N virtual-machine steps; this many calls is a few seconds.
STEP = 10_000
MAX_STEPS = 20_000


def instant(millis: int, offset_seconds: int | None) -> dt.datetime:
    zone = dt.timezone(dt.timedelta(seconds=offset_seconds or 0))
    return dt.datetime.fromtimestamp(millis / 1000, tz=zone)


def _tables(db: sqlite3.Connection) -> set[str]:
    return {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}


def _apps(db: sqlite3.Connection, tables: set[str]) -> dict[int, str]:
    if "application_info_table" not in tables:
        return {}
    columns = {row[1] for row in db.execute("PRAGMA table_info(application_info_table)")}
    name = "application_name" if "application_name" in columns else "package_name"
    return {
        row[0]: str(row[1] or "")
        for row in db.execute(f"SELECT row_id, {name} FROM application_info_table")  # noqa: S608
    }


def _source(apps: dict[int, str], app_id: Any) -> str:
    return f"Health Connect: {apps[app_id]}" if apps.get(app_id) else "Health Connect"


def _read(db: sqlite3.Connection) -> Readings:
    tables = _tables(db)
    if "sleep_session_record_table" not in tables and "resting_heart_rate_record_table" not in (
        tables
    ):
        raise ExportError("This database is not a Health Connect export.")
    apps = _apps(db, tables)
    readings = Readings()
    budget = Budget()
    if "sleep_session_record_table" in tables:
        stages: dict[int, list[tuple[int, int, int]]] = defaultdict(list)
        if "sleep_stages_table" in tables:
            for parent, start, end, kind in db.execute(
                "SELECT parent_key, stage_start_time, stage_end_time, stage_type "
                "FROM sleep_stages_table"
            ):
                stages[parent].append((start, end, kind))
                budget.spend()
        for row_id, start, start_offset, end, end_offset, app in db.execute(
            "SELECT row_id, start_time, start_zone_offset, end_time, end_zone_offset, app_info_id "
            "FROM sleep_session_record_table"
        ):
            source = _source(apps, app)
            parts = stages.get(row_id)
            if not parts:
                parts = [(start, end, 2)]
            for s, e, kind in parts:
                if kind in ASLEEP_STAGES:
                    # A stage has no offset of its own; it shares its session's.
                    readings.sleep.append(
                        Period(instant(s, start_offset), instant(e, end_offset), source)
                    )
                    budget.spend()
    if "exercise_session_record_table" in tables:
        for start, start_offset, end, end_offset, app in db.execute(
            "SELECT start_time, start_zone_offset, end_time, end_zone_offset, app_info_id "
            "FROM exercise_session_record_table"
        ):
            readings.exercise.append(
                Period(instant(start, start_offset), instant(end, end_offset), _source(apps, app))
            )
            budget.spend()
    if "resting_heart_rate_record_table" in tables:
        for time, offset, bpm, app in db.execute(
            "SELECT time, zone_offset, beats_per_minute, app_info_id "
            "FROM resting_heart_rate_record_table"
        ):
            if bpm:
                readings.resting_hr.append(
                    Sample(instant(time, offset), float(bpm), _source(apps, app))
                )
                budget.spend()
    return readings


def read_health_connect(path: Path) -> Readings:
    steps = 0

    def give_up() -> int:
        nonlocal steps
        steps += 1
        return 1 if steps > MAX_STEPS else 0

    try:
        db = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)
    except sqlite3.Error:
        raise ExportError("The Health Connect database inside the zip cannot be opened.") from None
    try:
        db.set_progress_handler(give_up, STEP)
        return _read(db)
    except sqlite3.OperationalError as error:
        if "interrupted" in str(error):
            raise ExportError("The Health Connect database took too long to read.") from None
        raise ExportError(
            "The Health Connect database is damaged or not in the expected form."
        ) from None
    except (sqlite3.DatabaseError, TypeError, ValueError, OverflowError, OSError):
        raise ExportError(
            "The Health Connect database is damaged or not in the expected form."
        ) from None
    finally:
        db.close()

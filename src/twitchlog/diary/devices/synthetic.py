"""Small synthetic exports in each platform's real structure, for tests, benches and demos.

Nothing here comes from a real person: every record is written from the arguments. Pure: no
Django.
"""

import datetime as dt
import io
import json
import sqlite3
import tempfile
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

APPLE_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE HealthData [
<!ELEMENT HealthData (ExportDate,Me,(Record|Correlation|Workout|ActivitySummary)*)>
<!ATTLIST HealthData locale CDATA #REQUIRED>
<!ELEMENT ExportDate EMPTY>
<!ATTLIST ExportDate value CDATA #REQUIRED>
<!ELEMENT Me EMPTY>
<!ELEMENT Record (MetadataEntry*)>
<!ATTLIST Record type CDATA #REQUIRED sourceName CDATA #REQUIRED value CDATA #IMPLIED
  startDate CDATA #REQUIRED endDate CDATA #REQUIRED>
]>
<HealthData locale="en_GB">
 <ExportDate value="2026-11-01 09:00:00 +0000"/>
 <Me HKCharacteristicTypeIdentifierBiologicalSex="HKBiologicalSexNotSet"/>
"""
APPLE_TAIL = "</HealthData>\n"


@dataclass(frozen=True)
class Record:
    """One Apple Health record: its type, value, source and local times with offsets."""

    type: str
    value: str
    start: dt.datetime  # aware
    end: dt.datetime  # aware
    source: str = "Apple Watch"
    unit: str = ""


def apple_time(moment: dt.datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S %z")


def asleep(
    start: dt.datetime, end: dt.datetime, source: str = "Apple Watch", stage: str = "Core"
) -> Record:
    return Record(
        "HKCategoryTypeIdentifierSleepAnalysis",
        f"HKCategoryValueSleepAnalysisAsleep{stage}",
        start,
        end,
        source,
    )


def apple_record(r: Record) -> str:
    unit = f' unit="{r.unit}"' if r.unit else ""
    return (
        f' <Record type="{r.type}" sourceName="{r.source}" sourceVersion="10.0"{unit} '
        f'creationDate="{apple_time(r.end)}" startDate="{apple_time(r.start)}" '
        f'endDate="{apple_time(r.end)}" value="{r.value}">\n'
        '  <MetadataEntry key="HKTimeZone" value="Europe/London"/>\n'
        " </Record>\n"
    )


def apple_xml(records: Iterable[Record]) -> bytes:
    return (APPLE_HEAD + "".join(apple_record(r) for r in records) + APPLE_TAIL).encode()


def apple_zip(records: Iterable[Record], xml: bytes | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "apple_health_export/export.xml", xml if xml is not None else apple_xml(records)
        )
        archive.writestr("apple_health_export/export_cda.xml", "<ClinicalDocument/>")
    return out.getvalue()


def filler_records(start: dt.datetime, count: int) -> Iterator[str]:
    """Heart-rate samples, the bulk of a real export, which the importer skips."""
    for i in range(count):
        moment = start + dt.timedelta(minutes=5 * i)
        yield (
            ' <Record type="HKQuantityTypeIdentifierHeartRate" sourceName="Apple Watch" '
            f'unit="count/min" creationDate="{apple_time(moment)}" '
            f'startDate="{apple_time(moment)}" endDate="{apple_time(moment)}" '
            f'value="{60 + i % 30}"/>\n'
        )


# Health Connect -------------------------------------------------------------------------

HEALTH_CONNECT_SCHEMA = """
CREATE TABLE application_info_table (row_id INTEGER PRIMARY KEY AUTOINCREMENT,
  package_name TEXT NOT NULL UNIQUE, application_name TEXT, app_icon BLOB, color INTEGER);
CREATE TABLE sleep_session_record_table (row_id INTEGER PRIMARY KEY AUTOINCREMENT,
  uuid BLOB NOT NULL UNIQUE, last_modified_time INTEGER, client_record_id TEXT,
  client_record_version TEXT, device_info_id INTEGER, app_info_id INTEGER,
  recording_method INTEGER, dedupe_hash BLOB UNIQUE, start_time INTEGER,
  start_zone_offset INTEGER, end_time INTEGER, end_zone_offset INTEGER, local_date INTEGER,
  notes TEXT, title TEXT);
CREATE TABLE sleep_stages_table (parent_key INTEGER NOT NULL, stage_start_time INTEGER NOT NULL,
  stage_end_time INTEGER NOT NULL, stage_type INTEGER NOT NULL);
CREATE TABLE exercise_session_record_table (row_id INTEGER PRIMARY KEY AUTOINCREMENT,
  uuid BLOB NOT NULL UNIQUE, app_info_id INTEGER, start_time INTEGER, start_zone_offset INTEGER,
  end_time INTEGER, end_zone_offset INTEGER, local_date INTEGER, exercise_type INTEGER);
CREATE TABLE resting_heart_rate_record_table (row_id INTEGER PRIMARY KEY AUTOINCREMENT,
  uuid BLOB NOT NULL UNIQUE, app_info_id INTEGER, time INTEGER, zone_offset INTEGER,
  local_date INTEGER, beats_per_minute INTEGER);
"""


@dataclass(frozen=True)
class Session:
    start: dt.datetime
    end: dt.datetime
    stages: tuple[tuple[dt.datetime, dt.datetime, int], ...] = ()
    app: str = "Sleep as Android"


def _millis(moment: dt.datetime) -> int:
    return round(moment.timestamp() * 1000)


def _offset(moment: dt.datetime) -> int:
    delta = moment.utcoffset()
    return int(delta.total_seconds()) if delta is not None else 0


def health_connect_zip(
    sessions: Iterable[Session] = (),
    resting: Iterable[tuple[dt.datetime, int, str]] = (),
    exercise: Iterable[tuple[dt.datetime, dt.datetime, str]] = (),
) -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "health_connect_export.db"
        db = sqlite3.connect(path)
        db.executescript(HEALTH_CONNECT_SCHEMA)
        apps: dict[str, int] = {}

        def app_id(name: str) -> int:
            if name not in apps:
                cur = db.execute(
                    "INSERT INTO application_info_table (package_name, application_name) "
                    "VALUES (?, ?)",
                    (f"com.example.{len(apps)}", name),
                )
                apps[name] = int(cur.lastrowid or 0)
            return apps[name]

        for n, s in enumerate(sessions):
            cur = db.execute(
                "INSERT INTO sleep_session_record_table (uuid, app_info_id, start_time, "
                "start_zone_offset, end_time, end_zone_offset) VALUES (?, ?, ?, ?, ?, ?)",
                (
                    n.to_bytes(16, "big"),
                    app_id(s.app),
                    _millis(s.start),
                    _offset(s.start),
                    _millis(s.end),
                    _offset(s.end),
                ),
            )
            for start, end, kind in s.stages:
                db.execute(
                    "INSERT INTO sleep_stages_table VALUES (?, ?, ?, ?)",
                    (cur.lastrowid, _millis(start), _millis(end), kind),
                )
        for n, (moment, bpm, app) in enumerate(resting):
            db.execute(
                "INSERT INTO resting_heart_rate_record_table "
                "(uuid, app_info_id, time, zone_offset, beats_per_minute) VALUES (?, ?, ?, ?, ?)",
                (n.to_bytes(16, "big"), app_id(app), _millis(moment), _offset(moment), bpm),
            )
        for n, (start, end, app) in enumerate(exercise):
            db.execute(
                "INSERT INTO exercise_session_record_table (uuid, app_info_id, start_time, "
                "start_zone_offset, end_time, end_zone_offset, exercise_type) "
                "VALUES (?, ?, ?, ?, ?, ?, 56)",
                (
                    n.to_bytes(16, "big"),
                    app_id(app),
                    _millis(start),
                    _offset(start),
                    _millis(end),
                    _offset(end),
                ),
            )
        db.commit()
        db.close()
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.write(path, "health_connect_export.db")
        return out.getvalue()


# Fitbit -------------------------------------------------------------------------------

FITBIT_FOLDER = "Takeout/Fitbit/Global Export Data/"


def fitbit_time(moment: dt.datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.000")


def fitbit_sleep_log(
    start: dt.datetime,
    levels: Iterable[tuple[str, int]],
    short_wakes: Iterable[tuple[dt.datetime, int]] = (),
) -> dict[str, object]:
    """A stages log: ``levels`` are (level, seconds) back to back from ``start`` (naive, local)."""
    data = []
    moment = start
    for level, seconds in levels:
        data.append({"dateTime": fitbit_time(moment), "level": level, "seconds": seconds})
        moment += dt.timedelta(seconds=seconds)
    return {
        "logId": int(start.timestamp()),
        "dateOfSleep": moment.date().isoformat(),
        "startTime": fitbit_time(start),
        "endTime": fitbit_time(moment),
        "type": "stages",
        "mainSleep": True,
        "levels": {
            "data": data,
            "shortData": [
                {"dateTime": fitbit_time(s), "level": "wake", "seconds": n} for s, n in short_wakes
            ],
        },
    }


def fitbit_zip(
    sleep_logs: Iterable[dict[str, object]] = (),
    resting: Iterable[tuple[dt.date, float]] = (),
    extra: dict[str, bytes] | None = None,
) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(FITBIT_FOLDER + "sleep-2026-03-01.json", json.dumps(list(sleep_logs)))
        rows = [
            {
                "dateTime": day.strftime("%m/%d/%y 00:00:00"),
                "value": {"date": day.strftime("%m/%d/%y"), "value": bpm, "error": 5.0},
            }
            for day, bpm in resting
        ]
        archive.writestr(FITBIT_FOLDER + "resting_heart_rate-2026-03-01.json", json.dumps(rows))
        archive.writestr("Takeout/archive_browser.html", "<html></html>")
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return out.getvalue()

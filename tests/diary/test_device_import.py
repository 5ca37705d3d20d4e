"""Importing phone and watch exports into a diary: every path, typed values first, re-import."""

import csv
import datetime as dt
import io
import uuid
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import OperationalError
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from tests.diary.helpers import make_checkin
from tests.diary.test_api import api_client
from twitchlog.accounts.models import User
from twitchlog.diary import device_import
from twitchlog.diary.columns import STANDARD_BY_NAME
from twitchlog.diary.daily import daily_frame
from twitchlog.diary.devices import synthetic as s
from twitchlog.diary.models import CheckIn, DeviceImport, DeviceValue
from twitchlog.diary.transfer import export_daily, import_daily, read_for

GMT = dt.UTC


def at(day: str, time: str) -> dt.datetime:
    return dt.datetime.fromisoformat(f"{day}T{time}").replace(tzinfo=GMT)


def week_of_nights() -> bytes:
    records = [
        s.asleep(at(f"2026-01-{d:02d}", "23:00"), at(f"2026-01-{d + 1:02d}", "06:30"))
        for d in range(1, 8)
    ]
    records.append(
        s.Record(
            "HKQuantityTypeIdentifierRestingHeartRate",
            "57",
            at("2026-01-03", "09:00"),
            at("2026-01-03", "09:00"),
            unit="count/min",
        )
    )
    return s.apple_zip(records)


def run(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


@pytest.fixture
def export_zip(tmp_path: Path) -> Path:
    path = tmp_path / "export.zip"
    path.write_bytes(week_of_nights())
    return path


def sleep_of(user: User) -> dict[dt.date, float]:
    frame = daily_frame(user)
    return {d.date(): v for d, v in zip(frame["date"], frame["sleep_hours"], strict=True) if v == v}


def test_the_command_imports_sleep_and_says_what_changed(alice: User, export_zip: Path) -> None:
    alice.time_zone = "Europe/London"
    alice.save()
    out = run("diary", "import", "--user", alice.email, str(export_zip))
    assert "Imported from Apple Health" in out
    assert "Sleep on 7 days" in out
    assert "Resting heart rate on 1 day" in out
    assert sleep_of(alice) == {dt.date(2026, 1, d): 7.5 for d in range(2, 9)}
    frame = daily_frame(alice).set_index("date")
    assert frame.loc["2026-01-03", "resting_hr"] == 57
    assert DeviceValue.objects.get(column="sleep_hours", local_date="2026-01-02").source == (
        "Apple Health: Apple Watch"
    )


def test_importing_the_same_file_again_changes_nothing(alice: User, export_zip: Path) -> None:
    run("diary", "import", "--user", alice.email, str(export_zip))
    before = list(DeviceValue.objects.values_list("local_date", "column", "value", "updated_at"))
    out = run("diary", "import", "--user", alice.email, str(export_zip))
    assert "Nothing changed" in out
    after = list(DeviceValue.objects.values_list("local_date", "column", "value", "updated_at"))
    assert after == before


def test_a_value_the_person_typed_wins(alice: User, export_zip: Path) -> None:
    make_checkin(alice, dt.date(2026, 1, 4), sleep_hours=5)
    out = run("diary", "import", "--user", alice.email, str(export_zip))
    assert "Sleep on 7 days (1 kept as you typed it)" in out
    assert sleep_of(alice)[dt.date(2026, 1, 4)] == 5
    assert CheckIn.objects.get(local_date="2026-01-04").sleep_hours == 5
    assert sleep_of(alice)[dt.date(2026, 1, 5)] == 7.5


def test_a_hostile_file_is_refused_and_changes_nothing(alice: User, tmp_path: Path) -> None:
    bomb = tmp_path / "export.xml"
    bomb.write_bytes(
        b'<?xml version="1.0"?><!DOCTYPE HealthData [<!ENTITY a "aaaa">]>'
        b"<HealthData>&a;</HealthData>"
    )
    with pytest.raises(CommandError, match="Nothing was imported"):
        run("diary", "import", "--user", alice.email, str(bomb))
    assert not DeviceValue.objects.exists()


def test_the_csv_export_names_the_sources_and_imports_again(alice: User, export_zip: Path) -> None:
    run("diary", "import", "--user", alice.email, str(export_zip))
    make_checkin(alice, dt.date(2026, 1, 4), sleep_hours=5, notes="typed")
    text = export_daily(alice)
    header, *rows = text.splitlines()
    assert header.endswith(",sources")
    by_day = {row.split(",")[0]: row for row in rows}
    assert by_day["2026-01-02"].endswith("sleep_hours: Apple Health: Apple Watch")
    # The typed night is the person's own, so it names no source.
    assert by_day["2026-01-04"].endswith(",")
    result = import_daily(alice, read_for(alice, text))
    assert result.new_factors == []


def test_a_source_name_cannot_run_as_a_spreadsheet_formula(alice: User, tmp_path: Path) -> None:
    night = s.asleep(at("2026-01-01", "23:00"), at("2026-01-02", "06:00"), "=HYPERLINK(1)")
    path = tmp_path / "export.zip"
    path.write_bytes(s.apple_zip([night]))
    run("diary", "import", "--user", alice.email, str(path))
    assert DeviceValue.objects.get().source == "Apple Health: =HYPERLINK(1)"
    cells = [cell for row in csv.reader(io.StringIO(export_daily(alice))) for cell in row]
    assert "sleep_hours: Apple Health: =HYPERLINK(1)" in cells
    assert not [cell for cell in cells if cell.startswith(("=", "+", "@"))]


def test_the_web_page_reads_the_file_off_the_request(
    alice_client: Any, alice: User, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.TWITCHLOG_IMPORTS_INLINE = True
    upload = io.BytesIO(week_of_nights())
    upload.name = "export.zip"
    with django_capture_on_commit_callbacks(execute=True):
        response = alice_client.post(reverse("diary:import"), {"file": upload})
    job = DeviceImport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("diary:device_import", kwargs={"pk": job.pk})
    page = alice_client.get(response["Location"]).content.decode()
    assert "Sleep on 7 days" in page
    assert "Resting heart rate on 1 day" in page
    assert len(sleep_of(alice)) == 7
    # The uploaded file is gone once read.
    assert not list((Path(settings.DATA_DIR) / "imports").glob("*.upload"))


def test_the_web_page_explains_an_unknown_zip(alice_client: Any) -> None:
    upload = io.BytesIO(b"PK\x03\x04 not really a zip")
    upload.name = "photos.zip"
    response = alice_client.post(reverse("diary:import"), {"file": upload})
    assert response.status_code == 200
    assert "damaged or cut short" in response.content.decode()
    assert not DeviceImport.objects.exists()


def test_a_job_cut_off_by_a_restart_says_so(alice_client: Any, alice: User) -> None:
    job = DeviceImport.objects.create(user=alice, token="7c2d8c4e-8f7c-4d9a-9d55-2f3f8f7d6a10",
                                      kind="apple", status=DeviceImport.RUNNING)  # fmt: skip
    DeviceImport.objects.filter(pk=job.pk).update(
        updated_at=dt.datetime.now(dt.UTC) - dt.timedelta(hours=1)
    )
    page = alice_client.get(reverse("diary:device_import", kwargs={"pk": job.pk}))
    assert "cut off before it finished" in page.content.decode()


def test_the_api_queues_an_export_and_reports_it(
    alice: User, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.TWITCHLOG_IMPORTS_INLINE = True
    client = api_client(alice)
    night = s.Session(at("2026-01-01", "23:00"), at("2026-01-02", "07:00"))
    upload = io.BytesIO(s.health_connect_zip([night]))
    upload.name = "hc.zip"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/api/diary/imports", {"file": upload})
    assert response.status_code == 202
    job = client.get(f"/api/diary/imports/{response.json()['id']}").json()
    assert job["status"] == "done"
    assert job["summary"]["columns"]["sleep_hours"]["days"] == 1
    assert sleep_of(alice) == {dt.date(2026, 1, 2): 8.0}


def test_the_api_imports_a_csv_at_once(alice: User) -> None:
    upload = io.BytesIO(b"date,sleep_hours\n2026-01-05,6.5\n")
    upload.name = "diary.csv"
    response = api_client(alice).post("/api/diary/imports", {"file": upload})
    assert response.status_code == 200
    assert response.json()["days"] == 1
    assert sleep_of(alice) == {dt.date(2026, 1, 5): 6.5}


def test_the_fhir_bundle_marks_imported_values_with_their_source(
    alice: User, export_zip: Path
) -> None:
    from twitchlog.reports.bundle import bundle

    run("diary", "import", "--user", alice.email, str(export_zip))
    found = bundle(alice).model_dump(mode="json", exclude_none=True)
    imported = [e["resource"] for e in found["entry"] if e["resource"]["id"].startswith("device-")]
    assert len(imported) == 8  # seven nights and one resting heart rate
    night = next(r for r in imported if r["effectiveDateTime"] == "2026-01-02")
    assert night["meta"]["source"] == "urn:twitchlog:imported-from:apple-health"
    assert night["device"]["display"] == "Apple Health: Apple Watch"
    assert night["valueQuantity"]["value"] == 7.5
    assert night["code"]["coding"][0]["code"] == "93832-4"


def test_the_day_page_names_the_source_and_says_which_value_is_used(
    alice: User, alice_client: Any, export_zip: Path
) -> None:
    make_checkin(alice, dt.date(2026, 1, 4), sleep_hours=5)
    run("diary", "import", "--user", alice.email, str(export_zip))
    typed = alice_client.get(reverse("diary:day", kwargs={"day": dt.date(2026, 1, 4)}))
    assert "7 h 30 min, from Apple Health: Apple Watch. You typed 5 h" in typed.content.decode()
    plain = alice_client.get(reverse("diary:day", kwargs={"day": dt.date(2026, 1, 3)}))
    page = plain.content.decode()
    assert "Sleep</strong> <span>7 h 30 min, from Apple Health: Apple Watch.</span>" in page
    assert "Resting heart rate</strong> <span>57 beats a minute" in page


# One import at a time per person; progress and results survive a busy database. ------------


def running_job(user: User, age: dt.timedelta = dt.timedelta(0)) -> DeviceImport:
    job = DeviceImport.objects.create(
        user=user, token=uuid.uuid4(), kind="apple", status=DeviceImport.RUNNING
    )
    DeviceImport.objects.filter(pk=job.pk).update(updated_at=timezone.now() - age)
    return job


def export_upload() -> io.BytesIO:
    upload = io.BytesIO(week_of_nights())
    upload.name = "export.zip"
    return upload


BUSY = "An import is already running; it will finish in a few minutes — check back then."


def test_a_second_upload_on_the_page_waits_for_the_first(
    alice_client: Any, alice: User, settings: Any
) -> None:
    # Before, every upload started its own reading thread, however many were running.
    running_job(alice)
    response = alice_client.post(reverse("diary:import"), {"file": export_upload()})
    assert response.status_code == 200
    assert BUSY in response.content.decode()
    assert DeviceImport.objects.count() == 1
    assert not list((Path(settings.DATA_DIR) / "imports").glob("*.upload"))


def test_a_second_upload_through_the_api_is_a_conflict(alice: User) -> None:
    running_job(alice)
    DeviceImport.objects.update(status=DeviceImport.QUEUED)
    response = api_client(alice).post("/api/diary/imports", {"file": export_upload()})
    assert response.status_code == 409
    assert response.json()["detail"] == BUSY
    assert DeviceImport.objects.count() == 1


def test_a_job_cut_off_by_a_restart_or_someone_elses_job_does_not_block(
    alice: User, charlie: User, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.TWITCHLOG_IMPORTS_INLINE = True
    running_job(alice, age=device_import.STALE_AFTER + dt.timedelta(minutes=1))
    running_job(charlie)
    with django_capture_on_commit_callbacks(execute=True):
        response = api_client(alice).post("/api/diary/imports", {"file": export_upload()})
    assert response.status_code == 202
    assert len(sleep_of(alice)) == 7


def test_a_progress_write_on_a_locked_database_is_skipped(
    alice: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Before, the lock's OperationalError failed the whole import ("Something went wrong")
    # and the uploaded file was deleted unread.
    job = device_import.queue_upload(alice, SimpleUploadedFile("export.zip", week_of_nights()))
    real_update = QuerySet.update
    refused = []

    def locked(self: QuerySet, **fields: Any) -> int:
        if "progress" in fields and "status" not in fields:
            refused.append(fields["progress"])
            raise OperationalError("database is locked")
        return real_update(self, **fields)

    monkeypatch.setattr(QuerySet, "update", locked)
    device_import.run_job(job.pk)
    job.refresh_from_db()
    assert refused  # the progress write was tried, and refused
    assert (job.status, job.error) == (DeviceImport.DONE, "")
    assert len(sleep_of(alice)) == 7


def test_the_result_is_saved_once_the_lock_is_gone(
    alice: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    job = device_import.queue_upload(alice, SimpleUploadedFile("export.zip", week_of_nights()))
    real_save = DeviceImport.save
    attempts = []

    def locked_twice(self: DeviceImport, *args: Any, **kwargs: Any) -> None:
        attempts.append(self.status)
        if len(attempts) <= 2:
            raise OperationalError("database is locked")
        real_save(self, *args, **kwargs)

    monkeypatch.setattr(device_import, "SAVE_PAUSE_SECONDS", 0)
    monkeypatch.setattr(DeviceImport, "save", locked_twice)
    device_import.run_job(job.pk)
    job.refresh_from_db()
    assert attempts == [DeviceImport.DONE] * 3
    assert job.status == DeviceImport.DONE
    assert job.summary["columns"]["sleep_hours"]["days"] == 7


@pytest.mark.parametrize("cap", [1 << 30, 700], ids=["under the cap", "over the cap"])
def test_an_export_over_the_upload_limit_gets_one_message_a_person_can_act_on(
    alice_client: Any, settings: Any, cap: int
) -> None:
    # Before, a 300 MB+ zip was refused twice on the page, as a CSV over 5 MB and as an export
    # to import "with the twitchlog command instead", which a phone user cannot do. With the
    # upload capped below its size (nothing past the cap is kept), its first bytes still say
    # it is an export.
    settings.DEVICE_UPLOAD_MAX_BYTES = 500
    settings.UPLOAD_CAPS = {"diary:import": cap, "api:diary_imports": cap}
    body = week_of_nights()
    assert len(body) > 700
    upload = io.BytesIO(body)
    upload.name = "export.zip"
    waiting = Path(settings.DATA_DIR) / "imports"
    before = set(waiting.glob("*.upload"))
    response = alice_client.post(reverse("diary:import"), {"file": upload})
    page = response.content.decode()
    assert response.status_code == 200
    message = "That phone or watch export is larger than 500 bytes"
    assert page.count(message) == 2  # the summary at the top and the field
    assert "export a shorter stretch" in page and "whoever runs this Twitchlog site" in page
    assert "If you run Twitchlog yourself" in page
    assert "the most a diary CSV can be" not in page
    assert not DeviceImport.objects.exists()
    assert set(waiting.glob("*.upload")) == before


def test_the_api_refuses_an_export_over_the_limit_in_the_same_words(
    alice: User, settings: Any
) -> None:
    settings.DEVICE_UPLOAD_MAX_BYTES = 500
    upload = io.BytesIO(week_of_nights())
    upload.name = "export.zip"
    response = api_client(alice).post("/api/diary/imports", {"file": upload})
    assert response.status_code == 422
    assert "That phone or watch export is larger than 500 bytes" in response.json()["detail"]
    assert not DeviceImport.objects.exists()


# A device value keeps the same range as a value typed or imported any other way. -----------


def night_ending(day: str, hours: float) -> s.Record:
    end = at(day, "07:00")
    return s.asleep(end - dt.timedelta(hours=hours), end)


def export_file(tmp_path: Path, records: list[s.Record], name: str = "export.zip") -> Path:
    path = tmp_path / name
    path.write_bytes(s.apple_zip(records))
    return path


SLEEP_CEILING = STANDARD_BY_NAME["sleep_hours"].high


def test_a_night_past_the_sleep_ceiling_is_left_out_and_the_rest_imported(
    alice: User, tmp_path: Path
) -> None:
    # Before, a broken export's 30-hour night was stored like any other, though the check-in
    # page, the API, the command and the CSV import all refuse more than 24 hours of sleep.
    assert SLEEP_CEILING is not None
    nights = [night_ending(f"2026-01-0{d}", 7.5) for d in (2, 3, 4)]
    broken = night_ending("2026-01-10", SLEEP_CEILING + 6)
    out = run(
        "diary", "import", "--user", alice.email, str(export_file(tmp_path, [*nights, broken]))
    )
    assert "- Sleep on 3 days.\n" in out
    assert (
        "- Sleep on 1 day left out: the file's value was not between 0 and 24 hours, the range "
        "the diary takes, so the export is most likely wrong there; that day keeps what your "
        "diary already had.\n"
    ) in out
    assert sleep_of(alice) == {dt.date(2026, 1, d): 7.5 for d in (2, 3, 4)}
    assert not DeviceValue.objects.filter(local_date="2026-01-10").exists()


def test_a_broken_night_in_a_later_file_keeps_the_value_already_stored(
    alice: User, tmp_path: Path
) -> None:
    assert SLEEP_CEILING is not None
    first = export_file(tmp_path, [night_ending("2026-01-10", 8)], "first.zip")
    run("diary", "import", "--user", alice.email, str(first))
    stored = DeviceValue.objects.get()
    later = export_file(
        tmp_path,
        [night_ending("2026-01-10", SLEEP_CEILING + 6), night_ending("2026-01-12", 6)],
        "later.zip",
    )
    out = run("diary", "import", "--user", alice.email, str(later))
    assert "Sleep on 1 day left out" in out
    assert "Nothing changed" not in out  # the night of the 12th is new
    kept = DeviceValue.objects.get(local_date="2026-01-10")
    assert (kept.value, kept.source, kept.updated_at) == (8, stored.source, stored.updated_at)
    assert sleep_of(alice) == {dt.date(2026, 1, 10): 8, dt.date(2026, 1, 12): 6}


def column_records(column: str, day: str, value: float) -> s.Record:
    """One Apple record that gives ``column`` the value ``value`` on ``day``."""
    if column == "sleep_hours":
        end = at(day, "18:00")  # the latest end that still counts for ``day``
        return s.asleep(end - dt.timedelta(hours=value), end)
    start = at(day, "00:00")
    if column == "exercise_min":
        kind = "HKQuantityTypeIdentifierAppleExerciseTime"
        return s.Record(kind, "1", start, start + dt.timedelta(minutes=value), unit="min")
    kind = "HKQuantityTypeIdentifierRestingHeartRate"
    return s.Record(kind, f"{value:g}", start, start, unit="count/min")


@pytest.mark.parametrize("column", ["sleep_hours", "exercise_min", "resting_hr"])
def test_each_device_column_keeps_the_ceiling_every_other_way_in_keeps(
    alice: User, tmp_path: Path, column: str
) -> None:
    high = STANDARD_BY_NAME[column].high
    assert high is not None
    records = [
        column_records(column, "2026-01-03", high),
        column_records(column, "2026-01-06", high + 1),
    ]
    out = run("diary", "import", "--user", alice.email, str(export_file(tmp_path, records)))
    stored = DeviceValue.objects.get(column=column)
    assert (stored.local_date, stored.value) == (dt.date(2026, 1, 3), high)
    assert not DeviceValue.objects.exclude(pk=stored.pk).exists()
    words = device_import.DEVICE_COLUMNS[column].capitalize()
    assert f"- {words} on 1 day.\n" in out
    assert f"- {words} on 1 day left out: the file's value was not between 0 and" in out


def test_the_ceiling_is_the_shared_rule_not_a_copy(
    alice: User, export_zip: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Lower the one rule the check-in page, the API and the CSV import read: a week of 7.5-hour
    # nights is then left out of a device import too, and the summary gives the new range.
    rule = STANDARD_BY_NAME["sleep_hours"]
    monkeypatch.setitem(STANDARD_BY_NAME, "sleep_hours", replace(rule, high=7))
    out = run("diary", "import", "--user", alice.email, str(export_zip))
    assert "Sleep on 7 days left out: the file's values were not between 0 and 7 hours" in out
    assert "those days keep what your diary already had" in out
    assert "The file holds no sleep" not in out and "Nothing changed" not in out
    assert "Resting heart rate on 1 day" in out
    assert not DeviceValue.objects.filter(column="sleep_hours").exists()


def test_the_page_and_the_api_say_how_many_days_were_left_out(
    alice: User, alice_client: Any, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    assert SLEEP_CEILING is not None
    settings.TWITCHLOG_IMPORTS_INLINE = True
    upload = io.BytesIO(
        s.apple_zip(
            [
                night_ending("2026-01-02", 7.5),
                night_ending("2026-01-05", SLEEP_CEILING + 6),
                night_ending("2026-01-08", SLEEP_CEILING + 1),
            ]
        )
    )
    upload.name = "export.zip"
    with django_capture_on_commit_callbacks(execute=True):
        response = alice_client.post(reverse("diary:import"), {"file": upload})
    page = alice_client.get(response["Location"]).content.decode()
    assert "<strong>Done.</strong>" in page
    assert "Sleep on 1 day." in page
    assert (
        "Sleep on 2 days left out: the file&#x27;s values were not between 0 and 24 hours" in page
    )
    job = api_client(alice).get(f"/api/diary/imports/{DeviceImport.objects.get().pk}").json()
    assert job["status"] == "done"
    assert job["summary"]["columns"]["sleep_hours"] == {
        "days": 1,
        "typed": 0,
        "changed": 1,
        "left_out": 2,
    }
    assert sleep_of(alice) == {dt.date(2026, 1, 2): 7.5}


def test_a_reading_that_is_not_a_number_is_left_out_and_the_rest_imported(
    alice: User, tmp_path: Path
) -> None:
    # Before, Apple's value="NaN" became a NaN mean, which SQLite stores as NULL: the whole
    # import stopped on a NOT NULL error and the person's good nights were not imported.
    morning = at("2026-01-03", "09:00")
    reading = s.Record(
        "HKQuantityTypeIdentifierRestingHeartRate", "NaN", morning, morning, unit="count/min"
    )
    path = export_file(tmp_path, [night_ending("2026-01-02", 7), reading])
    out = run("diary", "import", "--user", alice.email, str(path))
    assert "- Resting heart rate on 1 day left out: the file's value was not between 0 and" in out
    assert sleep_of(alice) == {dt.date(2026, 1, 2): 7}
    assert not DeviceValue.objects.filter(column="resting_hr").exists()


# A result the database will not take: the job says so at once, and never becomes a 500. -----


def refuse_every_result_save(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A job's result (a save of named fields; making the job is not one) always meets a
    locked database; returns the statuses it was asked to save."""
    attempts: list[str] = []
    real_save = DeviceImport.save

    def locked(self: DeviceImport, *args: Any, **kwargs: Any) -> None:
        if not kwargs.get("update_fields"):
            return real_save(self, *args, **kwargs)
        attempts.append(self.status)
        raise OperationalError("database is locked")

    monkeypatch.setattr(device_import, "SAVE_PAUSE_SECONDS", 0)
    monkeypatch.setattr(DeviceImport, "save", locked)
    return attempts


def test_a_result_the_database_never_takes_marks_the_job_failed_at_once(
    alice: User, alice_client: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Before, the fifth refusal was raised out of the job's thread: the job stayed "running"
    # (the page kept saying "Reading your file") until it went stale 15 minutes later, and
    # then said "Nothing was imported" of values that were in the diary.
    job = device_import.queue_upload(alice, SimpleUploadedFile("export.zip", week_of_nights()))
    with monkeypatch.context() as m:
        attempts = refuse_every_result_save(m)
        device_import.run_job(job.pk)
    assert attempts == [DeviceImport.DONE] * device_import.SAVE_ATTEMPTS
    job.refresh_from_db()
    assert (job.status, job.error) == (DeviceImport.FAILED, device_import.RESULT_NOT_SAVED)
    assert device_import.job_state(job) == DeviceImport.FAILED
    assert len(sleep_of(alice)) == 7  # what was read is in the diary
    page = alice_client.get(reverse("diary:device_import", kwargs={"pk": job.pk})).content
    text = page.decode()
    assert device_import.RESULT_NOT_SAVED in text
    assert "Nothing was imported" not in text and "Reading your file" not in text
    # Importing the file again, as the message asks, is safe and shows what it holds.
    again = device_import.queue_upload(alice, SimpleUploadedFile("export.zip", week_of_nights()))
    device_import.run_job(again.pk)
    page = alice_client.get(reverse("diary:device_import", kwargs={"pk": again.pk})).content
    assert "Nothing changed: your diary already had these values" in page.decode()
    assert len(sleep_of(alice)) == 7


def test_a_failed_import_whose_failure_cannot_be_saved_keeps_its_own_reason(
    alice: User, alice_client: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE HealthData [<!ENTITY a "a">]><HealthData>&a;</HealthData>'
    )
    job = device_import.queue_upload(alice, SimpleUploadedFile("export.xml", bomb))
    with monkeypatch.context() as m:
        attempts = refuse_every_result_save(m)
        device_import.run_job(job.pk)
    assert attempts == [DeviceImport.FAILED] * device_import.SAVE_ATTEMPTS
    job.refresh_from_db()
    assert job.status == DeviceImport.FAILED
    assert job.error and job.error != device_import.RESULT_NOT_SAVED
    page = alice_client.get(reverse("diary:device_import", kwargs={"pk": job.pk})).content
    assert f"<strong>Nothing was imported.</strong> {job.error}" in page.decode()
    assert not DeviceValue.objects.exists()


def test_a_result_that_landed_though_the_database_said_no_is_not_overwritten(
    alice: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A commit can be reported as failed and still have happened; the job is only marked
    # failed while it is still "running".
    job = device_import.queue_upload(alice, SimpleUploadedFile("export.zip", week_of_nights()))
    real_save = DeviceImport.save

    def saved_then_refused(self: DeviceImport, *args: Any, **kwargs: Any) -> None:
        real_save(self, *args, **kwargs)
        raise OperationalError("database is locked")

    monkeypatch.setattr(device_import, "SAVE_PAUSE_SECONDS", 0)
    monkeypatch.setattr(DeviceImport, "save", saved_then_refused)
    device_import.run_job(job.pk)
    job.refresh_from_db()
    assert (job.status, job.error) == (DeviceImport.DONE, "")
    assert job.summary["columns"]["sleep_hours"]["days"] == 7


def test_when_the_database_refuses_the_failure_too_the_job_is_left_to_go_stale_honestly(
    alice: User, alice_client: Any, monkeypatch: pytest.MonkeyPatch, caplog: Any
) -> None:
    job = device_import.queue_upload(alice, SimpleUploadedFile("export.zip", week_of_nights()))
    real_update = QuerySet.update

    def locked(self: QuerySet, **fields: Any) -> int:
        if fields.get("status") == DeviceImport.FAILED:
            raise OperationalError("database is locked")
        return real_update(self, **fields)

    with monkeypatch.context() as m:
        refuse_every_result_save(m)
        m.setattr(QuerySet, "update", locked)
        device_import.run_job(job.pk)  # before, the lock was raised out of the job
    job.refresh_from_db()
    assert job.status == DeviceImport.RUNNING
    assert "neither its result (done) nor its failure could be saved" in caplog.text
    assert len(sleep_of(alice)) == 7
    # Once stale, the page cannot know whether the values were saved, and says both.
    DeviceImport.objects.filter(pk=job.pk).update(
        updated_at=timezone.now() - device_import.STALE_AFTER - dt.timedelta(minutes=1)
    )
    page = alice_client.get(reverse("diary:device_import", kwargs={"pk": job.pk})).content
    text = page.decode()
    assert "cut off before it finished" in text and "database was too busy" in text
    assert "if its values were already saved, nothing in your diary is lost" in text
    assert "Nothing was imported" not in text


@pytest.mark.django_db(transaction=True)
def test_an_upload_whose_result_meets_a_locked_database_is_not_an_error_page(
    alice: User, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Run inline, the job reads within the request: before, the fifth refusal left the view as
    # a 503 "yours was not saved", though the values were in the diary.
    settings.TWITCHLOG_IMPORTS_INLINE = True
    client = api_client(alice)
    with monkeypatch.context() as m:
        refuse_every_result_save(m)
        response = client.post("/api/diary/imports", {"file": export_upload()})
    assert response.status_code == 202
    job = client.get(f"/api/diary/imports/{response.json()['id']}").json()
    assert (job["status"], job["error"]) == ("failed", device_import.RESULT_NOT_SAVED)
    assert len(sleep_of(alice)) == 7


def test_a_busy_diary_while_saving_does_not_blame_the_file(
    alice: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A locked database inside the import's one transaction used to end as "Something went
    # wrong while reading the file", sending the person to look for a fault in their export.
    job = device_import.queue_upload(alice, SimpleUploadedFile("export.zip", week_of_nights()))

    def locked(*args: Any, **kwargs: Any) -> None:
        raise OperationalError("database is locked")

    monkeypatch.setattr(device_import, "save_values", locked)
    device_import.run_job(job.pk)
    job.refresh_from_db()
    assert (job.status, job.error) == (DeviceImport.FAILED, device_import.DATABASE_BUSY)
    assert "reading the file" not in job.error
    assert sleep_of(alice) == {}

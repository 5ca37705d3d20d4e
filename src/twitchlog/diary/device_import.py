"""Importing a phone or watch export into a person's diary: the one service every path calls.

The command, the web page and the API all end here. Reading the file (``devices``) happens
before the transaction opens, so the database is written for a moment at the end, never while
gigabytes are parsed; the write itself is one transaction, so nothing is half-imported.

Rules (README, "Importing from a phone or watch"):
- Values are kept per day and column, with their source, apart from the check-in.
- What the person typed wins: the daily table uses an imported value only where the check-in
  has none, and the summary counts the days kept as typed.
- Importing the same file again changes nothing. A later file replaces an earlier one's value
  for each day and column the later file covers.
- Days before 1900 or after today are ignored (a device with a wrong clock).
- A value outside its column's range is left out, by the same rule every other way in
  follows (``columns.check_value`` with the column's ceiling): a 30-hour night is a fault in
  the export. The rest of the file is imported, the day keeps whatever the diary had, and the
  summary says on how many days each column was left out.
"""

import datetime as dt
import logging
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import OperationalError, close_old_connections, connection, transaction
from django.utils import timezone

from twitchlog.accounts.models import User
from twitchlog.core import audit
from twitchlog.core.timezones import zone
from twitchlog.diary import csvfile, versions
from twitchlog.diary.columns import STANDARD_BY_NAME, allowed_range, check_day, check_value
from twitchlog.diary.devices.days import DayValue, daily_values
from twitchlog.diary.devices.files import KINDS, ZIP_MAGIC, read_export, sniff

__all__ = [
    "KINDS",
    "DeviceSummary",
    "ImportRunning",
    "import_file",
    "queue_upload",
    "run_job",
    "start_job",
]
from twitchlog.diary.devices.limits import ExportError
from twitchlog.diary.models import CheckIn, DeviceImport, DeviceValue

logger = logging.getLogger(__name__)

# Diary columns a device file can fill, in the order the summary names them.
DEVICE_COLUMNS = {
    "sleep_hours": "sleep",
    "resting_hr": "resting heart rate",
    "exercise_min": "exercise",
}
UNITS = {"sleep_hours": "hours", "resting_hr": "beats a minute", "exercise_min": "minutes"}
# A job not touched for this long was cut off (the server restarted) and is shown as failed.
STALE_AFTER = dt.timedelta(minutes=15)
# A job's progress and result are written again after a database lock this often at most.
SAVE_ATTEMPTS = 5
SAVE_PAUSE_SECONDS = 0.5
# A job whose values reached the diary but whose result could not be written: it is marked
# failed with this, since the page cannot show what changed. Importing the file again is safe
# (it changes nothing already stored) and shows the summary.
RESULT_NOT_SAVED = (
    "Your file was read and its values were saved in your diary, but the database was too "
    "busy to record the result here, so this page cannot show what changed. Please import "
    "the same file again to see it: nothing already in your diary is lost or doubled."
)

DATABASE_BUSY = (
    "Your file was read, but the diary was too busy to save it just now, so nothing was "
    "imported. Please try again in a minute."
)


class ImportRunning(ExportError):
    """The person already has an import waiting or being read; one at a time each."""

    def __init__(self) -> None:
        super().__init__(
            "An import is already running; it will finish in a few minutes — check back then."
        )


@dataclass
class ColumnSummary:
    days: int = 0  # days in the file with a value in range (stored, or kept as typed)
    typed: int = 0  # of them, days where the person's typed value is kept
    changed: int = 0  # days whose stored imported value is new or different
    left_out: int = 0  # days whose value is outside the column's range, so not stored


@dataclass
class DeviceSummary:
    kind: str
    columns: dict[str, ColumnSummary] = field(default_factory=dict)
    ignored_days: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "source": KINDS.get(self.kind, self.kind),
            "columns": {name: vars(c) for name, c in self.columns.items()},
            "ignored_days": self.ignored_days,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "DeviceSummary":
        columns = {name: ColumnSummary(**c) for name, c in (data.get("columns") or {}).items()}
        return cls(str(data.get("kind", "")), columns, int(data.get("ignored_days", 0)))

    @property
    def changed(self) -> int:
        return sum(c.changed for c in self.columns.values())

    @property
    def left_out(self) -> int:
        return sum(c.left_out for c in self.columns.values())

    def sentences(self) -> list[str]:
        """What changed, in words: "Sleep on 143 days (12 kept as you typed them)"."""
        out = []
        for name, words in DEVICE_COLUMNS.items():
            c = self.columns.get(name)
            if c is None or not c.days:
                continue
            line = f"{words.capitalize()} on {c.days} day{'s' if c.days != 1 else ''}"
            if c.typed:
                line += f" ({c.typed} kept as you typed {'them' if c.typed != 1 else 'it'})"
            out.append(line)
        if not out and not self.left_out:
            out.append("The file holds no sleep, exercise or resting heart rate we could use")
        if self.ignored_days:
            out.append(
                f"{self.ignored_days} day{'s' if self.ignored_days != 1 else ''} outside the "
                "diary's dates (a device clock set wrong) left out"
            )
        for name, words in DEVICE_COLUMNS.items():
            c = self.columns.get(name)
            if c is not None and c.left_out:
                out.append(_left_out_words(name, words, c.left_out))
        if any(c.days for c in self.columns.values()) and not self.changed:
            out.append("Nothing changed: your diary already had these values")
        return out


def _left_out_words(column: str, words: str, days: int) -> str:
    """Why a column's values were left out on ``days`` days, with the range every way into the
    diary keeps to: "Sleep on 1 day left out: the file's value was not between 0 and 24 hours
    ..."."""
    one = days == 1
    return (
        f"{words.capitalize()} on {days} day{'' if one else 's'} left out: the file's "
        f"{'value was' if one else 'values were'} not "
        f"{allowed_range(STANDARD_BY_NAME[column])} {UNITS[column]}, the range the diary "
        "takes, so the export is most likely wrong there; "
        f"{'that day keeps' if one else 'those days keep'} what your diary already had"
    )


def _amount(column: str, value: float) -> str:
    """7.67 hours reads "7 h 40 min"; other values keep their unit."""
    if column == "sleep_hours":
        hours, minutes = divmod(round(value * 60), 60)
        return f"{hours} h {minutes} min" if minutes else f"{hours} h"
    return f"{value:g} {UNITS[column]}"


def day_values(user: User, checkin: CheckIn | None, day: dt.date) -> list[dict[str, Any]]:
    """What was imported for ``day``, for its page: each value, its source, and what was typed."""
    stored = {v.column: v for v in DeviceValue.objects.filter(user=user, local_date=day)}
    rows = []
    for column, words in DEVICE_COLUMNS.items():  # in the summary's order
        if (value := stored.get(column)) is None:
            continue
        typed = getattr(checkin, column) if checkin is not None else None
        rows.append(
            {
                "label": words.capitalize(),
                "value": _amount(column, value.value),
                "source": value.source,
                "typed": None if typed is None else _amount(column, typed),
            }
        )
    return rows


def _typed(user: User, columns: list[str], days: set[dt.date]) -> dict[str, set[dt.date]]:
    """Per column (each a CheckIn field), the days on which the person typed a value."""
    typed: dict[str, set[dt.date]] = {column: set() for column in columns}
    if not days:
        return typed
    rows = CheckIn.objects.filter(user=user, local_date__in=days).values("local_date", *columns)
    for row in rows:
        for column in columns:
            if row[column] is not None:
                typed[column].add(row["local_date"])
    return typed


def save_values(
    user: User, kind: str, found: dict[str, dict[dt.date, DayValue]], latest: dt.date
) -> DeviceSummary:
    """Store what a file holds for ``user`` in one transaction, and say what changed."""
    summary = DeviceSummary(kind)
    label = KINDS.get(kind, kind)
    wanted: dict[tuple[dt.date, str], tuple[float, str]] = {}
    ignored: set[dt.date] = set()
    for column, days in found.items():
        if column not in DEVICE_COLUMNS:
            continue
        rule = STANDARD_BY_NAME[column]  # the ceiling the page, the API and the CSV keep to
        for day, found_value in days.items():
            if check_day(day, latest) is not None:
                ignored.add(day)
                continue
            if check_value(rule, found_value.value) is not None:
                # Not stored, and nothing stored is touched: a later file's broken night must
                # not replace a good one an earlier file brought in.
                summary.columns.setdefault(column, ColumnSummary()).left_out += 1
                continue
            names = ", ".join(found_value.sources)
            source = f"{label}: {names}"[:300] if names else label
            wanted[(day, column)] = (found_value.value, source)
    summary.ignored_days = len(ignored)
    all_days = {day for day, _ in wanted}
    with transaction.atomic():
        stored = {
            (v.local_date, v.column): v
            for v in DeviceValue.objects.filter(user=user, local_date__in=all_days)
        }
        typed = _typed(user, list(DEVICE_COLUMNS), all_days)
        new, changed = [], []
        for (day, column), (value, source) in sorted(wanted.items()):
            c = summary.columns.setdefault(column, ColumnSummary())
            c.days += 1
            c.typed += day in typed[column]
            old = stored.get((day, column))
            if old is None:
                new.append(
                    DeviceValue(
                        user=user, local_date=day, column=column, value=value, source=source
                    )
                )
            elif (old.value, old.source) != (value, source):
                old.value, old.source = value, source
                changed.append(old)
            else:
                continue
            c.changed += 1
        # Bounded chunks keep each statement small; the transaction keeps it all-or-nothing.
        DeviceValue.objects.bulk_create(new, batch_size=500)
        DeviceValue.objects.bulk_update(changed, ["value", "source", "updated_at"], batch_size=500)
        if new or changed:
            versions.bump(user.pk)  # bulk writes send no signals
        audit.log(
            user,
            "diary.device.imported",
            None,
            kind=kind,
            changed=summary.changed,
            left_out=summary.left_out,
        )
    return summary


def import_file(
    user: User, path: Path, kind: str | None = None, progress: Callable[[float], None] | None = None
) -> DeviceSummary:
    """Read ``path`` (a device export) and store it. Raises ExportError with a plain reason."""
    kind = kind or sniff(path)
    if kind is None:
        raise ExportError("This file is not a phone or watch export this app knows.")
    tz = zone(user.time_zone)
    found = daily_values(read_export(path, kind, tz, progress), tz)
    latest = timezone.localtime(timezone.now(), tz).date()
    return save_values(user, kind, found, latest)


# Uploads: the file waits in the data folder, a job row tells the page how far it got. ------


def _waiting_file(token: uuid.UUID) -> Path:
    return Path(settings.DATA_DIR) / "imports" / f"{token}.upload"


def is_device_upload(upload: UploadedFile) -> bool:
    """Whether an upload starts like a zip or an XML file (so not like the daily CSV)."""
    head = upload.read(64)
    upload.seek(0)
    return head.startswith(ZIP_MAGIC) or head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<")


def _has_running_job(user: User) -> bool:
    """Whether ``user`` has a job waiting or being read; one cut off by a restart is not."""
    return DeviceImport.objects.filter(
        user=user,
        status__in=(DeviceImport.QUEUED, DeviceImport.RUNNING),
        updated_at__gte=timezone.now() - STALE_AFTER,
    ).exists()


def size_problem(upload: UploadedFile) -> str:
    """Why ``upload`` is too large to import, in words that fit what it is, or "" when it is
    not: a phone or watch export may be up to DEVICE_UPLOAD_MAX_BYTES (a web or API upload;
    an Apple export of several years zips to well under it, and the command reads larger
    ones), anything else is read as a diary CSV, up to csvfile.MAX_FILE_BYTES. The page and
    the API both ask here, once, so a file is never refused for two sizes at once."""
    size = upload.size or 0
    if is_device_upload(upload):
        limit = settings.DEVICE_UPLOAD_MAX_BYTES
        if size <= limit:
            return ""
        return (
            f"That phone or watch export is larger than {_megabytes(limit)}, the most this "
            "site takes in one upload. If the app you exported from lets you choose the "
            "dates, export a shorter stretch (a year, say) and import each file in turn. "
            "Otherwise, whoever runs this Twitchlog site can import it for you. (If you run "
            "Twitchlog yourself, the twitchlog command reads larger files: README, "
            "“Importing from a phone or watch”.)"
        )
    if size <= csvfile.MAX_FILE_BYTES:
        return ""
    return (
        f"That file is larger than {_megabytes(csvfile.MAX_FILE_BYTES)}, the most a diary CSV "
        "can be. A diary of many years is well under that; check it is the right file, or "
        "import it in parts."
    )


def _megabytes(size: int) -> str:
    return f"{size >> 20} MB" if size >= 1 << 20 else f"{size:,} bytes"


def queue_upload(user: User, upload: UploadedFile) -> DeviceImport:
    """Keep the uploaded file and make the job that will read it; the caller starts it.

    Raises ExportError (nothing kept) for a file too large or of a kind this app cannot read,
    and ImportRunning while the person's last upload is still waiting or being read: each
    job is a thread reading up to gigabytes, so one person gets one at a time.
    """
    problem = size_problem(upload)
    if problem:
        raise ExportError(problem)
    if _has_running_job(user):
        raise ImportRunning  # before the file is written; checked again under the lock below
    token = uuid.uuid4()
    target = _waiting_file(token)
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    try:
        kind = sniff(target)
        if kind is None:
            raise ExportError("This file is not a phone or watch export this app knows.")
    except ExportError:
        target.unlink(missing_ok=True)
        raise
    try:
        with transaction.atomic():
            # Two uploads at once (two tabs, a script) take the person's row in turn, so the
            # second sees the first one's job.
            User.objects.select_for_update().filter(pk=user.pk).exists()
            if _has_running_job(user):
                raise ImportRunning
            job = DeviceImport.objects.create(user=user, token=token, kind=kind)
            audit.log(user, "diary.device.queued", job, kind=kind)
    except Exception:
        target.unlink(missing_ok=True)
        raise
    return job


def run_job(job_id: int) -> None:
    """Read a queued upload and store it; every outcome ends in the job row, never a crash."""
    claimed = DeviceImport.objects.filter(pk=job_id, status=DeviceImport.QUEUED).update(
        status=DeviceImport.RUNNING, updated_at=timezone.now()
    )
    if not claimed:
        return  # another worker has it
    job = DeviceImport.objects.select_related("user").get(pk=job_id)
    path = _waiting_file(job.token)

    def report(done: float) -> None:
        # Only the final result matters: a progress write that meets a locked database is
        # skipped, not allowed to fail an import that may have read for minutes.
        try:
            DeviceImport.objects.filter(pk=job_id).update(progress=done, updated_at=timezone.now())
        except OperationalError:
            logger.warning("Device import %s: progress not saved, the database was busy", job_id)

    try:
        summary = import_file(job.user, path, job.kind, report)
    except ExportError as error:
        job.status, job.error = DeviceImport.FAILED, str(error)[:300]
    except OperationalError:
        # The file was fine; the diary was busy (the save is one transaction, so nothing of
        # it was kept). Saying "while reading the file" would blame the file.
        logger.warning("Device import %s: the database was busy; nothing saved", job_id)
        job.status, job.error = DeviceImport.FAILED, DATABASE_BUSY
    except Exception:
        logger.exception("Device import %s failed", job_id)
        job.status = DeviceImport.FAILED
        job.error = "Something went wrong while reading the file. Nothing was imported."
    else:
        job.status, job.summary, job.progress = DeviceImport.DONE, summary.to_dict(), 1.0
    finally:
        path.unlink(missing_ok=True)
    _save_result(job)


def _save_result(job: DeviceImport) -> None:
    """Write the job's outcome, waiting out a database lock a few times; then, if it still
    cannot be written, mark the job failed (``_give_up``).

    Never raises for the database: a job runs in a thread (where an error would leave the job
    "running" until it goes stale) or, inline, within a request (where it would be a 503 for
    an upload whose values may well be saved)."""
    for attempt in range(1, SAVE_ATTEMPTS + 1):
        try:
            job.save(update_fields=["status", "error", "summary", "progress", "updated_at"])
            return
        except OperationalError:
            logger.warning(
                "Device import %s: result not saved (attempt %s of %s)",
                job.pk,
                attempt,
                SAVE_ATTEMPTS,
                exc_info=True,
            )
            time.sleep(SAVE_PAUSE_SECONDS * attempt)
    _give_up(job)


def _give_up(job: DeviceImport) -> None:
    """Mark a job failed whose result could not be saved, so the page says so at once rather
    than "Reading" until the job goes stale.

    One narrow write (status and message), and only over a job still "running": a result that
    did land after all (a commit reported as failed) is never overwritten. A job whose values
    reached the diary says so and asks for the file again; one that failed keeps its own
    reason. If the database refuses this write too (it is still locked), nothing more can be
    done from here: the job shows as cut off once it is STALE_AFTER old, and the log says what
    happened."""
    error = RESULT_NOT_SAVED if job.status == DeviceImport.DONE else job.error
    try:
        marked = DeviceImport.objects.filter(pk=job.pk, status=DeviceImport.RUNNING).update(
            status=DeviceImport.FAILED, error=error, updated_at=timezone.now()
        )
    except OperationalError:
        logger.error(
            "Device import %s: neither its result (%s) nor its failure could be saved; the "
            "database refused every write. It shows as cut off once %s old.",
            job.pk,
            job.status,
            STALE_AFTER,
            exc_info=True,
        )
        return
    if marked:
        logger.error("Device import %s: result (%s) not saved; marked failed", job.pk, job.status)
    else:
        logger.warning("Device import %s: its result was saved after all", job.pk)


def _run_in_thread(job_id: int) -> None:
    try:
        run_job(job_id)
    finally:
        connection.close()


def start_job(job: DeviceImport) -> None:
    """Run the job off the request: a thread of this process once the upload is committed.

    One machine needs nothing more. Several app processes share the database, so any of them
    can show the job's progress; a job cut off by a restart is shown as failed after a while.
    """
    if getattr(settings, "TWITCHLOG_IMPORTS_INLINE", False):
        transaction.on_commit(lambda: run_job(job.pk))
        return

    def launch() -> None:
        close_old_connections()
        threading.Thread(target=_run_in_thread, args=(job.pk,), daemon=True).start()

    transaction.on_commit(launch)


def job_state(job: DeviceImport) -> str:
    """The job's status, with a job cut off by a server restart shown as failed."""
    waiting = job.status in (DeviceImport.QUEUED, DeviceImport.RUNNING)
    if waiting and timezone.now() - job.updated_at > STALE_AFTER:
        return DeviceImport.FAILED
    return job.status

"""Importing files into the diary: a daily CSV at once, a phone or watch export off the request.

Both recognise the file by its content, as the command and the web page do.
"""

from typing import Any

from ninja import File, Router, Schema, Status
from ninja.errors import HttpError
from ninja.files import UploadedFile

from twitchlog.accounts.types import AuthedRequest
from twitchlog.diary import csvfile, device_import, transfer
from twitchlog.diary.access import get_device_import_for_user
from twitchlog.diary.csvfile import CsvProblems
from twitchlog.diary.devices.limits import ExportError
from twitchlog.diary.models import DeviceImport

router = Router(tags=["diary"])


class JobOut(Schema):
    id: int
    kind: str
    status: str
    progress: float
    summary: dict[str, Any]
    error: str


class CsvImportOut(Schema):
    kind: str = "csv"
    days: int
    created: int
    new_factors: list[str]


def _job(job: DeviceImport) -> dict[str, Any]:
    return {
        "id": job.pk,
        "kind": job.kind,
        "status": device_import.job_state(job),
        "progress": job.progress,
        "summary": job.summary,
        "error": job.error,
    }


@router.post(
    "/imports",
    url_name="diary_imports",
    summary="Import a file into your diary",
    description=(
        "Send a file as `multipart/form-data` field `file`. A daily diary CSV (up to 5 MB) is "
        "imported at once: 200 with what changed, or 422 listing every problem (nothing "
        "imported). A phone or watch export (Apple Health `export.zip`/`export.xml`, Health "
        "Connect zip, Fitbit/Google Takeout zip, up to 300 MB) is read in the background: 202 "
        "with the job, whose `status` you read at `GET /api/diary/imports/{id}`. One export "
        "is read at a time: 409 while your last one is still queued or running."
    ),
    response={200: CsvImportOut, 202: JobOut},
)
def create_import(request: AuthedRequest, file: File[UploadedFile]) -> Any:
    problem = device_import.size_problem(file)
    if problem:
        raise HttpError(422, problem)
    if device_import.is_device_upload(file):
        try:
            job = device_import.queue_upload(request.user, file)
        except device_import.ImportRunning as error:
            raise HttpError(409, str(error)) from None
        except ExportError as error:
            raise HttpError(422, str(error)) from None
        device_import.start_job(job)
        return Status(202, _job(job))
    try:
        table = transfer.read_for(request.user, csvfile.decode(file.read()))
    except CsvProblems as problems:
        raise HttpError(422, "; ".join(str(p) for p in problems.problems)) from None
    result = transfer.import_daily(request.user, table)
    return Status(
        200, {"days": result.days, "created": result.created, "new_factors": result.new_factors}
    )


@router.get(
    "/imports/{int:job_id}",
    url_name="diary_import",
    response=JobOut,
    summary="How far an import has got",
    description=(
        "`status` is `queued`, `running`, `done` or `failed`; `progress` the share of the file "
        "read (0-1); `summary` counts the days imported per column when done; `error` says "
        "why in plain words when it failed."
    ),
)
def read_import(request: AuthedRequest, job_id: int) -> Any:
    return _job(get_device_import_for_user(request.user, job_id))

"""Making a download of everything a person has logged. The one place an export is made.

The page, the API and the command all come here, so each export writes the same audit entry:
``data.exported`` with the format, and nothing about what was in it.
"""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from twitchlog.accounts.models import User
from twitchlog.core import audit
from twitchlog.core.timezones import local_date
from twitchlog.reports import archive, bundle, pdf
from twitchlog.reports.summary import Period

FORMATS = ("zip", "fhir", "pdf")


@dataclass(frozen=True)
class Download:
    content: bytes
    filename: str
    content_type: str


def export(
    user: User, format: str, now: dt.datetime | None = None, period: Period | None = None
) -> Download:
    """The person's data as ``format`` (one of FORMATS); raises ValueError for any other.

    ``period`` limits the PDF report to some days; the other formats always hold everything.
    """
    now = now or timezone.now()
    day = local_date(now, user.time_zone).isoformat()
    if format == "zip":
        found = Download(archive.build(user, now), f"twitchlog-{day}.zip", "application/zip")
    elif format == "fhir":
        text = bundle.to_json(bundle.bundle(user, now))
        found = Download(text.encode(), f"twitchlog-fhir-{day}.json", "application/fhir+json")
    elif format == "pdf":
        content = pdf.report_pdf(user, period)
        found = Download(content, f"twitchlog-report-{day}.pdf", "application/pdf")
    else:
        raise ValueError(f"{format!r} is not one of {', '.join(FORMATS)}")
    audit.log(user, "data.exported", None, format=format)
    return found

"""``twitchlog export``: everything one person has logged, as a zip, a FHIR bundle or a PDF.

    twitchlog export --user EMAIL --format zip|fhir|pdf [--out FILE]

Without ``--out`` the FHIR bundle (text) goes to standard output, and a zip or PDF (binary,
which would garble a terminal) is written to the current folder under the name the web page
would give it, such as ``twitchlog-2026-11-20.zip``; the path written is printed.
"""

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from twitchlog.accounts.lookup import user_by_email
from twitchlog.reports import services


class Command(BaseCommand):
    help = "Export everything a person has logged as a zip, a FHIR bundle or a PDF report."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--user", required=True, help="The person's email.")
        parser.add_argument(
            "--format",
            required=True,
            choices=services.FORMATS,
            help="zip: every file; fhir: a FHIR R4 bundle; pdf: a printable report.",
        )
        parser.add_argument(
            "--out",
            help="File to write (default: standard output for fhir, a dated file in the "
            "current folder for zip and pdf; '-' for standard output).",
        )

    def handle(self, *args: Any, user: str, format: str, out: str | None, **_: Any) -> None:
        person = user_by_email(user)
        if out and out != "-" and not Path(out).parent.is_dir():
            raise CommandError(f"There is no folder {Path(out).parent} to write {out} into.")
        download = services.export(person, format)
        if out == "-" or (out is None and format == "fhir"):
            if format == "fhir":
                self.stdout.write(download.content.decode(), ending="")
            else:
                sys.stdout.buffer.write(download.content)
                sys.stdout.buffer.flush()
            return
        path = Path(out or download.filename)
        try:
            path.write_bytes(download.content)
        except OSError as error:
            raise CommandError(f"Could not write {path}: {error.strerror or error}") from error
        self.stdout.write(f"Wrote {path} ({len(download.content):,} bytes).")

"""``twitchlog diary``: move a diary in and out as the daily CSV.

    twitchlog diary export --user EMAIL [--out FILE] [--episodes]
    twitchlog diary import --user EMAIL FILE

Import recognises the file by its content: the daily CSV, or a phone or watch export (Apple
Health's export.zip or export.xml, a Health Connect export zip, a Fitbit / Google Takeout
zip), from which it takes sleep, exercise and resting heart rate.

Import checks the whole file first; a file with any problem imports nothing and the
problems are listed (for the CSV, with their row and column).
"""

import datetime as dt
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from twitchlog.accounts.lookup import user_by_email
from twitchlog.accounts.models import User
from twitchlog.diary import csvfile, device_import, transfer
from twitchlog.diary.csvfile import CsvProblems
from twitchlog.diary.devices.files import sniff
from twitchlog.diary.devices.limits import ExportError


class Command(BaseCommand):
    help = (
        "Export or import a person's diary as the daily CSV; import also reads phone and "
        "watch exports (Apple Health, Health Connect, Fitbit)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="export|import")
        export = actions.add_parser("export", help="Write the daily CSV (or every episode).")
        export.add_argument("--user", required=True, help="The person's email.")
        export.add_argument("--out", help="File to write (default: standard output).")
        export.add_argument("--start", type=dt.date.fromisoformat, help="First date.")
        export.add_argument("--end", type=dt.date.fromisoformat, help="Last date.")
        export.add_argument(
            "--episodes", action="store_true", help="One row per twitch instead of per day."
        )
        load = actions.add_parser("import", help="Read a daily CSV into the diary.")
        load.add_argument("--user", required=True, help="The person's email.")
        load.add_argument(
            "file",
            help="The daily CSV ('-' for standard input), or a phone or watch export "
            "(export.zip / export.xml from Apple Health, a Health Connect or Fitbit zip).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        user = user_by_email(options["user"])
        if options["action"] == "export":
            if options["episodes"]:
                text = transfer.export_episodes(user)
            else:
                text = transfer.export_daily(user, options["start"], options["end"])
            if options["out"]:
                Path(options["out"]).write_text(text, encoding="utf-8")
            else:
                self.stdout.write(text, ending="")
            return
        source = options["file"]
        if source != "-" and self._import_device_file(user, Path(source)):
            return
        try:
            data = _stdin_bytes() if source == "-" else Path(source).read_bytes()
        except OSError as error:
            raise CommandError(f"Could not read {source}: {error}") from error
        try:
            table = transfer.read_for(user, csvfile.decode(data))
        except CsvProblems as problems:
            for problem in problems.problems:
                self.stderr.write(str(problem))
            raise CommandError("Nothing was imported; fix the file and try again.") from None
        result = transfer.import_daily(user, table)
        self.stdout.write(
            f"Imported {result.days} days ({result.created} new check-ins, "
            f"{len(result.new_factors)} new factors)."
        )

    def _import_device_file(self, user: User, path: Path) -> bool:
        """Import ``path`` if it is a phone or watch export; False leaves a CSV to the caller."""
        try:
            kind = sniff(path)
            if kind is None:
                return False
            summary = device_import.import_file(user, path, kind)
        except OSError as error:
            raise CommandError(f"Could not read {path}: {error.strerror or error}") from error
        except ExportError as error:
            raise CommandError(f"{error} Nothing was imported.") from None
        self.stdout.write(f"Imported from {device_import.KINDS[kind]}:")
        for line in summary.sentences():
            self.stdout.write(f"- {line}.")
        return True


def _stdin_bytes() -> bytes:
    """Standard input as bytes (a stand-in stream without them, as in tests, as UTF-8)."""
    stream = getattr(sys.stdin, "buffer", None)
    return stream.read() if stream is not None else sys.stdin.read().encode()

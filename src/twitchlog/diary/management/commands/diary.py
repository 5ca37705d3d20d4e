"""``twitchlog diary``: move a diary in and out as the daily CSV.

    twitchlog diary export --user EMAIL [--out FILE] [--episodes]
    twitchlog diary import --user EMAIL FILE

Import checks the whole file first; a file with any problem imports nothing and the
problems are listed with their row and column.
"""

import datetime as dt
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from twitchlog.diary import transfer
from twitchlog.diary.csvfile import CsvProblems
from twitchlog.diary.management.commands._user import user_by_email


class Command(BaseCommand):
    help = "Export or import a person's diary as the daily CSV."

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
        load.add_argument("file", help="The CSV file ('-' for standard input).")

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
        try:
            text = sys.stdin.read() if source == "-" else Path(source).read_text("utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Could not read {source}: {error}") from error
        try:
            table = transfer.read_for(user, text)
        except CsvProblems as problems:
            for problem in problems.problems:
                self.stderr.write(str(problem))
            raise CommandError("Nothing was imported; fix the file and try again.") from None
        result = transfer.import_daily(user, table)
        self.stdout.write(
            f"Imported {result.days} days ({result.created} new check-ins, "
            f"{len(result.new_factors)} new factors)."
        )

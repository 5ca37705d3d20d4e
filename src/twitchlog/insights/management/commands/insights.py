"""``twitchlog insights``: the driver analysis of a daily diary, as text or JSON."""

import json
from pathlib import Path
from typing import Any

import pandas as pd
from django.core.management.base import BaseCommand, CommandError, CommandParser

from twitchlog.knowledge.factors import OUTCOMES


class Command(BaseCommand):
    help = "Find what drives your twitching in a daily diary (see docs/insights.md)."

    def add_arguments(self, parser: CommandParser) -> None:
        source = parser.add_mutually_exclusive_group(required=True)
        source.add_argument("--csv", metavar="FILE", help="A daily diary CSV file.")
        source.add_argument("--user", metavar="EMAIL", help="The diary of this account.")
        parser.add_argument(
            "--outcome",
            default="twitch_count",
            choices=sorted(OUTCOMES),
            help="What to explain (default: twitch_count).",
        )
        parser.add_argument("--json", action="store_true", help="Print the report as JSON.")

    def handle(self, *args: Any, **options: Any) -> None:
        from twitchlog.insights.engine import analyze
        from twitchlog.insights.frame import DiaryError
        from twitchlog.insights.text import report_text

        frame = self._frame(options)
        try:
            report = analyze(frame, options["outcome"])
        except DiaryError as error:
            raise CommandError(str(error)) from error
        if options["json"]:
            self.stdout.write(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
        else:
            self.stdout.write(report_text(report))

    def _frame(self, options: dict[str, Any]) -> pd.DataFrame:
        """The daily table to analyse: a CSV file, or an account's diary."""
        if options["user"]:
            from twitchlog.accounts.models import User
            from twitchlog.diary.daily import daily_frame

            user = User.objects.filter(email__iexact=options["user"]).first()
            if user is None:
                raise CommandError(f"There is no account with the email {options['user']}.")
            return daily_frame(user)
        path = Path(options["csv"])
        try:
            return pd.read_csv(path, dtype={"date": str}, skipinitialspace=True)
        except FileNotFoundError as error:
            raise CommandError(f"There is no file at {path}.") from error
        except (OSError, ValueError, pd.errors.ParserError) as error:
            raise CommandError(f"Could not read {path} as a CSV file: {error}") from error

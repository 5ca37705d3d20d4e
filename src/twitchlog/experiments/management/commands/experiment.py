"""``twitchlog experiment``: analyse a block experiment in a daily CSV.

    twitchlog experiment analyze --csv FILE --outcome twitch_count [--json]

Exit codes: 0 a result was printed (whatever the verdict, "too little data" included),
2 the command was used wrongly, 3 the file could not be read, 4 the file was read but
cannot be analysed (a missing column, a value that is not allowed). Each error says why.
"""

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from twitchlog.experiments.analysis import OUTCOMES

MAX_CSV_BYTES = 5 * 1024 * 1024
UNREADABLE, UNUSABLE = 3, 4


class Command(BaseCommand):
    help = "Analyse a self-experiment (see docs/experiments.md)."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="analyze")
        analyze = actions.add_parser(
            "analyze", help="The verdict of a block experiment in a daily CSV."
        )
        analyze.add_argument(
            "--csv",
            required=True,
            metavar="FILE",
            help="Daily diary CSV with `condition` (A/B/blank) and `adhered` (1/0) columns.",
        )
        analyze.add_argument("--outcome", default="twitch_count", choices=OUTCOMES)
        analyze.add_argument(
            "--stopped-early", action="store_true", help="The test was stopped before its end."
        )
        analyze.add_argument("--json", action="store_true", help="Print the result as JSON.")

    def handle(self, *args: Any, **options: Any) -> None:
        self._analyze(options)

    def _analyze(self, options: dict[str, Any]) -> None:
        import pandas as pd

        from twitchlog.experiments.analysis import TableError, analyze_frame
        from twitchlog.experiments.wording import result_text

        path = Path(options["csv"])
        try:
            if path.stat().st_size > MAX_CSV_BYTES:
                raise CommandError(
                    f"{path} is larger than 5 MB; a daily CSV is far smaller.",
                    returncode=UNREADABLE,
                )
            frame = pd.read_csv(path, dtype=str, skipinitialspace=True, keep_default_na=False)
        except FileNotFoundError as error:
            raise CommandError(f"There is no file at {path}.", returncode=UNREADABLE) from error
        except (OSError, UnicodeDecodeError, pd.errors.ParserError) as error:
            raise CommandError(
                f"Could not read {path} as a CSV file: {error}", returncode=UNREADABLE
            ) from error
        except pd.errors.EmptyDataError as error:
            raise CommandError(f"{path} is empty.", returncode=UNUSABLE) from error
        frame = frame.replace("", None)
        try:
            result = analyze_frame(frame, options["outcome"], options["stopped_early"])
        except TableError as error:
            raise CommandError(f"{path}: {error}", returncode=UNUSABLE) from error
        if options["json"]:
            self.stdout.write(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
        else:
            self.stdout.write(result_text(result))

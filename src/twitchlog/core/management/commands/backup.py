"""``twitchlog backup FILE``: a consistent copy of the whole database, taken while it serves."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from twitchlog.core import backup


class Command(BaseCommand):
    help = (
        "Write a consistent copy of the whole database to FILE while the app keeps serving "
        "(SQLite's online backup; pg_dump on PostgreSQL). Bring it back with twitchlog restore."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="Where to write the backup.")

    def handle(self, *args: Any, **options: Any) -> None:
        target: Path = options["file"]
        try:
            backup.backup(target)
        except (backup.BackupError, OSError) as error:
            raise CommandError(f"No backup was made: {error}") from None
        self.stdout.write(f"Backed up to {target} ({target.stat().st_size:,} bytes).")

"""``twitchlog restore FILE``: bring a backup back into an empty database."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from twitchlog.core import backup


class Command(BaseCommand):
    help = (
        "Bring a backup made by twitchlog backup into this database, which must be empty "
        "(a new TWITCHLOG_DATA_DIR or DATABASE_URL). Run twitchlog migrate afterwards if the "
        "backup came from an older version."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="The backup file.")

    def handle(self, *args: Any, **options: Any) -> None:
        source: Path = options["file"]
        if not source.is_file():
            raise CommandError(f"There is no file at {source}.")
        try:
            backup.restore(source)
        except (backup.BackupError, OSError) as error:
            raise CommandError(f"Nothing was restored: {error}") from None
        self.stdout.write(f"Restored from {source}.")

import threading
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.core.servers.basehttp import get_internal_wsgi_application, run
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor

from twitchlog.core.warmup import warm_up


class Command(BaseCommand):
    help = "Bring the database up to date if needed, then serve Twitchlog."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1", help="Address to listen on.")
        parser.add_argument("--port", type=int, default=8000, help="Port to listen on.")

    def handle(self, *args: Any, host: str, port: int, **options: Any) -> None:
        executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
        if executor.migration_plan(executor.loader.graph.leaf_nodes()):
            self.stdout.write("Preparing the database…")
            call_command("migrate", interactive=False, verbosity=0)
        threading.Thread(target=warm_up, name="warm-up", daemon=True).start()
        shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host  # noqa: S104
        self.stdout.write(
            self.style.SUCCESS(
                f"Twitchlog is running. Open http://{shown}:{port}/ in your browser."
            )
        )
        self.stdout.write("Press Ctrl+C to stop.")
        try:
            run(host, port, get_internal_wsgi_application(), threading=True, ipv6=":" in host)
        except KeyboardInterrupt:
            self.stdout.write("Stopped.")

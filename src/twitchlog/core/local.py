"""What ``twitchlog serve`` and ``twitchlog demo`` share when run on one's own machine."""

from collections.abc import Callable

from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor


def bring_database_up_to_date(say: Callable[[str], object]) -> None:
    """Create or migrate the database if it is behind, so either command works first."""
    executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        say("Preparing the database…")
        call_command("migrate", interactive=False, verbosity=0)


def local_address(host: str, port: int) -> str:
    """The address to open in a browser on this machine for a server on ``host:port``."""
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host  # noqa: S104
    if ":" in shown:
        shown = f"[{shown}]"
    return f"http://{shown}:{port}"

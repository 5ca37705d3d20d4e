import os
import threading
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.core.servers.basehttp import get_internal_wsgi_application, run

from twitchlog.core.local import bring_database_up_to_date, local_address
from twitchlog.core.warmup import warm_up


class Command(BaseCommand):
    help = "Bring the database up to date if needed, then serve Twitchlog."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1", help="Address to listen on.")
        parser.add_argument("--port", type=int, default=8000, help="Port to listen on.")

    def handle(self, *args: Any, host: str, port: int, **options: Any) -> None:
        bring_database_up_to_date(self.stdout.write)
        threading.Thread(target=warm_up, name="warm-up", daemon=True).start()
        address = local_address(host, port)
        if not os.getenv("SITE_URL"):
            # Links in emails point at this server, on whatever port it was given.
            settings.SITE_URL = address
        self.stdout.write(
            self.style.SUCCESS(f"Twitchlog is running. Open {address}/ in your browser.")
        )
        if settings.EMAIL_BACKEND.endswith("console.EmailBackend"):
            self.stdout.write("Emails are printed here, not sent (set EMAIL_URL to send them).")
        self.stdout.write("Press Ctrl+C to stop.")
        try:
            run(host, port, get_internal_wsgi_application(), threading=True, ipv6=":" in host)
        except KeyboardInterrupt:
            self.stdout.write("Stopped.")

"""``twitchlog demo``: create (or reset) the demo login and let every app seed its data.

Running it again deletes the demo account (and so all its data) and makes it anew. The apps'
seeders are found by core/demo.py.
"""

import secrets
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from twitchlog.core import audit
from twitchlog.core.demo import DEMO_EMAIL, DEMO_SEED, demo_seeders
from twitchlog.core.local import bring_database_up_to_date
from twitchlog.core.timezones import is_valid_zone


class Command(BaseCommand):
    help = "Create (or reset) the demo login with months of diary data, and print its login."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, default=120, help="Days of data (default 120).")
        parser.add_argument("--seed", type=int, default=DEMO_SEED, help="Random seed.")
        parser.add_argument("--time-zone", default="Europe/London", help="The demo's zone.")
        parser.add_argument(
            "--password", default="", help="Password to set (default: a new random one)."
        )

    def handle(
        self, *args: Any, days: int, seed: int, time_zone: str, password: str, **_: Any
    ) -> None:
        if settings.HTTPS:
            raise CommandError(
                "The demo is for your own computer: it makes a login with a printed password "
                "and lists made-up therapists. This is a server (TWITCHLOG_HTTPS=1), so it "
                "makes nothing here."
            )
        if not 7 <= days <= 3650:
            raise CommandError("--days must be between 7 and 3650.")
        if not is_valid_zone(time_zone):
            raise CommandError(f"{time_zone} is not a time zone we know, e.g. Europe/London.")
        password = password or secrets.token_urlsafe(9)
        bring_database_up_to_date(self.stdout.write)  # `make demo` may come before `make run`
        # Resetting deletes the old demo account, and seeding books an appointment; both would
        # normally email people. The demo never writes to anyone, so mail stays in memory.
        with (
            override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"),
            transaction.atomic(),
        ):
            User = get_user_model()
            User.objects.filter(email=DEMO_EMAIL).delete()
            user = User.objects.create_user(
                DEMO_EMAIL,
                password,
                display_name="Demo",
                time_zone=time_zone,
                health_data_consent_at=timezone.now(),
            )
            audit.log(user, "demo.created", user)
            for seed_demo in demo_seeders():
                seed_demo(user, days=days, seed=seed)
        self.stdout.write(self.style.SUCCESS("The demo account is ready."))
        self.stdout.write(
            f"Sign in at {settings.SITE_URL}/accounts/login/ (start it with make run)."
        )
        self.stdout.write(f"Email:    {DEMO_EMAIL}")
        self.stdout.write(f"Password: {password}")

"""``twitchlog demo``: a demo login with months of believable data on every page.

Each installed app may add its own demo data: a module ``<app>/demo.py`` with a function
``seed_demo(user, *, days, seed)`` is called for the fresh demo account, in the order of
INSTALLED_APPS. Running the command again deletes the demo account (and so all its data)
and makes it anew.
"""

import importlib
import secrets
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from twitchlog.accounts.models import User
from twitchlog.core import audit
from twitchlog.core.local import bring_database_up_to_date
from twitchlog.core.timezones import is_valid_zone
from twitchlog.diary.demo import DEFAULT_SEED

DEMO_EMAIL = "demo@example.org"


def demo_seeders() -> list[Any]:
    seeders = []
    for config in apps.get_app_configs():
        try:
            module = importlib.import_module(f"{config.name}.demo")
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.demo":
                raise
            continue
        if hasattr(module, "seed_demo"):
            seeders.append(module.seed_demo)
    return seeders


class Command(BaseCommand):
    help = "Create (or reset) the demo login with months of diary data, and print its login."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, default=120, help="Days of data (default 120).")
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="Random seed.")
        parser.add_argument("--time-zone", default="Europe/London", help="The demo's zone.")
        parser.add_argument(
            "--password", default="", help="Password to set (default: a new random one)."
        )

    def handle(
        self, *args: Any, days: int, seed: int, time_zone: str, password: str, **_: Any
    ) -> None:
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

"""Two `send_reminders` runs at the same moment, as separate processes, for the SQLite test.

Run as ``python -m tests.reminders.race DATA_DIR PEOPLE ROUNDS``: it points Django at a fresh
SQLite file in DATA_DIR, makes PEOPLE accounts that want a reminder at 20:00, then forks two
processes, like two cron jobs on two machines. For each round (a day) both are released at
once at 20:01 and run the command. It prints one JSON object: the emails each run sent per
round, and the claims stored.
"""

import datetime as dt
import json
import multiprocessing
import os
import sys
from collections import Counter
from typing import Any

RUNS = 2


def _django(data_dir: str) -> None:
    os.environ["TWITCHLOG_DATA_DIR"] = data_dir
    os.environ["DATABASE_URL"] = f"sqlite:///{data_dir}/race.sqlite3"
    os.environ["DJANGO_SETTINGS_MODULE"] = "twitchlog.settings"
    import django

    django.setup()
    from django.conf import settings

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _prepare(people: int) -> None:
    from django.core.management import call_command

    from tests.conftest import make_user
    from twitchlog.reminders.services import update_settings

    call_command("migrate", verbosity=0)
    for number in range(people):
        user = make_user(f"person{number}@example.org", time_zone="UTC")
        update_settings(user, enabled=True, at=dt.time(20))


def _run(number: int, rounds: int, barrier: Any, results: Any) -> None:
    from io import StringIO

    from django.core import mail
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    for day in range(rounds):
        when = dt.datetime(2026, 12, 1 + day, 20, 1, tzinfo=dt.UTC)
        timezone.now = lambda when=when: when  # the frozen clock of this round
        mail.outbox = []
        connection.close()
        barrier.wait(timeout=120)
        try:
            call_command("send_reminders", stdout=StringIO())
            results.put((day, number, len(mail.outbox)))
        except Exception as error:
            results.put((day, number, f"error: {type(error).__name__}: {error}"))
    connection.close()


def main(data_dir: str, people: int, rounds: int) -> dict[str, Any]:
    _django(data_dir)
    from django.db import connections

    _prepare(people)
    connections.close_all()  # nothing open may be shared with the forked runs
    fork = multiprocessing.get_context("fork")
    barrier = fork.Barrier(RUNS)
    results = fork.Queue()
    processes = [fork.Process(target=_run, args=(n, rounds, barrier, results)) for n in range(RUNS)]
    for process in processes:
        process.start()
    sent = [results.get(timeout=180) for _ in range(RUNS * rounds)]
    for process in processes:
        process.join(timeout=60)
    from twitchlog.reminders.models import CheckinReminder

    days = Counter(CheckinReminder.objects.values_list("local_date", flat=True))
    claims = sorted((str(day), count) for day, count in days.items())
    return {"sent": sent, "claims": claims, "exit": [p.exitcode for p in processes]}


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]))))

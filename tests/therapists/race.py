"""Separate processes racing to book one slot, for the SQLite concurrency test.

Run as ``python -m tests.therapists.race DATA_DIR CONTENDERS ROUNDS [series]``: it points
Django at a fresh SQLite file in DATA_DIR, makes a therapist and the clients, then forks one
process per contender. Each contender has its own database connection, like app processes on
one machine. All of them are released at once for each round's slot. It prints one JSON list
of ``[round, outcome]`` pairs, where an outcome is "booked", "taken" or an error.

With ``series``, each contender asks for a weekly series of SERIES_COUNT sessions starting
``n % 3`` weeks after the round's slot, so every two of them overlap in at least one week.
"""

import datetime as dt
import json
import multiprocessing
import os
import sys
from typing import Any


def _django(data_dir: str) -> None:
    os.environ["TWITCHLOG_DATA_DIR"] = data_dir
    os.environ["DATABASE_URL"] = f"sqlite:///{data_dir}/race.sqlite3"
    os.environ["DJANGO_SETTINGS_MODULE"] = "twitchlog.settings"
    import django

    django.setup()
    from django.conf import settings

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _prepare(contenders: int, rounds: int) -> list[dt.datetime]:
    from django.core.management import call_command

    from tests.conftest import make_user
    from tests.therapists.factories import make_therapist, slots_after

    call_command("migrate", verbosity=0)
    profile = make_therapist(make_user("theo@example.org", display_name="Theo"))
    for number in range(contenders):
        make_user(f"client{number}@example.org")
    return [slots_after(profile, days=2 + r, count=1)[0].start for r in range(rounds)]


SERIES_COUNT = 4


def contend_once(client: Any, profile: Any, start: dt.datetime, number: int, series: bool) -> str:
    """One booking attempt: "booked", "taken", or the error (shared with the PostgreSQL test)."""
    from twitchlog.therapists.series import SeriesConflict, book_series
    from twitchlog.therapists.services import SlotTaken, book_slot

    try:
        if series:
            first = start + dt.timedelta(weeks=number % 3)
            book_series(client, profile, first, "video", 1, SERIES_COUNT)
        else:
            book_slot(client, profile, start, "video")
    except (SlotTaken, SeriesConflict):
        return "taken"
    except Exception as error:
        return f"error: {type(error).__name__}: {error}"
    return "booked"


def _contend(
    number: int, starts: list[dt.datetime], barrier: Any, results: Any, series: bool
) -> None:
    from django.db import connection

    from twitchlog.accounts.models import User
    from twitchlog.therapists.models import TherapistProfile

    client = User.objects.get(email=f"client{number}@example.org")
    profile = TherapistProfile.objects.get()
    for round_number, start in enumerate(starts):
        connection.close()  # each round on a fresh connection, as a new request would be
        barrier.wait(timeout=120)
        results.put((round_number, contend_once(client, profile, start, number, series)))
    connection.close()


def main(
    data_dir: str, contenders: int, rounds: int, series: bool = False
) -> list[tuple[int, str]]:
    _django(data_dir)
    from django.db import connections

    starts = _prepare(contenders, rounds)
    connections.close_all()  # nothing open may be shared with the forked contenders
    fork = multiprocessing.get_context("fork")
    barrier = fork.Barrier(contenders)
    results = fork.Queue()
    processes = [
        fork.Process(target=_contend, args=(n, starts, barrier, results, series))
        for n in range(contenders)
    ]
    for process in processes:
        process.start()
    outcomes = [results.get(timeout=180) for _ in range(contenders * rounds)]
    for process in processes:
        process.join(timeout=60)
        if process.exitcode != 0:
            outcomes.append((-1, f"error: contender exited with {process.exitcode}"))
    return outcomes


if __name__ == "__main__":
    series = sys.argv[4:] == ["series"]
    print(json.dumps(main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), series)))

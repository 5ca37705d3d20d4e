"""Twenty people pressing "Book" for the same time at the same moment get one appointment.

On PostgreSQL the contenders are threads, each with its own connection, and the database's
exclusion constraint decides. On SQLite they are separate processes sharing a database file
(an in-memory test database cannot be shared between connections properly): SQLite runs one
write transaction at a time and the service checks inside it. Each test races several
rounds, each for a different slot, and every round must end the same way.
"""

import json
import os
import subprocess
import sys
import threading
from collections import Counter
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from django.db import connection

from tests.conftest import make_user
from tests.therapists.factories import make_therapist, slots_after
from tests.therapists.race import SERIES_COUNT, contend_once
from twitchlog.therapists.models import Appointment
from twitchlog.therapists.services import SlotTaken, book_slot, reschedule_appointment

CONTENDERS = 20
ROOT = Path(__file__).resolve().parents[2]


def _race(acts: list[Callable[[], object]]) -> Counter[str]:
    """Run every act at once, each in its own thread with its own connection: how many won,
    how many were told the time was just taken, and any other error in full."""
    barrier = threading.Barrier(len(acts))
    outcomes: list[str] = []

    def contend(act: Callable[[], object]) -> None:
        try:
            barrier.wait(timeout=60)
            act()
            outcomes.append("won")
        except SlotTaken:
            outcomes.append("taken")
        except Exception as error:
            outcomes.append(f"error: {type(error).__name__}: {error}")
        finally:
            connection.close()

    threads = [threading.Thread(target=contend, args=(act,)) for act in acts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return Counter(outcomes)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_twenty_threads_race_for_one_slot_on_postgres(theo: Any) -> None:
    profile = make_therapist(theo)
    clients = [make_user(f"client{n}@example.org") for n in range(CONTENDERS)]
    rounds = 5
    for round_number in range(rounds):
        start = slots_after(profile, days=2 + round_number, count=1)[0].start
        outcomes = _race([partial(book_slot, c, profile, start, "video") for c in clients])
        assert outcomes == {"won": 1, "taken": CONTENDERS - 1}, round_number
        assert Appointment.objects.filter(start=start, status="booked").count() == 1
    assert Appointment.objects.count() == rounds


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_moves_and_bookings_race_for_one_slot_on_postgres(theo: Any) -> None:
    # Half the contenders move an appointment they hold to the time, half book it fresh.  A
    # move that did not take the therapist's lock as bookings do waited on a booking's new
    # row in the exclusion constraint's check while that booking waited on the moved row:
    # PostgreSQL ends such a circle as a deadlock, an error instead of "just taken".
    profile = make_therapist(theo)
    half = CONTENDERS // 2
    movers = [make_user(f"mover{n}@example.org") for n in range(half)]
    bookers = [make_user(f"booker{n}@example.org") for n in range(half)]
    held = [
        book_slot(mover, profile, slot.start, "video")
        for mover, slot in zip(movers, slots_after(profile, days=10, count=half), strict=True)
    ]
    rounds = 5
    for round_number in range(rounds):
        start = slots_after(profile, days=2 + round_number, count=1)[0].start
        outcomes = _race(
            [partial(reschedule_appointment, a.client, a, start) for a in held]
            + [partial(book_slot, c, profile, start, "video") for c in bookers]
        )
        assert outcomes == {"won": 1, "taken": CONTENDERS - 1}, (round_number, outcomes)
        assert Appointment.objects.filter(start=start, status="booked").count() == 1
        # The mover that won now holds the new time.
        held = [Appointment.objects.get(pk=a.pk) for a in held]


def test_twenty_processes_race_for_one_slot_on_a_sqlite_file(tmp_path: Any) -> None:
    rounds = 3
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    finished = subprocess.run(
        [
            sys.executable,
            "-m",
            "tests.therapists.race",
            str(tmp_path),
            str(CONTENDERS),
            str(rounds),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    outcomes = json.loads(finished.stdout.strip().splitlines()[-1])
    assert len(outcomes) == CONTENDERS * rounds
    for round_number in range(rounds):
        this_round = Counter(outcome for r, outcome in outcomes if r == round_number)
        assert this_round == {"booked": 1, "taken": CONTENDERS - 1}, (round_number, this_round)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_twenty_threads_race_for_overlapping_series_on_postgres(theo: Any) -> None:
    profile = make_therapist(theo)
    clients = [make_user(f"client{n}@example.org") for n in range(CONTENDERS)]
    rounds = 3
    for round_number in range(rounds):
        start = slots_after(profile, days=2 + round_number, count=1)[0].start
        barrier = threading.Barrier(CONTENDERS)
        outcomes: list[tuple[int, str]] = []

        def contend(
            number: int, start: Any = start, barrier: Any = barrier, outcomes: Any = outcomes
        ) -> None:
            try:
                barrier.wait(timeout=60)
                outcomes.append(
                    (number, contend_once(clients[number], profile, start, number, series=True))
                )
            finally:
                connection.close()

        threads = [threading.Thread(target=contend, args=(n,)) for n in range(CONTENDERS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert Counter(o for _, o in outcomes) == {"booked": 1, "taken": CONTENDERS - 1}
        _assert_one_whole_series(round_number + 1)


def _assert_one_whole_series(series_count: int) -> None:
    """Every booked appointment belongs to a whole series of one client: never a mix."""
    booked = Appointment.objects.filter(status="booked")
    assert booked.values("series").distinct().count() == series_count
    for series_id in booked.values_list("series", flat=True).distinct():
        sessions = booked.filter(series=series_id)
        assert sessions.count() == SERIES_COUNT
        assert sessions.values("client").distinct().count() == 1
    assert booked.count() == SERIES_COUNT * series_count


def test_twenty_processes_race_for_overlapping_series_on_a_sqlite_file(tmp_path: Any) -> None:
    rounds = 2
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    command = [sys.executable, "-m", "tests.therapists.race", str(tmp_path)]
    finished = subprocess.run(
        [*command, str(CONTENDERS), str(rounds), "series"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    outcomes = json.loads(finished.stdout.strip().splitlines()[-1])
    for round_number in range(rounds):
        this_round = Counter(outcome for r, outcome in outcomes if r == round_number)
        assert this_round == {"booked": 1, "taken": CONTENDERS - 1}, (round_number, this_round)
    # The file is still there: look at what was booked.
    import sqlite3

    with sqlite3.connect(tmp_path / "race.sqlite3") as db:
        rows = db.execute(
            "SELECT series_id, COUNT(*), COUNT(DISTINCT client_id) FROM therapists_appointment "
            "WHERE status = 'booked' GROUP BY series_id"
        ).fetchall()
    assert len(rows) == rounds
    assert all(series_id and count == SERIES_COUNT and one == 1 for series_id, count, one in rows)

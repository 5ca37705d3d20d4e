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
from pathlib import Path
from typing import Any

import pytest
from django.db import connection

from tests.conftest import make_user
from tests.therapists.factories import make_therapist, slots_after
from twitchlog.therapists.models import Appointment
from twitchlog.therapists.services import SlotTaken, book_slot

CONTENDERS = 20
ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_twenty_threads_race_for_one_slot_on_postgres(theo: Any) -> None:
    profile = make_therapist(theo)
    clients = [make_user(f"client{n}@example.org") for n in range(CONTENDERS)]
    rounds = 5
    for round_number in range(rounds):
        start = slots_after(profile, days=2 + round_number, count=1)[0].start
        barrier = threading.Barrier(CONTENDERS)
        outcomes: list[str] = []

        def contend(
            client: Any, start: Any = start, barrier: Any = barrier, outcomes: Any = outcomes
        ) -> None:
            try:
                barrier.wait(timeout=60)
                book_slot(client, profile, start, "video")
                outcomes.append("booked")
            except SlotTaken:
                outcomes.append("taken")
            except Exception as error:
                outcomes.append(f"error: {type(error).__name__}: {error}")
            finally:
                connection.close()

        threads = [threading.Thread(target=contend, args=(c,)) for c in clients]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert Counter(outcomes) == {"booked": 1, "taken": CONTENDERS - 1}, round_number
        assert Appointment.objects.filter(start=start, status="booked").count() == 1
    assert Appointment.objects.count() == rounds


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

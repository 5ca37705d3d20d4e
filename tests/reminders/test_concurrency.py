"""Two `send_reminders` runs at once (two cron jobs, two machines) remind each person once.

On SQLite the runs are separate processes sharing a database file; on PostgreSQL, threads
with their own connections. Either way the one-a-day claim decides who sends.
"""

import datetime as dt
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
from django.utils import timezone

from tests.conftest import make_user
from twitchlog.reminders import services
from twitchlog.reminders.models import CheckinReminder

PEOPLE = 15
ROOT = Path(__file__).resolve().parents[2]


def test_two_runs_at_once_on_a_sqlite_file_remind_each_person_once(tmp_path: Any) -> None:
    rounds = 3
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    finished = subprocess.run(
        [sys.executable, "-m", "tests.reminders.race", str(tmp_path), str(PEOPLE), str(rounds)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    outcome = json.loads(finished.stdout.strip().splitlines()[-1])
    assert outcome["exit"] == [0, 0]
    per_day: Counter[int] = Counter()
    for day, _run, sent in outcome["sent"]:
        assert isinstance(sent, int), sent
        per_day[day] += sent
    assert per_day == dict.fromkeys(range(rounds), PEOPLE)
    assert outcome["claims"] == [[f"2026-12-0{1 + day}", PEOPLE] for day in range(rounds)]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_on_postgres_remind_each_person_once(
    monkeypatch: Any, mailoutbox: Any
) -> None:
    for number in range(PEOPLE):
        user = make_user(f"person{number}@example.org", time_zone="UTC")
        services.update_settings(user, enabled=True, at=dt.time(20))
    monkeypatch.setattr(timezone, "now", lambda: dt.datetime(2026, 12, 1, 20, 1, tzinfo=dt.UTC))
    barrier = threading.Barrier(2)
    counts: list[int] = []

    def run() -> None:
        try:
            barrier.wait(timeout=60)
            counts.append(services.send_due_checkin_reminders())
        finally:
            connection.close()

    runners = [threading.Thread(target=run) for _ in range(2)]
    for runner in runners:
        runner.start()
    for runner in runners:
        runner.join()
    assert sum(counts) == PEOPLE
    assert len(mailoutbox) == PEOPLE
    assert CheckinReminder.objects.count() == PEOPLE

"""``twitchlog backup`` and ``twitchlog restore``: a round trip gives back every row of every
table, and a restore never lands on a database that already holds accounts."""

import datetime as dt
import io
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from tests.diary.helpers import make_checkin, make_episode, make_factor, make_stress_event
from twitchlog.accounts.models import User
from twitchlog.assessments.instruments import INSTRUMENTS
from twitchlog.assessments.services import take_assessment
from twitchlog.core import audit
from twitchlog.diary.models import CustomValue

pytestmark = pytest.mark.django_db(transaction=True)


def everything() -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, in a stable order."""
    found = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names()):
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608
            found[table] = sorted(cursor.fetchall(), key=repr)
    return found


def some_diary() -> None:
    alice = User.objects.create_user(email="alice@example.org", password="long enough 123")
    bob = User.objects.create_user(email="bob@example.org", password="long enough 456")
    for person in (alice, bob):
        make_episode(person, notes="left calf after coffee")
        make_stress_event(person)
        checkin = make_checkin(person, dt.date(2026, 11, 20), sleep_hours=6.5, caffeine_mg=200)
        CustomValue.objects.create(checkin=checkin, factor=make_factor(person), value=3)
        take_assessment(person, INSTRUMENTS["gad7"], [1, 2, 0, 1, 2, 3, 1])
    audit.log(alice, "test.marker")


def run(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def flush() -> None:
    call_command("flush", "--no-input", verbosity=0)


def round_trip(tmp_path: Path) -> None:
    some_diary()
    before = everything()
    assert before["diary_episode"] and before["accounts_user"]
    file = tmp_path / "twitchlog.backup"
    assert "Backed up" in run("backup", str(file))
    flush()
    assert everything() != before
    assert "Restored" in run("restore", str(file))
    assert everything() == before


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's online backup")
def test_a_sqlite_round_trip_gives_back_every_row(tmp_path: Path) -> None:
    round_trip(tmp_path)


@pytest.mark.postgres
def test_a_postgresql_round_trip_gives_back_every_row(tmp_path: Path) -> None:
    round_trip(tmp_path)


def test_a_restore_refuses_a_database_with_accounts(tmp_path: Path) -> None:
    some_diary()
    file = tmp_path / "twitchlog.backup"
    run("backup", str(file))
    before = everything()
    with pytest.raises(CommandError, match="already holds accounts"):
        run("restore", str(file))
    assert everything() == before


def test_a_file_that_is_not_a_backup_is_refused(tmp_path: Path) -> None:
    file = tmp_path / "notes.txt"
    file.write_text("date,sleep_hours\n")
    with pytest.raises(CommandError, match="not a Twitchlog backup"):
        run("restore", str(file))
    with pytest.raises(CommandError, match="There is no file"):
        run("restore", str(tmp_path / "missing"))

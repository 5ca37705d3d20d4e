"""A big import writes in a few bulk statements, all or nothing.

Before: each day was a save and each custom value a get_or_create, so a 5,000-row file with
10 new columns ran over 100,000 statements and held SQLite's write lock for 24 s, while
another person's write failed after the 20 s busy timeout.
"""

import datetime as dt
from typing import Any

import pytest
from django.db import DatabaseError, connection
from django.test.utils import CaptureQueriesContext

from tests.diary.helpers import make_checkin, make_factor
from twitchlog.diary import services, transfer
from twitchlog.diary.csvfile import read_daily
from twitchlog.diary.models import CheckIn, CustomFactor, CustomValue

FIRST = dt.date(2020, 1, 1)


def big_file(days: int) -> str:
    lines = ["date,sleep_hours,caffeine_mg,screen_time,walk_km,cold_shower"]
    for i in range(days):
        day = FIRST + dt.timedelta(days=i)
        walk = "" if i % 3 == 0 else f"{i % 7}.5"
        lines.append(f"{day},{6 + i % 3},{i % 400},{i % 9},{walk},{i % 2}")
    return "\n".join(lines) + "\n"


def test_a_big_import_is_a_few_bulk_statements(alice: Any) -> None:
    screen = make_factor(alice, "Screen time")
    old = make_checkin(alice, FIRST, sleep_hours=9, stress_level=4)
    services.save_checkin(alice, FIRST + dt.timedelta(days=3), {"caffeine_mg": 80}, {screen: 2})
    services.save_checkin(alice, FIRST + dt.timedelta(days=6), {}, {screen: 5})
    table = transfer.read_for(alice, big_file(1200))
    with CaptureQueriesContext(connection) as queries:
        result = transfer.import_daily(alice, table)
    # 1,200 days and about 4,000 values; before, over 5,000 statements. (SQLite takes at most
    # 999 parameters a statement, so Django sends new check-ins about 35 at a time.)
    assert len(queries) < 100
    assert (result.days, result.created) == (1200, 1197)
    assert result.new_factors == ["walk_km", "cold_shower"]
    assert CheckIn.objects.filter(user=alice).count() == 1200
    old.refresh_from_db()
    assert (old.sleep_hours, old.stress_level, old.caffeine_mg) == (6, 4, 0)
    assert CustomFactor.objects.get(column="cold_shower").kind == "binary"
    values = {
        (v.checkin.local_date, v.factor.column): v.value
        for v in CustomValue.objects.select_related("checkin", "factor")
    }
    assert values[(FIRST + dt.timedelta(days=3), "screen_time")] == 3
    assert values[(FIRST + dt.timedelta(days=6), "screen_time")] == 6
    assert (FIRST + dt.timedelta(days=6), "walk_km") not in values  # an empty cell
    assert values[(FIRST + dt.timedelta(days=7), "walk_km")] == 0.5
    assert len(values) == 1200 * 2 + 800
    assert transfer.export_daily(alice).count("\n") == 1201


def test_an_empty_cell_clears_a_stored_value(alice: Any) -> None:
    screen = make_factor(alice, "Screen time")
    services.save_checkin(alice, FIRST, {}, {screen: 2})
    table = read_daily("date,screen_time\n2020-01-01,\n", {"screen_time": "numeric"})
    transfer.import_daily(alice, table)
    assert not CustomValue.objects.exists()


def test_a_failing_import_stores_nothing(alice: Any, monkeypatch: Any) -> None:
    table = transfer.read_for(alice, big_file(600))
    # The custom values are the last thing written: make the database refuse them.
    broken = ("INSERT INTO no_such_table VALUES (%s, %s, %s)", "UPDATE no_such_table SET x = 1")
    monkeypatch.setattr(transfer, "_value_statements", lambda: broken)
    with pytest.raises(DatabaseError):
        transfer.import_daily(alice, table)
    assert not CheckIn.objects.exists() and not CustomFactor.objects.exists()

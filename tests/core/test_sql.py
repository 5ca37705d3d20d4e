"""Written-out queries read into models (core/sql.py) give what the ORM gives: every field
with the database's conversions (UUIDs, JSON, yes/no, dates and times), extra columns as
attributes, on SQLite and PostgreSQL."""

import datetime as dt
import uuid
from typing import Any

import pytest
from django.db import connection
from django.db.models import Model

from twitchlog.core import sql
from twitchlog.diary.models import CheckIn, Episode


def select_all(model: type[Model], extra: str = "") -> str:
    q = connection.ops.quote_name
    table = q(model._meta.db_table)
    return f"SELECT {extra}t.* FROM {table} t WHERE t.{q('user_id')} = %s ORDER BY t.{q('id')}"  # noqa: S608


def fields(instance: Model) -> dict[str, Any]:
    return {f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields}


def test_a_check_in_reads_as_the_orm_reads_it(alice: Any) -> None:
    made = CheckIn.objects.create(
        user=alice,
        client_id=uuid.uuid4(),
        local_date=dt.date(2026, 11, 29),
        sleep_hours=6.5,
        caffeine_drinks={"coffee": 2},
        nicotine=False,
        recreational_drugs=None,
        stress_level=7,
    )
    (found,) = sql.instances(CheckIn, select_all(CheckIn), [alice.pk])
    assert fields(found) == fields(CheckIn.objects.get(pk=made.pk))
    assert isinstance(found.client_id, uuid.UUID)
    assert found.caffeine_drinks == {"coffee": 2}
    assert found.nicotine is False and found.recreational_drugs is None
    assert found.local_date == dt.date(2026, 11, 29)
    assert found._state.adding is False and found._state.db == "default"


def test_twitches_read_in_order_with_an_extra_column(alice: Any, charlie: Any) -> None:
    for region in ("calf", "eyelid"):
        Episode.objects.create(
            user=alice, occurred_at=dt.datetime(2026, 11, 30, 9, tzinfo=dt.UTC),
            local_date=dt.date(2026, 11, 30), time_zone="Europe/London",
            region=region, side="left", sensation="twitch",
        )  # fmt: skip
    q = connection.ops.quote_name
    query = select_all(Episode, extra=f"(t.{q('region')} = 'calf') AS in_calf, ")
    found = sql.instances(Episode, query, [alice.pk])
    expected = list(Episode.objects.filter(user=alice).order_by("id"))
    assert [fields(f) for f in found] == [fields(e) for e in expected]
    assert [bool(getattr(f, "in_calf")) for f in found] == [True, False]  # noqa: B009
    assert found[0].occurred_at == dt.datetime(2026, 11, 30, 9, tzinfo=dt.UTC)
    assert sql.instances(Episode, query, [charlie.pk]) == []


def test_a_query_that_leaves_out_a_field_is_refused(alice: Any) -> None:
    q = connection.ops.quote_name
    query = f"SELECT {q('id')} FROM {q(CheckIn._meta.db_table)}"  # noqa: S608
    with pytest.raises(ValueError, match="leaves out CheckIn's"):
        sql.instances(CheckIn, query, [])

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


def test_a_plan_made_before_the_table_changed_is_made_again(alice: Any) -> None:
    """A migration can move a table's columns while a process runs (SQLite remakes a table
    to alter a column, which puts it last): the plan is checked against the columns the
    query returned, not trusted."""
    CheckIn.objects.create(user=alice, local_date=dt.date(2026, 11, 29), sleep_hours=6.5)
    query = f"SELECT {sql.columns(CheckIn)} FROM {CheckIn._meta.db_table} WHERE user_id = %s"  # noqa: S608
    sql.instances(CheckIn, query, [alice.pk])
    key = ("default", CheckIn, query)
    stale = sql._plans[key]
    # As if the columns had been in the reverse order when the plan was made.
    sql._plans[key] = sql._Plan(
        stale.columns[::-1], stale.names, stale.positions[::-1], (), stale.converters
    )
    (found,) = sql.instances(CheckIn, query, [alice.pk])
    assert (found.sleep_hours, found.local_date) == (6.5, dt.date(2026, 11, 29))
    assert sql._plans[key] == stale


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_prepared_read_survives_a_column_added_meanwhile() -> None:
    """PostgreSQL prepares a query run five times on a connection (settings); a query that
    names its columns still answers after a migration in another process adds one, where
    ``SELECT *`` was refused ("cached plan must not change result type") on every such
    connection until the app restarted."""
    from django.db import connections

    from tests.conftest import make_user
    from twitchlog.accounts.backends import AccountBackend

    alice = make_user("alice@example.org")
    backend = AccountBackend()
    for _ in range(7):
        assert backend.get_user(alice.pk) == alice
    migration = connections.create_connection("default")  # another process's connection
    try:
        with migration.cursor() as cursor:
            cursor.execute("ALTER TABLE accounts_user ADD COLUMN added_by_a_migration integer")
        assert backend.get_user(alice.pk) == alice
    finally:
        with migration.cursor() as cursor:
            cursor.execute("ALTER TABLE accounts_user DROP COLUMN added_by_a_migration")
        migration.close()

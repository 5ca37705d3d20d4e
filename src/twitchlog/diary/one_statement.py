"""A new twitch or stress moment, its diary version and its audit entry in one statement.

Logging a twitch is the busiest write. Through the ORM it is five round trips to the
database: BEGIN, the insert, the version's update, the audit entry, COMMIT; on a server each
costs about as much as the work it carries (docs/performance.md). PostgreSQL takes all three
writes in one statement (data-modifying ``WITH`` queries), which is a transaction of its own:
one round trip, all or nothing, the same rows. A repeated ``client_id`` fails the whole
statement on the unique constraint, as the ORM's insert did, and nothing of it is kept.

Django's ``post_save`` is not sent for the entry. Its one receiver for these models is the
diary version's (versions.py), whose update the statement makes and whose bookkeeping in this
process :func:`versions.noted` does; a new receiver for them must be added here too. Other
databases (SQLite, one process) keep the ORM's way.
"""

from functools import cache
from typing import Any

from django.db import connection
from django.db.models import Model

from twitchlog.core import audit
from twitchlog.diary import versions


def available() -> bool:
    """On PostgreSQL, outside a transaction: there the statement is a transaction of its own.
    Inside one (a test's, an import's), the ORM's way keeps the caller's savepoints."""
    return connection.vendor == "postgresql" and not connection.in_atomic_block


def _fields(model: type[Model]) -> list[Any]:
    # As Django's insert picks them: every local column but the auto-increment id.
    meta = model._meta
    return [f for f in meta.local_concrete_fields if f is not meta.auto_field]


@cache
def _sql(model: type[Model]) -> str:
    fields = _fields(model)
    q = connection.ops.quote_name
    columns = ", ".join(q(str(field.column)) for field in fields)
    marks = ", ".join(["%s"] * len(fields))
    table = q(model._meta.db_table)
    # Only tables' and columns' names go into the text; every value is a parameter. The
    # final SELECT reads `new` first, so the entry is inserted before the version's row is
    # locked, the order the ORM's way takes too (two writers never wait on each other crosswise).
    return (
        f"WITH new AS (INSERT INTO {table} ({columns}) VALUES ({marks}) RETURNING {q('id')}),"  # noqa: S608
        f" version AS ({versions.move_on_sql()}),"
        f" entry AS ({audit.insert_for_new_row_sql('new')})"
        f" SELECT {q('id')} FROM new"
    )


def insert(entry: Model, user_id: int, action: str) -> None:
    """Store ``entry`` (new, with its ``user``), move its owner's version on and audit it as
    ``action``: what ``entry.save()``, its post_save and ``audit.log`` do, in one statement."""
    model = type(entry)
    # Each value made ready for the database as the ORM does (auto_now times are set here).
    values = [f.get_db_prep_save(f.pre_save(entry, add=True), connection) for f in _fields(model)]
    params = [*values, user_id, *audit.for_new_row(entry.user, action, model)]  # type: ignore[attr-defined]
    with connection.cursor() as cursor:
        cursor.execute(_sql(model), params)
        entry.pk = cursor.fetchone()[0]
    entry._state.adding = False
    entry._state.db = connection.alias
    versions.noted(user_id)

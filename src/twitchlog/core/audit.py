"""The one way state changes are recorded. Every service function that changes data calls it."""

from functools import cache
from typing import Any

from django.db import connection, models
from django.utils import timezone

from twitchlog.core.models import AuditEntry


def _columns() -> tuple[str, str]:
    q = connection.ops.quote_name
    # The entry's id last: a statement that makes the row gives it (insert_for_new_row_sql).
    names = ("at", "actor", "action", "object_type", "details", "object_id")
    fields = {field.name: field for field in AuditEntry._meta.concrete_fields}
    columns = ", ".join(q(str(fields[name].column)) for name in names)
    return q(AuditEntry._meta.db_table), columns


@cache
def _insert_sql() -> str:
    table, columns = _columns()
    # Only the table's and columns' names go into the text; the values are parameters.
    return f"INSERT INTO {table} ({columns}) VALUES (%s, %s, %s, %s, %s, %s)"  # noqa: S608


def insert_for_new_row_sql(source: str) -> str:
    """An audit entry's INSERT for a row that a statement is making: the entry's id comes from
    the ``id`` column of ``source`` (a ``WITH`` query's name, PostgreSQL), the other values are
    the parameters of :func:`for_new_row`. For diary/one_statement.py."""
    table, columns = _columns()
    object_id = f"CAST({source}.{connection.ops.quote_name('id')} AS varchar)"
    return f"INSERT INTO {table} ({columns}) SELECT %s, %s, %s, %s, %s, {object_id} FROM {source}"  # noqa: S608


def _values(actor: Any, action: str, object_type: str, details: dict[str, Any]) -> list[Any]:
    """Every value of an entry but the object's id, in _columns' order."""
    ops = connection.ops
    return [
        ops.adapt_datetimefield_value(timezone.now()),
        actor.pk if getattr(actor, "pk", None) else None,
        action,
        object_type,
        ops.adapt_json_value(details, None),
    ]


def for_new_row(actor: Any, action: str, model: type[models.Model], **details: Any) -> list[Any]:
    """The parameters of :func:`insert_for_new_row_sql`, as :func:`log` would store them."""
    return _values(actor, action, model._meta.label_lower, details)


def log(actor: Any, action: str, obj: models.Model | None = None, **details: Any) -> None:
    """Record that ``actor`` did ``action`` to ``obj``.

    ``details`` must never carry health data: ids, field names and counts only.

    Every write makes one, so the insert is written out: it is ``AuditEntry.objects.create(
    actor=..., action=..., object_type=..., object_id=..., details=...)``, whose building in
    the ORM cost more than running it (bench/hot_paths.py). It runs in the caller's
    transaction, as the ORM's would.
    """
    object_type = obj._meta.label_lower if obj is not None else ""
    object_id = str(obj.pk) if obj is not None and obj.pk is not None else ""
    with connection.cursor() as cursor:
        cursor.execute(_insert_sql(), [*_values(actor, action, object_type, details), object_id])

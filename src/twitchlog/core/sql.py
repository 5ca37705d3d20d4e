"""Model instances from a written-out SELECT, for the few queries made on every request.

The session, the signed-in person, an API token, the diary version and home's panels are read
on every request (bench/hot_paths.py). Their queries are written out, since building them in
the ORM cost more than running them; ``Model.objects.raw()`` then still spent about as long
again working out, for every query, which column goes to which field and how each value is
converted (0.17 ms against 0.09 ms for the query itself, on PostgreSQL). :func:`instances`
works that out once per query text and builds the instances as the ORM does
(``Model.from_db``, with the database's converters), so a model read this way is the same as
one read by the ORM. Each query selects every column of the model by name (:func:`columns`),
never ``*``: PostgreSQL keeps the plan of a prepared query, and a ``*`` whose meaning changed
when a migration added a column would be refused ("cached plan must not change result type")
on every connection that had prepared it. Further columns become attributes of each
instance, as with ``raw()``.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from django.db import connections
from django.db.models import Model

M = TypeVar("M", bound=Model)
N = TypeVar("N", bound=Model)

Converter = Callable[[Any, Any, Any], Any]


def columns(model: type[Model], alias: str = "") -> str:
    """The model's columns by name, for a written-out SELECT: ``t."id", t."email", ...``."""
    q = connections["default"].ops.quote_name
    prefix = f"{alias}." if alias else ""
    return ", ".join(f"{prefix}{q(str(f.column))}" for f in model._meta.concrete_fields)


@dataclass(frozen=True)
class _Plan:
    """How one query's rows become instances of its model."""

    columns: tuple[str, ...]  # the query's columns when the plan was made
    names: list[str]  # the model's concrete fields' attribute names, in the model's order
    positions: tuple[int, ...]  # where in the row each of them is
    extras: tuple[tuple[str, int], ...]  # other columns: (attribute, position)
    converters: tuple[tuple[int, tuple[Converter, ...], Any], ...]  # (position, chain, column)


# (database alias, model, query text) -> its plan: as many as there are written-out queries.
_plans: dict[tuple[Any, ...], _Plan] = {}


def _plan(model: type[Model], columns: tuple[str, ...], connection: Any) -> _Plan:
    fields = model._meta.concrete_fields
    missing = [str(f.column) for f in fields if f.column not in columns]
    if missing:
        raise ValueError(f"the query leaves out {model.__name__}'s {', '.join(missing)}")
    positions = tuple(columns.index(str(f.column)) for f in fields)
    known = {f.column for f in fields}
    extras = tuple((name, i) for i, name in enumerate(columns) if name not in known)
    converters = []
    for field, position in zip(fields, positions, strict=True):
        # As the ORM's compiler picks them (SQLCompiler.get_converters).
        column = field.get_col(model._meta.db_table)
        chain = connection.ops.get_db_converters(column) + column.get_db_converters(connection)
        if chain:
            converters.append((position, tuple(chain), column))
    return _Plan(columns, [f.attname for f in fields], positions, extras, tuple(converters))


def _planned(
    key: tuple[Any, ...], model: type[Model], names: tuple[str, ...], connection: Any
) -> _Plan:
    plan = _plans.get(key)
    if plan is None or plan.columns != names:  # new, or the table changed meanwhile
        plan = _plans[key] = _plan(model, names, connection)
    return plan


def _made(model: type[M], plan: _Plan, row: Sequence[Any], using: str, connection: Any) -> M:
    values = list(row)
    for position, chain, column in plan.converters:
        for convert in chain:
            values[position] = convert(values[position], column, connection)
    instance = model.from_db(using, plan.names, [values[i] for i in plan.positions])
    for name, position in plan.extras:
        setattr(instance, name, values[position])
    return instance


def instances(model: type[M], sql: str, params: Sequence[Any], using: str = "default") -> list[M]:
    """The rows of ``sql`` as instances of ``model``, as ``model.objects.raw(sql, params)``
    gives them."""
    connection = connections[using]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
        names = tuple(column[0] for column in cursor.description)
    plan = _planned((using, model, sql), model, names, connection)
    return [_made(model, plan, row, using, connection) for row in rows]


def pairs(
    first: type[M], second: type[N], sql: str, params: Sequence[Any], using: str = "default"
) -> list[tuple[M, N]]:
    """The rows of ``sql`` as an instance of ``first`` and one of ``second``: the query
    selects ``columns(first, ...)`` and then ``columns(second, ...)``, nothing else."""
    connection = connections[using]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
        names = tuple(column[0] for column in cursor.description)
    n = len(first._meta.concrete_fields)
    one = _planned((using, first, sql, 1), first, names[:n], connection)
    two = _planned((using, second, sql, 2), second, names[n:], connection)
    return [
        (
            _made(first, one, row[:n], using, connection),
            _made(second, two, row[n:], using, connection),
        )
        for row in rows
    ]

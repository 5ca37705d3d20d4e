"""A PostgreSQL exclusion constraint that is simply absent on other databases.

Django's ``ExclusionConstraint`` writes ``EXCLUDE USING gist`` whatever the database, which
SQLite cannot parse, and its ``validate()`` queries with PostgreSQL operators. On SQLite the
same guarantee comes from the booking service instead: SQLite runs one write transaction at a
time (the settings open every transaction with ``BEGIN IMMEDIATE``), and the service checks for
an overlap inside that transaction before it writes.
"""

from typing import Any

from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.operations import BtreeGistExtension
from django.db import DEFAULT_DB_ALIAS, connections


class PostgresExclusionConstraint(ExclusionConstraint):
    def _applies(self, schema_editor: Any) -> bool:
        return bool(schema_editor.connection.vendor == "postgresql")

    def constraint_sql(self, model: Any, schema_editor: Any) -> Any:
        if not self._applies(schema_editor):
            return None
        return super().constraint_sql(model, schema_editor)

    def create_sql(self, model: Any, schema_editor: Any) -> Any:
        return super().create_sql(model, schema_editor) if self._applies(schema_editor) else None

    def remove_sql(self, model: Any, schema_editor: Any) -> Any:
        return super().remove_sql(model, schema_editor) if self._applies(schema_editor) else None

    def validate(
        self, model: Any, instance: Any, exclude: Any = None, using: str = DEFAULT_DB_ALIAS
    ) -> None:
        if connections[using].vendor == "postgresql":
            super().validate(model, instance, exclude=exclude, using=using)


class BtreeGistExtensionKept(BtreeGistExtension):
    """Create ``btree_gist`` on PostgreSQL; leave it in place when migrating back.

    Django's operation drops the extension on the way back, and on SQLite it then queries
    ``pg_extension``. Other tables may use the extension, and keeping it costs nothing.
    """

    def database_backwards(
        self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any
    ) -> None:
        return None

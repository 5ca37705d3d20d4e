"""A consistent copy of the whole database while the app serves, and bringing it back.

- SQLite: SQLite's online backup API copies the database page by page in one consistent
  snapshot, so writers carry on (WAL) and the copy is a plain SQLite file.
- PostgreSQL: ``pg_dump`` in its custom format (one consistent snapshot, taken without locking
  out writers), restored with ``pg_restore``.

Restoring goes only into an empty database (no tables of ours yet, or tables without a single
account), so a restore can never mix two diaries or overwrite one by mistake.
"""

import os
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_MAGIC = b"PGDMP"


class BackupError(Exception):
    """Why a backup or restore could not be done, in plain words."""


def _database() -> dict[str, Any]:
    return dict(settings.DATABASES["default"])


def is_sqlite() -> bool:
    return bool(_database()["ENGINE"].endswith("sqlite3"))


def _pg_env() -> dict[str, str]:
    db = _database()
    env = dict(os.environ)
    env.update(
        {
            "PGHOST": str(db.get("HOST") or ""),
            "PGPORT": str(db.get("PORT") or ""),
            "PGUSER": str(db.get("USER") or ""),
            "PGPASSWORD": str(db.get("PASSWORD") or ""),
            "PGDATABASE": str(db["NAME"]),
        }
    )
    return {k: v for k, v in env.items() if v != ""}


def _run(command: list[str]) -> None:
    try:
        # The command is one of ours (pg_dump or pg_restore) with paths and settings as arguments.
        done = subprocess.run(  # noqa: S603
            command, env=_pg_env(), capture_output=True, text=True, check=False
        )
    except FileNotFoundError:
        raise BackupError(
            f"{command[0]} is not installed; it comes with PostgreSQL's client tools."
        ) from None
    if done.returncode != 0:
        raise BackupError(done.stderr.strip() or f"{command[0]} failed")


def backup(target: Path) -> None:
    """Write a consistent copy of the database to ``target`` (replacing it)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    if is_sqlite():
        connection.ensure_connection()
        source = connection.connection
        copy = sqlite3.connect(partial)
        try:
            # Pages in steps, so a large diary never holds the database for long at a time.
            source.backup(copy, pages=1024)
        finally:
            copy.close()
    else:
        _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", "-f", str(partial)])
    partial.replace(target)


def _kind(path: Path) -> str:
    with path.open("rb") as f:
        head = f.read(16)
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    if head.startswith(PG_MAGIC):
        return "postgresql"
    raise BackupError(f"{path} is not a Twitchlog backup (neither SQLite nor pg_dump's format).")


def _is_empty() -> bool:
    tables = set(connection.introspection.table_names())
    if "accounts_user" not in tables:
        return True
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM accounts_user")
        (accounts,) = cursor.fetchone()
    return bool(accounts == 0)


def restore(source: Path) -> None:
    """Bring the backup at ``source`` into this (empty) database."""
    kind = _kind(source)
    here = "sqlite" if is_sqlite() else "postgresql"
    if kind != here:
        raise BackupError(
            f"That backup is of a {kind} database and this app runs on {here}; restore it where "
            "it was made, or move the data with twitchlog export and import."
        )
    if not _is_empty():
        raise BackupError(
            "This database already holds accounts. Restore only into an empty database: point "
            "TWITCHLOG_DATA_DIR or DATABASE_URL at a new one first."
        )
    if kind == "sqlite":
        connection.ensure_connection()
        backup_copy = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            check = backup_copy.execute("PRAGMA integrity_check").fetchone()
            if check != ("ok",):
                raise BackupError(f"The backup file is damaged ({check[0]}); nothing was restored.")
            backup_copy.backup(connection.connection)
        finally:
            backup_copy.close()
        connection.close()  # the next query reads the restored file afresh
    else:
        _run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges",
              "--single-transaction", "-d", _pg_env()["PGDATABASE"], str(source)])  # fmt: skip

"""Sessions in the database, as Django's ``db`` engine keeps them, read with a written-out query.

Every signed-in page and form reads its session first. Django's engine looks it up with
``Session.objects.get(session_key=..., expire_date__gt=now)``, whose building in the ORM took
longer than the query (bench/hot_paths.py); this engine runs the same lookup written out. The
table, the stored data and everything else (saving, expiry, ``clearsessions``) are Django's,
so sessions made by either engine work with the other.
"""

from functools import cache
from typing import Any

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY
from django.contrib.sessions.backends import db
from django.contrib.sessions.models import Session
from django.db import connection
from django.utils import timezone

from twitchlog.core import sql

DJANGOS = "django.contrib.auth.backends.ModelBackend"
OURS = "twitchlog.accounts.backends.AccountBackend"  # named, not imported: the core imports no app


@cache
def _lookup_sql() -> str:
    q = connection.ops.quote_name
    table, key, expires = q(Session._meta.db_table), q("session_key"), q("expire_date")
    # Only the table's and columns' names go into the text; the values are parameters.
    return f"SELECT {sql.columns(Session)} FROM {table} WHERE {key} = %s AND {expires} > %s"  # noqa: S608


class SessionStore(db.SessionStore):
    def decode(self, session_data: bytes | str) -> dict[str, Any]:
        data: dict[str, Any] = super().decode(session_data)
        # Sessions from before the written-out backend (accounts/backends.py, Django's model
        # backend with its own read) name Django's; they are read as that one, so nobody was
        # signed out by the change.
        if data.get(BACKEND_SESSION_KEY) == DJANGOS and OURS in settings.AUTHENTICATION_BACKENDS:
            data[BACKEND_SESSION_KEY] = OURS
        return data

    def _get_session_from_db(self) -> Any:
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        found = sql.instances(Session, _lookup_sql(), [self.session_key, now])
        if not found:
            self._session_key = None
            return None
        return found[0]

"""Sessions in the database, as Django's ``db`` engine keeps them, read with a written-out query.

Every signed-in page and form reads its session first. Django's engine looks it up with
``Session.objects.get(session_key=..., expire_date__gt=now)``, whose building in the ORM took
longer than the query (bench/hot_paths.py); this engine runs the same lookup written out. The
table, the stored data and everything else (saving, expiry, ``clearsessions``) are Django's,
so sessions made by either engine work with the other.
"""

import threading
from collections import OrderedDict
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.sessions.backends import db
from django.contrib.sessions.models import Session
from django.core.signals import request_finished, request_started
from django.db import connection
from django.dispatch import receiver
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


# Whose each session is, as this process last read it. A key stays with one account for its
# life (Django makes a new key at every login and empties the session at logout), so the next
# read of the session can bring the account's row in the same query; the row is current (it
# is read with the session), and it is used only if the session, once read, names the same
# account. A few megabytes at most.
ACCOUNTS_KEPT = 20_000
_account_of: OrderedDict[str, int] = OrderedDict()
_account_lock = threading.Lock()


@dataclass
class _ReadWith:
    """What came with this request's session: its account's row (given once) and the values
    apps asked for (forgotten when a write moves them on)."""

    account_id: int
    row: Any | None
    values: dict[str, Any]


_read_with: ContextVar[_ReadWith | None] = ContextVar("read_with_session", default=None)
# Values apps read with the session and its account, once per request: name -> a function
# giving the SQL of a scalar subquery over the account's row ``a`` (the diary's version, read
# by most signed-in pages). Registered in AppConfig.ready(), before any request.
_alongside: dict[str, Callable[[], str]] = {}


def read_with_account(name: str, subquery: Callable[[], str]) -> None:
    """Read ``subquery()`` (SQL over the account's row ``a``) in the session's query."""
    _alongside[name] = subquery
    _with_account_sql.cache_clear()


def _for(user_id: Any) -> _ReadWith | None:
    found = _read_with.get()
    return found if found is not None and str(found.account_id) == str(user_id) else None


def alongside(name: str, user_id: int) -> tuple[bool, Any]:
    """(True, value) if ``name`` was read with this request's session for ``user_id``'s
    account and is not forgotten since; else (False, None)."""
    found = _for(user_id)
    if found is None or name not in found.values:
        return False, None
    return True, found.values[name]


def forget_alongside(user_id: int) -> None:
    """Forget what was read with the session for this account (a write moved it on)."""
    found = _for(user_id)
    if found is not None:
        found.values.clear()


def read_with_session(user_id: Any) -> Any | None:
    """The account row read in the same query as this request's session, if the account is
    ``user_id``'s (accounts/backends.py asks before reading it on its own). Given once: a
    second question in the request reads the row again."""
    found = _for(user_id)
    if found is None:
        return None
    row, found.row = found.row, None
    return row


@receiver(request_started, dispatch_uid="sessions-forget-account-read-with-start")
@receiver(request_finished, dispatch_uid="sessions-forget-account-read-with")
def _forget_read_with(**kwargs: Any) -> None:
    _read_with.set(None)


@cache
def _with_account_sql() -> str:
    q = connection.ops.quote_name
    account = get_user_model()
    sessions, accounts = q(Session._meta.db_table), q(account._meta.db_table)
    key, expires = q("session_key"), q("expire_date")
    both = f"{sql.columns(Session, 's')}, {sql.columns(account, 'a')}"
    for name, subquery in _alongside.items():
        both += f", ({subquery()}) AS {q('alongside_' + name)}"
    # Only the tables' and columns' names go into the text; the values are parameters.
    return (
        f"SELECT {both} FROM {sessions} s JOIN {accounts} a ON a.{q('id')} = %s"  # noqa: S608
        f" WHERE s.{key} = %s AND s.{expires} > %s"
    )


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
        _read_with.set(None)
        account_id = _account_of.get(self.session_key or "")
        if account_id is not None:
            both = sql.pairs(
                Session, get_user_model(), _with_account_sql(), [account_id, self.session_key, now]
            )
            if both:
                session, account = both[0]
                # The values read alongside came as extra columns on the account's row.
                values = {
                    name: account.__dict__.pop("alongside_" + name)
                    for name in _alongside
                    if "alongside_" + name in account.__dict__
                }
                _read_with.set(_ReadWith(account_id, account, values))
                return session
            with _account_lock:  # gone, expired or signed out: read the plain way from now on
                _account_of.pop(self.session_key or "", None)
        found = sql.instances(Session, _lookup_sql(), [self.session_key, now])
        if not found:
            self._session_key = None
            return None
        return found[0]

    def load(self) -> dict[str, Any]:
        data: dict[str, Any] = super().load()
        account_id = data.get(SESSION_KEY)
        if account_id is not None and self.session_key:
            with _account_lock:
                _account_of[self.session_key] = int(account_id)
                _account_of.move_to_end(self.session_key)
                while len(_account_of) > ACCOUNTS_KEPT:
                    _account_of.popitem(last=False)
        return data

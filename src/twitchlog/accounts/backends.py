"""Django's model backend, with the signed-in person read by a written-out query.

Every signed-in page reads its person once (``request.user``); Django's backend does it with
``User.objects.get(pk=...)``, whose building in the ORM took longer than running it
(bench/hot_paths.py). Logging in, passwords and permissions are Django's own.
"""

from functools import cache
from typing import Any, cast

from django.contrib.auth.backends import ModelBackend
from django.db import connection

from twitchlog.accounts.models import User
from twitchlog.core import sql
from twitchlog.core.sessions import read_with_session


@cache
def _user_sql() -> str:
    q = connection.ops.quote_name
    # Only the table's and column's names go into the text; the id is a parameter.
    table = q(User._meta.db_table)
    return f"SELECT {sql.columns(User)} FROM {table} WHERE {q('id')} = %s"  # noqa: S608


class AccountBackend(ModelBackend):
    def get_user(self, user_id: Any) -> User | None:
        """The same as Django's: the account with this id if it may sign in, else None."""
        # Read in the same query as the session when this process has seen the session
        # before (core/sessions.py): one round trip fewer on every signed-in page.
        user = read_with_session(user_id)
        if user is None:
            found = sql.instances(User, _user_sql(), [user_id])
            user = found[0] if found else None
        if user is None or not self.user_can_authenticate(user):
            return None
        return cast(User, user)

"""The session engine (core/sessions.py) reads Django's database sessions with a written-out
query: the same sessions, the same expiry."""

import datetime as dt
from typing import Any

from django.contrib.sessions.backends.db import SessionStore as DjangoStore
from django.contrib.sessions.models import Session
from django.utils import timezone

from twitchlog.core import sessions
from twitchlog.core.sessions import SessionStore


def test_a_session_saved_by_djangos_engine_reads_the_same(db: Any) -> None:
    theirs = DjangoStore()
    theirs["answer"] = 42
    theirs.create()
    assert SessionStore(theirs.session_key).load() == {"answer": 42}


def test_an_expired_or_unknown_session_reads_as_empty(db: Any) -> None:
    ours = SessionStore()
    ours["answer"] = 42
    ours.create()
    key = ours.session_key
    assert SessionStore(key).load() == {"answer": 42}
    Session.objects.filter(pk=key).update(expire_date=timezone.now() - dt.timedelta(seconds=1))
    expired = SessionStore(key)
    assert expired.load() == {}
    assert expired.session_key is None  # a new key is made on the next save, as in Django
    assert SessionStore("no-such-session-key-at-all-here0").load() == {}


def test_a_session_signed_in_through_djangos_backend_stays_signed_in(
    client: Any, alice: Any
) -> None:
    """Sessions made before the written-out backend (accounts/backends.py) name Django's
    model backend; they are read as ours, so nobody is signed out by the change."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    theirs = DjangoStore()
    theirs[SESSION_KEY] = str(alice.pk)
    theirs[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    theirs[HASH_SESSION_KEY] = alice.get_session_auth_hash()
    theirs.create()
    client.cookies["sessionid"] = theirs.session_key
    response = client.get("/home/")
    assert response.status_code == 200
    assert response.context["user"] == alice


def test_the_account_comes_with_the_session_once_the_process_has_seen_it(
    alice_client: Any, alice: Any
) -> None:
    """A session's account is read in the same query as the session from the second page on
    (core/sessions.py): one query fewer, and still the account as it is now."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    alice_client.get("/privacy/")  # the process learns whose session it is
    with CaptureQueriesContext(connection) as queries:
        assert alice_client.get("/home/").context["user"] == alice
    sql = [q["sql"] for q in queries]
    assert sum("django_session" in q for q in sql) == 1
    assert not any(q.startswith('SELECT "id", "password"') for q in sql)  # no second read
    assert not any("diary_diaryversion" in q for q in sql[1:])  # the version came with it
    alice.display_name = "Zed"
    alice.save()
    assert "Hello, Zed" in alice_client.get("/home/").content.decode()
    alice.is_active = False
    alice.save()
    assert alice_client.get("/home/").status_code == 302  # signed out at once


def test_a_session_whose_account_is_gone_is_nobodys(alice_client: Any, alice: Any) -> None:
    alice_client.get("/privacy/")
    alice.delete()
    response = alice_client.get("/home/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_version_read_with_the_session_is_forgotten_after_a_write(
    alice_client: Any, alice: Any
) -> None:
    """In a request, the diary version read with the session (core/sessions.py) serves it
    without a query until the request itself moves it on; then it is read again."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from twitchlog.diary import versions

    alice_client.get("/privacy/")  # the process learns whose session it is
    key = alice_client.cookies["sessionid"].value
    versions._request_started()
    try:
        SessionStore(key).load()  # as a request does: the version comes with the session
        with CaptureQueriesContext(connection) as queries:
            before = versions.current(alice)
        assert len(queries) == 0
        versions.bump(alice.pk)
        assert not sessions.alongside("diary_version", alice.pk)[0]
        assert versions.current(alice) == before + 1
    finally:
        versions._request_finished()


def test_outside_a_request_the_version_is_always_read(alice_client: Any, alice: Any) -> None:
    """Nothing resets what came with a session outside a request (a shell, a command), so
    there the version is read from the database every time."""
    from twitchlog.diary import versions
    from twitchlog.diary.models import DiaryVersion

    alice_client.get("/privacy/")
    SessionStore(alice_client.cookies["sessionid"].value).load()
    DiaryVersion.objects.update_or_create(user=alice, defaults={"version": 8})
    assert versions.current(alice) == 8

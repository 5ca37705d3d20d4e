"""A busy database answers 503 with Retry-After, never a 500.

Before: another writer holding SQLite's write lock past the busy timeout made every page and
API write fail with a 500 ("database is locked").
"""

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from django.db import OperationalError, connection
from django.test import Client
from django.urls import reverse

from tests.conftest import client_for
from twitchlog.core.views import server_error
from twitchlog.diary.models import StressEvent

pytestmark = pytest.mark.django_db(transaction=True)


@contextmanager
def write_lock() -> Iterator[None]:
    """Another connection holds the write lock, as a long import in another process would."""
    if connection.vendor != "sqlite":
        pytest.skip("the lock is taken the SQLite way")
    name = connection.settings_dict["NAME"]
    if connection.is_in_memory_db():
        other = sqlite3.connect(name, uri=True, isolation_level=None)
    else:
        other = sqlite3.connect(name, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    other.execute("UPDATE core_attempt SET scope = scope")
    connection.ensure_connection()
    connection.connection.execute("PRAGMA busy_timeout = 50")
    try:
        yield
    finally:
        other.execute("ROLLBACK")
        other.close()


def test_an_api_write_meets_a_busy_database_with_503(alice: Any) -> None:
    client = Client(raise_request_exception=False)
    client.force_login(alice)
    with write_lock():
        response = client.post(
            "/api/diary/stress-events",
            {"kind": "fright", "strength": 5, "occurred_at": "2026-11-20T10:00:00Z"},
            content_type="application/json",
        )
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert "try again" in response.json()["detail"]
    assert not StressEvent.objects.exists()


def test_a_page_write_meets_a_busy_database_with_503(alice: Any) -> None:
    client = client_for(alice)
    client.raise_request_exception = False
    with write_lock():
        response = client.post(
            reverse("diary:factors"), {"name": "Screen time", "kind": "numeric", "unit": ""}
        )
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert "try again in a few seconds" in response.content.decode()


def test_a_lock_met_outside_a_view_is_a_503_too(rf: Any) -> None:
    # Saving the session happens after the view, where only handler500 sees the error.
    request = rf.get("/diary/")
    try:
        raise OperationalError("database is locked")
    except OperationalError:
        response = server_error(request)
    assert response.status_code == 503 and response["Retry-After"] == "5"
    try:
        raise OperationalError("no such table: diary_checkin")
    except OperationalError:
        assert server_error(request).status_code == 500

"""On PostgreSQL a new twitch or stress moment, its diary version and its audit entry are
one statement (diary/one_statement.py). It must store what the ORM's way stores, move the
version once, audit the entry, and meet a repeated client_id as before. These run outside a
test transaction, as a server's requests do (inside one, the ORM's way is taken)."""

import datetime as dt
import uuid

import pytest
from django.db import connection, transaction
from django.db.models.signals import post_delete, post_save
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.conftest import make_user
from twitchlog.core.models import AuditEntry
from twitchlog.diary import services, versions
from twitchlog.diary.models import Episode, StressEvent

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

SAME = ("occurred_at", "local_date", "time_zone", "notes", "region", "side", "sensation",
        "strength", "duration", "rhythm", "context", "timing")  # fmt: skip


def test_a_twitch_is_one_statement_and_stores_what_the_orm_stores() -> None:
    alice = make_user("alice@example.org")
    when = dt.datetime(2026, 11, 30, 8, 15, tzinfo=dt.UTC)
    details = {"strength": 4, "duration": "minute", "rhythm": "waves", "notes": "after tea"}
    with CaptureQueriesContext(connection) as queries:
        fast, created = services.log_episode(
            alice, region="calf", side="left", sensation="twitch", occurred_at=when,
            client_id=uuid.uuid4(), **details,
        )  # fmt: skip
    assert created and len(queries) == 1
    with transaction.atomic():  # the ORM's way, as inside any transaction
        slow, _ = services.log_episode(
            alice, region="calf", side="left", sensation="twitch", occurred_at=when,
            client_id=uuid.uuid4(), **details,
        )  # fmt: skip
    stored = {e.pk: e for e in Episode.objects.filter(user=alice)}
    assert set(stored) == {fast.pk, slow.pk}
    assert [getattr(stored[fast.pk], n) for n in SAME] == [
        getattr(stored[slow.pk], n) for n in SAME
    ]
    assert stored[fast.pk].client_id == fast.client_id
    assert stored[fast.pk].created_at is not None and stored[fast.pk].updated_at is not None
    assert versions.current(alice) == 2
    audited = AuditEntry.objects.filter(action="diary.episode.created").order_by("id")
    assert [(a.actor_id, a.object_type, a.object_id, a.details) for a in audited] == [
        (alice.pk, "diary.episode", str(fast.pk), {}),
        (alice.pk, "diary.episode", str(slow.pk), {}),
    ]


def test_a_repeated_client_id_gets_the_first_twitch_and_changes_nothing() -> None:
    alice = make_user("alice@example.org")
    client_id = uuid.uuid4()
    first, created = services.log_episode(
        alice, region="calf", side="left", sensation="twitch", client_id=client_id
    )
    again, created_again = services.log_episode(
        alice, region="eyelid", side="right", sensation="twitch", client_id=client_id
    )
    assert created and not created_again and again.pk == first.pk
    assert Episode.objects.filter(user=alice).count() == 1
    assert versions.current(alice) == 1  # the failed statement moved nothing
    assert AuditEntry.objects.filter(action="diary.episode.created").count() == 1


def test_a_stress_moment_and_the_first_write_of_a_new_account() -> None:
    bob = make_user("bob@example.org")
    assert versions.current(bob) == 0
    event, created = services.log_stress_event(bob, kind="pressure", strength=7)
    assert created and StressEvent.objects.get(pk=event.pk).strength == 7
    assert versions.current(bob) == 1  # the version's row is made by the first write


def test_a_twitch_with_warning_signs_goes_the_orms_way_in_one_transaction() -> None:
    alice = make_user("alice@example.org")
    episode, _ = services.log_episode(
        alice, region="calf", side="left", sensation="twitch", also_noticed=["weakness"]
    )
    assert [n.key for n in services.active_red_flags(alice)] == ["weakness"]
    assert Episode.objects.get().pk == episode.pk


def test_the_pages_and_the_api_log_through_it() -> None:
    """The ways people log, outside a test transaction as on a server: the API, the form, and
    "Same as last time"; each makes its twitch once, even when sent twice."""
    from twitchlog.accounts.services import create_token

    alice = make_user("alice@example.org")
    api = Client(HTTP_AUTHORIZATION=f"Bearer {create_token(alice, 'test')[1]}")
    body = {"region": "calf", "side": "left", "sensation": "twitch", "client_id": str(uuid.uuid4())}
    for _ in range(2):
        response = api.post("/api/diary/episodes", body, content_type="application/json")
        assert response.status_code in (200, 201), response.content
    page = Client()
    page.force_login(alice)
    form = {"step": "details", "region": "eyelid", "side": "left", "sensation": "twitch",
            "client_id": str(uuid.uuid4())}  # fmt: skip
    for _ in range(2):
        assert page.post("/diary/log/", form).status_code == 302
    repeat = {"client_id": str(uuid.uuid4())}
    for _ in range(2):
        assert page.post("/diary/log/again/", repeat).status_code == 302
    assert sorted(Episode.objects.filter(user=alice).values_list("region", flat=True)) == [
        "calf", "eyelid", "eyelid",
    ]  # fmt: skip
    assert versions.current(alice) == 3
    assert AuditEntry.objects.filter(action="diary.episode.created").count() == 3


def test_no_signal_receiver_is_skipped() -> None:
    """The statement sends no post_save; the diary version's receiver is the only one these
    models have, and its work is done by the statement. A new receiver must be added to
    diary/one_statement.py, and this test says so."""
    for model in (Episode, StressEvent):
        for signal in (post_save, post_delete):
            receivers = [entry for entry in signal.receivers if entry[0][1] == id(model)]
            assert len(receivers) == 1, f"{signal} of {model.__name__}: see one_statement.py"

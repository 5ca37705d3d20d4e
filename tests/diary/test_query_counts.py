"""The busiest diary pages cost the same few queries however long the diary is."""

import datetime as dt
import uuid
from typing import Any

from django.test import Client

from tests.diary.helpers import make_checkin, make_episode, make_factor, make_stress_event
from twitchlog.accounts.services import create_token
from twitchlog.diary import services
from twitchlog.diary.browse_views import REMEMBER_UP_TO
from twitchlog.diary.models import Episode

DAYS = 15


def _fill(user: Any) -> None:
    factor = make_factor(user)
    for back in range(DAYS):
        day = dt.date(2026, 11, 20) - dt.timedelta(days=back)
        noon = dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC)
        make_checkin(user, day, sleep_hours=7)
        services.save_checkin(user, day, {}, {factor: 1.0})
        make_episode(user, occurred_at=noon)
        make_stress_event(user, occurred_at=noon)


def test_the_timeline(alice: Any, alice_client: Any, django_assert_max_num_queries: Any) -> None:
    _fill(alice)
    with django_assert_max_num_queries(9):  # 8, and one for the places twitched most
        assert alice_client.get("/diary/timeline/").status_code == 200


def test_the_check_in_list_of_the_api(
    alice: Any, alice_client: Any, django_assert_max_num_queries: Any
) -> None:
    _fill(alice)
    with django_assert_max_num_queries(8):
        response = alice_client.get("/api/diary/checkins")
    assert len(response.json()["items"]) == DAYS
    assert response.json()["items"][0]["custom"] == {"screen_time": 1.0}


def test_the_home_page(alice: Any, alice_client: Any, django_assert_max_num_queries: Any) -> None:
    _fill(alice)
    alice_client.get("/home/")  # the first visit works out the insights report once
    # 6: session and person; the diary version (read once for the page); the experiment; the
    # questionnaires; the next appointment in either role. The warning-sign notes, the
    # quick-log panel's settings, today's count, check-in and last twitch, the insights report
    # and the factor names are remembered for the diary version (versions.remembered).
    with django_assert_max_num_queries(6):
        assert alice_client.get("/home/").status_code == 200
    # A write moves the diary version on, and home reads the diary again.
    today = services.today_for(alice)
    home = alice_client.get("/home/").content.decode()
    assert "Today so far: <strong>0</strong> twitches" in home
    services.log_episode(alice, region="calf", side="left", sensation="twitch")
    make_checkin(alice, today, sleep_hours=6)
    home = alice_client.get("/home/").content.decode()
    assert "Today so far: <strong>1</strong> twitch logged" in home
    assert "Your check-in is done" in home


def _api_log(client: Any, client_id: str) -> Any:
    body = {"client_id": client_id, "region": "calf", "side": "left"}
    return client.post("/api/diary/episodes", body, content_type="application/json")


def test_logging_a_twitch_through_the_api(alice: Any, django_assert_max_num_queries: Any) -> None:
    _fill(alice)
    _, raw = create_token(alice, "script")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert _api_log(client, str(uuid.uuid4())).status_code == 201  # marks the token used
    # The token, then the insert, the diary version's bump and the audit entry; no look for
    # the client id first (the constraint catches a repeat). The other two open and close the
    # one transaction (a savepoint here, as the test runs inside a transaction of its own).
    with django_assert_max_num_queries(6):
        assert _api_log(client, str(uuid.uuid4())).status_code == 201
    repeat = str(uuid.uuid4())
    _api_log(client, repeat)
    with django_assert_max_num_queries(6):  # a retry: the refused insert, then the look-up
        assert _api_log(client, repeat).status_code == 200
    assert Episode.objects.filter(user=alice, client_id=repeat).count() == 1


def test_logging_a_twitch_with_the_form(
    alice: Any, alice_client: Any, django_assert_max_num_queries: Any
) -> None:
    _fill(alice)
    body = {"step": "details", "region": "calf", "side": "left", "sensation": "twitch"}
    with django_assert_max_num_queries(7):  # session and person, then as through the API
        response = alice_client.post("/diary/log/", {**body, "client_id": str(uuid.uuid4())})
    assert response.status_code == 302


def test_the_diary_today(alice: Any, alice_client: Any, django_assert_max_num_queries: Any) -> None:
    _fill(alice)
    with django_assert_max_num_queries(9):
        assert alice_client.get("/diary/").status_code == 200
    # Again: session, person and the diary version; the day is remembered for the version.
    with django_assert_max_num_queries(3):
        assert "No twitches logged" in alice_client.get("/diary/").content.decode()
    services.log_episode(alice, region="calf", side="left", sensation="twitch")
    page = alice_client.get("/diary/").content.decode()
    assert "No twitches logged" not in page


def test_a_day_logged_in_bulk_is_read_each_time(
    alice: Any, alice_client: Any, django_assert_max_num_queries: Any
) -> None:
    for _ in range(REMEMBER_UP_TO + 1):
        services.log_episode(alice, region="calf", side="left", sensation="twitch")
    alice_client.get("/diary/")
    with django_assert_max_num_queries(9) as queries:
        alice_client.get("/diary/")
    assert len(queries) > 3

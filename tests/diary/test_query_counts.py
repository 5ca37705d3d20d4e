"""The busiest diary pages cost the same few queries however long the diary is."""

import datetime as dt
from typing import Any

from tests.diary.helpers import make_checkin, make_episode, make_factor, make_stress_event
from twitchlog.diary import services

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
    # 19: the quick-log panel reads the diary preferences (the "log less" mode).
    with django_assert_max_num_queries(19):
        assert alice_client.get("/home/").status_code == 200

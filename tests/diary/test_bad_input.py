"""Odd input anywhere (API, pages, files) gets a clear refusal, never a 500 or a stored mess."""

import datetime as dt
import json
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tests.diary.helpers import make_checkin, make_episode, make_factor
from tests.diary.test_api import api_client
from twitchlog.diary import transfer
from twitchlog.diary.csvfile import CsvProblems
from twitchlog.diary.models import CheckIn, CustomValue, Episode, StressEvent

API = "/api/diary"


def post_raw(client: Client, path: str, body: str) -> Any:
    return client.post(f"{API}{path}", body, content_type="application/json")


@pytest.mark.parametrize(
    "body",
    [
        '{"date": "2026-11-20", "sleep_hours": NaN}',
        '{"date": "2026-11-20", "caffeine_mg": Infinity}',
        '{"date": "2026-11-20", "missed_meals": 100000}',
        '{"date": "2026-11-20", "anxiety_episodes": 1000000000000}',
        '{"date": "2026-11-20", "overbreathing": 99999}',
        '{"date": "2026-11-20", "notes": "' + "x" * 5000 + '"}',
        '{"date": "0001-01-01"}',
        '{"date": "9999-12-31"}',
    ],
)
def test_a_check_in_out_of_range_is_a_422(alice: Any, body: str) -> None:
    response = post_raw(api_client(alice), "/checkins", body)
    assert response.status_code == 422, response.content
    assert not CheckIn.objects.exists()


def test_a_custom_value_must_be_a_finite_number(alice: Any) -> None:
    make_factor(alice, "Screen time")
    client = api_client(alice)
    for value in ("NaN", "Infinity", "-Infinity"):
        body = '{"date": "2026-11-20", "custom": {"screen_time": ' + value + "}}"
        assert post_raw(client, "/checkins", body).status_code == 422
    assert not CustomValue.objects.exists()


def test_a_change_out_of_range_is_a_422_and_keeps_the_check_in(alice: Any) -> None:
    checkin = make_checkin(alice, dt.date(2026, 11, 20), missed_meals=1)
    client = api_client(alice)
    url = f"{API}/checkins/{checkin.pk}"
    response = client.patch(url, {"missed_meals": 40000}, content_type="application/json")
    assert response.status_code == 422
    checkin.refresh_from_db()
    assert checkin.missed_meals == 1


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/episodes", {"region": "calf", "side": "left", "occurred_at": "0001-01-01T00:00:00"}),
        ("/episodes", {"region": "calf", "side": "left", "occurred_at": "9999-12-31T23:00:00"}),
        ("/episodes", {"region": "calf", "side": "left", "notes": "x" * 5000}),
        ("/stress-events", {"kind": "other", "strength": 3, "occurred_at": "9999-01-01T00:00Z"}),
        ("/stress-events", {"kind": "other", "strength": 3, "notes": "x" * 5000}),
    ],
)
def test_a_timed_entry_out_of_range_is_a_422(alice: Any, path: str, body: dict[str, Any]) -> None:
    response = post_raw(api_client(alice), path, json.dumps(body))
    assert response.status_code == 422, response.content
    assert not Episode.objects.exists() and not StressEvent.objects.exists()


def test_moving_an_episode_into_the_future_is_a_422(alice: Any) -> None:
    episode = make_episode(alice)
    response = api_client(alice).patch(
        f"{API}/episodes/{episode.pk}",
        {"occurred_at": "2999-01-01T00:00:00Z"},
        content_type="application/json",
    )
    assert response.status_code == 422


def test_lists_refuse_offsets_and_limits_out_of_range(alice: Any) -> None:
    client = api_client(alice)
    for query in ("offset=99999999999999999999", "limit=99999999999999999999", "limit=100000"):
        assert client.get(f"{API}/episodes?{query}").status_code == 422, query


def test_the_check_in_page_refuses_huge_counts_and_keeps_what_was_typed(
    alice_client: Any,
) -> None:
    url = reverse("diary:checkin", args=[dt.date(2026, 11, 20)])
    for field in ("missed_meals", "anxiety_episodes", "drink_coffee_mug"):
        response = alice_client.post(url, {field: "100000", "notes": "kept"})
        assert response.status_code == 200, field
        assert response.context["form"].errors[field]
        assert 'value="100000"' in response.content.decode()
    assert not CheckIn.objects.exists()


def test_the_check_in_page_refuses_very_long_notes(alice_client: Any) -> None:
    url = reverse("diary:checkin", args=[dt.date(2026, 11, 20)])
    response = alice_client.post(url, {"notes": "x" * 5000})
    assert response.status_code == 200 and response.context["form"].errors["notes"]


def test_the_log_page_refuses_a_time_that_has_not_come(alice_client: Any) -> None:
    response = alice_client.post(
        reverse("diary:log"),
        {
            "step": "details",
            "region": "calf",
            "side": "left",
            "sensation": "twitch",
            "occurred_at": "2999-12-31T23:59",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["occurred_at"]
    assert not Episode.objects.exists()


def test_a_stress_event_long_ago_is_refused(alice_client: Any) -> None:
    response = alice_client.post(
        reverse("diary:stress_new"),
        {"kind": "other", "strength": "3", "occurred_at": "0001-01-01T00:00"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["occurred_at"]


@pytest.mark.parametrize("day", ["0001-01-01", "1899-12-31"])
def test_pages_for_days_before_1900_are_not_found(alice_client: Any, day: str) -> None:
    for prefix in ("days", "check-in"):
        assert alice_client.get(f"/diary/{prefix}/{day}/").status_code == 404


def test_a_file_with_impossible_dates_or_counts_names_each_problem(alice: Any) -> None:
    text = (
        "date,missed_meals,twitch_count\n0001-01-01,1,2\n2026-11-20,100000,1\n"
        "2026-11-21,1,99999999\n2999-01-01,1,1\n"
    )
    with pytest.raises(CsvProblems) as caught:
        transfer.read_for(alice, text)
    where = [(p.row, p.column) for p in caught.value.problems]
    assert where == [(2, "date"), (3, "missed_meals"), (4, "twitch_count"), (5, "date")]


def test_the_log_command_refuses_impossible_values(alice: Any) -> None:
    from django.core.management import CommandError, call_command

    for args, message in (
        (["checkin", "--sleep-hours", "nan"], "not a number"),
        (["checkin", "--missed-meals", "100000"], "between 0 and 20"),
        (["checkin", "--date", "1850-01-01", "--sleep-hours", "7"], "before 1900"),
        (["twitch", "--where", "throat", "--when", "2999-01-01 10:00"], "has not come yet"),
    ):
        with pytest.raises(CommandError, match=message):
            call_command("log", args[0], "--user", alice.email, *args[1:])
    assert not CheckIn.objects.exists() and not Episode.objects.exists()


def test_a_next_address_off_the_site_is_ignored(alice_client: Any, alice: Any) -> None:
    make_episode(alice)
    response = alice_client.post(reverse("diary:repeat"), {"next": "https://evil.example/"})
    assert response["Location"] == reverse("diary:today")


def test_a_second_check_in_for_a_day_is_a_409_and_changes_nothing(alice: Any) -> None:
    # The database's one-a-day constraint decides (services.create_checkin looks nowhere
    # first), so two requests at the same moment take this very path: no mock needed.
    make_checkin(alice, dt.date(2026, 11, 20), sleep_hours=7)
    response = post_raw(api_client(alice), "/checkins", '{"date": "2026-11-20", "water_l": 1}')
    assert response.status_code == 409
    assert response.json()["id"] == CheckIn.objects.get().pk
    assert CheckIn.objects.get().water_l is None

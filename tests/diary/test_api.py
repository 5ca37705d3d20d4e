import uuid
from typing import Any

from django.test import Client

from tests.diary.helpers import make_checkin, make_episode, make_factor
from twitchlog.accounts.services import create_token
from twitchlog.diary.models import CheckIn, CustomValue, Episode, StressEvent

API = "/api/diary"


def api_client(user: Any) -> Client:
    _, raw = create_token(user, "test")
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


def post(client: Client, path: str, data: dict[str, Any]) -> Any:
    return client.post(f"{API}{path}", data, content_type="application/json")


def test_a_repeated_create_with_the_same_client_id_stores_one_row(alice: Any) -> None:
    client = api_client(alice)
    body = {"client_id": str(uuid.uuid4()), "region": "eyelid", "side": "left"}
    first = post(client, "/episodes", body)
    second = post(client, "/episodes", body)
    assert (first.status_code, second.status_code) == (201, 200)
    assert first.json()["id"] == second.json()["id"]
    assert Episode.objects.count() == 1
    other = post(client, "/episodes", {**body, "client_id": str(uuid.uuid4())})
    assert other.status_code == 201 and Episode.objects.count() == 2


def test_every_kind_of_create_is_idempotent(alice: Any) -> None:
    client = api_client(alice)
    bodies = {
        "/checkins": {"date": "2026-11-20", "sleep_hours": 7},
        "/stress-events": {"kind": "fright", "strength": 6},
        "/factors": {"name": "Sauna", "kind": "binary"},
    }
    for path, body in bodies.items():
        body = {**body, "client_id": str(uuid.uuid4())}
        codes = [post(client, path, body).status_code for _ in range(2)]
        assert codes == [201, 200], path
    assert CheckIn.objects.count() == StressEvent.objects.count() == 1


def test_a_client_id_is_per_person(alice: Any, charlie: Any) -> None:
    body = {"client_id": str(uuid.uuid4()), "region": "calf", "side": "right"}
    assert post(api_client(alice), "/episodes", body).status_code == 201
    assert post(api_client(charlie), "/episodes", body).status_code == 201
    assert Episode.objects.filter(user=charlie).count() == 1


def test_a_naive_time_is_read_in_the_persons_zone(alice: Any) -> None:
    response = post(
        api_client(alice),
        "/episodes",
        {"region": "throat", "occurred_at": "2026-07-01T23:30:00", "sensation": "spasm"},
    )
    body = response.json()
    assert body["occurred_at"] == "2026-07-01T22:30:00Z"  # BST is UTC+1
    assert body["local_date"] == "2026-07-01" and body["side"] == "middle"


def test_bad_values_are_refused_in_words(alice: Any) -> None:
    client = api_client(alice)
    no_side = post(client, "/episodes", {"region": "calf"})
    assert no_side.status_code == 422 and "which side" in no_side.content.decode()
    feeling = post(client, "/episodes", {"region": "throat", "sensation": "itch"})
    assert feeling.status_code == 422
    sleep = post(client, "/checkins", {"date": "2026-11-20", "sleep_hours": 30})
    assert sleep.status_code == 422 and "between 0 and 24" in sleep.content.decode()
    assert not Episode.objects.exists() and not CheckIn.objects.exists()


def test_a_second_check_in_for_a_day_is_a_conflict(alice: Any) -> None:
    existing = make_checkin(alice, sleep_hours=6)
    response = post(api_client(alice), "/checkins", {"date": "2026-11-20", "sleep_hours": 8})
    assert response.status_code == 409 and response.json()["id"] == existing.pk
    assert CheckIn.objects.get().sleep_hours == 6


def test_a_patch_changes_only_what_is_sent_and_null_means_not_logged(alice: Any) -> None:
    factor = make_factor(alice, "Screen time")
    checkin = make_checkin(alice, sleep_hours=6, stress_level=5)
    client = api_client(alice)
    response = client.patch(
        f"{API}/checkins/{checkin.pk}",
        {"sleep_hours": None, "custom": {"screen_time": 2.5}},
        content_type="application/json",
    )
    assert response.status_code == 200
    body = response.json()
    assert body["sleep_hours"] is None and body["stress_level"] == 5
    assert body["custom"] == {"screen_time": 2.5} and body["date"] == "2026-11-20"
    assert CustomValue.objects.get().factor == factor


def test_episodes_can_be_changed_and_deleted(alice: Any) -> None:
    episode = make_episode(alice)
    client = api_client(alice)
    changed = client.patch(
        f"{API}/episodes/{episode.pk}",
        {"region": "calf", "side": "right", "strength": 7},
        content_type="application/json",
    )
    assert changed.status_code == 200
    assert (changed.json()["region"], changed.json()["strength"]) == ("calf", 7)
    wrong_side = client.patch(
        f"{API}/episodes/{episode.pk}", {"side": "middle"}, content_type="application/json"
    )
    assert wrong_side.status_code == 422
    assert client.delete(f"{API}/episodes/{episode.pk}").status_code == 204
    assert not Episode.objects.exists()


def test_lists_are_paged_and_filtered_by_date(alice: Any) -> None:
    make_episode(alice)
    response = api_client(alice).get(f"{API}/episodes", {"start": "2026-11-21"})
    assert response.json() == {"items": [], "count": 0}
    assert api_client(alice).get(f"{API}/episodes").json()["count"] == 1


def test_the_daily_table_has_nulls_for_not_logged(alice: Any) -> None:
    make_checkin(alice, sleep_hours=7)
    rows = api_client(alice).get(f"{API}/daily").json()
    assert rows[0]["date"] == "2026-11-20" and rows[0]["sleep_hours"] == 7
    assert rows[0]["caffeine_mg"] is None and rows[0]["twitch_count"] == 0

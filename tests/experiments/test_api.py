"""Creating, following and reading a test through the API."""

import datetime as dt
import json

from django.test import Client

from twitchlog.accounts.models import User
from twitchlog.experiments import services


def post(client: Client, url: str, data: dict[str, object]) -> object:
    return client.post(url, json.dumps(data), content_type="application/json")


def test_a_test_is_planned_registered_followed_and_read(alice: User, alice_client: Client) -> None:
    today = services.today_for(alice)
    advice = post(
        alice_client, "/api/experiments/advice", {"outcome": "twitch_count", "effect": "0.5"}
    )
    assert advice.status_code == 200  # type: ignore[attr-defined]
    options = advice.json()["options"]  # type: ignore[attr-defined]
    assert [o["pairs"] for o in options] == [2, 3, 4, 5, 6]
    assert options[0]["power"] < options[-1]["power"]

    made = post(
        alice_client,
        "/api/experiments/",
        {
            "change": "eight-hours-in-bed",
            "start_date": today.isoformat(),
            "pairs": 3,
            "washout": True,
        },
    )
    assert made.status_code == 201  # type: ignore[attr-defined]
    body = made.json()  # type: ignore[attr-defined]
    assert body["state"] == "running"
    assert body["today"] in ("A", "B")
    assert len(body["registration"]["blocks"]) == 6

    url = f"/api/experiments/{body['id']}"
    kept = post(alice_client, f"{url}/kept", {"date": today.isoformat(), "kept": False})
    assert kept.json()["kept_days"] == [{"date": today.isoformat(), "kept": False}]  # type: ignore[attr-defined]
    result = alice_client.get(f"{url}/result").json()
    assert result["verdict"] == "too_little_data"
    assert result["final"] is False
    assert result["registration"]["change"]["key"] == "eight-hours-in-bed"
    stopped = post(alice_client, f"{url}/stop", {}).json()  # type: ignore[attr-defined]
    assert stopped["state"] == "stopped"
    assert alice_client.get(f"{url}/result").json()["stopped_early"] is True
    assert [e["id"] for e in alice_client.get("/api/experiments/").json()] == [body["id"]]


def test_bad_plans_get_a_reason(alice: User, alice_client: Client) -> None:
    today = services.today_for(alice)
    cases = [
        ({"change": "juggling", "start_date": today.isoformat()}, "Choose a change"),
        ({"change": "custom", "start_date": today.isoformat()}, "what you will change"),
        ({"change": "no-alcohol", "start_date": "2020-01-01"}, "today or later"),
        ({"change": "no-alcohol", "start_date": today.isoformat(), "block_days": 10}, "5, 6 or 7"),
        ({"change": "no-alcohol", "start_date": today.isoformat(), "effect": "0.1"}, "how big"),
    ]
    for plan, reason in cases:
        answer = post(alice_client, "/api/experiments/", plan)
        assert answer.status_code == 422, plan  # type: ignore[attr-defined]
        assert reason in answer.json()["detail"]  # type: ignore[attr-defined]


def test_a_day_ahead_cannot_be_answered(alice: User, alice_client: Client) -> None:
    today = services.today_for(alice)
    made = post(
        alice_client, "/api/experiments/", {"change": "no-alcohol", "start_date": today.isoformat()}
    )
    ahead = (today + dt.timedelta(days=1)).isoformat()
    answer = post(
        alice_client, f"/api/experiments/{made.json()['id']}/kept", {"date": ahead, "kept": True}
    )  # type: ignore[attr-defined]
    assert answer.status_code == 422  # type: ignore[attr-defined]

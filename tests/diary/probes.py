import io
import uuid
from typing import Any

from tests.access import Probe
from tests.diary.helpers import (
    NOON,
    make_checkin,
    make_episode,
    make_factor,
    make_stress_event,
)

DAY = NOON.date()


def _episode(p):  # type: ignore[no-untyped-def]
    return {"pk": make_episode(p.alice).pk}


def _stress(p):  # type: ignore[no-untyped-def]
    return {"pk": make_stress_event(p.alice).pk}


def _factor(p):  # type: ignore[no-untyped-def]
    return {"pk": make_factor(p.alice).pk}


def _checkin_day(p):  # type: ignore[no-untyped-def]
    return {"day": make_checkin(p.alice, DAY, sleep_hours=7).local_date}


def _api_episode(p):  # type: ignore[no-untyped-def]
    return {"episode_id": make_episode(p.alice).pk}


def _api_checkin(p):  # type: ignore[no-untyped-def]
    return {"checkin_id": make_checkin(p.alice, DAY, sleep_hours=7).pk}


def _api_stress(p):  # type: ignore[no-untyped-def]
    return {"event_id": make_stress_event(p.alice).pk}


def _api_factor(p):  # type: ignore[no-untyped-def]
    return {"factor_id": make_factor(p.alice).pk}


def _device_import(p):  # type: ignore[no-untyped-def]
    return {"pk": make_device_import(p.alice).pk}


def _api_device_import(p):  # type: ignore[no-untyped-def]
    return {"job_id": make_device_import(p.alice).pk}


def make_device_import(user):  # type: ignore[no-untyped-def]
    from twitchlog.diary.models import DeviceImport

    return DeviceImport.objects.create(
        user=user,
        token=uuid.uuid4(),
        kind="apple",
        status=DeviceImport.FAILED,
        error="alicesecret-import",
    )


def _csv_upload() -> dict[str, Any]:
    upload = io.BytesIO(b"date,water_l\n2026-11-20,1.5\n")
    upload.name = "diary.csv"
    return {"file": upload}


EPISODE = {"region": "calf", "side": "left", "sensation": "twitch"}
CHECKIN = {"date": "2026-11-21", "sleep_hours": 7}
STRESS = {"kind": "conflict", "strength": 5}
FACTOR = {"name": "Cold showers", "kind": "binary"}

PROBES = {
    "diary:today": Probe("login"),
    "diary:day": Probe("login", lambda p: {"day": DAY}),
    "diary:timeline": Probe("login"),
    "diary:calendar_now": Probe("login"),
    "diary:calendar": Probe("login", lambda p: {"year": 2026, "month": 11}),
    "diary:map": Probe("login"),
    "diary:log": Probe("login"),
    "diary:repeat": Probe("login", method="post"),
    "diary:episode": Probe("owned", _episode),
    "diary:episode_delete": Probe("owned", _episode),
    "diary:checkin_today": Probe("login"),
    "diary:checkin": Probe("login", lambda p: {"day": DAY}),
    "diary:checkin_delete": Probe("owned", _checkin_day),
    "diary:stress_new": Probe("login"),
    "diary:stress": Probe("owned", _stress),
    "diary:stress_delete": Probe("owned", _stress),
    "diary:factors": Probe("login"),
    "diary:factor": Probe("owned", _factor),
    "diary:factor_delete": Probe("owned", _factor),
    "diary:settings": Probe("login"),
    "diary:dismiss_red_flags": Probe("login", method="post"),
    "diary:seen_doctor": Probe("login", method="post"),
    "diary:something_new": Probe("login"),
    "diary:rate_today": Probe("login", method="post", data={"twitch_rating": "3"}),
    "diary:export": Probe("login"),
    "diary:export_episodes": Probe("login"),
    "diary:import": Probe("login"),
    "diary:device_import": Probe("owned", _device_import),
    "GET /api/diary/episodes": Probe("login"),
    "POST /api/diary/episodes": Probe("login", data=EPISODE),
    "GET /api/diary/episodes/{episode_id}": Probe("owned", _api_episode),
    "PATCH /api/diary/episodes/{episode_id}": Probe("owned", _api_episode, data={"strength": 3}),
    "DELETE /api/diary/episodes/{episode_id}": Probe("owned", _api_episode, owner_status=204),
    "GET /api/diary/checkins": Probe("login"),
    "POST /api/diary/checkins": Probe("login", data=CHECKIN),
    "GET /api/diary/checkins/{checkin_id}": Probe("owned", _api_checkin),
    "PATCH /api/diary/checkins/{checkin_id}": Probe("owned", _api_checkin, data={"water_l": 2}),
    "DELETE /api/diary/checkins/{checkin_id}": Probe("owned", _api_checkin, owner_status=204),
    "GET /api/diary/stress-events": Probe("login"),
    "POST /api/diary/stress-events": Probe("login", data=STRESS),
    "GET /api/diary/stress-events/{event_id}": Probe("owned", _api_stress),
    "PATCH /api/diary/stress-events/{event_id}": Probe("owned", _api_stress, data={"strength": 2}),
    "DELETE /api/diary/stress-events/{event_id}": Probe("owned", _api_stress, owner_status=204),
    "GET /api/diary/factors": Probe("login"),
    "POST /api/diary/factors": Probe("login", data=FACTOR),
    "GET /api/diary/factors/{factor_id}": Probe("owned", _api_factor),
    "PATCH /api/diary/factors/{factor_id}": Probe("owned", _api_factor, data={"unit": "min"}),
    "DELETE /api/diary/factors/{factor_id}": Probe("owned", _api_factor, owner_status=204),
    "GET /api/diary/daily": Probe("login"),
    "POST /api/diary/imports": Probe("login", upload=_csv_upload),
    "GET /api/diary/imports/{job_id}": Probe("owned", _api_device_import),
}


def SEED(p):  # type: ignore[no-untyped-def]
    """Alice's diary with texts only it holds; charlie must never be shown them."""
    factor = make_factor(p.alice, "Alicesecret factor")
    make_episode(p.alice, notes="alicesecret-episode")
    make_stress_event(p.alice, notes="alicesecret-stress")
    make_checkin(p.alice, DAY, sleep_hours=7, notes="alicesecret-checkin")
    make_device_import(p.alice)
    return ["Alicesecret factor", factor.column, "alicesecret-episode", "alicesecret-stress",
            "alicesecret-checkin", "alicesecret-import"]  # fmt: skip

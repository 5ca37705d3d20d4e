"""Filters by time of day (in the viewer's zone) and by where a licence holds."""

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from django.utils import timezone

from tests.conftest import make_user
from tests.therapists.factories import make_therapist
from twitchlog.therapists.slots import Slot, in_part_of_day

LONDON = ZoneInfo("Europe/London")


def test_parts_of_the_day_are_seen_in_the_viewers_zone() -> None:
    # 16:30 UTC on a summer day is 17:30 in London (evening) and 12:30 in New York.
    slot = Slot(dt.datetime(2026, 7, 1, 16, 30, tzinfo=dt.UTC), dt.datetime(2026, 7, 1, 17, 20))
    assert in_part_of_day([slot], "evening", LONDON) == [slot]
    assert in_part_of_day([slot], "afternoon", ZoneInfo("America/New_York")) == [slot]
    assert in_part_of_day([slot], "morning", LONDON) == []
    noon = Slot(dt.datetime(2026, 1, 5, 12, tzinfo=dt.UTC), dt.datetime(2026, 1, 5, 13))
    assert in_part_of_day([noon], "afternoon", LONDON) == [noon]
    assert in_part_of_day([noon], "morning", LONDON) == []
    late = Slot(dt.datetime(2026, 1, 5, 0, 30, tzinfo=dt.UTC), dt.datetime(2026, 1, 5, 1, 20))
    assert all(in_part_of_day([late], part, LONDON) == [] for part in ("morning", "evening"))


def _mornings_only(user: Any, **fields: Any) -> Any:
    return make_therapist(user, weekly=[(d, dt.time(8), dt.time(11)) for d in range(7)], **fields)


def test_the_directory_filters_by_time_of_day_and_jurisdiction(
    alice_client: Any, theo: Any
) -> None:
    # Both in London, like Alice: one works mornings, the other evenings.
    theo.time_zone = "Europe/London"
    theo.save()
    morning = _mornings_only(theo, jurisdiction="United Kingdom")
    evening = make_therapist(
        make_user("eve@example.org", display_name="Eve"),
        weekly=[(d, dt.time(18), dt.time(21)) for d in range(7)],
        jurisdiction="Ontario, Canada",
    )

    def names(**query: str) -> list[str]:
        page = alice_client.get("/therapists/", query)
        return [p.name for p, _ in page.context["entries"]]

    assert names() == sorted([morning.name, evening.name])
    assert names(time_of_day="morning") == [morning.name]
    assert names(time_of_day="evening") == [evening.name]
    assert names(time_of_day="afternoon") == []
    assert names(jurisdiction="Ontario, Canada") == [evening.name]
    page = alice_client.get("/therapists/").content.decode()
    assert '<option value="Ontario, Canada">' in page
    entries = alice_client.get("/therapists/", {"time_of_day": "evening"}).context["entries"]
    assert entries[0][1].start.astimezone(LONDON).hour >= 18


def test_the_profile_page_filters_its_free_times(alice_client: Any, theo: Any) -> None:
    profile = make_therapist(theo)  # 08:00-20:00 New York = 13:00-01:00 London
    url = f"/therapists/{profile.pk}/"
    every = [s for _, day in alice_client.get(url).context["days"] for s in day]
    evening = [
        s for _, day in alice_client.get(url, {"when": "evening"}).context["days"] for s in day
    ]
    assert evening and len(evening) < len(every)
    assert all(s.start.astimezone(LONDON).hour >= 17 for s in evening)
    page = alice_client.get(url, {"when": "evening"}).content.decode()
    assert "when=evening" in page  # the week links keep the filter
    # Nonsense is ignored, not an error.
    assert alice_client.get(url, {"when": "midnight"}).status_code == 200


def test_the_api_filters_by_time_of_day_and_shows_the_licence(alice_client: Any, theo: Any) -> None:
    profile = make_therapist(theo)
    listed = alice_client.get("/api/therapists/", {"time_of_day": "morning"}).json()
    # Theo's 08:00-20:00 in New York is 13:00-01:00 in London: never a morning there.
    assert listed == []
    listed = alice_client.get(
        "/api/therapists/", {"time_of_day": "morning", "tz": "America/New_York"}
    ).json()
    assert [t["id"] for t in listed] == [profile.pk]
    assert listed[0]["licence_number"] == "PYL12345" and listed[0]["licence_body"] == "HCPC"
    assert listed[0]["jurisdiction"] == "United Kingdom"
    first = timezone.now().date() + dt.timedelta(days=2)
    slots = alice_client.get(
        f"/api/therapists/{profile.pk}/slots",
        {"start": first.isoformat(), "time_of_day": "evening"},
    ).json()["slots"]
    assert slots and all(dt.datetime.fromisoformat(s["local_start"]).hour >= 17 for s in slots)
    bad = alice_client.get("/api/therapists/", {"time_of_day": "night"})
    assert bad.status_code == 422 and "time_of_day" in bad.json()["detail"]


def test_a_profile_without_a_licence_is_not_listed(client: Any, theo: Any) -> None:
    profile = make_therapist(theo, licence_number="")
    assert client.get(f"/therapists/{profile.pk}/").status_code == 404
    assert client.get("/therapists/").context["entries"] == []

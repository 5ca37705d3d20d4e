"""The therapists API: directory, slots in a chosen zone, and one's own bookings."""

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from django.test import Client

from tests.conftest import client_for, make_user
from tests.therapists.factories import make_booking, make_therapist, slots_after
from twitchlog.therapists.models import Appointment

BASE = "/api/therapists"


def _iso(instant: dt.datetime) -> str:
    return instant.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")


def test_the_directory_lists_with_filters_and_next_slot(
    alice_client: Client, theo_profile: Any
) -> None:
    make_therapist(make_user("sofia@example.org", display_name="Sofia"), languages=["es"])
    make_therapist(make_user("wait@example.org", display_name="Waiting"), approved=False)
    everyone = alice_client.get(f"{BASE}/").json()
    assert [t["name"] for t in everyone] == ["Sofia", "Theo Marsh"]
    theo = everyone[1]
    assert theo["next_free_slot"]["start"].endswith("Z")
    assert theo["next_free_slot"]["local_start"].endswith(("+00:00", "+01:00"))  # London
    assert [t["name"] for t in alice_client.get(f"{BASE}/", {"language": "es"}).json()] == ["Sofia"]
    tokyo = alice_client.get(f"{BASE}/", {"tz": "Asia/Tokyo"}).json()
    assert tokyo[0]["next_free_slot"]["local_start"].endswith("+09:00")
    assert alice_client.get(f"{BASE}/", {"tz": "Mars/Olympus"}).status_code == 422


def test_one_profile(alice_client: Client, theo_profile: Any, theo: Any) -> None:
    body = alice_client.get(f"{BASE}/{theo_profile.pk}").json()
    assert (body["name"], body["fee"], body["currency"]) == ("Theo Marsh", "90.00", "GBP")
    unlisted = make_therapist(make_user("wait@example.org"), approved=False)
    assert alice_client.get(f"{BASE}/{unlisted.pk}").status_code == 404


def test_slots_for_a_date_range_in_a_given_zone(alice_client: Client, theo_profile: Any) -> None:
    day = (dt.datetime.now(dt.UTC) + dt.timedelta(days=3)).date()
    body = alice_client.get(
        f"{BASE}/{theo_profile.pk}/slots",
        {"start": day.isoformat(), "end": day.isoformat(), "tz": "America/New_York"},
    ).json()
    assert body["time_zone"] == "America/New_York"
    # Theo is open 08:00-20:00 New York time, 50 minutes plus a 10-minute break.
    local = [dt.datetime.fromisoformat(s["local_start"]) for s in body["slots"]]
    assert [t.strftime("%H:%M") for t in local] == [f"{h:02}:00" for h in range(8, 20)]
    assert {t.date() for t in local} == {day}
    first = body["slots"][0]
    assert dt.datetime.fromisoformat(first["start"]) == local[0].astimezone(dt.UTC)
    too_long = {"start": day.isoformat(), "end": (day + dt.timedelta(days=90)).isoformat()}
    assert alice_client.get(f"{BASE}/{theo_profile.pk}/slots", too_long).status_code == 422


def test_book_list_get_move_and_cancel(alice_client: Client, theo_profile: Any) -> None:
    first, later = slots_after(theo_profile, days=2)[0], slots_after(theo_profile, days=5)[0]
    created = alice_client.post(
        f"{BASE}/{theo_profile.pk}/bookings",
        {"start": _iso(first.start), "session_format": "video"},
        content_type="application/json",
    )
    assert created.status_code == 201
    booking = created.json()
    assert (booking["role"], booking["status"]) == ("client", "booked")
    assert [b["id"] for b in alice_client.get(f"{BASE}/bookings").json()] == [booking["id"]]
    assert alice_client.get(f"{BASE}/bookings?offset=1").json() == []
    assert alice_client.get(f"{BASE}/bookings?limit=5000").status_code == 422
    assert alice_client.get(f"{BASE}/bookings/{booking['id']}").json()["start"] == _iso(first.start)
    moved = alice_client.post(
        f"{BASE}/bookings/{booking['id']}/reschedule",
        {"start": _iso(later.start)},
        content_type="application/json",
    )
    assert moved.status_code == 200 and moved.json()["start"] == _iso(later.start)
    cancelled = alice_client.post(f"{BASE}/bookings/{booking['id']}/cancel")
    assert cancelled.json()["status"] == "cancelled"
    again = alice_client.post(f"{BASE}/bookings/{booking['id']}/cancel")
    assert again.status_code == 422 and "already cancelled" in again.json()["detail"]


def test_a_taken_slot_answers_409_with_alternatives(
    alice_client: Client, charlie: Any, theo_profile: Any
) -> None:
    taken = make_booking(charlie, theo_profile)
    response = alice_client.post(
        f"{BASE}/{theo_profile.pk}/bookings",
        {"start": _iso(taken.start), "session_format": "video"},
        content_type="application/json",
    )
    assert response.status_code == 409
    body = response.json()
    assert body["detail"].startswith("That time was just taken")
    assert body["alternatives"] and _iso(taken.start) not in [
        s["start"] for s in body["alternatives"]
    ]
    assert Appointment.objects.count() == 1


def test_bad_input_gets_422(alice_client: Client, theo_profile: Any) -> None:
    slot = slots_after(theo_profile)[0]
    url = f"{BASE}/{theo_profile.pk}/bookings"
    naive = alice_client.post(
        url,
        {"start": "2030-01-01T09:00:00", "session_format": "video"},
        content_type="application/json",
    )
    assert naive.status_code == 422 and "time zone" in naive.json()["detail"]
    in_person = alice_client.post(
        url,
        {"start": _iso(slot.start), "session_format": "in_person"},
        content_type="application/json",
    )
    assert in_person.status_code == 422


def test_the_therapist_lists_bookings_with_them(theo: Any, booking: Any) -> None:
    theirs = client_for(theo).get(f"{BASE}/bookings", {"role": "therapist"}).json()
    assert [(b["id"], b["role"], b["client_name"]) for b in theirs] == [
        (booking.pk, "therapist", "Alice")
    ]
    assert client_for(theo).get(f"{BASE}/bookings").json() == []


def test_strangers_get_404_for_someone_elses_booking(charlie_client: Client, booking: Any) -> None:
    url = f"{BASE}/bookings/{booking.pk}"
    assert charlie_client.get(url).status_code == 404
    assert charlie_client.post(f"{url}/cancel").status_code == 404
    later = _iso(booking.start + dt.timedelta(days=1))
    moved = charlie_client.post(
        f"{url}/reschedule", {"start": later}, content_type="application/json"
    )
    assert moved.status_code == 404
    assert charlie_client.get(f"{BASE}/bookings").json() == []
    booking.refresh_from_db()
    assert booking.status == "booked"


def test_times_come_back_in_utc_whatever_zone_is_sent(
    alice_client: Client, theo_profile: Any
) -> None:
    slot = slots_after(theo_profile)[0]
    tokyo = slot.start.astimezone(ZoneInfo("Asia/Tokyo")).isoformat()
    created = alice_client.post(
        f"{BASE}/{theo_profile.pk}/bookings",
        {"start": tokyo, "session_format": "phone"},
        content_type="application/json",
    )
    assert created.status_code == 201
    assert created.json()["start"] == _iso(slot.start)

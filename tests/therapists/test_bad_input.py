"""Dates and numbers far out of range get a clear answer, never a 500."""

from typing import Any

from django.test import Client
from django.urls import reverse

BASE = "/api/therapists"


def test_the_directory_api_refuses_an_absurd_window(
    alice_client: Client, theo_profile: Any
) -> None:
    response = alice_client.get(f"{BASE}/", {"available_within_days": 10**12})
    assert response.status_code == 422


def test_slots_far_off_are_refused(alice_client: Client, theo_profile: Any) -> None:
    url = f"{BASE}/{theo_profile.pk}/slots"
    assert alice_client.get(url, {"start": "9999-12-30"}).status_code == 422
    assert alice_client.get(url, {"start": "0001-01-01", "end": "0001-01-02"}).status_code == 422


def test_booking_a_time_far_off_is_a_422(alice_client: Client, theo_profile: Any) -> None:
    url = f"{BASE}/{theo_profile.pk}/bookings"
    for start in ("0001-01-01T00:00:00Z", "9999-12-31T23:00:00Z"):
        body = {"start": start, "session_format": "video"}
        response = alice_client.post(url, body, content_type="application/json")
        assert response.status_code == 422, start


def test_moving_to_a_time_far_off_is_a_422(alice_client: Client, booking: Any) -> None:
    url = f"{BASE}/bookings/{booking.pk}/reschedule"
    response = alice_client.post(
        url, {"start": "9999-12-31T23:00:00Z"}, content_type="application/json"
    )
    assert response.status_code == 422


def test_pages_with_times_far_off_do_not_break(alice_client: Client, theo_profile: Any) -> None:
    profile = reverse("therapists:profile", args=[theo_profile.pk])
    assert alice_client.get(profile, {"from": "9999-12-31"}).status_code == 200
    book = reverse("therapists:book", args=[theo_profile.pk])
    for start in ("9999-12-31T00:00:00+00:00", "0001-01-01T00:00:00+00:00"):
        response = alice_client.get(book, {"start": start})
        assert response.status_code == 302 and response["Location"] == profile

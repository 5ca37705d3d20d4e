"""Rules that live once: the cancel notice (in access, for pages, emails and services alike),
the slot window, the sharing window that a move cannot stretch, and the cap on one client's
upcoming bookings (in the services)."""

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from tests.therapists.factories import make_booking, make_therapist, slots_after
from twitchlog.core.models import AuditEntry
from twitchlog.therapists import access, services
from twitchlog.therapists.access import inside_cancel_notice, may_change
from twitchlog.therapists.services import (
    MAX_UPCOMING_PER_THERAPIST,
    ChangeRefused,
    book_slot,
    cancel_appointment,
    reschedule_appointment,
    set_sharing,
)
from twitchlog.therapists.slots import local_days


def test_the_cancel_notice_is_one_rule(booking: Any) -> None:
    profile = booking.therapist
    start = booking.start
    assert not inside_cancel_notice(profile, start, start - dt.timedelta(hours=24))
    assert inside_cancel_notice(profile, start, start - dt.timedelta(hours=23, minutes=59))
    just_inside = start - dt.timedelta(hours=23)
    assert not may_change(booking, "client", just_inside)
    assert may_change(booking, "therapist", just_inside)
    assert not may_change(booking, "therapist", start)


def test_the_booking_page_and_the_appointment_page_follow_the_rule(
    alice_client: Any, booking: Any
) -> None:
    profile = booking.therapist
    profile.cancel_notice_hours = 24 * 14
    profile.save()
    page = alice_client.get(f"/therapists/appointments/{booking.pk}/")
    assert page.context["may_change"] is False and page.context["too_late"] is True
    soon = slots_after(profile, days=3, count=1)[0].start
    page = alice_client.get(f"/therapists/{profile.pk}/book/", {"start": soon.isoformat()})
    assert page.context["inside_cancel_notice"] is True


@pytest.mark.parametrize(
    ("zone_name", "first", "hours"),
    [
        ("Europe/London", dt.date(2026, 3, 29), 23),
        ("Europe/London", dt.date(2026, 10, 25), 25),
        ("America/New_York", dt.date(2026, 3, 8), 23),
        ("America/New_York", dt.date(2026, 11, 1), 25),
        ("Europe/London", dt.date(2026, 6, 1), 24),
    ],
)
def test_the_slot_window_runs_from_local_midnight_to_local_midnight(
    zone_name: str, first: dt.date, hours: int
) -> None:
    start, end = local_days(first, first, ZoneInfo(zone_name))
    assert end - start == dt.timedelta(hours=hours)
    assert start.astimezone(ZoneInfo(zone_name)).time() == dt.time(0)
    week_start, week_end = local_days(first, first + dt.timedelta(days=6), ZoneInfo(zone_name))
    assert week_end - week_start == dt.timedelta(days=7, hours=hours - 24)


def test_the_profile_page_and_the_api_use_the_same_window(
    alice: Any, alice_client: Any, theo_profile: Any
) -> None:
    first = timezone.now().astimezone(ZoneInfo(alice.time_zone)).date() + dt.timedelta(days=2)
    api = alice_client.get(
        f"/api/therapists/{theo_profile.pk}/slots",
        {"start": first.isoformat(), "end": (first + dt.timedelta(days=6)).isoformat()},
    ).json()
    page = alice_client.get(f"/therapists/{theo_profile.pk}/", {"from": first.isoformat()})
    on_page = [s.start for _, day in page.context["days"] for s in day]
    assert [dt.datetime.fromisoformat(s["start"]) for s in api["slots"]] == on_page


# Sharing window (issue 18, point 9) ------------------------------------------------------


def test_the_sharing_window_is_fixed_when_the_client_shares(alice: Any, booking: Any) -> None:
    now = timezone.now()
    set_sharing(alice, booking, True, now=now)
    assert booking.shared_until == booking.end + access.SHARED_SUMMARY_AFTER_END
    # Even if the end moved underneath (as a bug or an admin edit could), the window holds.
    booking.end += dt.timedelta(days=5)
    after_window = booking.end - dt.timedelta(days=5) + dt.timedelta(hours=25)
    assert not access.shared_summary_visible(booking, after_window)


def test_moving_an_appointment_ends_the_share(
    alice: Any, theo: Any, booking: Any, theo_client: Any
) -> None:
    set_sharing(alice, booking, True)
    assert access.shared_summary_visible(booking, timezone.now())
    later = slots_after(booking.therapist, days=9, count=1)[0].start
    reschedule_appointment(theo, booking, later)
    booking.refresh_from_db()
    assert booking.shared_at is None and booking.shared_until is None
    assert not access.shared_summary_visible(booking, timezone.now())
    assert theo_client.get(f"/therapists/appointments/{booking.pk}/shared/").status_code == 404
    assert AuditEntry.objects.filter(action="appointment.sharing_ended_by_move").count() == 1
    # The client is asked again, and a new share runs to a day after the new time.
    set_sharing(alice, booking, True)
    assert booking.shared_until == booking.end + access.SHARED_SUMMARY_AFTER_END


# Upcoming bookings cap (issue 18, point 10) -----------------------------------------------


def test_a_client_can_hold_only_so_many_upcoming_appointments_with_one_therapist(
    alice: Any, theo_profile: Any, charlie: Any
) -> None:
    free = slots_after(theo_profile, days=2, count=MAX_UPCOMING_PER_THERAPIST + 2)
    booked = [book_slot(alice, theo_profile, s.start, "video") for s in free[:12]]
    with pytest.raises(ChangeRefused, match="up to 12 upcoming appointments") as refused:
        book_slot(alice, theo_profile, free[12].start, "video")
    assert "You have 12" in str(refused.value)
    # Someone else is not held back, and a cancelled one frees a place.
    book_slot(charlie, theo_profile, free[12].start, "video")
    cancel_appointment(alice, booked[0])
    book_slot(alice, theo_profile, free[13].start, "video")


def test_the_cap_counts_only_upcoming_appointments(alice: Any, theo_profile: Any) -> None:
    free = slots_after(theo_profile, days=2, count=MAX_UPCOMING_PER_THERAPIST + 1)
    for slot in free[:12]:
        book_slot(alice, theo_profile, slot.start, "video")
    later = free[0].start + dt.timedelta(minutes=1)
    services.book_slot(alice, theo_profile, free[12].start, "video", now=later)


def test_the_api_explains_the_cap(alice: Any, alice_client: Any, theo: Any) -> None:
    profile = make_therapist(theo)
    for _ in range(MAX_UPCOMING_PER_THERAPIST):
        make_booking(alice, profile)
    free = slots_after(profile, days=2, count=1)[0]
    answer = alice_client.post(
        f"/api/therapists/{profile.pk}/bookings",
        {"start": free.start.isoformat(), "session_format": "video"},
        content_type="application/json",
    )
    assert answer.status_code == 422
    assert "up to 12 upcoming appointments" in answer.json()["detail"]

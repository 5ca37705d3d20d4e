"""Attendance: the therapist marks a session; the client sees it; the dashboard counts it."""

import datetime as dt
from typing import Any

import pytest

from twitchlog.core.models import AuditEntry
from twitchlog.therapists.models import Appointment
from twitchlog.therapists.services import (
    ChangeRefused,
    attendance_counts,
    cancel_appointment,
    mark_attendance,
)


def _past(booking: Any) -> Any:
    """Move the booking into the past (as if time had passed)."""
    start = booking.start - dt.timedelta(days=5)
    Appointment.objects.filter(pk=booking.pk).update(
        start=start,
        end=start + dt.timedelta(minutes=50),
        blocked_until=start + dt.timedelta(minutes=60),
    )
    booking.refresh_from_db()
    return booking


def test_the_therapist_marks_a_past_session_and_the_client_sees_it(
    theo: Any, theo_client: Any, alice_client: Any, booking: Any
) -> None:
    _past(booking)
    answer = theo_client.post(
        f"/therapists/appointments/{booking.pk}/attendance/", {"attendance": "missed"}
    )
    assert answer.status_code == 302
    booking.refresh_from_db()
    assert booking.attendance == "missed"
    assert AuditEntry.objects.filter(action="appointment.attendance_marked").count() == 1
    history = alice_client.get("/therapists/appointments/").content.decode()
    assert "Missed" in history
    page = alice_client.get(f"/therapists/appointments/{booking.pk}/").content.decode()
    assert "Missed" in page
    dashboard = theo_client.get("/therapists/me/appointments/")
    assert dashboard.context["counts"] == {
        "attended": 0,
        "late_cancelled": 0,
        "missed": 1,
        "unmarked": 0,
    }


def test_counts_cover_every_mark_and_the_unmarked(theo: Any, booking: Any, alice: Any) -> None:
    _past(booking)
    assert attendance_counts(booking.therapist)["unmarked"] == 1
    mark_attendance(theo, booking, "late_cancelled")
    assert attendance_counts(booking.therapist)["late_cancelled"] == 1
    mark_attendance(theo, booking, "")
    assert attendance_counts(booking.therapist)["unmarked"] == 1


def test_only_the_therapist_marks_and_only_once_it_started(
    theo: Any, alice: Any, alice_client: Any, booking: Any
) -> None:
    with pytest.raises(ChangeRefused, match="once the session has started"):
        mark_attendance(theo, booking, "attended")
    _past(booking)
    with pytest.raises(ChangeRefused, match="Only the therapist"):
        mark_attendance(alice, booking, "attended")
    assert (
        alice_client.post(
            f"/therapists/appointments/{booking.pk}/attendance/", {"attendance": "attended"}
        ).status_code
        == 404
    )
    with pytest.raises(ChangeRefused, match="Choose attended"):
        mark_attendance(theo, booking, "asleep")


def test_a_cancelled_appointment_has_nothing_to_mark(theo: Any, alice: Any, booking: Any) -> None:
    cancel_appointment(alice, booking)
    _past(booking)
    with pytest.raises(ChangeRefused, match="nothing to mark"):
        mark_attendance(theo, booking, "missed")


def test_the_appointment_page_marks_and_clears_attendance(
    theo_client: Any, alice_client: Any, booking: Any
) -> None:
    url = f"/therapists/appointments/{booking.pk}/"
    assert "How did this session go?" not in theo_client.get(url).content.decode()  # upcoming
    _past(booking)
    page = theo_client.get(url).content.decode()
    assert "How did this session go?" in page and "Clear the mark" not in page
    assert "How did this session go?" not in alice_client.get(url).content.decode()
    mark = f"{url}attendance/"
    answer = theo_client.post(mark, {"attendance": "attended", "next": "appointment"})
    assert answer["Location"] == url
    page = theo_client.get(url).content.decode()
    assert "Clear the mark" in page and "Attended" in page
    theo_client.post(mark, {"attendance": "", "next": "appointment"})
    booking.refresh_from_db()
    assert booking.attendance == ""
    dashboard = theo_client.get("/therapists/me/appointments/").content.decode()
    assert "Clear the mark" not in dashboard

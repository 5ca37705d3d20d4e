"""book_slot: only offered, free slots; re-checked at booking time; audited; both emailed."""

import datetime as dt
from typing import Any

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from tests.conftest import make_user
from tests.therapists.factories import hours_on_one_day, make_therapist, slots_after
from twitchlog.core.models import AuditEntry
from twitchlog.therapists.models import Appointment, TimeOff, WeeklyHours
from twitchlog.therapists.services import (
    ChangeRefused,
    SlotNotOffered,
    SlotTaken,
    book_slot,
    cancel_appointment,
)


def test_it_books_a_free_slot(
    alice: Any, theo_profile: Any, run_on_commit: Any, mailoutbox: Any
) -> None:
    slot = slots_after(theo_profile)[0]
    with run_on_commit():
        appointment = book_slot(alice, theo_profile, slot.start, "video")
    assert (appointment.start, appointment.end) == (slot.start, slot.end)
    assert appointment.blocked_until == slot.end + dt.timedelta(minutes=10)
    assert appointment.status == "booked" and appointment.sequence == 0
    entry = AuditEntry.objects.get(action="appointment.booked")
    assert entry.object_id == str(appointment.pk)
    assert entry.details == {"therapist": theo_profile.pk}
    assert sorted(m.to[0] for m in mailoutbox) == ["alice@example.org", "theo@example.org"]


def test_the_same_slot_cannot_be_booked_twice(alice: Any, charlie: Any, theo_profile: Any) -> None:
    slot = slots_after(theo_profile)[0]
    book_slot(alice, theo_profile, slot.start, "video")
    with pytest.raises(SlotTaken, match="just taken"):
        book_slot(charlie, theo_profile, slot.start, "phone")
    assert Appointment.objects.count() == 1


def test_a_break_fixed_at_booking_holds_after_the_therapist_shortens_it(
    alice: Any, charlie: Any, theo: Any
) -> None:
    profile = make_therapist(theo, weekly=[])
    nine = hours_on_one_day(profile, dt.time(9), dt.time(12))
    book_slot(alice, profile, nine, "video")  # 09:00-09:50, free again from 10:00
    profile.buffer_minutes = 0
    profile.save()
    ten_to_ten = nine + dt.timedelta(minutes=50)
    with pytest.raises(SlotTaken):
        book_slot(charlie, profile, ten_to_ten, "video")
    assert book_slot(charlie, profile, nine + dt.timedelta(minutes=100), "video")


def test_a_longer_break_keeps_the_next_slot_free(alice: Any, charlie: Any, theo: Any) -> None:
    profile = make_therapist(theo, weekly=[], buffer_minutes=0)
    nine = hours_on_one_day(profile, dt.time(9), dt.time(12))
    book_slot(alice, profile, nine, "video")
    profile.buffer_minutes = 10  # 09:00, 10:00, 11:00 now; 10:00 keeps its break from 09:50
    profile.save()
    assert book_slot(charlie, profile, nine + dt.timedelta(hours=1), "video")


def test_a_cancelled_appointment_frees_its_slot(
    alice: Any, charlie: Any, theo_profile: Any
) -> None:
    slot = slots_after(theo_profile)[0]
    first = book_slot(alice, theo_profile, slot.start, "video")
    cancel_appointment(alice, first)
    second = book_slot(charlie, theo_profile, slot.start, "video")
    assert second.pk != first.pk


def test_it_refuses_times_that_are_not_on_offer(alice: Any, theo_profile: Any) -> None:
    slot = slots_after(theo_profile)[0]
    with pytest.raises(SlotNotOffered):
        book_slot(alice, theo_profile, slot.start + dt.timedelta(minutes=5), "video")
    with pytest.raises(SlotNotOffered):
        book_slot(alice, theo_profile, timezone.now() - dt.timedelta(hours=1), "video")
    with pytest.raises(SlotNotOffered):  # past the 60-day horizon
        far = slots_after(theo_profile, days=70)
        assert far == []
        book_slot(alice, theo_profile, slot.start + dt.timedelta(days=70), "video")


def test_it_checks_the_rules_again_at_booking_time(alice: Any, theo_profile: Any) -> None:
    slot = slots_after(theo_profile)[0]
    local_day = (
        slot.start.astimezone(dt.UTC)
        .astimezone(__import__("zoneinfo").ZoneInfo(theo_profile.time_zone))
        .date()
    )
    TimeOff.objects.create(profile=theo_profile, first_day=local_day, last_day=local_day)
    with pytest.raises(SlotNotOffered):
        book_slot(alice, theo_profile, slot.start, "video")
    TimeOff.objects.all().delete()
    theo_profile.notice_hours = 24 * 7
    theo_profile.save()
    with pytest.raises(SlotNotOffered):
        book_slot(alice, theo_profile, slot.start, "video")
    theo_profile.notice_hours = 0
    theo_profile.save()
    WeeklyHours.objects.filter(profile=theo_profile).delete()
    with pytest.raises(SlotNotOffered):
        book_slot(alice, theo_profile, slot.start, "video")


def test_it_refuses_unlisted_therapists_self_booking_and_unknown_formats(
    alice: Any, theo: Any
) -> None:
    unapproved = make_therapist(theo, approved=False)
    slot = slots_after(unapproved)[0]
    with pytest.raises(SlotNotOffered):
        book_slot(alice, unapproved, slot.start, "video")
    below_master = make_therapist(make_user("bea@example.org"), qualification="below_master")
    with pytest.raises(SlotNotOffered):
        book_slot(alice, below_master, slots_after(below_master)[0].start, "video")
    listed = make_therapist(alice)
    with pytest.raises(ChangeRefused, match="yourself"):
        book_slot(alice, listed, slots_after(listed)[0].start, "video")
    other = make_therapist(make_user("olu@example.org"))
    with pytest.raises(ChangeRefused, match="ways this therapist offers"):
        book_slot(alice, other, slots_after(other)[0].start, "in_person")


def _shifted(row: dict[str, Any], minutes: int) -> dict[str, Any]:
    by = dt.timedelta(minutes=minutes)
    times = {key: row[key] + by for key in ("start", "end", "blocked_until")}
    return {**row, **times}


@pytest.mark.postgres
def test_postgres_itself_refuses_overlapping_active_appointments(
    alice: Any, charlie: Any, theo_profile: Any
) -> None:
    assert connection.vendor == "postgresql"
    start = slots_after(theo_profile)[0].start
    row = {
        "therapist": theo_profile,
        "start": start,
        "end": start + dt.timedelta(minutes=50),
        "blocked_until": start + dt.timedelta(minutes=60),
        "session_format": "video",
    }
    Appointment.objects.create(client=alice, **row)
    # Bypassing the service: the database is the last line of defence.
    with pytest.raises(IntegrityError, match="appointment_no_overlap"), transaction.atomic():
        Appointment.objects.create(
            client=charlie,
            **{
                **row,
                "start": start + dt.timedelta(minutes=55),
                "end": start + dt.timedelta(minutes=105),
                "blocked_until": start + dt.timedelta(minutes=115),
            },
        )
    # Touching but not overlapping ([start, blocked_until) ranges), or cancelled: allowed.
    Appointment.objects.create(
        client=charlie,
        **{
            **row,
            "start": start + dt.timedelta(minutes=60),
            "end": start + dt.timedelta(minutes=110),
            "blocked_until": start + dt.timedelta(minutes=120),
        },
    )
    Appointment.objects.create(client=charlie, status="cancelled", **row)

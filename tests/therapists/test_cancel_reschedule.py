"""Cancelling and moving: the therapist's notice, freeing the slot, all-or-nothing moves."""

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from tests.therapists.factories import (
    hours_on_one_day,
    make_booking,
    make_therapist,
    slots_after,
)
from twitchlog.core.models import AuditEntry
from twitchlog.therapists.availability import is_free
from twitchlog.therapists.models import Appointment
from twitchlog.therapists.services import (
    ChangeRefused,
    SlotTaken,
    book_slot,
    cancel_appointment,
    reschedule_appointment,
)


def test_a_client_cancels_with_enough_notice(
    alice: Any, booking: Any, run_on_commit: Any, mailoutbox: Any
) -> None:
    with run_on_commit():
        cancel_appointment(alice, booking)
    booking.refresh_from_db()
    assert booking.status == "cancelled" and booking.cancelled_by == alice
    assert booking.sequence == 1
    assert is_free(booking.therapist, booking.start)
    assert AuditEntry.objects.get(action="appointment.cancelled").details == {"by": "client"}
    assert len(mailoutbox) == 2


def test_a_client_cannot_cancel_inside_the_notice(alice: Any, booking: Any) -> None:
    just_before = booking.start - dt.timedelta(hours=23)
    with pytest.raises(ChangeRefused, match="up to 24 hours before"):
        cancel_appointment(alice, booking, now=just_before)
    with pytest.raises(ChangeRefused, match="up to 24 hours before"):
        reschedule_appointment(alice, booking, booking.start, now=just_before)
    cancel_appointment(alice, booking, now=booking.start - dt.timedelta(hours=24))


def test_the_therapist_may_cancel_at_short_notice_but_not_after_the_start(
    theo: Any, booking: Any
) -> None:
    with pytest.raises(ChangeRefused, match="already started"):
        cancel_appointment(theo, booking, now=booking.start)
    cancel_appointment(theo, booking, now=booking.start - dt.timedelta(minutes=5))
    assert AuditEntry.objects.get(action="appointment.cancelled").details == {"by": "therapist"}


def test_cancelling_twice_cancels_once(
    alice: Any, booking: Any, run_on_commit: Any, mailoutbox: Any
) -> None:
    stale_copy = Appointment.objects.get(pk=booking.pk)
    with run_on_commit():
        cancel_appointment(alice, booking)
    with pytest.raises(ChangeRefused, match="already cancelled"):
        cancel_appointment(alice, stale_copy)
    assert len(mailoutbox) == 2


def test_strangers_cannot_change_it(charlie: Any, booking: Any) -> None:
    with pytest.raises(ChangeRefused):
        cancel_appointment(charlie, booking)
    with pytest.raises(ChangeRefused):
        reschedule_appointment(charlie, booking, booking.start + dt.timedelta(days=1))


def test_moving_takes_the_new_slot_and_frees_the_old(
    alice: Any, charlie: Any, booking: Any, run_on_commit: Any, mailoutbox: Any
) -> None:
    old_start = booking.start
    new = slots_after(booking.therapist, days=4)[0]
    with run_on_commit():
        reschedule_appointment(alice, booking, new.start)
    booking.refresh_from_db()
    assert (booking.start, booking.end, booking.sequence) == (new.start, new.end, 1)
    assert booking.blocked_until == new.end + dt.timedelta(minutes=10)
    assert not is_free(booking.therapist, new.start)
    assert book_slot(charlie, booking.therapist, old_start, "video")  # the old time is free
    assert len(mailoutbox) == 2 and all(m.subject.startswith("Moved:") for m in mailoutbox)
    assert AuditEntry.objects.filter(action="appointment.rescheduled").count() == 1


def test_moving_to_a_just_taken_slot_keeps_the_old_booking(
    alice: Any, charlie: Any, booking: Any
) -> None:
    wanted = slots_after(booking.therapist, days=4)[0]
    book_slot(charlie, booking.therapist, wanted.start, "video")
    before = Appointment.objects.get(pk=booking.pk)
    with pytest.raises(SlotTaken):
        reschedule_appointment(alice, booking, wanted.start)
    after = Appointment.objects.get(pk=booking.pk)
    assert (after.start, after.status, after.sequence) == (before.start, "booked", 0)
    assert not AuditEntry.objects.filter(action="appointment.rescheduled").exists()


def test_an_appointment_may_move_onto_part_of_its_own_old_time(theo: Any, alice: Any) -> None:
    profile = make_therapist(theo, weekly=[])
    nine = hours_on_one_day(profile, dt.time(9), dt.time(12))
    booking = book_slot(alice, profile, nine, "video")  # 09:00-09:50
    half_past = hours_on_one_day(profile, dt.time(9, 30), dt.time(12))  # the hours change
    reschedule_appointment(alice, booking, half_past)  # 09:30-10:20 overlaps only itself
    booking.refresh_from_db()
    assert booking.start == half_past


def test_a_moved_appointment_is_reminded_again(alice: Any, booking: Any) -> None:
    Appointment.objects.filter(pk=booking.pk).update(reminded_at=timezone.now())
    booking.refresh_from_db()
    reschedule_appointment(alice, booking, slots_after(booking.therapist, days=5)[0].start)
    booking.refresh_from_db()
    assert booking.reminded_at is None


def test_a_booking_with_little_notice_needs_no_separate_reminder(
    alice: Any, charlie: Any, theo_profile: Any
) -> None:
    soon = slots_after(theo_profile, days=0.5)[0]
    assert make_booking(charlie, theo_profile, days=3).reminded_at is None
    assert book_slot(alice, theo_profile, soon.start, "video").reminded_at is not None


def test_deleting_an_account_tells_the_other_person(
    alice: Any, booking: Any, run_on_commit: Any, mailoutbox: Any
) -> None:
    from twitchlog.accounts.services import delete_account

    with run_on_commit():
        delete_account(alice)
    assert not Appointment.objects.exists()
    [to_theo] = mailoutbox
    assert to_theo.to == ["theo@example.org"]
    assert "Alice has cancelled your appointment" in to_theo.body
    entry = AuditEntry.objects.get(action="appointment.cancelled")
    assert entry.details == {"by": "account_deleted"}


def test_a_therapist_leaving_tells_their_clients(
    theo: Any, booking: Any, run_on_commit: Any, mailoutbox: Any
) -> None:
    from twitchlog.accounts.services import delete_account

    with run_on_commit():
        delete_account(theo)
    assert [m.to for m in mailoutbox] == [["alice@example.org"]]
    assert mailoutbox[0].subject.startswith("Cancelled:")

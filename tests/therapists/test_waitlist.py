"""The waitlist: freed times offered in order, held, expiring and passing on, taken once."""

import datetime as dt
import re
import threading
from collections import Counter
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from tests.conftest import client_for, make_user
from tests.therapists.factories import make_booking, make_therapist
from twitchlog.therapists import waitlist
from twitchlog.therapists.availability import free_slots, is_free
from twitchlog.therapists.models import Appointment, FreedSlot, WaitlistOffer
from twitchlog.therapists.services import (
    ChangeRefused,
    SlotTaken,
    book_slot,
    cancel_appointment,
)


@pytest.fixture
def freed(alice: Any, theo_profile: Any) -> Any:
    """Alice's booking with Theo, cancelled: its time is free for the waitlist."""
    booking = make_booking(alice, theo_profile)
    cancel_appointment(alice, booking)
    return booking


def _waiting(n: int, profile: Any) -> list[Any]:
    people = [make_user(f"waiting{i}@example.org", display_name=f"W{i}") for i in range(n)]
    for person in people:
        waitlist.join(person, profile, "video")
    return people


def _link(email: Any) -> str:
    found = re.search(r"https?://\S+/therapists/waitlist/offer/(\S+)/", email.body)
    assert found, email.body
    return found.group(1)


def test_a_cancellation_is_offered_to_the_first_person_waiting(
    freed: Any, theo_profile: Any, run_on_commit: Any, mailoutbox: Any
) -> None:
    first, second = _waiting(2, theo_profile)
    assert FreedSlot.objects.filter(start=freed.start).count() == 1
    mailoutbox.clear()
    with run_on_commit():
        assert waitlist.offer_freed_slots() == 1
    offer = WaitlistOffer.objects.get()
    assert offer.entry.client == first and offer.start == freed.start
    assert [m.to for m in mailoutbox] == [[first.email]]
    body = mailoutbox[0].body
    assert "A time has come free with Theo Marsh" in mailoutbox[0].subject
    assert "holding it for you until" in body and _link(mailoutbox[0])
    # Held: nobody else may book it, while the holder sees it free.
    assert not is_free(theo_profile, freed.start)
    assert is_free(theo_profile, freed.start, holder=first)
    with pytest.raises(SlotTaken):
        book_slot(second, theo_profile, freed.start, "video")
    assert freed.start not in [s.start for s in free_slots(theo_profile, freed.start, freed.end)]
    # A second run offers nothing new while the offer is open.
    assert waitlist.offer_freed_slots() == 0


def test_an_expired_offer_passes_to_the_next_person(
    freed: Any, theo_profile: Any, run_on_commit: Any, mailoutbox: Any
) -> None:
    first, second = _waiting(2, theo_profile)
    now = timezone.now()
    waitlist.offer_freed_slots(now)
    later = now + waitlist.OFFER_HOLD + dt.timedelta(seconds=1)
    mailoutbox.clear()
    with run_on_commit():
        assert waitlist.offer_freed_slots(later) == 1
    offers = list(WaitlistOffer.objects.order_by("pk"))
    assert [(o.entry.client, o.status) for o in offers] == [
        (first, "expired"),
        (second, "offered"),
    ]
    assert [m.to for m in mailoutbox] == [[second.email]]
    with pytest.raises(ChangeRefused, match="This offer has ended"):
        waitlist.take(offers[0], later)
    appointment = waitlist.take(offers[1], later)
    assert appointment.client == second and appointment.start == freed.start
    # Nobody is left to offer anything to; the first person is still waiting.
    assert waitlist.offer_freed_slots(later) == 0
    assert first.therapy_waitlist.get().ended_at is None
    assert second.therapy_waitlist.get().ended_at is not None


def test_a_client_who_deletes_their_account_frees_their_times_for_the_waitlist(
    alice: Any, theo_profile: Any, run_on_commit: Any, mailoutbox: Any
) -> None:
    from twitchlog.accounts.services import delete_account

    booking = make_booking(alice, theo_profile)
    [waiting] = _waiting(1, theo_profile)
    with run_on_commit():
        delete_account(alice)
        assert waitlist.offer_freed_slots() == 1
    offer = WaitlistOffer.objects.get()
    assert offer.entry.client == waiting and offer.start == booking.start
    assert mailoutbox[-1].to == [waiting.email]


def test_when_no_one_wants_it_the_freed_time_is_closed(freed: Any, theo_profile: Any) -> None:
    (_first,) = _waiting(1, theo_profile)
    now = timezone.now()
    waitlist.offer_freed_slots(now)
    waitlist.decline(WaitlistOffer.objects.get())
    assert waitlist.offer_freed_slots(now) == 0
    assert FreedSlot.objects.get().closed_at is not None
    assert is_free(theo_profile, freed.start)


def test_a_time_someone_booked_meanwhile_is_not_offered(
    freed: Any, theo_profile: Any, charlie: Any
) -> None:
    _waiting(1, theo_profile)
    book_slot(charlie, theo_profile, freed.start, "video")
    assert waitlist.offer_freed_slots() == 0
    assert FreedSlot.objects.get().closed_at is not None


def test_only_matching_entries_are_offered(freed: Any, theo_profile: Any, charlie: Any) -> None:
    other = make_therapist(make_user("nina@example.org", display_name="Nina"))
    waitlist.join(charlie, other, "video")  # waiting for someone else
    wants_earlier = make_user("early@example.org")
    entry = waitlist.join(wants_earlier, theo_profile, "video")
    entry.before = freed.start - dt.timedelta(hours=1)  # only times before this
    entry.save()
    anyone = make_user("anyone@example.org")
    waitlist.join(anyone, None, "video", language="en")
    waitlist.offer_freed_slots()
    assert WaitlistOffer.objects.get().entry.client == anyone


def test_the_offer_page_books_it_and_a_second_click_does_not(
    freed: Any, theo_profile: Any, run_on_commit: Any, mailoutbox: Any
) -> None:
    (first,) = _waiting(1, theo_profile)
    mailoutbox.clear()
    with run_on_commit():
        waitlist.offer_freed_slots()
    token = _link(mailoutbox[0])
    browser = client_for(first)
    page = browser.get(f"/therapists/waitlist/offer/{token}/")
    assert page.status_code == 200 and "We are holding it for you until" in page.content.decode()
    answer = browser.post(f"/therapists/waitlist/offer/{token}/", {"action": "take"})
    assert answer.status_code == 302
    assert Appointment.objects.filter(client=first, status="booked").count() == 1
    again = browser.post(f"/therapists/waitlist/offer/{token}/", {"action": "take"})
    assert again.status_code == 409
    assert "You have already booked this time" in again.content.decode()
    assert Appointment.objects.filter(client=first, status="booked").count() == 1


def test_a_bad_offer_link_is_not_found(client: Any) -> None:
    assert client.get("/therapists/waitlist/offer/not-a-token/").status_code == 404


def test_send_reminders_runs_the_waitlist(freed: Any, theo_profile: Any) -> None:
    _waiting(1, theo_profile)
    from io import StringIO

    out = StringIO()
    call_command("send_reminders", stdout=out)
    assert "Offered 1 freed time." in out.getvalue()


def test_joining_and_leaving_on_the_pages(alice_client: Any, theo_profile: Any) -> None:
    page = alice_client.get(f"/therapists/{theo_profile.pk}/").content.decode()
    assert "Join the waitlist" in page
    answer = alice_client.post(
        f"/therapists/{theo_profile.pk}/waitlist/", {"session_format": "video"}, follow=True
    )
    assert "You are on the waitlist" in answer.content.decode()
    entry = answer.wsgi_request.user.therapy_waitlist.get()
    again = alice_client.post(
        f"/therapists/{theo_profile.pk}/waitlist/", {"session_format": "video"}, follow=True
    )
    assert "You are already on this waitlist." in again.content.decode()
    alice_client.post(f"/therapists/waitlist/{entry.pk}/leave/")
    entry.refresh_from_db()
    assert entry.ended_at is not None


def test_a_waitlisted_person_cannot_leave_someone_elses_entry(
    alice: Any, charlie_client: Any, theo_profile: Any
) -> None:
    entry = waitlist.join(alice, theo_profile, "video")
    assert charlie_client.post(f"/therapists/waitlist/{entry.pk}/leave/").status_code == 404


def test_an_offer_made_twice_at_once_is_refused_by_the_database(
    freed: Any, theo_profile: Any
) -> None:
    _first, second = _waiting(2, theo_profile)
    waitlist.offer_freed_slots()
    offer = WaitlistOffer.objects.get()
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        WaitlistOffer.objects.create(
            freed=offer.freed,
            entry=second.therapy_waitlist.get(),
            therapist=theo_profile,
            start=offer.start,
            expires_at=offer.expires_at,
        )


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_confirmations_racing_a_direct_booking_give_one_appointment(theo: Any) -> None:
    """The holder clicking twice at once, and someone else booking directly: one booking."""
    profile = make_therapist(theo)
    alice = make_user("alice@example.org")
    booking = make_booking(alice, profile)
    cancel_appointment(alice, booking)
    holder, other = _waiting(2, profile)
    waitlist.offer_freed_slots()
    offer = WaitlistOffer.objects.get()
    barrier = threading.Barrier(3)
    outcomes: list[str] = []

    def confirm() -> None:
        try:
            barrier.wait(timeout=30)
            waitlist.take(offer)
            outcomes.append("taken")
        except ChangeRefused as error:
            outcomes.append("refused" if "already booked" in str(error) else str(error))
        finally:
            connection.close()

    def book_directly() -> None:
        try:
            barrier.wait(timeout=30)
            book_slot(other, profile, booking.start, "video")
            outcomes.append("direct")
        except SlotTaken:
            outcomes.append("held")
        finally:
            connection.close()

    threads = [threading.Thread(target=f) for f in (confirm, confirm, book_directly)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert Counter(outcomes) == {"taken": 1, "refused": 1, "held": 1}
    assert list(Appointment.objects.filter(status="booked").values_list("client", flat=True)) == [
        holder.pk
    ]


def test_a_person_holds_one_offer_at_a_time_and_other_times_wait_for_them(
    alice: Any, theo_profile: Any
) -> None:
    early = make_booking(alice, theo_profile, days=2)
    late = make_booking(alice, theo_profile, days=3)
    cancel_appointment(alice, late)
    cancel_appointment(alice, early)
    _waiting(1, theo_profile)
    now = timezone.now()
    assert waitlist.offer_freed_slots(now) == 1
    offer = WaitlistOffer.objects.get()
    assert offer.start == early.start  # the earlier time first
    assert FreedSlot.objects.filter(closed_at__isnull=True).count() == 2
    waitlist.decline(offer)
    assert waitlist.offer_freed_slots(now) == 1
    assert WaitlistOffer.objects.get(status="offered").start == late.start

"""What a waitlist offer says and whom it goes to: where, how and how much, only in reach, and
what happens to a session the person already has that day."""

import datetime as dt
import re
from decimal import Decimal
from typing import Any

import pytest

from tests.conftest import client_for, make_user
from tests.therapists.factories import make_therapist, morning_slot
from twitchlog.therapists import waitlist
from twitchlog.therapists.models import Appointment, WaitlistOffer
from twitchlog.therapists.services import book_slot, cancel_appointment

IN_PERSON = ["in_person", "video"]


@pytest.fixture
def lena(db: Any) -> Any:
    """A therapist in Berlin who sees people in person, for a fee in euros."""
    user = make_user("lena@example.org", display_name="Lena", time_zone="Europe/Berlin")
    return make_therapist(
        user,
        name="Dr Lena Hoffmann",
        formats=IN_PERSON,
        city="Berlin",
        fee=Decimal("120.00"),
        currency="EUR",
    )


@pytest.fixture
def maya(db: Any) -> Any:
    """A therapist in London who sees people in person."""
    user = make_user("maya@example.org", display_name="Maya", time_zone="Europe/London")
    return make_therapist(user, name="Dr Maya Okafor", formats=IN_PERSON, city="London")


@pytest.fixture
def londoner(db: Any) -> Any:
    return make_user("sam@example.org", display_name="Sam")


def _free_in_person(profile: Any, days: float = 3) -> dt.datetime:
    """A time of ``profile`` booked in person by someone else and then cancelled."""
    other = make_user(f"gone-{profile.pk}-{days}@example.org")
    start = morning_slot(profile, days=days)
    cancel_appointment(other, book_slot(other, profile, start, "in_person"))
    return start


def _link(email: Any) -> str:
    found = re.search(r"/therapists/waitlist/offer/(\S+)/", email.body)
    assert found, email.body
    return f"/therapists/waitlist/offer/{found.group(1)}/"


def test_any_therapist_in_person_means_in_the_city_the_client_joined_from(
    londoner: Any, maya: Any, lena: Any, alice_client: Any
) -> None:
    # Sam joins from Maya's page (London), in person, and any other therapist will do.
    sam = client_for(londoner)
    sam.post(f"/therapists/{maya.pk}/waitlist/", {"session_format": "in_person", "anyone": "on"})
    entry = londoner.therapy_waitlist.get()
    assert entry.therapist is None and entry.city == "London"
    _free_in_person(lena)  # Berlin: out of Sam's reach
    assert waitlist.offer_freed_slots() == 0
    other_london = make_user("nia@example.org", display_name="Nia", time_zone="Europe/London")
    near = make_therapist(other_london, name="Nia Patel", formats=IN_PERSON, city=" london ")
    start = _free_in_person(near)
    assert waitlist.offer_freed_slots() == 1
    offer = WaitlistOffer.objects.get()
    assert (offer.entry, offer.therapist, offer.start) == (entry, near, start)


def test_video_waiters_still_get_times_anywhere(londoner: Any, maya: Any, lena: Any) -> None:
    waitlist.join(londoner, None, "video", language="en", city=maya.city)
    _free_in_person(lena)
    assert waitlist.offer_freed_slots() == 1


def test_in_person_with_one_therapist_is_that_therapist_wherever_they_are(
    londoner: Any, lena: Any
) -> None:
    waitlist.join(londoner, lena, "in_person")
    _free_in_person(lena)
    assert waitlist.offer_freed_slots() == 1


def test_without_a_city_in_person_reaches_no_other_therapist(londoner: Any, lena: Any) -> None:
    waitlist.join(londoner, None, "in_person", language="en")  # e.g. joined before cities
    _free_in_person(lena)
    assert waitlist.offer_freed_slots() == 0


def test_the_offer_says_where_how_and_how_much(
    londoner: Any, lena: Any, run_on_commit: Any, mailoutbox: Any
) -> None:
    waitlist.join(londoner, lena, "in_person")
    _free_in_person(lena)
    mailoutbox.clear()
    with run_on_commit():
        waitlist.offer_freed_slots()
    [email] = mailoutbox
    assert "50 minutes, in person in Berlin, and costs €120, paid to Dr Lena Hoffmann" in (
        email.body
    )
    page = client_for(londoner).get(_link(email)).content.decode()
    assert "In person in Berlin" in page
    assert "50 minutes, €120, paid to Dr Lena Hoffmann directly" in page
    # Taking it books it as offered: in person.
    client_for(londoner).post(_link(email), {"action": "take"})
    assert Appointment.objects.get(client=londoner).session_format == "in_person"


def test_an_offer_is_not_booked_another_way_than_offered(londoner: Any, lena: Any) -> None:
    waitlist.join(londoner, lena, "in_person")
    _free_in_person(lena)
    waitlist.offer_freed_slots()
    lena.formats = ["video"]
    lena.save()
    offer = WaitlistOffer.objects.get()
    with pytest.raises(waitlist.services.ChangeRefused, match="no longer offers sessions in"):
        waitlist.take(offer)
    assert not Appointment.objects.filter(client=londoner, status="booked").exists()
    offer.refresh_from_db()
    assert offer.status == "lost" and offer.freed.closed_at is None


# A session the person already has that day ---------------------------------------------


@pytest.fixture
def same_day(londoner: Any, maya: Any, mailoutbox: Any, run_on_commit: Any) -> Any:
    """Sam has 10:00 with Maya; 09:00 that day frees up and is offered to Sam."""
    nine = morning_slot(maya, days=3)
    ten = book_slot(londoner, maya, nine + dt.timedelta(hours=1), "video")
    waitlist.join(londoner, maya, "video")
    other = make_user("first@example.org")
    cancel_appointment(other, book_slot(other, maya, nine, "video"))
    mailoutbox.clear()
    with run_on_commit():
        waitlist.offer_freed_slots()
    [email] = mailoutbox
    return ten, nine, _link(email), email


def test_the_offer_says_plainly_that_there_is_already_a_session_that_day(
    londoner: Any, same_day: Any
) -> None:
    _ten, _nine, link, email = same_day
    assert "You already have an appointment with Dr Maya Okafor that day, at 10:00" in email.body
    page = client_for(londoner).get(link).content.decode()
    assert "You already have a session with Dr Maya Okafor that day, at 10:00." in page
    assert "Move my 10:00 session to 09:00" in page
    assert "Book 09:00 as well, and keep both" in page
    assert ">Book this time<" not in page


def test_a_plain_take_beside_a_session_that_day_books_nothing_until_they_choose(
    londoner: Any, same_day: Any
) -> None:
    _ten, _nine, link, _email = same_day
    answer = client_for(londoner).post(link, {"action": "take"})
    assert answer.status_code == 409
    assert "Nothing is booked yet" in answer.content.decode()
    assert Appointment.objects.filter(client=londoner, status="booked").count() == 1


def test_moving_the_session_that_day_to_the_offered_time(
    londoner: Any, same_day: Any, run_on_commit: Any, mailoutbox: Any
) -> None:
    ten, nine, link, _email = same_day
    mailoutbox.clear()
    with run_on_commit():
        answer = client_for(londoner).post(link, {"move": str(ten.pk)})
    assert answer.status_code == 302
    [booked] = Appointment.objects.filter(client=londoner, status="booked")
    assert (booked.pk, booked.start) == (ten.pk, nine)
    assert WaitlistOffer.objects.get().status == "taken"
    assert any(m.subject.startswith("Moved:") for m in mailoutbox)
    # The 10:00 it left is free for the next person waiting.
    assert waitlist.FreedSlot.objects.filter(start=ten.start, closed_at__isnull=True).exists()


def test_keeping_both_when_they_choose_to(londoner: Any, same_day: Any) -> None:
    ten, nine, link, _email = same_day
    client_for(londoner).post(link, {"action": "also"})
    starts = set(
        Appointment.objects.filter(client=londoner, status="booked").values_list("start", flat=True)
    )
    assert starts == {ten.start, nine}


def test_a_session_inside_the_notice_is_not_offered_to_move(
    londoner: Any, maya: Any, same_day: Any
) -> None:
    ten, _nine, link, _email = same_day
    maya.cancel_notice_hours = 24 * 7
    maya.save()
    page = client_for(londoner).get(link).content.decode()
    assert "Move my 10:00" not in page
    assert "so it can no longer be moved here" in page
    answer = client_for(londoner).post(link, {"move": str(ten.pk)})
    assert answer.status_code == 409
    assert WaitlistOffer.objects.get().status == "offered"


def test_someone_elses_session_cannot_be_moved_by_an_offer(
    londoner: Any, maya: Any, same_day: Any, alice: Any
) -> None:
    _ten, nine, link, _email = same_day
    hers = book_slot(alice, maya, nine + dt.timedelta(hours=3), "video")
    client_for(londoner).post(link, {"move": str(hers.pk)})
    hers.refresh_from_db()
    assert hers.start == nine + dt.timedelta(hours=3)
    assert WaitlistOffer.objects.get().status == "offered"

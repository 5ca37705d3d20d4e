"""Series on the pages: book (or book the rest), see the series, cancel or move the rest."""

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from django.utils import timezone

from tests.therapists.factories import make_therapist, morning_slot
from twitchlog.therapists.models import Appointment
from twitchlog.therapists.series import book_series
from twitchlog.therapists.services import book_slot
from twitchlog.therapists.slots import series_starts
from twitchlog.therapists.templatetags.therapists_tags import slot_key


def _post_series(client: Any, profile: Any, first: dt.datetime, **extra: Any) -> Any:
    data = {
        "start": slot_key(first),
        "session_format": "video",
        "repeat": "1",
        "count": "4",
        **extra,
    }
    return client.post(f"/therapists/{profile.pk}/book/", data)


def test_booking_a_series_on_the_page(alice_client: Any, theo_profile: Any) -> None:
    first = morning_slot(theo_profile)
    answer = _post_series(alice_client, theo_profile, first)
    assert answer.status_code == 302
    booked = list(Appointment.objects.order_by("start"))
    assert len(booked) == 4 and answer["Location"].endswith(f"/{booked[0].pk}/")
    page = alice_client.get(answer["Location"]).content.decode()
    assert "Every week, 4 sessions booked together" in page
    assert "Cancel this and the later sessions" in page


def test_a_conflict_lists_the_taken_session_and_offers_to_book_the_rest(
    alice_client: Any, charlie: Any, theo_profile: Any
) -> None:
    first = morning_slot(theo_profile)
    taken = first + dt.timedelta(weeks=2)
    book_slot(charlie, theo_profile, taken, "video")
    answer = _post_series(alice_client, theo_profile, first)
    assert answer.status_code == 409
    page = answer.content.decode()
    assert "1 of these times is not free, so nothing is booked yet" in page
    assert "The nearest free time is" in page
    assert "Book the other 3 sessions" in page
    assert Appointment.objects.filter(client__email="alice@example.org").count() == 0
    assert answer.context["skip"] == [taken.isoformat()]
    answer = _post_series(alice_client, theo_profile, first, skip=[taken.isoformat()])
    assert answer.status_code == 302
    mine = Appointment.objects.filter(client__email="alice@example.org").order_by("start")
    assert [a.start for a in mine] == [first + dt.timedelta(weeks=w) for w in (0, 1, 3)]


def test_a_series_needs_a_count(alice_client: Any, theo_profile: Any) -> None:
    first = morning_slot(theo_profile)
    answer = _post_series(alice_client, theo_profile, first, count="")
    assert answer.status_code == 200
    assert "Say how many sessions you would like" in answer.content.decode()
    answer = _post_series(alice_client, theo_profile, first, count="40")
    assert "A series has at most 12 sessions." in answer.content.decode()
    answer = _post_series(alice_client, theo_profile, first, count="six")
    page = answer.content.decode()
    assert "Type the number of sessions as digits, from 2 to 12." in page
    assert 'value="six"' in page and 'type="number"' not in page
    assert not Appointment.objects.exists()


def test_cancelling_the_rest_on_the_page(alice: Any, alice_client: Any, theo_profile: Any) -> None:
    booked = book_series(alice, theo_profile, morning_slot(theo_profile), "video", 1, 4)
    answer = alice_client.post(
        f"/therapists/appointments/{booked[1].pk}/cancel/", {"following": "1"}, follow=True
    )
    assert "3 appointments cancelled" in answer.content.decode()
    assert [a.status for a in Appointment.objects.order_by("start")] == [
        "booked",
        "cancelled",
        "cancelled",
        "cancelled",
    ]


def test_moving_the_rest_on_the_page(alice: Any, alice_client: Any, theo_profile: Any) -> None:
    booked = book_series(alice, theo_profile, morning_slot(theo_profile), "video", 1, 3)
    url = f"/therapists/appointments/{booked[0].pk}/move/?following=1"
    page = alice_client.get(url).content.decode()
    assert "The 2 later sessions of the series move with it" in page
    new_start = booked[0].start + dt.timedelta(hours=3)
    answer = alice_client.post(url, {"start": slot_key(new_start)})
    assert answer.status_code == 302
    assert [a.start for a in Appointment.objects.order_by("start")] == [
        new_start + dt.timedelta(weeks=w) for w in range(3)
    ]


def test_cancelling_asks_in_the_page_not_with_the_browsers_dialog(
    alice_client: Any, booking: Any
) -> None:
    page = alice_client.get(f"/therapists/appointments/{booking.pk}/").content.decode()
    assert "data-confirm" not in page
    assert '<details class="confirm">' in page
    assert "Keep it" in page and ">Cancel appointment</button>" in page


def test_the_directory_and_booking_pages_say_they_are_not_for_emergencies(
    client: Any, alice_client: Any, theo_profile: Any
) -> None:
    directory = client.get("/therapists/").content.decode()
    assert "Not for emergencies." in directory and "findahelpline.com" in directory
    first = morning_slot(theo_profile)
    book = alice_client.get(f"/therapists/{theo_profile.pk}/book/", {"start": slot_key(first)})
    page = book.content.decode()
    # Alice has no country on file: the lines that work anywhere; with one, that country's.
    assert "Not for emergencies." in page and "findahelpline.com" in page
    alice = book.wsgi_request.user
    alice.country = "GB"
    alice.save()
    page = alice_client.get(f"/therapists/{theo_profile.pk}/book/", {"start": slot_key(first)})
    assert "Samaritans" in page.content.decode()


def test_the_signed_link_page_asks_in_the_page_too(client: Any, booking: Any) -> None:
    from twitchlog.therapists.links import manage_token

    url = f"/therapists/manage/{manage_token(booking, 'client')}/"
    page = client.get(url).content.decode()
    assert "data-confirm" not in page and '<details class="confirm">' in page
    assert '<input type="hidden" name="action" value="cancel">' in page
    client.post(url, {"action": "cancel"})
    booking.refresh_from_db()
    assert booking.status == "cancelled"


def test_a_filtered_profile_with_nothing_at_that_time_says_so(
    alice_client: Any, theo_profile: Any
) -> None:
    # Theo's 08:00-20:00 in New York is 13:00-01:00 in London: no mornings for Alice.
    page = alice_client.get(f"/therapists/{theo_profile.pk}/", {"when": "morning"})
    assert "No free times at that time of day" in page.content.decode()


def test_sessions_beyond_the_booking_window_are_said_once_as_the_reason(
    alice_client: Any, theo: Any
) -> None:
    # Before: a fortnightly series of 12 whose last 7 sessions lay past the 60 days bookings
    # open listed each as "is not free. There is no free time within three days of it."
    profile = make_therapist(theo, horizon_days=60)
    first = morning_slot(profile)
    starts = series_starts(first, ZoneInfo(profile.time_zone), 2, 12)
    now = timezone.now()
    beyond = [s for s in starts if s > now + dt.timedelta(days=60)]
    answer = _post_series(alice_client, profile, first, repeat="2", count="12")
    assert answer.status_code == 409
    page = answer.content.decode()
    assert "is not free" not in page and "within three days" not in page
    assert page.count("cannot be booked yet") == 1
    assert "takes bookings up to 60 days ahead" in page
    assert f"the {len(beyond)} sessions from" in page
    assert "Nothing is booked yet." in page
    bookable = 12 - len(beyond)
    assert f"Book the other {bookable} sessions" in page
    assert "and the later ones once bookings open for them" in page
    conflict = answer.context["conflict"]
    assert conflict.beyond == beyond and answer.context["conflicts"] == []
    assert str(conflict) == (
        f"Bookings open up to 60 days ahead, and the last {len(beyond)} sessions are further "
        f"away than that, so nothing is booked yet. You can book {bookable} now and the later "
        "ones once they are within 60 days."
    )
    answer = _post_series(
        alice_client, profile, first, repeat="2", count="12", skip=answer.context["skip"]
    )
    assert answer.status_code == 302
    assert Appointment.objects.filter(client__email="alice@example.org").count() == bookable


def test_a_taken_session_and_sessions_beyond_the_window_are_told_apart(
    alice_client: Any, charlie: Any, theo: Any
) -> None:
    profile = make_therapist(theo, horizon_days=30)
    first = morning_slot(profile)
    taken = first + dt.timedelta(weeks=1)
    book_slot(charlie, profile, taken, "video")
    answer = _post_series(alice_client, profile, first, repeat="1", count="6")
    page = answer.content.decode()
    assert answer.status_code == 409
    assert [when for when, _ in answer.context["conflicts"]] == [taken]
    assert page.count("</strong> is not free.") == 1  # one line in the list
    assert "and 1 of the others is not free" in page
    assert page.count("cannot be booked yet") == 1

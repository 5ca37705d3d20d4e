"""Booking, seeing, moving, cancelling and sharing through the pages."""

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.conftest import client_for
from tests.therapists.factories import make_booking, make_therapist, slots_after
from twitchlog.assessments.instruments import INSTRUMENTS
from twitchlog.assessments.services import take_assessment
from twitchlog.core.models import AuditEntry
from twitchlog.therapists.links import manage_token
from twitchlog.therapists.models import Appointment


def _key(instant: dt.datetime) -> str:
    return instant.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%MZ")


def test_booking_through_the_page(
    alice_client: Client, theo_profile: Any, run_on_commit: Any, mailoutbox: Any
) -> None:
    slot = slots_after(theo_profile)[0]
    url = reverse("therapists:book", args=[theo_profile.pk])
    with run_on_commit():
        response = alice_client.post(url, {"start": _key(slot.start), "session_format": "phone"})
    appointment = Appointment.objects.get()
    assert response["Location"] == reverse("therapists:appointment", args=[appointment.pk])
    assert (appointment.start, appointment.session_format) == (slot.start, "phone")
    assert len(mailoutbox) == 2


def test_a_just_taken_time_gets_a_clear_answer_and_other_times(
    alice_client: Client, charlie: Any, theo_profile: Any
) -> None:
    slot = slots_after(theo_profile)[0]
    make_booking(charlie, theo_profile, days=2)
    url = reverse("therapists:book", args=[theo_profile.pk])
    response = alice_client.post(url, {"start": _key(slot.start), "session_format": "video"})
    assert response.status_code == 409
    page = response.content.decode()
    assert "That time was just taken by someone else" in page
    offered = [s.start for _, day in response.context["alternatives"] for s in day]
    assert offered and slot.start not in offered
    assert Appointment.objects.count() == 1


def test_a_missing_format_keeps_the_chosen_time(alice_client: Client, theo_profile: Any) -> None:
    slot = slots_after(theo_profile)[0]
    url = reverse("therapists:book", args=[theo_profile.pk])
    response = alice_client.post(url, {"start": _key(slot.start)})
    assert response.status_code == 200
    assert f'value="{_key(slot.start)}"' in response.content.decode()
    assert not Appointment.objects.exists()


def test_both_people_see_the_appointment_each_in_their_own_zone(
    alice_client: Client, theo_client: Client, booking: Any
) -> None:
    url = reverse("therapists:appointment", args=[booking.pk])
    for client, zone_name in ((alice_client, "Europe/London"), (theo_client, "America/New_York")):
        response = client.get(url)
        local = booking.start.astimezone(ZoneInfo(zone_name))
        assert f"{local:%H:%M} to" in response.content.decode()
    assert "alice@example.org" in theo_client.get(url).content.decode()
    assert "Share your summary" not in theo_client.get(url).content.decode()


def test_cancel_and_move_through_the_pages(
    alice_client: Client, booking: Any, run_on_commit: Any, mailoutbox: Any
) -> None:
    move_url = reverse("therapists:reschedule", args=[booking.pk])
    choices = alice_client.get(move_url).context["moves"].days
    offered = [s.start for _, day in choices for s in day]
    assert booking.start not in offered
    with run_on_commit():
        moved = alice_client.post(move_url, {"start": _key(offered[-1])})
    assert moved.status_code == 302
    booking.refresh_from_db()
    assert booking.start == offered[-1]
    with run_on_commit():
        alice_client.post(reverse("therapists:cancel", args=[booking.pk]))
    booking.refresh_from_db()
    assert booking.status == "cancelled"
    assert [m.subject.split(":")[0] for m in mailoutbox] == ["Moved"] * 2 + ["Cancelled"] * 2


def test_inside_the_notice_the_page_explains_and_refuses(
    alice_client: Client, alice: Any, theo_profile: Any
) -> None:
    soon = make_booking(alice, theo_profile, days=0.2)
    url = reverse("therapists:appointment", args=[soon.pk])
    page = alice_client.get(url).content.decode()
    assert "can no longer be moved or cancelled here" in page
    assert "Cancel appointment" not in page
    response = alice_client.post(reverse("therapists:cancel", args=[soon.pk]), follow=True)
    assert "up to 24 hours before" in response.content.decode()
    soon.refresh_from_db()
    assert soon.status == "booked"


def test_moving_to_a_taken_time_keeps_the_old_one(
    alice_client: Client, charlie: Any, booking: Any
) -> None:
    wanted = slots_after(booking.therapist, days=4)[0]
    make_booking(charlie, booking.therapist, days=4)
    response = alice_client.post(
        reverse("therapists:reschedule", args=[booking.pk]), {"start": _key(wanted.start)}
    )
    assert response.status_code == 409
    assert "just taken" in response.content.decode()
    assert Appointment.objects.get(pk=booking.pk).start == booking.start


def test_the_client_gives_and_withdraws_sharing_and_it_is_audited(
    alice_client: Client, booking: Any
) -> None:
    url = reverse("therapists:sharing", args=[booking.pk])
    alice_client.post(url, {"share": "1"})
    booking.refresh_from_db()
    assert booking.shared_at is not None
    alice_client.post(url, {"share": "0"})
    booking.refresh_from_db()
    assert booking.shared_at is None
    actions = list(
        AuditEntry.objects.filter(object_id=str(booking.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions[-2:] == ["appointment.sharing_given", "appointment.sharing_withdrawn"]


def test_the_client_sees_what_sharing_would_show(
    alice_client: Client, alice: Any, booking: Any
) -> None:
    url = reverse("therapists:appointment", args=[booking.pk])
    assert "You have not taken any tests or finished a self-experiment yet" in (
        alice_client.get(url).content.decode()
    )
    take_assessment(alice, INSTRUMENTS["gad7"], [1] * 7)
    page = alice_client.get(url).content.decode()
    assert "What Theo Marsh would see" in page
    assert "GAD-7: 7 of 21, mild" in page


def test_a_missing_choice_is_explained_in_plain_words(
    alice_client: Client, theo_profile: Any, booking: Any
) -> None:
    slot = slots_after(theo_profile)[0]
    book = reverse("therapists:book", args=[theo_profile.pk])
    page = alice_client.post(book, {"start": _key(slot.start)}).content.decode()
    assert "Choose how you would like to meet." in page
    move = reverse("therapists:reschedule", args=[booking.pk])
    page = alice_client.post(move, {}).content.decode()
    assert "Please pick a new time from the list." in page
    assert "This field is required" not in page


def test_the_therapist_cannot_change_what_the_client_shares(
    theo_client: Client, booking: Any
) -> None:
    response = theo_client.post(reverse("therapists:sharing", args=[booking.pk]), {"share": "1"})
    assert response.status_code == 404
    booking.refresh_from_db()
    assert booking.shared_at is None


def test_the_clients_list_separates_upcoming_and_past(
    alice_client: Client, alice: Any, booking: Any
) -> None:
    past = make_booking(alice, booking.therapist, days=3)
    Appointment.objects.filter(pk=past.pk).update(
        start=booking.start - dt.timedelta(days=10),
        end=booking.start - dt.timedelta(days=10) + dt.timedelta(minutes=50),
        blocked_until=booking.start - dt.timedelta(days=10) + dt.timedelta(minutes=60),
    )
    response = alice_client.get(reverse("therapists:appointments"))
    assert [a.pk for a in response.context["upcoming"]] == [booking.pk]
    assert [a.pk for a in response.context["past"]] == [past.pk]


def test_the_signed_link_works_without_logging_in(
    booking: Any, run_on_commit: Any, mailoutbox: Any
) -> None:
    url = reverse("therapists:manage", args=[manage_token(booking, "client")])
    anonymous = Client()
    page = anonymous.get(url)
    assert page.status_code == 200 and "Move it" in page.content.decode()
    choices = [s.start for _, day in page.context["moves"].days for s in day]
    with run_on_commit():
        moved = anonymous.post(url, {"action": "move", "start": _key(choices[-1])})
    assert "has moved" in moved.content.decode()
    booking.refresh_from_db()
    assert booking.start == choices[-1]
    with run_on_commit():
        anonymous.post(url, {"action": "cancel"})
    booking.refresh_from_db()
    assert booking.status == "cancelled" and booking.cancelled_by == booking.client
    assert AuditEntry.objects.filter(action="appointment.cancelled", actor=booking.client).exists()


def test_inside_the_notice_only_the_therapists_link_can_cancel(
    alice: Any, theo_profile: Any
) -> None:
    soon = make_booking(alice, theo_profile, days=0.2)
    as_client = reverse("therapists:manage", args=[manage_token(soon, "client")])
    as_therapist = reverse("therapists:manage", args=[manage_token(soon, "therapist")])
    refused = Client().post(as_client, {"action": "cancel"})
    assert refused.status_code == 409 and "up to 24 hours before" in refused.content.decode()
    assert Client().get(as_therapist).context["role"] == "therapist"
    Client().post(as_therapist, {"action": "cancel"})
    soon.refresh_from_db()
    assert (soon.status, soon.cancelled_by) == ("cancelled", theo_profile.user)


def test_a_tampered_link_does_nothing(booking: Any) -> None:
    token = manage_token(booking, "client")
    for bad in (token[:-2] + "xx", token.replace(":", ";"), "nonsense"):
        response = Client().post(reverse("therapists:manage", args=[bad]), {"action": "cancel"})
        assert response.status_code == 404
        assert "This link does not work" in response.content.decode()
    booking.refresh_from_db()
    assert booking.status == "booked"


def test_the_home_page_shows_the_next_appointment(
    alice_client: Client, theo_client: Client, charlie_client: Client, booking: Any
) -> None:
    assert (
        "Your next appointment is with <strong>Theo Marsh</strong>"
        in alice_client.get(reverse("core:home")).content.decode()
    )
    assert (
        "Your next session is with <strong>Alice</strong>"
        in theo_client.get(reverse("core:home")).content.decode()
    )
    assert "Your next appointment" not in charlie_client.get(reverse("core:home")).content.decode()


def test_the_nav_links_to_the_directory(client: Client, db: Any) -> None:
    page = client.get(reverse("therapists:directory")).content.decode()
    assert '<a href="/therapists/" aria-current="page">Therapists</a>' in page


def test_strangers_never_see_anything_of_an_appointment(charlie: Any, booking: Any) -> None:
    stranger = client_for(charlie)
    for name in ("appointment", "reschedule", "shared_summary"):
        assert stranger.get(reverse(f"therapists:{name}", args=[booking.pk])).status_code == 404
    for name in ("cancel", "sharing"):
        assert stranger.post(reverse(f"therapists:{name}", args=[booking.pk])).status_code == 404
    booking.refresh_from_db()
    assert booking.status == "booked"


def test_a_signed_link_stops_working_a_week_after_the_appointment(booking: Any) -> None:
    url = reverse("therapists:manage", args=[manage_token(booking, "client")])
    shift = dt.timedelta(days=30)
    Appointment.objects.filter(pk=booking.pk).update(
        start=booking.start - shift,
        end=booking.end - shift,
        blocked_until=booking.blocked_until - shift,
    )
    response = Client().get(url)
    assert response.status_code == 404
    assert "This link does not work" in response.content.decode()


def test_the_shared_summary_shows_the_phq9_item_9_answer(
    alice_client: Client, theo_client: Client, alice: Any, booking: Any
) -> None:
    from tests.assessments.conftest import save_result

    save_result(alice, "phq9", "000000001")
    preview = alice_client.get(reverse("therapists:appointment", args=[booking.pk]))
    assert "your answer to item 9 (“Several days”)" in preview.content.decode()
    alice_client.post(reverse("therapists:sharing", args=[booking.pk]), {"share": "1"})
    page = theo_client.get(reverse("therapists:shared_summary", args=[booking.pk]))
    html = page.content.decode()
    assert "Item 9, “Thoughts that you would be better off dead" in html
    assert "<strong>Several days</strong>" in html


@pytest.mark.parametrize("as_therapist_in, as_client_in", [(3, 5), (5, 3)])
def test_a_therapist_who_is_also_a_client_sees_both_on_home(
    theo: Any, charlie: Any, theo_profile: Any, as_therapist_in: int, as_client_in: int
) -> None:
    """The panel finds the next appointment in either role first, then the other role."""
    charlie_profile = make_therapist(charlie, name="Charlie Reed")
    session = make_booking(charlie, theo_profile, days=as_therapist_in)
    make_booking(theo, charlie_profile, days=as_client_in)
    home = client_for(theo).get(reverse("core:home")).content.decode()
    assert "Your next appointment is with <strong>Charlie Reed</strong>" in home
    assert "Your next session is with <strong>Charlie</strong>" in home
    Appointment.objects.filter(pk=session.pk).update(status=Appointment.Status.CANCELLED)
    home = client_for(theo).get(reverse("core:home")).content.decode()
    assert "Your next appointment is with <strong>Charlie Reed</strong>" in home
    assert "Your next session is with" not in home


def test_moving_an_appointment_weeks_ahead_offers_times_around_it(
    alice: Any, alice_client: Client, theo_profile: Any
) -> None:
    # Before: an appointment a month ahead was offered only the next three weeks from today,
    # so no time near its own date could be picked.
    booking = make_booking(alice, theo_profile, days=30)
    london = ZoneInfo("Europe/London")
    booked_on = booking.start.astimezone(london).date()
    today = dt.datetime.now(london).date()
    move_url = reverse("therapists:reschedule", args=[booking.pk])
    page = alice_client.get(move_url)
    moves = page.context["moves"]
    offered = [s.start for _, day in moves.days for s in day]
    assert (moves.first, moves.last) == (
        booked_on - dt.timedelta(days=7),
        booked_on + dt.timedelta(days=13),
    )
    assert any(booked_on - dt.timedelta(days=1) == s.astimezone(london).date() for s in offered)
    assert any(booked_on + dt.timedelta(days=1) == s.astimezone(london).date() for s in offered)
    text = page.content.decode()
    assert f"Free times from {moves.first:%A} {moves.first.day} {moves.first:%B} to" in text
    assert "next three weeks" not in text
    # Earlier times are a click away, back to today and no further.
    assert moves.earlier == max(today, moves.first - dt.timedelta(days=21))
    earlier = alice_client.get(move_url, {"from": "2000-01-01"}).context["moves"]
    assert earlier.first == today and earlier.earlier is None
    # The signed link's page offers the same times.
    signed = Client().get(reverse("therapists:manage", args=[manage_token(booking, "client")]))
    assert signed.context["moves"].first == moves.first


def test_a_past_session_does_not_ask_to_share_before_you_meet(
    alice_client: Client, booking: Any
) -> None:
    url = reverse("therapists:appointment", args=[booking.pk])
    assert "Share your summary" in alice_client.get(url).content.decode()
    start = timezone.now() - dt.timedelta(days=1)
    Appointment.objects.filter(pk=booking.pk).update(
        start=start, end=start + dt.timedelta(minutes=50)
    )
    page = alice_client.get(url).content.decode()
    assert "Share your summary" not in page and "before you meet" not in page
    # One given before the session can still be withdrawn while its window runs.
    Appointment.objects.filter(pk=booking.pk).update(shared_at=start - dt.timedelta(hours=1))
    assert "Stop sharing" in alice_client.get(url).content.decode()


def test_a_therapist_out_of_the_directory_is_named_not_linked(
    alice_client: Client, booking: Any, theo_profile: Any
) -> None:
    url = reverse("therapists:appointment", args=[booking.pk])
    profile_url = reverse("therapists:profile", args=[theo_profile.pk])
    assert f'href="{profile_url}"' in alice_client.get(url).content.decode()
    type(theo_profile).objects.filter(pk=theo_profile.pk).update(licence_number="")
    page = alice_client.get(url).content.decode()
    assert f'href="{profile_url}"' not in page
    assert "Theo Marsh" in page and "this appointment stands" in page

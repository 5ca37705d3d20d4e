"""A therapist's own pages: applying, the profile, availability, the dashboard and summaries."""

import datetime as dt
import io
import re
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from tests.conftest import make_user
from tests.therapists.factories import make_booking, make_therapist
from twitchlog.core.models import AuditEntry
from twitchlog.therapists import therapist_views
from twitchlog.therapists.models import (
    Appointment,
    ExtraHours,
    TherapistPhoto,
    TherapistProfile,
    TimeOff,
    WeeklyHours,
)
from twitchlog.therapists.services import set_sharing

APPLICATION = {
    "name": "Charlie Tanaka",
    "credentials": "MA Clinical Psychology",
    "qualification": "master",
    "licence_number": "PYL12345",
    "licence_body": "HCPC",
    "jurisdiction": "United Kingdom",
    "lived_experience": "on",
    "approaches": ["cbt", "exposure"],
    "languages": ["en", "ja"],
    "formats": ["video"],
    "session_minutes": "50",
    "fee": "12000",
    "currency": "USD",
    "time_zone": "Tokyo",
    "bio": "I lived with panic for years; now I help others out of it.",
}


def _photo(size: tuple[int, int] = (900, 600), kind: str = "PNG") -> SimpleUploadedFile:
    data = io.BytesIO()
    image = Image.new("RGB", size, (120, 180, 160))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # camera make; must not survive re-encoding
    if kind == "JPEG":
        image.save(data, kind, exif=exif)
    else:
        image.save(data, kind)
    return SimpleUploadedFile(f"me.{kind.lower()}", data.getvalue(), f"image/{kind.lower()}")


def test_anyone_signed_in_can_apply_and_waits_for_approval(
    charlie_client: Client, charlie: Any, client: Client
) -> None:
    response = charlie_client.post(reverse("therapists:apply"), APPLICATION)
    assert response["Location"] == reverse("therapists:availability")
    profile = TherapistProfile.objects.get(user=charlie)
    assert (profile.time_zone, profile.languages, profile.approved_at) == (
        "Asia/Tokyo",
        ["en", "ja"],
        None,
    )
    assert not profile.is_listed
    assert AuditEntry.objects.filter(action="therapist.applied", actor=charlie).exists()
    assert "Charlie Tanaka" not in client.get(reverse("therapists:directory")).content.decode()
    assert charlie_client.get(reverse("therapists:apply"))["Location"] == reverse(
        "therapists:edit_profile"
    )


def test_the_application_explains_problems_and_keeps_what_was_typed(
    charlie_client: Client,
) -> None:
    data = {**APPLICATION, "formats": ["video", "in_person"], "bio": "", "fee": "abc"}
    response = charlie_client.post(reverse("therapists:apply"), data)
    page = response.content.decode()
    assert "Please say which city you see people in." in page
    assert "Please write a few sentences about how you work." in page
    assert 'value="Charlie Tanaka"' in page
    assert 'value="exposure" id="id_approaches_2" checked' in page
    assert "Type the fee as a number, such as 90 or 90.50." in page
    assert 'value="abc"' in page  # a text box: the browser sends what was typed
    assert not TherapistProfile.objects.exists()


def test_a_photo_is_cropped_square_small_and_without_metadata(
    charlie_client: Client, charlie: Any, client: Client
) -> None:
    charlie_client.post(reverse("therapists:apply"), {**APPLICATION, "photo": _photo(kind="JPEG")})
    profile = TherapistProfile.objects.get(user=charlie)
    stored = Image.open(io.BytesIO(bytes(profile.photo.image)))
    assert (stored.format, stored.size) == ("JPEG", (400, 400))
    assert not stored.getexif()
    not_a_photo = SimpleUploadedFile("x.png", b"not an image", "image/png")
    response = charlie_client.post(
        reverse("therapists:edit_profile"), {**APPLICATION, "photo": not_a_photo}
    )
    assert response.status_code == 200
    assert (
        "Upload a valid image" in response.content.decode()
        or "not a photo" in response.content.decode()
    )
    charlie_client.post(reverse("therapists:edit_profile"), {**APPLICATION, "remove_photo": "on"})
    profile.refresh_from_db()
    assert profile.photo_updated_at is None
    assert not TherapistPhoto.objects.filter(profile=profile).exists()


def test_changing_vetted_fields_needs_approval_again(
    theo_client: Client, theo_profile: Any
) -> None:
    url = reverse("therapists:edit_profile")
    current = {
        **APPLICATION,
        "name": theo_profile.name,
        "credentials": theo_profile.credentials,
        "time_zone": theo_profile.time_zone,
        "approaches": theo_profile.approaches,
        "languages": theo_profile.languages,
        "formats": theo_profile.formats,
        "fee": "90",
        "currency": "GBP",
    }
    theo_client.post(url, {**current, "bio": "A new, calmer bio."})
    theo_profile.refresh_from_db()
    assert theo_profile.bio == "A new, calmer bio." and theo_profile.is_listed
    theo_client.post(url, {**current, "bio": "A new, calmer bio.", "qualification": "doctorate"})
    theo_profile.refresh_from_db()
    assert theo_profile.qualification == "doctorate" and not theo_profile.is_listed
    assert AuditEntry.objects.filter(action="therapist.approval_reset").count() == 1


def test_a_profile_needs_its_licence_and_is_listed_only_with_it(
    charlie_client: Client, theo_profile: Any, theo_client: Client
) -> None:
    missing = {k: v for k, v in APPLICATION.items() if not k.startswith("licence")}
    page = charlie_client.post(reverse("therapists:apply"), missing)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Please give your licence or registration number." in text
    assert "Please name the body you are registered with." in text
    assert not TherapistProfile.objects.filter(name="Charlie Tanaka").exists()
    # Changing the registration takes the profile out of the directory until checked again.
    current = {
        **APPLICATION,
        "name": theo_profile.name,
        "credentials": theo_profile.credentials,
        "time_zone": theo_profile.time_zone,
        "bio": theo_profile.bio,
    }
    theo_client.post(reverse("therapists:edit_profile"), {**current, "licence_number": "PYL999"})
    theo_profile.refresh_from_db()
    assert theo_profile.licence_number == "PYL999" and not theo_profile.is_listed
    assert not TherapistProfile.objects.listed().exists()


def test_the_profile_shows_the_licence_and_lived_experience_as_told(
    client: Client, theo_profile: Any
) -> None:
    page = client.get(reverse("therapists:profile", args=[theo_profile.pk])).content.decode()
    assert "PYL12345" in page and "HCPC" in page and "United Kingdom" in page
    assert "Has lived experience of an anxiety disorder." in page
    assert "by ticking a box" in page and "In their own words" not in page  # not a quote


def test_pages_for_therapists_send_others_to_apply(charlie_client: Client) -> None:
    for name in ("edit_profile", "availability", "dashboard"):
        assert charlie_client.get(reverse(f"therapists:{name}"))["Location"] == reverse(
            "therapists:apply"
        )


def test_adding_and_removing_availability(theo_client: Client, theo_profile: Any) -> None:
    url = reverse("therapists:availability")
    bad = theo_client.post(
        url,
        {"form": "weekly", "weekly-weekday": "2", "weekly-start": "17:00", "weekly-end": "09:00"},
    )
    assert "The end time needs to be later than the start time." in bad.content.decode()
    assert 'value="17:00"' in bad.content.decode()
    before = WeeklyHours.objects.count()
    theo_client.post(
        url,
        {"form": "weekly", "weekly-weekday": "2", "weekly-start": "06:00", "weekly-end": "07:00"},
    )
    assert WeeklyHours.objects.count() == before + 1
    added = WeeklyHours.objects.get(start=dt.time(6))
    theo_client.post(
        url, {"form": "off", "off-first_day": "2030-01-02", "off-last_day": "2030-01-01"}
    )
    assert not theo_profile.time_off.exists()
    theo_client.post(
        url,
        {"form": "extra", "extra-day": "2030-01-05", "extra-start": "09:00", "extra-end": "10:00"},
    )
    assert theo_profile.extra_hours.count() == 1
    theo_client.post(
        url,
        {
            "form": "rules",
            "rules-buffer_minutes": "15",
            "rules-notice_hours": "48",
            "rules-horizon_days": "30",
            "rules-cancel_notice_hours": "12",
        },
    )
    theo_profile.refresh_from_db()
    assert (theo_profile.buffer_minutes, theo_profile.notice_hours) == (15, 48)
    theo_client.post(reverse("therapists:availability_delete", args=["weekly", added.pk]))
    assert not WeeklyHours.objects.filter(pk=added.pk).exists()
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"therapist.availability_added", "therapist.availability_removed"} <= actions


def test_the_weekday_box_asks_for_a_day_in_words(theo_client: Client, theo_profile: Any) -> None:
    page = theo_client.get(reverse("therapists:availability")).content.decode()
    assert '<option value="" selected>Choose a day</option>' in page
    assert "---------" not in page
    assert 'aria-current="page" href="/therapists/me/availability/">Availability' in page


def test_a_therapist_cannot_remove_someone_elses_hours(theo_client: Client) -> None:
    other = make_therapist(make_user("olu@example.org"))
    hours = other.weekly_hours.first()
    assert hours is not None
    url = reverse("therapists:availability_delete", args=["weekly", hours.pk])
    assert theo_client.post(url).status_code == 404
    assert (
        theo_client.post(
            reverse("therapists:availability_delete", args=["nonsense", hours.pk])
        ).status_code
        == 404
    )
    assert WeeklyHours.objects.filter(pk=hours.pk).exists()


def test_the_dashboard_lists_only_the_therapists_own_appointments(
    theo_client: Client, alice: Any, booking: Any
) -> None:
    other = make_therapist(make_user("olu@example.org"))
    someone_elses = make_booking(alice, other)
    response = theo_client.get(reverse("therapists:dashboard"))
    assert [a.pk for a in response.context["upcoming"]] == [booking.pk]
    assert someone_elses.pk not in [a.pk for a in response.context["past"]]
    local = booking.start.astimezone(ZoneInfo("America/New_York"))
    assert f"{local:%H:%M} E" in response.content.decode()  # EST or EDT


def test_the_shared_summary_shows_only_within_the_window(
    theo_client: Client, alice: Any, booking: Any, monkeypatch: Any
) -> None:
    url = reverse("therapists:shared_summary", args=[booking.pk])
    assert theo_client.get(url).status_code == 404  # not shared
    set_sharing(alice, booking, True)
    response = theo_client.get(url)
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    ends = booking.end + dt.timedelta(hours=24)
    monkeypatch.setattr(timezone, "now", lambda: ends + dt.timedelta(seconds=1))
    assert theo_client.get(url).status_code == 404  # the window has closed
    monkeypatch.setattr(timezone, "now", lambda: ends)
    assert theo_client.get(url).status_code == 200
    set_sharing(alice, booking, False)
    assert theo_client.get(url).status_code == 404  # consent withdrawn


def test_the_client_does_not_get_the_therapists_view_of_the_summary(
    alice_client: Client, alice: Any, booking: Any
) -> None:
    set_sharing(alice, booking, True)
    url = reverse("therapists:shared_summary", args=[booking.pk])
    assert alice_client.get(url).status_code == 404


def test_a_cancelled_appointment_shows_no_summary(
    theo_client: Client, alice: Any, booking: Any
) -> None:
    set_sharing(alice, booking, True)
    Appointment.objects.filter(pk=booking.pk).update(status="cancelled")
    assert (
        theo_client.get(reverse("therapists:shared_summary", args=[booking.pk])).status_code == 404
    )


def test_the_summary_shows_the_clients_latest_results(
    theo_client: Client, alice: Any, booking: Any
) -> None:
    from twitchlog.assessments.instruments import INSTRUMENTS
    from twitchlog.assessments.services import take_assessment

    gad7 = INSTRUMENTS["gad7"]
    take_assessment(alice, gad7, [1] * len(gad7.items))
    set_sharing(alice, booking, True)
    page = theo_client.get(reverse("therapists:shared_summary", args=[booking.pk]))
    [row] = page.context["results"]
    assert row["score"] == len(gad7.items) and row["instrument"] == gad7.name


def test_a_shared_summary_without_any_result_says_so(
    theo_client: Client, alice: Any, booking: Any
) -> None:
    assert therapist_views.latest_results_for(alice) == []
    set_sharing(alice, booking, True)
    page = theo_client.get(reverse("therapists:shared_summary", args=[booking.pk]))
    assert "No shared results yet." in page.content.decode()


def test_the_availability_preview_says_when_it_shows_only_the_first_times(
    theo_client: Client, theo_profile: Any
) -> None:
    # The factory's weekday hours give far more than 30 free times in two weeks.
    page = theo_client.get(reverse("therapists:availability")).content.decode()
    found = re.search(r"The first 30 of the (\d+) free times clients can book", page)
    assert found and int(found.group(1)) > 30
    assert "Every free time clients can book" not in page


def test_overlapping_hours_are_refused_in_plain_words(
    theo_client: Client, theo_profile: Any
) -> None:
    url = reverse("therapists:availability")
    theo_profile.weekly_hours.filter(weekday=6).delete()  # the factory sets every day
    week = {"form": "weekly", "weekly-weekday": "6", "weekly-start": "09:00"}
    theo_client.post(url, {**week, "weekly-end": "12:00"})
    before = WeeklyHours.objects.count()
    page = theo_client.post(url, {**week, "weekly-start": "11:00", "weekly-end": "13:00"})
    assert "These hours overlap 09:00 to 12:00 that you already have" in page.content.decode()
    assert 'value="11:00"' in page.content.decode()
    assert WeeklyHours.objects.count() == before
    theo_client.post(url, {**week, "weekly-start": "12:00", "weekly-end": "13:00"})  # touching
    assert WeeklyHours.objects.count() == before + 1
    extra = {"form": "extra", "extra-day": "2030-01-05", "extra-start": "09:00"}
    theo_client.post(url, {**extra, "extra-end": "10:00"})
    page = theo_client.post(url, {**extra, "extra-end": "10:00"})
    assert "These hours overlap 09:00 to 10:00" in page.content.decode()
    assert theo_profile.extra_hours.count() == 1


def test_a_refused_profile_change_does_not_claim_the_profile_left_the_directory(
    theo_client: Client, theo_profile: Any
) -> None:
    assert theo_profile.is_listed
    current = {
        **APPLICATION,
        "name": "",  # refused
        "credentials": theo_profile.credentials,
        "time_zone": theo_profile.time_zone,
        "bio": theo_profile.bio,
    }
    del current["lived_experience"]  # accepted, but never saved
    page = theo_client.post(reverse("therapists:edit_profile"), current).content.decode()
    assert "Please give the name clients will see." in page
    assert "Your profile is not in the directory" not in page
    theo_profile.refresh_from_db()
    assert theo_profile.lived_experience and theo_profile.is_listed


def test_refused_booking_rules_leave_the_preview_on_the_stored_ones(
    theo_client: Client, theo_profile: Any
) -> None:
    url = reverse("therapists:availability")
    before = theo_client.get(url).context["preview_total"]
    rules = {
        "form": "rules",
        "rules-buffer_minutes": "nonsense",  # refused
        "rules-notice_hours": str(theo_profile.notice_hours),
        "rules-horizon_days": "1",  # accepted, but never saved
        "rules-cancel_notice_hours": str(theo_profile.cancel_notice_hours),
    }
    response = theo_client.post(url, rules)
    assert response.status_code == 200 and response.context["forms"]["rules"].errors
    assert response.context["preview_total"] == before
    assert response.context["therapist"].horizon_days == theo_profile.horizon_days != 1


def test_each_remove_button_says_what_it_removes(theo_client: Client, theo_profile: Any) -> None:
    """Three identical "Remove" buttons tell a screen reader nothing; each names its item."""
    theo_profile.weekly_hours.all().delete()
    for day in (0, 2):
        WeeklyHours.objects.create(
            profile=theo_profile, weekday=day, start=dt.time(9), end=dt.time(13)
        )
    ExtraHours.objects.create(
        profile=theo_profile, day=dt.date(2030, 1, 5), start=dt.time(9), end=dt.time(10)
    )
    TimeOff.objects.create(
        profile=theo_profile, first_day=dt.date(2030, 2, 1), last_day=dt.date(2030, 2, 3)
    )
    page = theo_client.get(reverse("therapists:availability")).content.decode()
    buttons = re.findall(r"<button class=\"small secondary\">(.*?)</button>", page)
    names = [" ".join(re.sub(r"<[^>]+>", "", b).split()) for b in buttons]
    assert names == [
        "Remove Monday 09:00–13:00",
        "Remove Wednesday 09:00–13:00",
        "Remove Sat 5 Jan 2030, 09:00–10:00",
        "Remove time off Fri 1 Feb 2030 to Sun 3 Feb 2030",
    ]
    assert 'Remove<span class="visually-hidden"> Monday 09:00–13:00</span>' in page


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("buffer_minutes", "-5", "The break after a session can be from 0 to 120 minutes."),
        ("buffer_minutes", "500", "The break after a session can be from 0 to 120 minutes."),
        ("buffer_minutes", "ten", "Type the break as a whole number of minutes, such as 10."),
        ("buffer_minutes", "", "Please give the break after each session in minutes (0 for none)."),
        ("notice_hours", "-1", "The notice for a booking can be from 0 to 336 hours (two weeks)."),
        (
            "notice_hours",
            "",
            "Please give the notice you need for a booking in hours (0 for none).",
        ),
        ("horizon_days", "0", "People can book from 1 to 365 days ahead."),
        ("horizon_days", "", "Please say how many days ahead people can book."),
        ("cancel_notice_hours", "400", "The notice to cancel or move can be from 0 to 336 hours"),
        ("cancel_notice_hours", "", "Please give the notice a client needs to cancel or move"),
    ],
)
def test_the_booking_rules_say_what_is_wrong_in_plain_words(
    theo_client: Client, theo_profile: Any, field: str, value: str, message: str
) -> None:
    rules = {
        "form": "rules",
        "rules-buffer_minutes": "10",
        "rules-notice_hours": "24",
        "rules-horizon_days": "60",
        "rules-cancel_notice_hours": "24",
    }
    rules[f"rules-{field}"] = value
    page = theo_client.post(reverse("therapists:availability"), rules).content.decode()
    assert message in page
    assert "Ensure this value" not in page and "This field is required." not in page
    theo_profile.refresh_from_db()
    assert (theo_profile.buffer_minutes, theo_profile.horizon_days) == (10, 60)

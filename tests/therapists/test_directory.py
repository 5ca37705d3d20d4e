"""The directory and profile pages: who is listed, filters, and times in the viewer's zone."""

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from django.test import Client
from django.urls import reverse

from tests.conftest import make_user
from tests.therapists.factories import make_booking, make_therapist, slots_after
from twitchlog.therapists.availability import next_free_slot
from twitchlog.therapists.slots import Slot


def _names(response: Any) -> list[str]:
    return [p.name for p, _ in response.context["entries"]]


def test_only_approved_qualified_therapists_with_lived_experience_are_listed(
    client: Client, theo_profile: Any
) -> None:
    make_therapist(make_user("pending@example.org", display_name="Pending"), approved=False)
    make_therapist(
        make_user("ba@example.org", display_name="Bachelor"), qualification="below_master"
    )
    make_therapist(make_user("nolived@example.org", display_name="Unlived"), lived_experience=False)
    make_therapist(make_user("dr@example.org", display_name="Doctor"), qualification="doctorate")
    gone = make_user("gone@example.org", display_name="Gone")
    make_therapist(gone)
    gone.is_active = False
    gone.save()
    response = client.get(reverse("therapists:directory"))
    assert _names(response) == ["Doctor", "Theo Marsh"]


def test_filters_by_language_format_approach_and_next_free_time(
    alice_client: Client, theo_profile: Any
) -> None:
    spanish = make_therapist(
        make_user("sofia@example.org", display_name="Sofia"),
        languages=["es", "en"],
        formats=["in_person"],
        city="Madrid",
        approaches=["exposure"],
        notice_hours=24 * 10,
    )
    url = reverse("therapists:directory")
    assert _names(alice_client.get(url, {"language": "es"})) == ["Sofia"]
    assert _names(alice_client.get(url, {"format": "video"})) == ["Theo Marsh"]
    assert _names(alice_client.get(url, {"approach": "exposure"})) == ["Sofia"]
    assert _names(alice_client.get(url, {"within": "7"})) == ["Theo Marsh"]
    assert _names(alice_client.get(url, {"within": "14"})) == ["Sofia", "Theo Marsh"]
    page = alice_client.get(url, {"language": "es"}).content.decode()
    assert "In person (Madrid)" in page
    assert spanish.pk
    assert _names(alice_client.get(url, {"language": "xx"})) == ["Sofia", "Theo Marsh"]


def test_the_directory_shows_the_next_free_time_in_the_viewers_zone(
    alice: Any, theo_profile: Any
) -> None:
    slot = next_free_slot(theo_profile)
    assert slot is not None
    london = slot.start.astimezone(ZoneInfo("Europe/London"))
    page = Client()
    page.force_login(alice)
    assert (
        f"Next free: {london:%a} {london.day} {london:%b}, {london:%H:%M}"
        in page.get(reverse("therapists:directory")).content.decode()
    )
    anonymous = Client().get(reverse("therapists:directory")).content.decode()
    utc = slot.start.astimezone(dt.UTC)
    assert f"{utc:%H:%M} UTC" in anonymous
    assert "Times are shown in UTC" in anonymous


def test_a_profile_lists_free_slots_grouped_by_the_viewers_days(
    alice_client: Client, alice: Any, charlie: Any, theo_profile: Any
) -> None:
    taken = make_booking(charlie, theo_profile, days=1)
    url = reverse("therapists:profile", args=[theo_profile.pk])
    response = alice_client.get(url)
    days = response.context["days"]
    assert days
    for day, slots in days:
        for slot in slots:
            assert slot.start.astimezone(ZoneInfo("Europe/London")).date() == day
            assert slot.start != taken.start
    first: Slot = days[0][1][0]
    page = response.content.decode()
    key = first.start.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%MZ")
    assert f"/therapists/{theo_profile.pk}/book/?start={key}" in page
    later = alice_client.get(url, {"from": response.context["later"].isoformat()})
    assert later.context["days"][0][0] >= response.context["later"]
    assert later.context["earlier"] is not None


def test_a_profile_with_no_time_this_week_points_to_the_next_one(
    alice_client: Client, theo: Any
) -> None:
    profile = make_therapist(theo, notice_hours=24 * 9)
    response = alice_client.get(reverse("therapists:profile", args=[profile.pk]))
    assert response.context["days"] == []
    assert "Go to the next free time" in response.content.decode()


def test_unlisted_profiles_are_hidden_except_from_their_owner(
    client: Client, alice_client: Client, theo: Any
) -> None:
    profile = make_therapist(theo, approved=False)
    url = reverse("therapists:profile", args=[profile.pk])
    assert client.get(url).status_code == 404
    assert alice_client.get(url).status_code == 404
    own = Client()
    own.force_login(theo)
    assert "This is a preview" in own.get(url).content.decode()


def test_photos_are_served_for_listed_profiles_only(client: Client, theo: Any) -> None:
    from django.utils import timezone

    from twitchlog.therapists.models import TherapistPhoto

    profile = make_therapist(theo, photo_updated_at=timezone.now())
    TherapistPhoto.objects.create(profile=profile, image=b"jpeg bytes")
    response = client.get(reverse("therapists:photo", args=[profile.pk]))
    assert response.status_code == 200 and response.content == b"jpeg bytes"
    assert response["Content-Type"] == "image/jpeg"
    profile.approved_at = None
    profile.save()
    assert client.get(reverse("therapists:photo", args=[profile.pk])).status_code == 404
    unlisted_no_photo = make_therapist(make_user("nophoto@example.org"))
    assert client.get(reverse("therapists:photo", args=[unlisted_no_photo.pk])).status_code == 404


def test_a_preview_photo_is_not_left_in_shared_caches(theo: Any) -> None:
    from django.utils import timezone

    from twitchlog.therapists.models import TherapistPhoto

    profile = make_therapist(theo, approved=False, photo_updated_at=timezone.now())
    TherapistPhoto.objects.create(profile=profile, image=b"jpeg bytes")
    own = Client()
    own.force_login(theo)
    response = own.get(reverse("therapists:photo", args=[profile.pk]))
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("private")


def test_the_booking_page_offers_only_free_times(alice_client: Client, theo_profile: Any) -> None:
    slot = slots_after(theo_profile)[0]
    url = reverse("therapists:book", args=[theo_profile.pk])
    key = slot.start.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%MZ")
    page = alice_client.get(url, {"start": key})
    assert page.status_code == 200
    assert "Book this time" in page.content.decode()
    off_grid = (slot.start + dt.timedelta(minutes=7)).strftime("%Y-%m-%dT%H:%MZ")
    refused = alice_client.get(url, {"start": off_grid})
    assert refused.status_code == 409
    assert "not offered any more" in refused.content.decode()
    assert refused.context["alternatives"]
    assert alice_client.get(url, {"start": "nonsense"})["Location"].endswith(
        f"/therapists/{theo_profile.pk}/"
    )


def test_the_directory_costs_the_same_few_queries_for_many_therapists(
    client: Client, alice: Any, django_assert_max_num_queries: Any
) -> None:
    for n in range(12):
        profile = make_therapist(make_user(f"t{n}@example.org", display_name=f"T{n}"))
        if n < 4:
            make_booking(alice, profile)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("therapists:directory"))
    assert len(response.context["entries"]) == 12

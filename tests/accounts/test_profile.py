import datetime as dt
from typing import Any

from django.urls import reverse

from twitchlog.core.models import AuditEntry
from twitchlog.knowledge.care import care_for


def test_it_changes_the_time_zone(alice_client: Any, alice: Any) -> None:
    response = alice_client.post(
        reverse("accounts:profile"),
        {"display_name": "Al", "time_zone": "Australia/Sydney", "country": "au"},
    )
    assert response.status_code == 302
    alice.refresh_from_db()
    assert (alice.time_zone, alice.country, alice.display_name) == ("Australia/Sydney", "AU", "Al")
    entry = AuditEntry.objects.get(action="account.profile_updated")
    assert entry.details == {"fields": ["country", "display_name", "time_zone"]}


def test_it_explains_a_bad_time_zone_and_keeps_input(alice_client: Any, alice: Any) -> None:
    response = alice_client.post(
        reverse("accounts:profile"),
        {"display_name": "Al", "time_zone": "Europe/Atlantis", "country": "GB"},
    )
    page = response.content.decode()
    assert "not a time zone we know" in page
    assert 'value="Europe/Atlantis"' in page
    assert 'value="Al"' in page
    alice.refresh_from_db()
    assert alice.time_zone == "Europe/London"


def test_it_explains_a_bad_country_code(alice_client: Any) -> None:
    response = alice_client.post(
        reverse("accounts:profile"), {"time_zone": "Europe/London", "country": "UK1"}
    )
    assert "Choose your country from the list" in response.content.decode()


def test_the_country_is_chosen_from_a_list_by_name(alice_client: Any, alice: Any) -> None:
    # Before: a two-letter box ("GB"), which few people know for their own country.
    alice.country = "UK"  # as older profiles may hold it
    alice.save()
    page = alice_client.get(reverse("accounts:profile")).content.decode()
    assert '<select name="country"' in page
    assert '<option value="GB" selected>United Kingdom</option>' in page
    names = page.split('<select name="country"')[1].split("</select>")[0]
    assert names.index("United Arab Emirates") < names.index("United Kingdom")
    assert names.index("United Kingdom") < names.index("United States")
    assert "Britain (UK)" not in names and "South Korea" in names
    assert '<option value="DE">Germany</option>' in page
    alice_client.post(reverse("accounts:profile"), {"time_zone": "Europe/London", "country": "de"})
    alice.refresh_from_db()
    assert alice.country == "DE"


def test_pages_show_times_in_the_persons_zone(alice_client: Any, alice: Any) -> None:
    alice.health_data_consent_at = dt.datetime(2026, 1, 1, 23, 30, tzinfo=dt.UTC)
    alice.save()
    assert "1 January 2026" in alice_client.get(reverse("accounts:profile")).content.decode()
    alice.time_zone = "Pacific/Auckland"
    alice.save()
    assert "2 January 2026" in alice_client.get(reverse("accounts:profile")).content.decode()


def test_it_links_to_the_diary_downloads(alice_client: Any) -> None:
    page = alice_client.get(reverse("accounts:profile")).content.decode()
    assert f'<a href="{reverse("diary:settings")}"><strong>Download your diary</strong>' in page


def test_a_refused_profile_leaves_the_page_around_it_as_stored(
    alice_client: Any, alice: Any
) -> None:
    # The care lines on every page follow the person's country: a refused form (the zone is
    # wrong, the country fine) must not move them to the country that was not saved.
    alice.country = "GB"
    alice.save(update_fields=["country"])
    response = alice_client.post(
        reverse("accounts:profile"),
        {"display_name": "Al", "time_zone": "Europe/Atlantis", "country": "US"},
    )
    assert response.status_code == 200
    assert response.context["care"] == care_for("GB") != care_for("US")
    assert response.context["user"].country == "GB"
    assert response.context["user"].time_zone == "Europe/London"

from typing import Any

import pytest
from django.urls import reverse

from tests.conftest import make_user
from twitchlog.accounts.models import User
from twitchlog.core.models import AuditEntry

GOOD = {
    "email": "Nia@Example.org",
    "password": "quiet river lantern 42",
    "time_zone": "Europe/Berlin",
    "consent": "on",
}


def post(client: Any, **changes: Any) -> Any:
    data = {**GOOD, **changes}
    return client.post(reverse("accounts:signup"), {k: v for k, v in data.items() if v is not None})


@pytest.mark.django_db
def test_it_shows_the_form_with_consent_and_privacy_link(client: Any) -> None:
    page = client.get(reverse("accounts:signup")).content.decode()
    assert 'name="consent"' in page
    assert reverse("core:privacy") in page
    assert page.index(reverse("core:privacy")) < page.index('name="consent"')  # read, then agree
    assert "data-guess-timezone" in page


@pytest.mark.django_db
def test_it_creates_the_account_logs_in_and_records_consent(client: Any) -> None:
    response = post(client)
    assert response.status_code == 302
    assert response["Location"] == reverse("core:home")
    user = User.objects.get()
    assert user.email == "nia@example.org"
    assert user.time_zone == "Europe/Berlin"
    assert user.country == "DE"  # guessed from the zone, for the right crisis lines
    assert user.health_data_consent_at is not None
    assert client.get(reverse("core:home")).status_code == 200
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"account.created", "consent.health_data.given"} <= actions


@pytest.mark.django_db
def test_it_rejects_a_duplicate_email_whatever_the_case_and_keeps_input(client: Any) -> None:
    make_user("nia@example.org")
    response = post(client, email="NIA@example.org")
    assert response.status_code == 200
    page = response.content.decode()
    assert "already an account with this email" in page
    assert 'value="NIA@example.org"' in page
    assert 'value="Europe/Berlin"' in page
    assert User.objects.count() == 1


@pytest.mark.django_db
def test_it_rejects_a_weak_password(client: Any) -> None:
    response = post(client, password="password")
    assert response.status_code == 200
    assert "too common" in response.content.decode()
    assert not User.objects.exists()


@pytest.mark.django_db
def test_it_rejects_an_unknown_time_zone_and_keeps_what_was_typed(client: Any) -> None:
    response = post(client, time_zone="Mars/Olympus_Mons")
    page = response.content.decode()
    assert "is not a time zone we know" in page
    assert 'value="Mars/Olympus_Mons"' in page
    assert 'value="Nia@Example.org"' in page
    assert not User.objects.exists()


@pytest.mark.django_db
def test_it_understands_a_city_name_as_a_time_zone(client: Any) -> None:
    post(client, time_zone="new york")
    assert User.objects.get().time_zone == "America/New_York"
    assert User.objects.get().country == "US"


@pytest.mark.django_db
def test_a_zone_of_no_country_leaves_the_country_blank(client: Any) -> None:
    post(client, time_zone="UTC")
    assert User.objects.get().country == ""


@pytest.mark.django_db
def test_it_needs_consent_to_store_health_data(client: Any) -> None:
    response = post(client, consent=None)
    assert "consent" in response.content.decode()
    assert not User.objects.exists()


@pytest.mark.django_db
def test_it_throttles_sign_ups_per_address(client: Any, settings: Any) -> None:
    settings.THROTTLE_MAX_PER_IP = 3
    for n in range(3):
        post(client, email=f"person{n}@example.org", password="x")
    response = post(client, email="late@example.org")
    assert response.status_code == 429
    assert "too many tries" in response.content.decode()
    assert not User.objects.filter(email="late@example.org").exists()


def test_production_settings_hash_passwords_with_argon2() -> None:
    from twitchlog import settings as project_settings

    assert project_settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


@pytest.mark.django_db
def test_a_visitor_on_the_way_to_a_test_signs_up_and_lands_on_the_test(client: Any) -> None:
    take = reverse("assessments:take", args=["gad7"])
    login = client.get(take, follow=True)
    assert login.redirect_chain[-1][0] == f"{reverse('accounts:login')}?next={take}"
    signup_link = f"{reverse('accounts:signup')}?next={take}"
    assert signup_link in login.content.decode()
    form = client.get(signup_link).content.decode()
    assert f'name="next" value="{take}"' in form
    response = post(client, next=take)
    assert response.status_code == 302 and response["Location"] == take
    assert "Over the last 2 weeks" in client.get(take).content.decode()


@pytest.mark.django_db
def test_sign_up_never_sends_anyone_to_another_site(client: Any) -> None:
    response = post(client, next="https://evil.example/")
    assert response["Location"] == reverse("core:home")

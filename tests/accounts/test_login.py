from typing import Any

import pytest
from django.urls import reverse

from tests.conftest import PASSWORD


def login(client: Any, email: str, password: str, **extra: Any) -> Any:
    return client.post(reverse("accounts:login"), {"email": email, "password": password, **extra})


def test_it_logs_in(client: Any, alice: Any) -> None:
    response = login(client, "Alice@Example.org", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("core:home")
    assert client.get(reverse("core:home")).status_code == 200


def test_it_follows_a_safe_next_url_only(client: Any, alice: Any) -> None:
    response = login(client, alice.email, PASSWORD, next="/accounts/profile/")
    assert response["Location"] == "/accounts/profile/"
    client.logout()
    response = login(client, alice.email, PASSWORD, next="https://evil.example/")
    assert response["Location"] == reverse("core:home")


def test_it_explains_a_wrong_password_and_keeps_the_email(client: Any, alice: Any) -> None:
    response = login(client, alice.email, "wrong password")
    page = response.content.decode()
    assert response.status_code == 200
    assert "do not match an account" in page
    assert f'value="{alice.email}"' in page


def test_it_throttles_per_account(client: Any, alice: Any, settings: Any) -> None:
    settings.THROTTLE_MAX_PER_ACCOUNT = 3
    for _ in range(3):
        login(client, alice.email, "wrong")
    # Even the right password waits now, so guessing gains nothing.
    response = login(client, alice.email, PASSWORD)
    assert response.status_code == 429
    assert "wait about 15 minutes" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_it_throttles_per_address_across_accounts(client: Any, alice: Any, settings: Any) -> None:
    settings.THROTTLE_MAX_PER_IP = 4
    for n in range(4):
        login(client, f"guess{n}@example.org", "wrong")
    response = login(client, alice.email, PASSWORD)
    assert response.status_code == 429
    # Alice's own counter was never touched, so from her own address she gets in.
    other_address = client.post(
        reverse("accounts:login"),
        {"email": alice.email, "password": PASSWORD},
        REMOTE_ADDR="10.0.0.9",
    )
    assert other_address.status_code == 302


@pytest.mark.django_db
def test_a_success_clears_the_account_counter(client: Any, alice: Any, settings: Any) -> None:
    settings.THROTTLE_MAX_PER_ACCOUNT = 3
    login(client, alice.email, "wrong")
    login(client, alice.email, "wrong")
    assert login(client, alice.email, PASSWORD).status_code == 302
    client.logout()
    login(client, alice.email, "wrong")
    login(client, alice.email, "wrong")
    assert login(client, alice.email, PASSWORD).status_code == 302


def test_logout_needs_post_and_ends_the_session(alice_client: Any) -> None:
    assert alice_client.get(reverse("accounts:logout")).status_code == 405
    response = alice_client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert alice_client.get(reverse("core:home")).status_code == 302


def test_private_pages_send_anonymous_visitors_to_login(client: Any) -> None:
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert "next=/accounts/profile/" in response["Location"]

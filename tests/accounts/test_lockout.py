"""A stranger cannot lock the owner out, and the admin login is throttled like the site's.

Before: 5 wrong passwords from anywhere locked the real owner out for 15 minutes, 5 reset
requests blocked their own reset, and the admin's login accepted 25 wrong passwords and then
the right one.
"""

import datetime as dt
from typing import Any

from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.conftest import PASSWORD, make_user
from twitchlog.core.models import Attempt

STRANGER = {"REMOTE_ADDR": "203.0.113.9"}


def login(client: Client, email: str, password: str, **extra: Any) -> Any:
    return client.post(reverse("accounts:login"), {"email": email, "password": password}, **extra)


def test_wrong_passwords_from_elsewhere_do_not_lock_the_owner_out(alice: Any) -> None:
    stranger = Client()
    for _ in range(6):
        login(stranger, alice.email, "guess", **STRANGER)
    assert login(stranger, alice.email, PASSWORD, **STRANGER).status_code == 429
    assert login(Client(), alice.email, PASSWORD).status_code == 302  # from her own address


def test_a_guess_spread_over_many_addresses_never_blocks_the_owners_device(
    alice: Any, settings: Any
) -> None:
    settings.THROTTLE_MAX_PER_ACCOUNT_EVERYWHERE = 8
    owners_phone = Client()
    assert login(owners_phone, alice.email, PASSWORD).status_code == 302
    owners_phone.post(reverse("accounts:logout"))
    for n in range(10):
        login(Client(), alice.email, "guess", REMOTE_ADDR=f"198.51.100.{n}")
    # Every new address is blocked for this account now, the owner's own address included...
    assert login(Client(), alice.email, PASSWORD).status_code == 429
    # ...but not the device she has logged in with before.
    assert login(owners_phone, alice.email, PASSWORD).status_code == 302


def test_the_owners_device_is_slowed_not_blocked(alice: Any) -> None:
    phone = Client()
    login(phone, alice.email, PASSWORD)
    phone.post(reverse("accounts:logout"))
    for _ in range(5):
        assert login(phone, alice.email, "typo").status_code == 200
    response = login(phone, alice.email, PASSWORD)
    assert response.status_code == 429 and "about 1 minute" in response.content.decode()
    Attempt.objects.update(at=timezone.now() - dt.timedelta(seconds=61))
    assert login(phone, alice.email, PASSWORD).status_code == 302


def test_the_device_cookie_is_for_one_account_and_cannot_be_forged(alice: Any) -> None:
    bob = make_user("bob@example.org")
    phone = Client()
    login(phone, alice.email, PASSWORD)
    phone.post(reverse("accounts:logout"))
    for _ in range(5):
        login(phone, bob.email, "guess")
    assert login(phone, bob.email, PASSWORD).status_code == 429  # alice's device, not bob's
    phone.cookies["twitchlog_device"] = phone.cookies["twitchlog_device"].value + "x"
    for _ in range(5):
        login(phone, alice.email, "guess")
    assert login(phone, alice.email, PASSWORD).status_code == 429  # a forged cookie is none


def test_reset_emails_are_capped_without_blocking_the_owner(alice: Any) -> None:
    stranger = Client()
    for _ in range(7):
        response = stranger.post(
            reverse("accounts:password_reset"), {"email": alice.email}, **STRANGER
        )
        assert response.status_code == 302
    assert len(mail.outbox) == 5  # the cap; the sixth and seventh sent nothing
    response = Client().post(reverse("accounts:password_reset"), {"email": alice.email})
    assert response.status_code == 302  # the owner is never told to wait
    phone = Client()
    login(phone, alice.email, PASSWORD)
    phone.post(reverse("accounts:logout"))
    phone.post(reverse("accounts:password_reset"), {"email": alice.email})
    assert len(mail.outbox) == 6  # her own device always gets its email


def test_the_admin_login_is_the_throttled_site_login(client: Client, db: Any) -> None:
    make_user("admin@example.org", is_staff=True, is_superuser=True)
    for _ in range(25):
        client.post("/admin/login/", {"username": "admin@example.org", "password": "guess"})
    response = client.post(
        "/admin/login/?next=/admin/", {"username": "admin@example.org", "password": PASSWORD}
    )
    assert "_auth_user_id" not in client.session
    assert response["Location"] == reverse("accounts:login") + "?next=%2Fadmin%2F"
    for _ in range(5):
        login(client, "admin@example.org", "guess")
    assert login(client, "admin@example.org", PASSWORD).status_code == 429
    assert Client().get("/admin/").status_code == 302

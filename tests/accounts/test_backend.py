"""The written-out backend (accounts/backends.py) finds the signed-in person as Django's does:
the same account, and nobody whose account may not sign in."""

from typing import Any

from django.contrib.auth.backends import ModelBackend

from twitchlog.accounts.backends import AccountBackend


def test_it_finds_the_same_account_as_djangos(alice: Any) -> None:
    ours, theirs = AccountBackend().get_user(alice.pk), ModelBackend().get_user(alice.pk)
    assert ours == theirs == alice
    assert ours is not None
    assert (ours.email, ours.time_zone, ours.password) == (
        alice.email,
        alice.time_zone,
        alice.password,
    )


def test_an_inactive_or_unknown_account_is_nobody(alice: Any) -> None:
    assert AccountBackend().get_user(alice.pk + 1000) is None
    alice.is_active = False
    alice.save()
    assert AccountBackend().get_user(alice.pk) is None


def test_a_deactivated_person_is_signed_out_of_pages(alice_client: Any, alice: Any) -> None:
    assert alice_client.get("/home/").status_code == 200
    alice.is_active = False
    alice.save(update_fields=["is_active"])
    response = alice_client.get("/home/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")

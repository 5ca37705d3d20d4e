import datetime as dt
import re
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from tests.conftest import PASSWORD
from twitchlog.accounts.models import ApiToken
from twitchlog.accounts.services import create_token


def test_a_new_token_is_shown_once_and_works_with_the_api(alice_client: Any, alice: Any) -> None:
    data = {"name": "phone", "password": PASSWORD}
    page = alice_client.post(reverse("accounts:tokens"), data).content.decode()
    raw = page.split('<code id="new-token">')[1].split("</code>")[0]
    assert raw.startswith("twl_")
    token = ApiToken.objects.get()
    assert token.key_hash != raw and raw not in token.key_hash
    assert raw not in alice_client.get(reverse("accounts:tokens")).content.decode()

    me = Client().get(reverse("api:me"), HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert me.status_code == 200
    assert me.json()["email"] == alice.email


def test_a_revoked_token_stops_working(alice_client: Any, alice: Any) -> None:
    token, raw = create_token(alice, "script")
    alice_client.post(reverse("accounts:revoke_token", args=[token.pk]))
    me = Client().get(reverse("api:me"), HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert me.status_code == 401


def test_a_wrong_token_gets_401(db: Any) -> None:
    response = Client().get(reverse("api:me"), HTTP_AUTHORIZATION="Bearer twl_nonsense")
    assert response.status_code == 401


def test_a_token_without_a_name_is_explained(alice_client: Any) -> None:
    page = alice_client.post(reverse("accounts:tokens"), {"name": ""}).content.decode()
    assert "Give the token a name, so you know later what uses it." in page
    assert not ApiToken.objects.exists()


def _me(raw: str) -> int:
    return Client().get(reverse("api:me"), HTTP_AUTHORIZATION=f"Bearer {raw}").status_code


def test_making_a_token_asks_for_the_password_again(alice_client: Any) -> None:
    alice_client.post(reverse("accounts:tokens"), {"name": "phone"})
    wrong = alice_client.post(reverse("accounts:tokens"), {"name": "phone", "password": "nope"})
    assert "That password is not right." in wrong.content.decode()
    assert not ApiToken.objects.exists()


def test_guessing_the_password_on_the_token_page_is_throttled(
    alice_client: Any, settings: Any
) -> None:
    settings.THROTTLE_MAX_PER_ACCOUNT = 3
    settings.THROTTLE_MAX_PER_IP = 100
    for _ in range(3):
        alice_client.post(reverse("accounts:tokens"), {"name": "x", "password": "nope"})
    right = alice_client.post(reverse("accounts:tokens"), {"name": "x", "password": PASSWORD})
    assert right.status_code == 429
    assert not ApiToken.objects.exists()


def test_a_password_reset_ends_every_token_and_session(client: Any, alice: Any) -> None:
    _, raw = create_token(alice, "script")
    other_device = Client()
    other_device.force_login(alice)
    assert _me(raw) == 200 and other_device.get(reverse("accounts:profile")).status_code == 200

    client.post(reverse("accounts:password_reset"), {"email": alice.email})
    link = re.search(r"http://testserver(/accounts/reset/\S+)", mail.outbox[0].body)
    assert link
    form_page = client.get(link.group(1), follow=True)
    new = "a brand new phrase 7"
    client.post(form_page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})

    assert _me(raw) == 401
    assert not ApiToken.objects.exists()
    assert other_device.get(reverse("accounts:profile")).status_code == 302  # to the login


@pytest.mark.parametrize(("ticked", "works_after"), [(True, 401), (False, 200)])
def test_a_password_change_ends_tokens_when_the_box_is_ticked(
    alice_client: Any, alice: Any, ticked: bool, works_after: int
) -> None:
    page = alice_client.get(reverse("accounts:password_change")).content.decode()
    assert re.search(r'name="end_tokens"[^>]*checked', page)
    _, raw = create_token(alice, "script")
    new = "a brand new phrase 7"
    data = {"old_password": PASSWORD, "new_password1": new, "new_password2": new}
    if ticked:
        data["end_tokens"] = "on"
    alice_client.post(reverse("accounts:password_change"), data)
    assert _me(raw) == works_after


def test_a_token_notes_its_last_use_at_most_once_a_minute(alice: Any) -> None:
    token, raw = create_token(alice, "script")
    assert token.last_used_at is None
    assert _me(raw) == 200
    token.refresh_from_db()
    first = token.last_used_at
    assert first is not None
    assert _me(raw) == 200
    token.refresh_from_db()
    assert token.last_used_at == first  # a second later: not written again
    an_hour_ago = first - dt.timedelta(hours=1)
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=an_hour_ago)
    assert _me(raw) == 200
    token.refresh_from_db()
    assert token.last_used_at > first


def test_the_token_of_a_deactivated_account_stops_working(alice: Any) -> None:
    _, raw = create_token(alice, "script")
    assert _me(raw) == 200
    alice.is_active = False
    alice.save()
    assert _me(raw) == 401
    assert _me(raw[:-1]) == 401

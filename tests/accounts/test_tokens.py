from typing import Any

from django.test import Client
from django.urls import reverse

from twitchlog.accounts.models import ApiToken


def test_a_new_token_is_shown_once_and_works_with_the_api(alice_client: Any, alice: Any) -> None:
    page = alice_client.post(reverse("accounts:tokens"), {"name": "phone"}).content.decode()
    raw = page.split('<code id="new-token">')[1].split("</code>")[0]
    assert raw.startswith("twl_")
    token = ApiToken.objects.get()
    assert token.key_hash != raw and raw not in token.key_hash
    assert raw not in alice_client.get(reverse("accounts:tokens")).content.decode()

    me = Client().get(reverse("api:me"), HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert me.status_code == 200
    assert me.json()["email"] == alice.email


def test_a_revoked_token_stops_working(alice_client: Any, alice: Any) -> None:
    from twitchlog.accounts.services import create_token

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

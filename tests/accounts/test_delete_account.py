from typing import Any

from django.urls import reverse

from tests.conftest import PASSWORD
from twitchlog.accounts.models import User
from twitchlog.core.models import AuditEntry


def test_a_wrong_password_keeps_the_account(alice_client: Any, alice: Any) -> None:
    response = alice_client.post(reverse("accounts:delete"), {"password": "nope"})
    assert "That password is not right" in response.content.decode()
    assert User.objects.filter(pk=alice.pk).exists()


def test_it_deletes_the_account_and_the_audit_trail_survives(alice_client: Any, alice: Any) -> None:
    alice_id = alice.pk
    response = alice_client.post(reverse("accounts:delete"), {"password": PASSWORD})
    assert response["Location"] == reverse("core:welcome")
    assert not User.objects.filter(pk=alice_id).exists()
    entry = AuditEntry.objects.get(action="account.deleted")
    assert entry.actor_id == alice_id
    assert entry.object_id == str(alice_id)


def test_it_links_to_the_full_download_first(alice_client: Any) -> None:
    page = alice_client.get(reverse("accounts:delete")).content.decode()
    assert f'<a href="{reverse("reports:index")}">download everything</a> first' in page

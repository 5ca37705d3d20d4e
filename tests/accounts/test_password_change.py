from typing import Any

from django.urls import reverse

from tests.conftest import PASSWORD
from twitchlog.core.models import AuditEntry


def test_it_changes_the_password_and_audits_it(alice_client: Any, alice: Any) -> None:
    response = alice_client.post(
        reverse("accounts:password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "a brand new phrase 7",
            "new_password2": "a brand new phrase 7",
        },
    )
    assert response["Location"] == reverse("accounts:profile")
    alice.refresh_from_db()
    assert alice.check_password("a brand new phrase 7")
    assert AuditEntry.objects.filter(action="account.password_changed", actor=alice).count() == 1


def test_a_wrong_old_password_changes_nothing(alice_client: Any, alice: Any) -> None:
    response = alice_client.post(
        reverse("accounts:password_change"),
        {"old_password": "wrong", "new_password1": "x" * 12, "new_password2": "x" * 12},
    )
    assert response.status_code == 200
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)
    assert not AuditEntry.objects.filter(action="account.password_changed").exists()

import re
from typing import Any

from django.core import mail
from django.urls import reverse

from tests.conftest import PASSWORD


def test_it_emails_a_link_that_sets_a_new_password(client: Any, alice: Any) -> None:
    response = client.post(reverse("accounts:password_reset"), {"email": "ALICE@example.org"})
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [alice.email]
    link = re.search(r"http://testserver(/accounts/reset/\S+)", message.body)
    assert link
    # Nothing in it hints at health, not even the product's name: a lock screen shows it.
    for word in ("twitch", "anxiety", "diary", "score"):
        assert word not in message.subject.lower()
        assert word not in message.body.lower()
        assert word not in message.from_email.lower()

    form_page = client.get(link.group(1), follow=True)
    assert "Choose a new password" in form_page.content.decode()
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "a brand new phrase 7", "new_password2": "a brand new phrase 7"},
    )
    assert done["Location"] == reverse("accounts:password_reset_complete")
    alice.refresh_from_db()
    assert alice.check_password("a brand new phrase 7")
    assert not alice.check_password(PASSWORD)


def test_it_does_not_reveal_whether_an_email_has_an_account(client: Any, db: Any) -> None:
    response = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.org"})
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert mail.outbox == []


def test_a_used_or_bad_link_says_it_expired(client: Any, db: Any) -> None:
    response = client.get(
        reverse("accounts:password_reset_confirm", kwargs={"uidb64": "MQ", "token": "nope"})
    )
    assert "That link has expired" in response.content.decode()


def test_asking_again_and_again_from_one_address_is_throttled(
    client: Any, alice: Any, settings: Any
) -> None:
    # Every request may send an email: unthrottled, anyone could flood someone's inbox.
    # (Per account, emails are capped silently: tests/accounts/test_lockout.py.)
    settings.THROTTLE_MAX_PER_IP = 3
    for _ in range(3):
        client.post(reverse("accounts:password_reset"), {"email": alice.email})
    response = client.post(reverse("accounts:password_reset"), {"email": alice.email})
    assert response.status_code == 429
    assert "wait about 15 minutes" in response.content.decode()
    assert len(mail.outbox) == 3


def test_setting_a_new_password_is_audited(client: Any, alice: Any) -> None:
    from twitchlog.core.models import AuditEntry

    client.post(reverse("accounts:password_reset"), {"email": alice.email})
    link = re.search(r"http://testserver(/accounts/reset/\S+)", mail.outbox[0].body)
    assert link
    form_page = client.get(link.group(1), follow=True)
    client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "a brand new phrase 7", "new_password2": "a brand new phrase 7"},
    )
    entry = AuditEntry.objects.get(action="account.password_reset")
    assert (entry.actor_id, entry.details) == (alice.pk, {})

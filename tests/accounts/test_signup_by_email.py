"""Sign-up on a server: by emailed link, so the page never says whether an address is taken."""

import io
import re
from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from tests.conftest import make_user
from twitchlog.accounts.models import PendingSignup, User
from twitchlog.core.logs import redact
from twitchlog.core.models import AuditEntry

GOOD = {
    "email": "Nia@Example.org",
    "password": "quiet river lantern 42",
    "time_zone": "Europe/Berlin",
    "consent": "on",
}


@pytest.fixture(autouse=True)
def by_link(settings: Any) -> None:
    settings.SIGNUP_CONFIRM_BY_EMAIL = True


def post(client: Any, **changes: Any) -> Any:
    data = {**GOOD, **changes}
    return client.post(reverse("accounts:signup"), {k: v for k, v in data.items() if v is not None})


def main_of(page: str) -> str:
    return page[page.index("<main") : page.index("</main>")]


def link_in(message: Any) -> str:
    found = re.search(r"https?://[^/\s]+(/accounts/signup/confirm/[^/\s]+/)", message.body)
    assert found, message.body
    return found.group(1)


@pytest.mark.django_db
def test_a_taken_address_and_a_new_one_get_the_same_answer(client: Any, settings: Any) -> None:
    make_user("taken@example.org")
    taken = post(client, email="TAKEN@example.org")
    sent_taken = client.get(taken["Location"]).content.decode()
    client.logout()
    fresh = post(client, email="fresh@example.org")
    sent_fresh = client.get(fresh["Location"]).content.decode()

    assert taken.status_code == fresh.status_code == 302
    assert taken["Location"] == fresh["Location"] == reverse("accounts:signup_sent")
    assert "already" not in sent_taken
    assert main_of(sent_taken).replace("taken@", "X@") == main_of(sent_fresh).replace(
        "fresh@", "X@"
    )
    # Each address hears what is true for it, by email, where only its owner reads it.
    to_taken, to_fresh = mail.outbox
    assert to_taken.to == ["taken@example.org"] and "already have one" in to_taken.body
    assert reverse("accounts:password_reset") in to_taken.body
    assert "/signup/confirm/" not in to_taken.body
    assert to_fresh.to == ["fresh@example.org"] and "/signup/confirm/" in to_fresh.body
    assert to_taken.subject != "" and "twitch" not in (to_taken.subject + to_fresh.subject).lower()
    # No account until the link is followed; the existing one is untouched.
    assert list(User.objects.values_list("email", flat=True)) == ["taken@example.org"]
    assert User.objects.get().check_password("quiet river lantern 42") is False


@pytest.mark.django_db
def test_following_the_link_makes_the_account_logs_in_and_records_consent(client: Any) -> None:
    post(client)
    link = link_in(mail.outbox[0])
    page = client.get(link)
    assert page.status_code == 200 and "Make my account" in page.content.decode()
    assert not User.objects.exists()  # opening the link (a mail scanner) makes nothing

    response = client.post(link)
    assert response.status_code == 302 and response["Location"] == reverse("core:home")
    user = User.objects.get()
    assert user.email == "nia@example.org" and user.time_zone == "Europe/Berlin"
    assert user.country == "DE"
    assert user.check_password("quiet river lantern 42")
    assert user.health_data_consent_at is not None
    assert client.get(reverse("core:home")).status_code == 200
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"account.created", "consent.health_data.given"} <= actions
    assert not PendingSignup.objects.exists()
    # The password is kept only as a hash while the link waits, and never in the email.
    assert "quiet river" not in mail.outbox[0].body


@pytest.mark.django_db
def test_a_link_works_once(client: Any) -> None:
    post(client)
    link = link_in(mail.outbox[0])
    client.post(link)
    client.logout()
    again = client.post(link)
    assert again.status_code == 404
    assert "no longer works" in again.content.decode()
    assert User.objects.count() == 1


@pytest.mark.django_db
def test_two_sign_ups_for_one_address_make_one_account(client: Any) -> None:
    post(client)
    post(client, password="another calm phrase 7")
    first, second = (link_in(m) for m in mail.outbox)
    client.post(second)
    client.logout()
    assert client.post(first).status_code == 404
    assert User.objects.get().check_password("another calm phrase 7")


@pytest.mark.django_db
def test_a_link_older_than_three_days_no_longer_works(client: Any) -> None:
    post(client)
    PendingSignup.objects.update(created_at=timezone.now() - timedelta(days=3, minutes=1))
    link = link_in(mail.outbox[0])
    assert client.get(link).status_code == 404
    assert client.post(link).status_code == 404
    assert not User.objects.exists()
    # Expired ones are cleared as new sign-ups come in.
    post(client, email="later@example.org")
    assert list(PendingSignup.objects.values_list("email", flat=True)) == ["later@example.org"]


@pytest.mark.django_db
def test_a_made_up_link_is_a_404(client: Any) -> None:
    response = client.get(reverse("accounts:signup_confirm", args=["made-up"]))
    assert response.status_code == 404
    assert "sign up again" in response.content.decode()


@pytest.mark.django_db
def test_the_person_goes_on_to_the_test_they_were_heading_for(client: Any) -> None:
    take = reverse("assessments:take", args=["gad7"])
    post(client, next=take)
    assert client.post(link_in(mail.outbox[0]))["Location"] == take


@pytest.mark.django_db
def test_a_link_to_another_site_is_never_followed(client: Any) -> None:
    post(client, next="https://evil.example/")
    assert client.post(link_in(mail.outbox[0]))["Location"] == reverse("core:home")


@pytest.mark.django_db
def test_bad_input_is_still_explained_and_kept(client: Any) -> None:
    response = post(client, password="password")
    assert response.status_code == 200
    page = response.content.decode()
    assert "too common" in page and 'value="Nia@Example.org"' in page
    assert not mail.outbox and not PendingSignup.objects.exists()


@pytest.mark.django_db
def test_the_sent_page_keeps_the_address_out_of_the_url(client: Any) -> None:
    response = post(client)
    assert "example" not in response["Location"].lower()
    assert "nia@example.org" in client.get(response["Location"]).content.decode()


@pytest.mark.django_db
def test_sign_up_emails_are_capped_per_address(client: Any, settings: Any) -> None:
    settings.THROTTLE_MAX_PER_ACCOUNT = 2
    make_user("taken@example.org")
    for _ in range(3):
        last = post(client, email="taken@example.org")
    assert last.status_code == 429
    assert len(mail.outbox) == 2


def test_the_link_is_hidden_in_logs() -> None:
    line = '"GET /accounts/signup/confirm/abcDEF123_-x/ HTTP/1.1" 200'
    assert "abcDEF123" not in redact(line)


def test_a_server_signs_up_by_link_by_default(monkeypatch: Any) -> None:
    import importlib

    from twitchlog import settings as project_settings

    monkeypatch.setenv("TWITCHLOG_HTTPS", "1")
    try:
        assert importlib.reload(project_settings).SIGNUP_CONFIRM_BY_EMAIL is True
        monkeypatch.setenv("TWITCHLOG_HTTPS", "0")
        assert importlib.reload(project_settings).SIGNUP_CONFIRM_BY_EMAIL is False
    finally:
        monkeypatch.undo()
        importlib.reload(project_settings)


@pytest.mark.django_db
def test_the_reminder_run_deletes_sign_ups_whose_link_ran_out(client: Any) -> None:
    from django.core.management import call_command

    post(client)
    post(client, email="fresh@example.org")
    PendingSignup.objects.filter(email="nia@example.org").update(
        created_at=timezone.now() - timedelta(days=3, minutes=1)
    )
    call_command("send_reminders", stdout=io.StringIO())
    assert list(PendingSignup.objects.values_list("email", flat=True)) == ["fresh@example.org"]

"""Deleting an account with upcoming sessions: the page says what it cancels and who is told,
and each other person gets one email listing their sessions, not one email per session."""

from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from tests.conftest import PASSWORD, client_for, make_user
from tests.therapists.factories import make_booking, make_therapist, morning_slot
from twitchlog.therapists.series import book_series


@pytest.fixture
def nina(db: Any) -> Any:
    return make_therapist(make_user("nina@example.org", display_name="Nina"), name="Nina Patel")


@pytest.fixture
def ten_weekly(alice: Any, theo_profile: Any) -> list[Any]:
    """Alice's ten weekly sessions with Theo."""
    theo_profile.horizon_days = 90
    theo_profile.save()
    return book_series(alice, theo_profile, morning_slot(theo_profile, days=3), "video", 1, 10)


def test_the_page_lists_what_deleting_cancels_and_who_is_told(
    alice_client: Any, ten_weekly: Any, alice: Any, nina: Any
) -> None:
    make_booking(alice, nina, days=5)
    page = alice_client.get(reverse("accounts:delete")).content.decode()
    assert "Deleting your account cancels your 11 upcoming sessions:" in page
    first = ten_weekly[0].start.astimezone(ZoneInfo(alice.time_zone))
    next_on = f"{first:%A} {first.day} {first:%B %Y}, {first:%H:%M}"
    assert f"10 with Theo Marsh, the next on {next_on}" in page
    assert "one with Nina Patel, on " in page
    assert "We email Theo Marsh and Nina Patel to say they are cancelled" in page


def test_nothing_is_said_without_upcoming_sessions(alice_client: Any) -> None:
    page = alice_client.get(reverse("accounts:delete")).content.decode()
    assert "upcoming-sessions" not in page


def test_a_past_or_cancelled_session_is_not_counted(
    alice_client: Any, alice: Any, theo_profile: Any
) -> None:
    make_booking(alice, theo_profile, status="cancelled")
    page = alice_client.get(reverse("accounts:delete")).content.decode()
    assert "upcoming-sessions" not in page


def test_each_therapist_gets_one_email_listing_the_sessions(
    alice_client: Any,
    alice: Any,
    ten_weekly: Any,
    nina: Any,
    run_on_commit: Any,
    mailoutbox: Any,
) -> None:
    make_booking(alice, nina, days=5)
    mailoutbox.clear()
    with run_on_commit():
        alice_client.post(reverse("accounts:delete"), {"password": PASSWORD})
    by_recipient = {tuple(m.to): m for m in mailoutbox}
    assert sorted(by_recipient) == [("nina@example.org",), ("theo@example.org",)]
    to_theo = by_recipient[("theo@example.org",)]
    assert to_theo.subject.startswith("Cancelled: 10 appointments with Alice, from ")
    assert "These 10 appointments with Alice are cancelled:" in to_theo.body
    assert to_theo.body.count("\n- ") == 10
    assert "/therapists/manage/" not in to_theo.body  # their pages went with the account
    assert to_theo.attachments[0][1].count("BEGIN:VEVENT") == 10
    assert "METHOD:CANCEL" in to_theo.attachments[0][1]
    to_nina = by_recipient[("nina@example.org",)]
    assert to_nina.subject.startswith("Cancelled: appointment with Alice on ")


def test_a_therapist_leaving_sends_each_client_one_email(
    theo: Any, theo_profile: Any, alice: Any, charlie: Any, run_on_commit: Any, mailoutbox: Any
) -> None:
    book_series(alice, theo_profile, morning_slot(theo_profile, days=3), "video", 1, 3)
    make_booking(charlie, theo_profile, days=4)
    page = client_for(theo).get(reverse("accounts:delete")).content.decode()
    assert "Deleting your account cancels your 4 upcoming sessions:" in page
    assert "We email Alice and Charlie to say they are cancelled" in page
    mailoutbox.clear()
    with run_on_commit():
        client_for(theo).post(reverse("accounts:delete"), {"password": PASSWORD})
    assert sorted(m.to[0] for m in mailoutbox) == ["alice@example.org", "charlie@example.org"]
    [to_alice] = [m for m in mailoutbox if m.to == ["alice@example.org"]]
    assert "These 3 appointments with Theo Marsh are cancelled:" in to_alice.body

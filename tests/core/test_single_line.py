"""Single-line fields refuse control characters, and emails show other people's names on
one line.

Before: a name such as "Sam\\n\\nYour appointment is cancelled. Call ..." was stored as typed
and printed on lines of its own in the other person's appointment email.
"""

from typing import Any

from django.test import Client
from django.urls import reverse

from tests.conftest import client_for
from tests.therapists.factories import make_booking, make_therapist
from tests.therapists.test_therapist_pages import APPLICATION
from twitchlog.core.text import SINGLE_LINE_MESSAGE
from twitchlog.diary.models import CustomFactor
from twitchlog.therapists import notices
from twitchlog.therapists.models import TherapistProfile

FORGED = "Sam\n\nYour appointment is cancelled. Call 555 0100"


def test_a_display_name_with_a_line_break_is_refused(alice_client: Client, alice: Any) -> None:
    response = alice_client.post(
        reverse("accounts:profile"),
        {"display_name": FORGED, "time_zone": "Europe/London", "country": ""},
    )
    assert SINGLE_LINE_MESSAGE in response.content.decode()
    alice.refresh_from_db()
    assert alice.display_name == "Alice"


def test_therapist_fields_refuse_control_characters(charlie_client: Client) -> None:
    for field, value in [
        ("name", FORGED),
        ("city", "Leeds\r\nBcc: x"),
        ("credentials", "MA\u202e"),
    ]:
        data = {**APPLICATION, field: value}
        page = charlie_client.post(reverse("therapists:apply"), data).content.decode()
        assert SINGLE_LINE_MESSAGE in page, field
    assert not TherapistProfile.objects.exists()


def test_a_factor_name_with_a_tab_is_refused_on_the_page_and_in_the_api(
    alice_client: Client, alice: Any
) -> None:
    page = alice_client.post(
        reverse("diary:factors"), {"name": "Screen\ttime", "kind": "numeric", "unit": ""}
    )
    assert SINGLE_LINE_MESSAGE in page.content.decode()
    response = alice_client.post(
        "/api/diary/factors", {"name": "Screen\ntime", "kind": "numeric"}, "application/json"
    )
    assert response.status_code in (400, 422)
    assert not CustomFactor.objects.exists()


def test_an_email_shows_a_stored_name_on_one_line(alice: Any, theo: Any) -> None:
    alice.display_name = FORGED  # stored before names were checked
    alice.save()
    appointment = make_booking(alice, make_therapist(theo))
    therapist = next(r for r in notices.recipients(appointment) if r.role == "therapist")
    body = str(notices.message(appointment, "booked", therapist).body)
    assert "Sam Your appointment is cancelled. Call 555 0100" in body
    assert "\nYour appointment is cancelled" not in body


def test_the_api_refusal_is_in_plain_words(alice: Any) -> None:
    client = client_for(alice)
    response = client.post(
        "/api/diary/factors", {"name": "Sauna\x00", "kind": "binary"}, "application/json"
    )
    assert SINGLE_LINE_MESSAGE in response.content.decode()

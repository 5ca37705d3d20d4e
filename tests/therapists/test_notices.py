"""Emails and calendar invites: in the reader's zone, parseable, and free of health data."""

import datetime as dt
import re
from typing import Any
from zoneinfo import ZoneInfo

from django.core import mail
from icalendar import Calendar

from tests.therapists.factories import make_booking, slots_after
from twitchlog.therapists.display import when
from twitchlog.therapists.links import appointment_for_token
from twitchlog.therapists.series import book_series
from twitchlog.therapists.services import (
    cancel_appointment,
    reschedule_appointment,
    send_due_reminders,
)

# Words that would say why someone sees a therapist, or anything about their health.
HEALTH_WORDS = re.compile(
    r"anxi|twitch|spasm|tremor|symptom|panic|disorder|diagnos|depress|stress|worry|"
    r"score|result|assessment|questionnaire|gad-?7|phq|hyperstim|summary|diary|sleep|"
    r"caffeine|medication|health",
    re.IGNORECASE,
)


def _invite(message: Any) -> Calendar:
    [(name, content, mimetype)] = message.attachments
    assert name == "invite.ics" and mimetype.startswith("text/calendar")
    return Calendar.from_ical(content)


def _everything(message: Any) -> str:
    """Subject, body and every value in the invite, without the links.

    Links are left out because their signed token is random text that could spell anything;
    they carry only an id and a signature (tested below).
    """
    values = [
        str(value)
        for component in _invite(message).walk()
        for value in component.values()
        if not isinstance(value, list)
    ]
    text = "\n".join([message.subject, message.body, *values])
    return re.sub(r"https?://\S+", "", text)


def test_each_person_gets_the_time_in_their_own_zone(
    alice: Any, theo_profile: Any, run_on_commit: Any, mailoutbox: Any
) -> None:
    with run_on_commit():
        booking = make_booking(alice, theo_profile)
    to_alice, to_theo = sorted(mailoutbox, key=lambda m: m.to[0])
    london = booking.start.astimezone(ZoneInfo("Europe/London"))
    new_york = booking.start.astimezone(ZoneInfo("America/New_York"))
    assert f"at {london:%H:%M} London time" in to_alice.body
    assert f"at {new_york:%H:%M} New York time" in to_theo.body
    assert "You have an appointment with Theo Marsh" in to_alice.body
    assert "You have an appointment with Alice" in to_theo.body
    assert "alice@example.org" in to_theo.body  # so Theo can send joining details


def test_no_email_or_invite_carries_health_words(
    alice: Any, theo_profile: Any, run_on_commit: Any, mailoutbox: Any, settings: Any
) -> None:
    settings.SITE_URL = "https://example.org"
    settings.DEFAULT_FROM_EMAIL = "Appointments <noreply@example.org>"
    with run_on_commit():
        booking = make_booking(alice, theo_profile)
        reschedule_appointment(alice, booking, slots_after(theo_profile, days=5)[0].start)
    send_due_reminders(now=booking.start - dt.timedelta(hours=2))
    booking.refresh_from_db()
    with run_on_commit():
        cancel_appointment(
            booking.therapist.user, booking, now=booking.start - dt.timedelta(hours=3)
        )
    assert [m.subject.split(":")[0] for m in mailoutbox] == ["Booked"] * 2 + ["Moved"] * 2 + [
        "Reminder"
    ] * 2 + ["Cancelled"] * 2
    for message in mailoutbox:
        text = _everything(message)
        assert not HEALTH_WORDS.search(text), HEALTH_WORDS.search(text)


def test_the_invite_is_valid_utc_and_updates_in_place(
    alice: Any, theo_profile: Any, run_on_commit: Any, mailoutbox: Any, settings: Any
) -> None:
    settings.SITE_URL = "https://example.org"
    with run_on_commit():
        booking = make_booking(alice, theo_profile)
    first = _invite(mailoutbox[0])
    assert first["method"] == "REQUEST"
    [event] = first.walk("VEVENT")
    assert event["uid"] == f"{booking.uid}@example.org"
    assert event["sequence"] == 0
    assert event.decoded("dtstart") == booking.start
    assert event.decoded("dtstart").utcoffset() == dt.timedelta(0)
    assert event.decoded("dtend") - event.decoded("dtstart") == dt.timedelta(minutes=50)
    assert "Z" in event["dtstart"].to_ical().decode()
    assert str(event["summary"]) == "Appointment with Theo Marsh"
    assert str(event["status"]) == "CONFIRMED"

    mailoutbox.clear()
    new_start = slots_after(theo_profile, days=5)[0].start
    with run_on_commit():
        reschedule_appointment(alice, booking, new_start)
    [moved] = _invite(mailoutbox[0]).walk("VEVENT")
    assert (moved["uid"], moved["sequence"]) == (event["uid"], 1)
    assert moved.decoded("dtstart") == new_start

    mailoutbox.clear()
    booking.refresh_from_db()
    with run_on_commit():
        cancel_appointment(alice, booking)
    cancelled = _invite(mailoutbox[0])
    assert cancelled["method"] == "CANCEL"
    [gone] = cancelled.walk("VEVENT")
    assert (gone["uid"], gone["sequence"], str(gone["status"])) == (event["uid"], 2, "CANCELLED")


def test_links_use_the_site_address_and_carry_only_a_signed_id(
    alice: Any, theo_profile: Any, run_on_commit: Any, mailoutbox: Any, settings: Any
) -> None:
    settings.SITE_URL = "https://care.example.org"
    with run_on_commit():
        booking = make_booking(alice, theo_profile)
    for message in mailoutbox:
        [url] = re.findall(r"https://care\.example\.org/\S+", message.body)
        token = url.rstrip("/").rsplit("/", 1)[-1]
        found, role, actor = appointment_for_token(token)  # type: ignore[misc]
        assert found == booking
        assert actor.email == message.to[0]
        assert role == ("client" if actor == alice else "therapist")


def test_cancellation_says_who_cancelled(
    alice: Any, booking: Any, run_on_commit: Any, mailoutbox: Any
) -> None:
    with run_on_commit():
        cancel_appointment(alice, booking)
    to_alice, to_theo = sorted(mailoutbox, key=lambda m: m.to[0])
    assert "Alice has cancelled your appointment" in to_theo.body
    assert "Your appointment with Theo Marsh on" in to_alice.body
    assert "has cancelled" not in to_alice.body
    assert mail.outbox is mailoutbox


def test_the_invite_part_names_its_charset_once(
    alice: Any, theo_profile: Any, run_on_commit: Any, mailoutbox: Any
) -> None:
    with run_on_commit():
        make_booking(alice, theo_profile)
    message = mailoutbox[0].message().as_string()
    calendar_header = message.split("Content-Type: text/calendar", 1)[1].split("Content-Transfer")[
        0
    ]
    assert calendar_header.count("charset") == 1
    assert 'method="REQUEST"' in calendar_header


def test_a_name_typed_over_two_lines_still_gets_its_emails(
    alice: Any, theo_profile: Any, run_on_commit: Any, mailoutbox: Any
) -> None:
    # A header with a line break would be refused at sending, and the booking mail lost.
    alice.display_name = "Alice\r\nBcc: someone@example.org"
    alice.save()
    with run_on_commit():
        make_booking(alice, theo_profile)
    assert len(mailoutbox) == 2
    for message in mailoutbox:
        message.message()  # builds the headers, as sending does
        assert "\n" not in message.subject and "\r" not in message.subject


def test_a_booking_far_enough_ahead_says_it_can_be_moved_or_cancelled(
    alice: Any, theo_profile: Any, run_on_commit: Any, mailoutbox: Any
) -> None:
    with run_on_commit():
        make_booking(alice, theo_profile, days=2)
    to_alice, to_theo = sorted(mailoutbox, key=lambda m: m.to[0])
    assert "To see it, move it or cancel it:" in to_alice.body
    assert "You can move or cancel it up to 24 hours before it starts." in to_alice.body
    assert "no longer be moved" not in to_alice.body
    assert "To see it, move it or cancel it:" in to_theo.body


def test_a_booking_inside_the_cancel_notice_does_not_offer_what_the_link_refuses(
    alice: Any, theo_profile: Any, run_on_commit: Any, mailoutbox: Any
) -> None:
    # Before: a booking 12 hours ahead was told "To see it, move it or cancel it", and the
    # link's page then had no way to do either (the client's 24-hour cancel notice).
    with run_on_commit():
        make_booking(alice, theo_profile, days=0.5)
    to_alice, to_theo = sorted(mailoutbox, key=lambda m: m.to[0])
    assert "To see it:\nhttp" in to_alice.body
    assert "move it or cancel it" not in to_alice.body
    assert "You can move or cancel it" not in to_alice.body
    assert (
        "It is less than 24 hours away, so it can no longer be moved or cancelled here. "
        "If you need to change it, please get in touch with Theo Marsh directly."
    ) in to_alice.body
    # The therapist may still change it until it starts, and is told so.
    assert "To see it, move it or cancel it:" in to_theo.body


def test_the_reminder_follows_the_cancel_notice_too(
    alice: Any, theo_profile: Any, run_on_commit: Any, mailoutbox: Any
) -> None:
    booking = make_booking(alice, theo_profile, days=2)
    send_due_reminders(now=booking.start - dt.timedelta(hours=20))
    to_alice = next(m for m in mailoutbox if m.to == ["alice@example.org"])
    assert to_alice.subject.startswith("Reminder")
    assert "can no longer be moved or cancelled here" in to_alice.body


def test_a_series_email_names_the_sessions_inside_the_cancel_notice(
    alice: Any, theo_profile: Any, run_on_commit: Any, mailoutbox: Any
) -> None:
    first = slots_after(theo_profile, days=0.5, count=1)[0].start
    with run_on_commit():
        book_series(alice, theo_profile, first, "video", every_weeks=1, count=3)
    to_alice, to_theo = sorted(mailoutbox, key=lambda m: m.to[0])
    assert f"The one on {when(first, 'Europe/London')} is less than 24 hours away" in to_alice.body
    assert "please get in touch with Theo Marsh directly" in to_alice.body
    assert "no longer be moved" not in to_theo.body

"""Calendar invites (.ics, RFC 5545/5546) for appointments.

One appointment keeps one UID for its whole life; every change (a move, a cancellation) sends
it again with a higher SEQUENCE, so calendar programs update the event they already have
instead of adding a second one. Times are in UTC. Like the emails, an invite says who the
appointment is with and when, never why.
"""

import datetime as dt
from email.utils import parseaddr
from urllib.parse import urlsplit

from django.conf import settings
from icalendar import Calendar, Event, vCalAddress, vText

from twitchlog.therapists.choices import SessionFormat
from twitchlog.therapists.models import Appointment

REQUEST = "REQUEST"
CANCEL = "CANCEL"


def uid(appointment: Appointment) -> str:
    host = urlsplit(settings.SITE_URL).hostname or "localhost"
    return f"{appointment.uid}@{host}"


def _location(appointment: Appointment) -> str:
    if appointment.session_format == SessionFormat.IN_PERSON:
        return appointment.therapist.city or "In person"
    return str(SessionFormat(appointment.session_format).label)


def _calendar(method: str) -> Calendar:
    if method not in (REQUEST, CANCEL):
        raise ValueError(f"unsupported METHOD {method!r}")
    calendar = Calendar()
    calendar.add("prodid", "-//Appointments//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    return calendar


def _event(
    appointment: Appointment,
    method: str,
    other_party: str,
    recipient_email: str,
    manage_url: str,
    now: dt.datetime | None,
) -> Event:
    event = Event()
    event.add("uid", uid(appointment))
    event.add("sequence", appointment.sequence)
    event.add("dtstamp", (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC))
    event.add("dtstart", appointment.start.astimezone(dt.UTC))
    event.add("dtend", appointment.end.astimezone(dt.UTC))
    event.add("summary", f"Appointment with {other_party}")
    event.add("location", _location(appointment))
    # Read later, perhaps inside the cancel notice: say what is always true.
    event.add(
        "description", f"See it, and move or cancel it while that is still possible: {manage_url}"
    )
    event.add("url", manage_url)
    event.add("status", "CANCELLED" if method == CANCEL else "CONFIRMED")
    event.add("transp", "OPAQUE")

    # RFC 5546 wants an organizer and the attendee. The organizer is the site's sender address
    # under the therapist's name, so no one's private address is handed on.
    organizer = vCalAddress(f"mailto:{parseaddr(settings.DEFAULT_FROM_EMAIL)[1]}")
    organizer.params["cn"] = vText(appointment.therapist.name)
    event["organizer"] = organizer
    attendee = vCalAddress(f"mailto:{recipient_email}")
    attendee.params["role"] = vText("REQ-PARTICIPANT")
    attendee.params["partstat"] = vText("ACCEPTED")
    event.add("attendee", attendee, encode=False)
    return event


def invite(
    appointment: Appointment,
    method: str,
    other_party: str,
    recipient_email: str,
    manage_url: str,
    now: dt.datetime | None = None,
) -> bytes:
    """The invite for one recipient; ``other_party`` is the name shown after "Appointment with"."""
    calendar = _calendar(method)
    calendar.add_component(
        _event(appointment, method, other_party, recipient_email, manage_url, now)
    )
    return calendar.to_ical()


def series_invite(
    sessions: list[tuple[Appointment, str]],
    method: str,
    other_party: str,
    recipient_email: str,
    now: dt.datetime | None = None,
) -> bytes:
    """One file with an event per session (each with its own UID and manage link).

    Separate events rather than one RRULE: each session can later be moved or cancelled on
    its own with the same UID, and every calendar program reads them the same way.
    """
    calendar = _calendar(method)
    for appointment, manage_url in sessions:
        calendar.add_component(
            _event(appointment, method, other_party, recipient_email, manage_url, now)
        )
    return calendar.to_ical()

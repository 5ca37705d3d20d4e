"""Emails about appointments, to the client and to the therapist, each with a calendar invite.

They say that there is an appointment, with whom and when (in the reader's own zone), never
why: no symptoms, results or anything else about anyone's health.
"""

import datetime as dt
from dataclasses import dataclass

from django.core import mail
from django.template.loader import render_to_string
from django.utils import timezone

from twitchlog.core.text import one_line
from twitchlog.therapists import invites, links
from twitchlog.therapists.access import may_change
from twitchlog.therapists.choices import SessionFormat
from twitchlog.therapists.display import short_when, when
from twitchlog.therapists.models import Appointment, TherapistProfile

BOOKED = "booked"
MOVED = "moved"
REMINDER = "reminder"
CANCELLED = "cancelled"

_SUBJECTS = {
    BOOKED: "Booked: appointment with {other} on {when}",
    MOVED: "Moved: appointment with {other}, now on {when}",
    REMINDER: "Reminder: appointment with {other} on {when}",
    CANCELLED: "Cancelled: appointment with {other} on {when}",
}


@dataclass(frozen=True)
class Recipient:
    user_id: int
    role: str
    name: str
    email: str
    time_zone: str
    other_party: str


def recipients(appointment: Appointment) -> list[Recipient]:
    client, therapist = appointment.client, appointment.therapist
    # Names go into email bodies and subjects: one line each, whatever was stored before.
    client_name, therapist_name = one_line(client.short_name), one_line(therapist.name)
    return [
        Recipient(client.pk, "client", client_name, client.email, client.time_zone, therapist_name),
        Recipient(
            therapist.user_id,
            "therapist",
            therapist_name,
            therapist.user.email,
            therapist.time_zone,
            client_name,
        ),
    ]


def how(session_format: str, therapist: TherapistProfile) -> str:
    """'in person in Berlin', 'by phone' or 'by video call'."""
    if session_format == SessionFormat.IN_PERSON:
        city = one_line(therapist.city)
        return f"in person in {city}" if city else "in person"
    if session_format == SessionFormat.PHONE:
        return "by phone"
    return "by video call"


def _how(appointment: Appointment) -> str:
    return how(appointment.session_format, appointment.therapist)


def message(
    appointment: Appointment,
    kind: str,
    recipient: Recipient,
    cancelled_by_other: bool = False,
    now: dt.datetime | None = None,
) -> mail.EmailMessage:
    now = now or timezone.now()
    manage_url = links.manage_url(appointment, recipient.role)
    subject = _SUBJECTS[kind].format(
        other=recipient.other_party, when=short_when(appointment.start, recipient.time_zone)
    )
    # Names are typed by people; a line break in one would make the header invalid.
    subject = " ".join(subject.split())
    body = render_to_string(
        "therapists/email/notice.txt",
        {
            "kind": kind,
            "role": recipient.role,
            "recipient_name": recipient.name,
            "other_party": recipient.other_party,
            "client_email": appointment.client.email,
            "when": when(appointment.start, recipient.time_zone),
            "minutes": round((appointment.end - appointment.start).total_seconds() / 60),
            "how": _how(appointment),
            "format": appointment.session_format,
            "manage_url": manage_url,
            "cancel_notice_hours": appointment.therapist.cancel_notice_hours,
            # The link's page offers moving and cancelling only when the rule allows it, so
            # the email says the same: a client booking inside the notice cannot.
            "may_change": may_change(appointment, recipient.role, now),
            "cancelled_by_other": cancelled_by_other,
        },
    )
    method = invites.CANCEL if kind == CANCELLED else invites.REQUEST
    ics = invites.invite(
        appointment, method, recipient.other_party, recipient.email, manage_url, now=now
    )
    email = mail.EmailMessage(subject, body, to=[recipient.email])
    email.attach("invite.ics", ics, f"text/calendar; method={method}")  # Django adds the charset
    return email


def send(
    appointment: Appointment,
    kind: str,
    actor_id: int | None = None,
    only_others: bool = False,
    now: dt.datetime | None = None,
) -> int:
    """Email both people about ``appointment``; returns how many emails went out.

    ``actor_id`` is who made a cancellation, so the other person is told who did it;
    ``only_others`` leaves that person out (their account is being deleted); ``now`` is the
    moment the email speaks from (whether the appointment can still be changed).
    """
    messages = []
    for recipient in recipients(appointment):
        if only_others and recipient.user_id == actor_id:
            continue
        by_other = kind == CANCELLED and actor_id is not None and actor_id != recipient.user_id
        messages.append(message(appointment, kind, recipient, cancelled_by_other=by_other, now=now))
    with mail.get_connection() as connection:
        return connection.send_messages(messages) or 0


def series_message(
    appointments: list[Appointment], kind: str, recipient: Recipient, links_shown: bool = True
) -> mail.EmailMessage:
    """One email about several sessions (of a series, or of an account being deleted) booked,
    moved or cancelled together. ``links_shown``: False when the sessions' pages are gone."""
    now = timezone.now()
    first = appointments[0]
    # Sessions that are already inside the client's cancel notice: the email says so rather
    # than offering what their links cannot do.
    fixed = [
        when(a.start, recipient.time_zone)
        for a in appointments
        if a.is_upcoming(now) and not may_change(a, recipient.role, now)
    ]
    sessions = [(a, links.manage_url(a, recipient.role)) for a in appointments]
    verb = {CANCELLED: "Cancelled", MOVED: "Moved"}.get(kind, "Booked")
    subject = " ".join(
        f"{verb}: {len(appointments)} appointments with {recipient.other_party}, "
        f"from {short_when(first.start, recipient.time_zone)}".split()
    )
    body = render_to_string(
        "therapists/email/series.txt",
        {
            "kind": kind,
            "role": recipient.role,
            "recipient_name": recipient.name,
            "other_party": recipient.other_party,
            "client_email": first.client.email,
            "sessions": [
                (when(a.start, recipient.time_zone), url if links_shown else "")
                for a, url in sessions
            ],
            "minutes": round((first.end - first.start).total_seconds() / 60),
            "how": _how(first),
            "format": first.session_format,
            "cancel_notice_hours": first.therapist.cancel_notice_hours,
            "fixed": fixed,
        },
    )
    method = invites.CANCEL if kind == CANCELLED else invites.REQUEST
    ics = invites.series_invite(sessions, method, recipient.other_party, recipient.email)
    email = mail.EmailMessage(subject, body, to=[recipient.email])
    email.attach("invite.ics", ics, f"text/calendar; method={method}")
    return email


def send_series(
    appointments: list[Appointment],
    kind: str,
    actor_id: int | None = None,
    only_others: bool = False,
) -> int:
    """Email both people once about sessions booked or cancelled together.

    ``only_others`` leaves out ``actor_id`` (their account is being deleted, and with it the
    sessions' pages, so the email lists them without links).
    """
    if not appointments:
        return 0
    messages = [
        series_message(appointments, kind, r, links_shown=not only_others)
        for r in recipients(appointments[0])
        if not (only_others and r.user_id == actor_id)
    ]
    with mail.get_connection() as connection:
        return connection.send_messages(messages) or 0

"""Signed links in emails that let the client or the therapist manage one appointment.

A link carries only the appointment's id, the role of the person it was sent to, and a
signature (``django.core.signing`` with the site's SECRET_KEY). It works without logging in,
like any "manage your booking" link, so it is sent only to the two people concerned and lets
them do nothing but view, move or cancel that one appointment. Once the appointment is well
past there is nothing left to manage, so an old email stops being a key to it.
"""

import datetime as dt
from typing import Any

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from twitchlog.therapists.models import Appointment

_SALT = "twitchlog.therapists.manage"
ROLES = ("client", "therapist")
# A link keeps working this long after its appointment ends.
KEPT_AFTER_END = dt.timedelta(days=7)


def manage_token(appointment: Appointment, role: str) -> str:
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}")
    return signing.dumps({"a": appointment.pk, "r": role[0]}, salt=_SALT)


def manage_url(appointment: Appointment, role: str) -> str:
    path = reverse("therapists:manage", args=[manage_token(appointment, role)])
    return f"{settings.SITE_URL}{path}"


def appointment_for_token(
    token: str, now: dt.datetime | None = None
) -> tuple[Appointment, str, Any] | None:
    """(appointment, role, the person acting) for a valid, current token, or None."""
    try:
        data = signing.loads(token, salt=_SALT)
        pk, role = int(data["a"]), {"c": "client", "t": "therapist"}[data["r"]]
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
    appointment = (
        Appointment.objects.select_related("therapist", "therapist__user", "client")
        .filter(pk=pk)
        .first()
    )
    if appointment is None or appointment.end + KEPT_AFTER_END < (now or timezone.now()):
        return None
    actor = appointment.client if role == "client" else appointment.therapist.user
    return appointment, role, actor

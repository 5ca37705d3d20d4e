"""Who may see which therapist object, and who may still change an appointment. Every lookup
for a person goes through one of these.

A client sees only their own appointments; a therapist sees only the appointments booked with
them, and a client's shared summary only while that client's consent and its window hold.
Anything else is reported as missing (404).
"""

import datetime as dt
from typing import Any, TypeVar

from django.db.models import Model, Q
from django.http import Http404
from django.utils import timezone

from twitchlog.core.access import get_owned_or_404
from twitchlog.therapists.models import (
    Appointment,
    IntakeQuestion,
    TherapistProfile,
    WaitlistEntry,
)

M = TypeVar("M", bound=Model)

# A therapist may read a client's shared summary from the moment the client shares it until
# this long after the appointment ends (to write notes), and never once the client withdraws
# consent or the appointment is cancelled. The end is fixed when the client shares
# (``Appointment.shared_until``), so moving the appointment cannot stretch it.
SHARED_SUMMARY_AFTER_END = dt.timedelta(hours=24)


def _appointments() -> Any:
    return Appointment.objects.select_related("therapist", "therapist__user", "client")


def own_profile(user: Any) -> TherapistProfile | None:
    """The person's own therapist profile, or None while they have not applied."""
    return TherapistProfile.objects.filter(user=user).first()


def get_profile_for_viewer(user: Any, pk: int) -> TherapistProfile:
    """A listed profile, or one's own (to preview it before it is listed)."""
    profile = TherapistProfile.objects.select_related("user").filter(pk=pk).first()
    if profile is None:
        raise Http404
    if profile.is_listed or (getattr(user, "pk", None) == profile.user_id):
        return profile
    raise Http404


def get_listed_profile(pk: int) -> TherapistProfile:
    """A profile anyone may book: listed in the directory."""
    profile = TherapistProfile.objects.select_related("user").listed().filter(pk=pk).first()
    if profile is None:
        raise Http404
    return profile


def get_availability_item_for_therapist(queryset: Any, user: Any, pk: int) -> Any:
    """One of the therapist's own hours or time-off rows."""
    return get_owned_or_404(queryset, user, owner_field="profile__user", pk=pk)


def get_waitlist_entry_for_client(user: Any, pk: int) -> WaitlistEntry:
    return get_owned_or_404(WaitlistEntry.objects.all(), user, owner_field="client", pk=pk)


def get_intake_question_for_therapist(user: Any, pk: int) -> IntakeQuestion:
    return get_owned_or_404(IntakeQuestion.objects.all(), user, owner_field="profile__user", pk=pk)


def get_appointment_for_client(user: Any, pk: int) -> Appointment:
    return get_owned_or_404(_appointments(), user, owner_field="client", pk=pk)


def get_appointment_for_therapist(user: Any, pk: int) -> Appointment:
    return get_owned_or_404(_appointments(), user, owner_field="therapist__user", pk=pk)


def get_appointment_for_participant(user: Any, pk: int) -> Appointment:
    """An appointment the person is the client or the therapist of."""
    if not getattr(user, "is_authenticated", False):
        raise Http404
    found = _appointments().filter(Q(client=user) | Q(therapist__user=user), pk=pk).first()
    if found is None:
        raise Http404
    return found


def inside_cancel_notice(profile: TherapistProfile, start: dt.datetime, now: dt.datetime) -> bool:
    """Whether a session at ``start`` is too close for its client to move or cancel it."""
    return start - now < dt.timedelta(hours=profile.cancel_notice_hours)


def may_change(appointment: Appointment, role: str, now: dt.datetime) -> bool:
    """Whether someone in ``role`` may still move or cancel the appointment: the therapist until
    it starts, the client until its therapist's cancel notice begins. The pages, the emails and
    the services all ask this one rule."""
    if not appointment.is_upcoming(now):
        return False
    return role == "therapist" or not inside_cancel_notice(
        appointment.therapist, appointment.start, now
    )


def shared_summary_visible(appointment: Appointment, now: dt.datetime | None = None) -> bool:
    now = now or timezone.now()
    return (
        appointment.is_active
        and appointment.shared_at is not None
        and appointment.shared_until is not None
        and appointment.shared_at <= now <= appointment.shared_until
    )


def get_shared_appointment_for_therapist(
    user: Any, pk: int, now: dt.datetime | None = None
) -> Appointment:
    """The therapist's appointment whose client's summary they may read right now."""
    appointment = get_appointment_for_therapist(user, pk)
    if not shared_summary_visible(appointment, now):
        raise Http404
    return appointment

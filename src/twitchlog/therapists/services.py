"""Therapist and appointment operations. Each one that changes data writes the audit log.

Booking can never double-book. On PostgreSQL the database refuses overlapping active
appointments of one therapist (an exclusion constraint, see ``models.Appointment``), so when
several processes race for one time exactly one insert survives and the others get
``SlotTaken``. On SQLite every write transaction begins with ``BEGIN IMMEDIATE`` (see
settings), so bookings run one after another and the check inside the transaction sees every
earlier booking. Either way the slot is checked again at booking time against the rules,
notice and horizon as they are now.

Audit entries carry ids and field names only: never times of appointments, never health data.

Why one module of some 460 lines: booking, moving and cancelling share one transaction and
locking discipline, and reading them side by side is how their race-safety is checked; series
(series.py), the waitlist (waitlist.py) and intake (intake.py) live apart.
"""

import datetime as dt
import logging
from functools import partial

from django.db import IntegrityError, transaction
from django.db.models import Count, F, Model, Q
from django.utils import timezone

from twitchlog.accounts.models import User
from twitchlog.core import audit
from twitchlog.core.text import one_line
from twitchlog.therapists import notices, slots
from twitchlog.therapists.access import SHARED_SUMMARY_AFTER_END, inside_cancel_notice
from twitchlog.therapists.availability import availability_for, is_free
from twitchlog.therapists.models import (
    Appointment,
    FreedSlot,
    TherapistPhoto,
    TherapistProfile,
)

logger = logging.getLogger(__name__)

# Reminders go out this long before an appointment.
REMINDER_LEAD = dt.timedelta(hours=24)
# At most this many upcoming appointments per client with one therapist: enough for a
# twelve-week series, not enough for one person to hold a therapist's whole diary.
MAX_UPCOMING_PER_THERAPIST = 12
# Changing any of these sends a listed profile back for approval.
VETTED_FIELDS = frozenset(
    {
        "name",
        "credentials",
        "qualification",
        "lived_experience",
        "licence_number",
        "licence_body",
        "jurisdiction",
    }
)


class AppointmentError(Exception):
    """Something a person asked for that cannot be done; ``str()`` is the message to show."""


class SlotTaken(AppointmentError):
    def __init__(self) -> None:
        super().__init__("That time was just taken by someone else. Here are other free times.")


class SlotNotOffered(AppointmentError):
    def __init__(self) -> None:
        super().__init__("That time is not offered any more. Please pick another one.")


class ChangeRefused(AppointmentError):
    pass


# Profiles --------------------------------------------------------------------------------


@transaction.atomic
def apply_as_therapist(user: User, profile: TherapistProfile) -> TherapistProfile:
    """Save a new profile for ``user``; it is listed once a staff member approves it."""
    profile.user = user
    profile.save()
    audit.log(user, "therapist.applied", profile)
    return profile


@transaction.atomic
def update_profile(user: User, profile: TherapistProfile, changed: list[str]) -> bool:
    """Save the changed fields; returns True when a change needs approving again."""
    fields = set(changed)
    needs_approval = bool(profile.approved_at and fields & VETTED_FIELDS)
    if needs_approval:
        profile.approved_at = None
        profile.approved_by = None
        fields |= {"approved_at", "approved_by"}
    profile.save(update_fields=sorted(fields | {"updated_at"}))
    audit.log(user, "therapist.profile_updated", profile, fields=sorted(set(changed)))
    if needs_approval:
        audit.log(user, "therapist.approval_reset", profile)
    return needs_approval


@transaction.atomic
def approve_therapist(
    staff: User, profile: TherapistProfile, now: dt.datetime | None = None
) -> None:
    if not staff.is_staff:
        raise PermissionError("only staff approve therapists")
    profile.approved_at = now or timezone.now()
    profile.approved_by = staff
    profile.save(update_fields=["approved_at", "approved_by"])
    audit.log(staff, "therapist.approved", profile)


@transaction.atomic
def set_photo(user: User, profile: TherapistProfile, jpeg: bytes) -> None:
    TherapistPhoto.objects.update_or_create(profile=profile, defaults={"image": jpeg})
    profile.photo_updated_at = timezone.now()
    profile.save(update_fields=["photo_updated_at"])
    audit.log(user, "therapist.photo_set", profile, bytes=len(jpeg))


@transaction.atomic
def remove_photo(user: User, profile: TherapistProfile) -> None:
    TherapistPhoto.objects.filter(profile=profile).delete()
    profile.photo_updated_at = None
    profile.save(update_fields=["photo_updated_at"])
    audit.log(user, "therapist.photo_removed", profile)


@transaction.atomic
def add_availability(user: User, item: Model) -> None:
    """Save new weekly hours, extra hours or time off (``item.profile`` is already set)."""
    item.save()
    audit.log(user, "therapist.availability_added", item)


@transaction.atomic
def remove_availability(user: User, item: Model) -> None:
    audit.log(user, "therapist.availability_removed", item)
    item.delete()


# Appointments ----------------------------------------------------------------------------


def _check_offered(
    profile: TherapistProfile,
    start: dt.datetime,
    now: dt.datetime,
    moving: Appointment | None = None,
    holder: User | None = None,
) -> None:
    """Raise unless ``start`` is a free slot right now (call inside the write transaction).

    ``holder`` is the person booking: a time held for them on the waitlist is free for them.
    """
    if is_free(profile, start, now, exclude=moving, holder=holder):
        return
    if slots.is_offered(availability_for(profile), [], now, start):
        raise SlotTaken
    raise SlotNotOffered


def free_up(profile: TherapistProfile, start: dt.datetime, now: dt.datetime) -> None:
    """Note a booked time that became free, for the waitlist (see ``waitlist``)."""
    if start > now:
        FreedSlot.objects.create(therapist=profile, start=start)


def _is_overlap(error: IntegrityError) -> bool:
    return "appointment_no_overlap" in str(error)


def lock_therapist(profile: TherapistProfile) -> None:
    """Inside a booking's transaction: bookings of one therapist run one after another.

    Without it, clients racing for one time each insert their appointment and then wait on
    the others' in the exclusion constraint's check, and PostgreSQL ends such waits in a
    circle as deadlocks: errors instead of "just taken" (seen with twenty clients at once, and
    with moves racing bookings).  A booking takes it after the client's row
    (_check_upcoming_cap); a move, of one session or a series, before the rows it changes.
    Nothing locks a client's row after it, so the order never forms a circle."""
    TherapistProfile.objects.select_for_update().filter(pk=profile.pk).exists()


def _reminded_at(start: dt.datetime, now: dt.datetime) -> dt.datetime | None:
    # The confirmation of a booking less than a day ahead is its reminder too.
    return now if start - now <= REMINDER_LEAD else None


def _check_upcoming_cap(
    client: User, profile: TherapistProfile, now: dt.datetime, adding: int = 1
) -> None:
    """Refuse more than MAX_UPCOMING_PER_THERAPIST upcoming appointments with one therapist.

    Call inside the write transaction: the client's row is locked first, so two bookings of
    one client (two tabs) are counted one after the other.
    """
    User.objects.select_for_update().filter(pk=client.pk).exists()
    upcoming = Appointment.objects.filter(
        client=client, therapist=profile, status=Appointment.Status.BOOKED, start__gt=now
    ).count()
    if upcoming + adding > MAX_UPCOMING_PER_THERAPIST:
        left = MAX_UPCOMING_PER_THERAPIST - upcoming
        room = (
            f"you can book {left} more" if left > 0 else "you can book more once some have passed"
        )
        raise ChangeRefused(
            f"You can have up to {MAX_UPCOMING_PER_THERAPIST} upcoming appointments with "
            f"{profile.name} at a time. You have {upcoming}, so {room}, or cancel one you no "
            "longer need."
        )


def check_may_book(client: User, profile: TherapistProfile, session_format: str) -> None:
    """What any booking needs, one slot or a series: a listed therapist who is not the
    client, in a way of meeting they offer."""
    if not profile.is_listed:
        raise SlotNotOffered
    if client.pk == profile.user_id:
        raise ChangeRefused("You cannot book an appointment with yourself.")
    if session_format not in profile.formats:
        raise ChangeRefused("Please choose one of the ways this therapist offers sessions.")


def book_slot(
    client: User,
    profile: TherapistProfile,
    start: dt.datetime,
    session_format: str,
    now: dt.datetime | None = None,
) -> Appointment:
    """Book the slot starting at ``start`` for ``client``, or raise an AppointmentError."""
    now = now or timezone.now()
    check_may_book(client, profile, session_format)
    session = dt.timedelta(minutes=profile.session_minutes)
    try:
        with transaction.atomic():
            _check_upcoming_cap(client, profile, now)
            lock_therapist(profile)
            _check_offered(profile, start, now, holder=client)
            appointment = Appointment.objects.create(
                therapist=profile,
                client=client,
                start=start,
                end=start + session,
                blocked_until=start + session + dt.timedelta(minutes=profile.buffer_minutes),
                session_format=session_format,
                reminded_at=_reminded_at(start, now),
            )
            audit.log(client, "appointment.booked", appointment, therapist=profile.pk)
            transaction.on_commit(lambda: notices.send(appointment, notices.BOOKED), robust=True)
    except IntegrityError as error:
        if _is_overlap(error):
            raise SlotTaken from error
        raise
    return appointment


def _check_may_change(actor: User, appointment: Appointment, now: dt.datetime) -> str:
    """The actor's role, once sure they may still move or cancel the appointment."""
    role = appointment.participant_role(actor)
    if role is None:
        raise ChangeRefused("This appointment is not yours to change.")
    if not appointment.is_active:
        raise ChangeRefused("This appointment is already cancelled.")
    if appointment.start <= now:
        raise ChangeRefused("This appointment has already started, so it cannot be changed.")
    if role == "client" and inside_cancel_notice(appointment.therapist, appointment.start, now):
        hours = appointment.therapist.cancel_notice_hours
        raise ChangeRefused(
            f"Appointments can be moved or cancelled here up to {hours} hour"
            f"{'' if hours == 1 else 's'} before they start, and this one is sooner than that. "
            f"Please get in touch with {appointment.therapist.name} directly."
        )
    return role


def cancel_if_booked(actor: User, appointment: Appointment, role: str, now: dt.datetime) -> bool:
    """Cancel one appointment if it is still booked, log it and free its time; whether it was.

    Conditional, so that two clicks (or two tabs) cancel once and email once. Call it inside
    a transaction; the caller sends the notice once the whole change is committed.
    """
    changed = Appointment.objects.filter(
        pk=appointment.pk, status=Appointment.Status.BOOKED
    ).update(
        status=Appointment.Status.CANCELLED,
        cancelled_at=now,
        cancelled_by=actor,
        sequence=F("sequence") + 1,
    )
    if changed:
        appointment.refresh_from_db()
        audit.log(actor, "appointment.cancelled", appointment, by=role)
        free_up(appointment.therapist, appointment.start, now)
    return bool(changed)


def cancel_appointment(
    actor: User, appointment: Appointment, now: dt.datetime | None = None
) -> Appointment:
    """Cancel; the time becomes free for others at once. Clients need the therapist's notice."""
    now = now or timezone.now()
    role = _check_may_change(actor, appointment, now)
    with transaction.atomic():
        if not cancel_if_booked(actor, appointment, role, now):
            raise ChangeRefused("This appointment is already cancelled.")
        transaction.on_commit(
            lambda: notices.send(appointment, notices.CANCELLED, actor_id=actor.pk), robust=True
        )
    return appointment


def reschedule_appointment(
    actor: User,
    appointment: Appointment,
    new_start: dt.datetime,
    now: dt.datetime | None = None,
) -> Appointment:
    """Move to a new free slot in one transaction; if it was just taken, nothing changes."""
    now = now or timezone.now()
    role = _check_may_change(actor, appointment, now)
    if new_start == appointment.start:
        raise ChangeRefused("The appointment is already at that time.")
    profile = appointment.therapist
    session = dt.timedelta(minutes=profile.session_minutes)
    try:
        with transaction.atomic():
            lock_therapist(profile)  # before the row, as a series move takes them
            current = Appointment.objects.select_for_update().get(pk=appointment.pk)
            if not current.is_active:
                raise ChangeRefused("This appointment is already cancelled.")
            _check_offered(profile, new_start, now, moving=current, holder=current.client)
            free_up(profile, current.start, now)
            current.start = new_start
            current.end = new_start + session
            current.blocked_until = current.end + dt.timedelta(minutes=profile.buffer_minutes)
            current.sequence += 1
            current.reminded_at = _reminded_at(new_start, now)
            fields = ["start", "end", "blocked_until", "sequence", "reminded_at"]
            # A share was given for one time: moving ends it rather than stretching its window
            # to the new time; the client is asked again on the appointment page.
            shared = current.shared_at is not None
            if shared:
                current.shared_at = current.shared_until = None
                fields += ["shared_at", "shared_until"]
            current.save(update_fields=fields)
            audit.log(actor, "appointment.rescheduled", current, by=role)
            if shared:
                audit.log(actor, "appointment.sharing_ended_by_move", current)
    except IntegrityError as error:
        if _is_overlap(error):
            raise SlotTaken from error
        raise
    appointment.refresh_from_db()
    transaction.on_commit(lambda: notices.send(appointment, notices.MOVED), robust=True)
    return appointment


@transaction.atomic
def set_sharing(
    client: User, appointment: Appointment, share: bool, now: dt.datetime | None = None
) -> None:
    """Give or withdraw the client's consent to show their summary for this appointment."""
    now = now or timezone.now()
    if appointment.client_id != client.pk:
        raise ChangeRefused("Only the client can choose what to share.")
    if share and appointment.shared_at is None:
        if not appointment.is_active:
            raise ChangeRefused("This appointment is cancelled, so there is nothing to share.")
        # The window is fixed now, from the time as booked at this moment.
        appointment.shared_at = now
        appointment.shared_until = appointment.end + SHARED_SUMMARY_AFTER_END
        appointment.save(update_fields=["shared_at", "shared_until"])
        audit.log(client, "appointment.sharing_given", appointment)
    elif not share and appointment.shared_at is not None:
        appointment.shared_at = appointment.shared_until = None
        appointment.save(update_fields=["shared_at", "shared_until"])
        audit.log(client, "appointment.sharing_withdrawn", appointment)


@transaction.atomic
def mark_attendance(
    therapist: User, appointment: Appointment, value: str, now: dt.datetime | None = None
) -> None:
    """The therapist marks a session attended, cancelled late or missed (or clears the mark)."""
    now = now or timezone.now()
    if appointment.participant_role(therapist) != "therapist":
        raise ChangeRefused("Only the therapist marks attendance.")
    if value and value not in Appointment.Attendance.values:
        raise ChangeRefused("Choose attended, cancelled late or missed.")
    if not appointment.is_active:
        raise ChangeRefused("This appointment was cancelled here, so there is nothing to mark.")
    if appointment.start > now:
        raise ChangeRefused("Attendance can be marked once the session has started.")
    appointment.attendance = value
    appointment.save(update_fields=["attendance"])
    audit.log(therapist, "appointment.attendance_marked", appointment, attendance=value or "none")


def attendance_counts(profile: TherapistProfile) -> dict[str, int]:
    """How many of the therapist's sessions are marked each way, and how many await a mark."""
    rows = (
        Appointment.objects.filter(therapist=profile, status=Appointment.Status.BOOKED)
        .values("attendance")
        .annotate(n=Count("pk"))
    )
    found = {row["attendance"]: row["n"] for row in rows}
    counts = {value: found.get(value, 0) for value in Appointment.Attendance.values}
    counts["unmarked"] = Appointment.objects.filter(
        therapist=profile,
        status=Appointment.Status.BOOKED,
        attendance="",
        start__lte=timezone.now(),
    ).count()
    return counts


def upcoming_by_other_party(
    user: User, now: dt.datetime | None = None
) -> list[tuple[str, list[Appointment]]]:
    """The person's upcoming booked sessions, in either role, grouped by the other person.

    Each group is (the other person's name, their sessions earliest first), the groups in the
    order of their next session: what deleting the account would cancel, and whom it tells.
    """
    now = now or timezone.now()
    upcoming = (
        Appointment.objects.select_related("therapist", "therapist__user", "client")
        .filter(Q(client=user) | Q(therapist__user=user), status=Appointment.Status.BOOKED)
        .filter(start__gt=now)
        .order_by("start", "pk")
    )
    groups: dict[tuple[str, int], list[Appointment]] = {}
    for appointment in upcoming:
        if appointment.client_id == user.pk:
            key = ("therapist", appointment.therapist_id)
        else:
            key = ("client", appointment.client_id)
        groups.setdefault(key, []).append(appointment)
    return [
        (
            one_line(
                group[0].therapist.name if role == "therapist" else group[0].client.short_name
            ),
            group,
        )
        for (role, _pk), group in groups.items()
    ]


def cancel_for_deleted_account(user: User, now: dt.datetime | None = None) -> int:
    """Cancel the upcoming appointments of someone whose account is being deleted.

    Their rows go with the account; once the deletion commits, each other person gets one
    email listing the sessions they had with them (with its calendar update), as cancelling
    a series does, rather than one email per session; a client's times are offered to the
    therapist's waitlist. Returns how many were cancelled.
    """
    now = now or timezone.now()
    leaving = user.pk  # Django clears ``user.pk`` once the row is deleted
    cancelled = 0
    for _name, group in upcoming_by_other_party(user, now):
        for appointment in group:
            appointment.status = Appointment.Status.CANCELLED
            appointment.cancelled_at = now
            appointment.sequence += 1
            audit.log(user, "appointment.cancelled", appointment, by="account_deleted")
            if appointment.client_id == leaving:  # the therapist stays: the time is free again
                free_up(appointment.therapist, appointment.start, now)
        if len(group) == 1:
            tell = partial(notices.send, group[0], notices.CANCELLED, leaving, only_others=True)
        else:
            # The sessions' pages go with the account: the email lists them without links.
            tell = partial(notices.send_series, group, notices.CANCELLED, leaving, only_others=True)
        transaction.on_commit(tell, robust=True)
        cancelled += len(group)
    return cancelled


def send_due_reminders(now: dt.datetime | None = None) -> int:
    """Email a reminder for each appointment starting within REMINDER_LEAD; returns how many.

    Safe to run twice at once, on two machines: each appointment is claimed by an UPDATE
    that only succeeds while ``reminded_at`` is still empty, so exactly one run sends it. If
    sending fails the claim is released and the next run tries again.
    """
    now = now or timezone.now()
    due = Appointment.objects.filter(
        status=Appointment.Status.BOOKED,
        reminded_at__isnull=True,
        start__gt=now,
        start__lte=now + REMINDER_LEAD,
    ).values_list("pk", flat=True)
    sent = 0
    for pk in list(due):
        claimed = Appointment.objects.filter(
            pk=pk, status=Appointment.Status.BOOKED, reminded_at__isnull=True
        ).update(reminded_at=now)
        if not claimed:
            continue
        appointment = Appointment.objects.select_related(
            "therapist", "therapist__user", "client"
        ).get(pk=pk)
        try:
            notices.send(appointment, notices.REMINDER, now=now)
        except Exception:
            logger.exception("reminder for appointment %s failed; will retry", pk)
            Appointment.objects.filter(pk=pk, reminded_at=now).update(reminded_at=None)
            continue
        audit.log(None, "appointment.reminder_sent", appointment)
        sent += 1
    return sent

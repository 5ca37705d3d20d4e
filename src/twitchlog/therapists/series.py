"""Series: weekly or fortnightly sessions at one local time, booked whole or not at all.

Every session of a series is an ordinary appointment, checked like a single booking against
the therapist's hours, notice, horizon, breaks and other bookings, and guarded by the same
exclusion constraint on PostgreSQL. A series is booked in one transaction: if any session is
taken or not offered, nothing is booked and ``SeriesConflict`` lists those sessions, each with
the nearest free time, so the client can book the rest (``skip``) and pick those one by one.

Two clients racing for overlapping series get one whole series and one conflict, never a mix:
the transaction first locks the therapist's row (services.lock_therapist, as a single booking
does), so bookings of one therapist run one after another and cannot deadlock on each other's
rows; a booking that meets a time taken meanwhile is refused by the constraint, which rolls
the whole series back.
"""

import datetime as dt
from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.utils import timezone

from twitchlog.accounts.models import User
from twitchlog.core import audit
from twitchlog.core.timezones import zone
from twitchlog.therapists import notices, slots
from twitchlog.therapists.access import inside_cancel_notice
from twitchlog.therapists.availability import (
    as_busy,
    availability_for,
    busy_between,
    held_for_others,
)
from twitchlog.therapists.models import Appointment, AppointmentSeries, TherapistProfile
from twitchlog.therapists.services import (
    AppointmentError,
    ChangeRefused,
    _check_may_change,
    _check_upcoming_cap,
    _is_overlap,
    _reminded_at,
    cancel_if_booked,
    check_may_book,
    free_up,
    lock_therapist,
)

EVERY_WEEKS = (1, 2)
MIN_COUNT, MAX_COUNT = 2, 12


class SeriesConflict(AppointmentError):
    """Some sessions of a series cannot be booked; ``alternatives`` pairs with ``conflicts``.

    ``beyond`` are the conflicts that are only further ahead than the therapist's bookings
    open (``horizon_days``): not taken, just not bookable yet, so they get no alternative and
    are said once, as the reason, rather than each as "not free".
    """

    def __init__(
        self,
        conflicts: list[dt.datetime],
        alternatives: list[slots.Slot | None],
        beyond: list[dt.datetime] | None = None,
        horizon_days: int = 0,
        planned: int = 0,
        moving: bool = False,
    ):
        self.conflicts = conflicts
        self.alternatives = alternatives
        self.beyond = beyond or []
        self.horizon_days = horizon_days
        self.not_free = [c for c in conflicts if c not in self.beyond]
        # How many of the planned sessions could be booked (or moved) now.
        self.bookable = planned - len(conflicts)
        super().__init__(self._words(moving))

    def _words(self, moving: bool) -> str:
        nothing = "nothing has moved" if moving else "nothing is booked yet"
        n, k = len(self.not_free), len(self.beyond)
        if not k:
            return (
                f"{n} of these times {'is' if n == 1 else 'are'} not free, so {nothing}. You can "
                f"book the others and pick another time for {'that one' if n == 1 else 'those'}."
            )
        days = self.horizon_days
        later = f"the last {k} session{'' if k == 1 else 's'}" if self.bookable else "these"
        words = f"Bookings open up to {days} day{'' if days == 1 else 's'} ahead, and {later}"
        words += f" {'is' if k == 1 and self.bookable else 'are'} further away than that"
        if n:
            words += f", and {n} of the others {'is' if n == 1 else 'are'} not free"
        words += f", so {nothing}."
        if moving:
            return f"{words} Please pick an earlier time."
        if not self.bookable:
            return f"{words} Please pick another time to start the series."
        pick = f", pick another time for the {'one' if n == 1 else 'ones'} not free," if n else ""
        return (
            f"{words} You can book {self.bookable} now{pick} and the later "
            f"{'one' if k == 1 else 'ones'} once {'it is' if k == 1 else 'they are'} within "
            f"{days} days."
        )


def planned_starts(
    profile: TherapistProfile, first: dt.datetime, every_weeks: int, count: int
) -> list[dt.datetime]:
    """The starts of a series, after checking its shape."""
    if every_weeks not in EVERY_WEEKS:
        raise ChangeRefused("A series is every week or every two weeks.")
    if not MIN_COUNT <= count <= MAX_COUNT:
        raise ChangeRefused(f"A series has {MIN_COUNT} to {MAX_COUNT} sessions.")
    return slots.series_starts(first, zone(profile.time_zone), every_weeks, count)


def _conflicts(
    profile: TherapistProfile,
    starts: list[dt.datetime],
    now: dt.datetime,
    holder: User,
    moving: Iterable[Appointment] = (),
) -> list[dt.datetime]:
    """The starts not free now for ``holder`` (``moving``: sessions about to leave their times)."""
    reach = dt.timedelta(days=1)
    booked = Appointment.objects.filter(
        therapist=profile,
        status=Appointment.Status.BOOKED,
        blocked_until__gt=starts[0] - reach,
        start__lt=starts[-1] + reach,
    ).exclude(pk__in=[a.pk for a in moving])
    availability = availability_for(profile)
    busy = as_busy(booked) + held_for_others(profile, starts[0], starts[-1], holder, now)
    return [s for s in starts if not slots.is_offered(availability, busy, now, s)]


def _alternatives(
    profile: TherapistProfile,
    conflicts: list[dt.datetime],
    keeping: list[dt.datetime],
    now: dt.datetime,
) -> list[slots.Slot | None]:
    """The nearest free time to each conflict that keeps clear of the sessions being kept
    (none for a time beyond the booking window: the nearest would not be near it)."""
    availability = availability_for(profile)
    session = availability.session
    kept = [slots.Busy(s, s + session, s + session + availability.buffer) for s in keeping]
    found: list[slots.Slot | None] = []
    for wanted in conflicts:
        if slots.beyond_horizon(availability, now, wanted):
            found.append(None)
            continue
        busy = busy_between(profile, wanted - dt.timedelta(days=4), wanted + dt.timedelta(days=4))
        found.append(slots.nearest_free(availability, busy + kept, now, wanted))
    return found


def _refuse(
    profile: TherapistProfile,
    starts: list[dt.datetime],
    now: dt.datetime,
    holder: User,
    moving: list[Appointment] | None = None,
) -> SeriesConflict:
    """The full answer to a series that cannot be booked (or moved) whole."""
    conflicts = _conflicts(profile, starts, now, holder, moving=moving or [])
    keeping = [s for s in starts if s not in conflicts]
    availability = availability_for(profile)
    return SeriesConflict(
        conflicts,
        _alternatives(profile, conflicts, keeping, now),
        beyond=[c for c in conflicts if slots.beyond_horizon(availability, now, c)],
        horizon_days=profile.horizon_days,
        planned=len(starts),
        moving=moving is not None,
    )


def book_series(
    client: User,
    profile: TherapistProfile,
    first: dt.datetime,
    session_format: str,
    every_weeks: int,
    count: int,
    skip: Iterable[dt.datetime] = (),
    now: dt.datetime | None = None,
) -> list[Appointment]:
    """Book every session of the series (less the ``skip`` starts) or none of them."""
    now = now or timezone.now()
    check_may_book(client, profile, session_format)
    skipped = set(skip)
    starts = [s for s in planned_starts(profile, first, every_weeks, count) if s not in skipped]
    if not starts:
        raise ChangeRefused("Please keep at least one session of the series.")
    session = dt.timedelta(minutes=profile.session_minutes)
    buffer = dt.timedelta(minutes=profile.buffer_minutes)
    try:
        with transaction.atomic():
            _check_upcoming_cap(client, profile, now, adding=len(starts))
            lock_therapist(profile)
            if _conflicts(profile, starts, now, client):
                raise SeriesConflict([], [])  # rolled back; the full answer is built below
            series = AppointmentSeries.objects.create(
                therapist=profile, client=client, every_weeks=every_weeks
            )
            booked = [
                Appointment.objects.create(
                    therapist=profile,
                    client=client,
                    series=series,
                    start=start,
                    end=start + session,
                    blocked_until=start + session + buffer,
                    session_format=session_format,
                    reminded_at=_reminded_at(start, now),
                )
                for start in starts
            ]
            audit.log(client, "appointment.series_booked", series, sessions=len(booked))
            for appointment in booked:
                audit.log(client, "appointment.booked", appointment, therapist=profile.pk)
            transaction.on_commit(lambda: notices.send_series(booked, notices.BOOKED), robust=True)
    except SeriesConflict:
        raise _refuse(profile, starts, now, client) from None
    except IntegrityError as error:
        if _is_overlap(error):
            raise _refuse(profile, starts, now, client) from error
        raise
    return booked


def remaining(appointment: Appointment, now: dt.datetime) -> list[Appointment]:
    """This session and the later booked sessions of its series, earliest first."""
    if appointment.series_id is None:
        return [appointment] if appointment.is_upcoming(now) else []
    return list(
        Appointment.objects.select_related("therapist", "therapist__user", "client")
        .filter(
            series_id=appointment.series_id,
            status=Appointment.Status.BOOKED,
            start__gte=appointment.start,
            start__gt=now,
        )
        .order_by("start")
    )


def sessions_of(appointment: Appointment) -> list[Appointment]:
    """Every session of the appointment's series, cancelled ones too (empty if none)."""
    if appointment.series_id is None:
        return []
    return list(Appointment.objects.filter(series_id=appointment.series_id).order_by("start"))


def cancel_rest(
    actor: User, appointment: Appointment, now: dt.datetime | None = None
) -> list[Appointment]:
    """Cancel this session and every later one of its series; returns what was cancelled.

    The client may cancel only sessions outside the therapist's notice, so the first one
    must be; the therapist may cancel any that have not started.
    """
    now = now or timezone.now()
    role = _check_may_change(actor, appointment, now)
    with transaction.atomic():
        sessions = [
            a
            for a in remaining(appointment, now)
            if role == "therapist" or not inside_cancel_notice(a.therapist, a.start, now)
        ]
        cancelled = [s for s in sessions if cancel_if_booked(actor, s, role, now)]
        if not cancelled:
            raise ChangeRefused("These appointments are already cancelled.")
        transaction.on_commit(
            lambda: notices.send_series(cancelled, notices.CANCELLED, actor.pk), robust=True
        )
    return cancelled


def move_rest(
    actor: User, appointment: Appointment, new_start: dt.datetime, now: dt.datetime | None = None
) -> list[Appointment]:
    """Move this session and every later one of its series by the same step, or none.

    The sessions keep their spacing in the therapist's local time: the first goes to
    ``new_start`` and the others follow every one or two weeks at that local time.
    """
    now = now or timezone.now()
    role = _check_may_change(actor, appointment, now)
    profile = appointment.therapist
    sessions = remaining(appointment, now)
    series = appointment.series
    every = series.every_weeks if series else 1
    starts = slots.series_starts(new_start, zone(profile.time_zone), every, len(sessions))
    if role == "client" and any(inside_cancel_notice(profile, a.start, now) for a in sessions):
        raise ChangeRefused("One of these sessions is too soon to move here.")
    session = dt.timedelta(minutes=profile.session_minutes)
    buffer = dt.timedelta(minutes=profile.buffer_minutes)
    try:
        with transaction.atomic():
            lock_therapist(profile)
            if _conflicts(profile, starts, now, appointment.client, moving=sessions):
                raise SeriesConflict([], [])
            for current, start in zip(sessions, starts, strict=True):
                free_up(profile, current.start, now)
                current.start, current.end = start, start + session
                current.blocked_until = start + session + buffer
                current.sequence += 1
                current.reminded_at = _reminded_at(start, now)
                current.shared_at = current.shared_until = None
                current.save(
                    update_fields=[
                        "start",
                        "end",
                        "blocked_until",
                        "sequence",
                        "reminded_at",
                        "shared_at",
                        "shared_until",
                    ]
                )
                audit.log(actor, "appointment.rescheduled", current, by=role)
            transaction.on_commit(lambda: notices.send_series(sessions, notices.MOVED), robust=True)
    except SeriesConflict:
        raise _refuse(profile, starts, now, appointment.client, moving=sessions) from None
    except IntegrityError as error:
        if _is_overlap(error):
            raise ChangeRefused("One of those times was just taken. Nothing has moved.") from error
        raise
    return sessions

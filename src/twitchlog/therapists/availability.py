"""From stored availability and appointments to free slots (read only).

The slot arithmetic itself is the pure ``slots`` module; this module only turns model rows into
its inputs and asks it.
"""

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db.models import Prefetch
from django.utils import timezone

from twitchlog.core.timezones import zone
from twitchlog.therapists import slots
from twitchlog.therapists.models import Appointment, TherapistProfile, WaitlistOffer

# How far either side of a slot we look for appointments that could clash with it: longer
# than any session plus break can be.
_REACH = dt.timedelta(hours=6)


def availability_for(profile: TherapistProfile) -> slots.Availability:
    """The profile's hours and booking rules (uses prefetched rows when there are any)."""
    return slots.Availability(
        zone=zone(profile.time_zone),
        session=dt.timedelta(minutes=profile.session_minutes),
        buffer=dt.timedelta(minutes=profile.buffer_minutes),
        notice=dt.timedelta(hours=profile.notice_hours),
        horizon=dt.timedelta(days=profile.horizon_days),
        weekly=[slots.WeeklyHours(h.weekday, h.start, h.end) for h in profile.weekly_hours.all()],
        extra=[slots.ExtraHours(h.day, h.start, h.end) for h in profile.extra_hours.all()],
        time_off=[slots.TimeOff(t.first_day, t.last_day) for t in profile.time_off.all()],
    )


def as_busy(appointments: Iterable[Appointment]) -> list[slots.Busy]:
    return [
        slots.Busy(a.start, a.end, a.blocked_until)
        for a in appointments
        if a.status == Appointment.Status.BOOKED
    ]


def held_for_others(
    profile: TherapistProfile, start: dt.datetime, end: dt.datetime, holder: Any, now: dt.datetime
) -> list[slots.Busy]:
    """Times held for someone on the waitlist (not ``holder``), as busy times for everyone else."""
    held = WaitlistOffer.objects.filter(
        therapist=profile,
        status=WaitlistOffer.Status.OFFERED,
        expires_at__gt=now,
        start__gt=start - _REACH,
        start__lt=end + _REACH,
    )
    if holder is not None:
        held = held.exclude(entry__client=holder)
    session = dt.timedelta(minutes=profile.session_minutes)
    return [slots.Busy(h.start, h.start + session) for h in held]


def busy_between(
    profile: TherapistProfile,
    start: dt.datetime,
    end: dt.datetime,
    exclude: Appointment | None = None,
    holder: Any = None,
    now: dt.datetime | None = None,
) -> list[slots.Busy]:
    """The profile's booked appointments and held times that could clash with slots in [start, end).

    ``holder``: the person booking, for whom their own held times are free.
    """
    booked = Appointment.objects.filter(
        therapist=profile,
        status=Appointment.Status.BOOKED,
        blocked_until__gt=start - _REACH,
        start__lt=end + _REACH,
    )
    if exclude is not None:
        booked = booked.exclude(pk=exclude.pk)
    held = held_for_others(profile, start, end, holder, now or timezone.now())
    return as_busy(booked) + held


def free_slots(
    profile: TherapistProfile,
    start: dt.datetime,
    end: dt.datetime,
    now: dt.datetime | None = None,
    limit: int | None = None,
    exclude: Appointment | None = None,
) -> list[slots.Slot]:
    """Bookable slots of ``profile`` starting in [start, end), in UTC.

    ``exclude`` leaves one appointment out of the busy times: the one being moved.
    """
    now = now or timezone.now()
    busy = busy_between(profile, max(start, now), end, exclude, now=now)
    return slots.free_slots(availability_for(profile), busy, now, start, end, limit)


def is_free(
    profile: TherapistProfile,
    start: dt.datetime,
    now: dt.datetime | None = None,
    exclude: Appointment | None = None,
    holder: Any = None,
) -> bool:
    """Whether a slot starting exactly at ``start`` can be booked now (by ``holder``)."""
    now = now or timezone.now()
    busy = busy_between(profile, start, start, exclude, holder, now)
    return slots.is_offered(availability_for(profile), busy, now, start)


def next_free_slot(
    profile: TherapistProfile,
    now: dt.datetime | None = None,
    busy: list[slots.Busy] | None = None,
    part_of_day: str = "",
    zone_name: str = "UTC",
) -> slots.Slot | None:
    """The earliest bookable slot, or None. ``busy`` may be passed when already loaded.

    ``part_of_day`` ("morning", "afternoon", "evening", seen in ``zone_name``) keeps only
    slots starting then.
    """
    now = now or timezone.now()
    availability = availability_for(profile)
    furthest = now + availability.horizon + dt.timedelta(seconds=1)
    if busy is None:
        busy = busy_between(profile, now, furthest, now=now)
    limit = None if part_of_day else 1
    found = slots.free_slots(availability, busy, now, now, furthest, limit=limit)
    if part_of_day:
        found = slots.in_part_of_day(found, part_of_day, zone(zone_name))
    return found[0] if found else None


def jurisdictions() -> list[str]:
    """The places listed therapists' licences hold, for the directory's filter."""
    places = TherapistProfile.objects.listed().values_list("jurisdiction", flat=True)
    return sorted(set(places))


def slots_by_local_day(
    found: list[slots.Slot], zone_name: str
) -> list[tuple[dt.date, list[slots.Slot]]]:
    """Group slots by their calendar date in the viewer's zone, keeping the order."""
    days: dict[dt.date, list[slots.Slot]] = {}
    tz = zone(zone_name)
    for slot in found:
        days.setdefault(slot.start.astimezone(tz).date(), []).append(slot)
    return list(days.items())


def alternatives(
    profile: TherapistProfile,
    near: dt.datetime,
    count: int = 6,
    exclude: Appointment | None = None,
) -> list[slots.Slot]:
    """Free slots to offer instead of one that was taken: the next few after ``near``."""
    end = near + dt.timedelta(days=profile.horizon_days)
    return free_slots(profile, near, end, limit=count, exclude=exclude)


def directory_entries(
    now: dt.datetime,
    language: str = "",
    session_format: str = "",
    approach: str = "",
    jurisdiction: str = "",
    part_of_day: str = "",
    zone_name: str = "UTC",
) -> list[tuple[TherapistProfile, slots.Slot | None]]:
    """Listed therapists matching the filters, each with their next free slot.

    With ``part_of_day`` the slot is the next one starting then (in ``zone_name``), and
    therapists with none are left out.
    """
    profiles = (
        TherapistProfile.objects.listed()
        .select_related("user")
        .prefetch_related(
            "weekly_hours",
            "extra_hours",
            "time_off",
            Prefetch(
                "appointments",
                queryset=Appointment.objects.filter(
                    status=Appointment.Status.BOOKED, blocked_until__gt=now
                ),
                to_attr="booked",
            ),
            Prefetch(
                "waitlist_offers",
                queryset=WaitlistOffer.objects.filter(
                    status=WaitlistOffer.Status.OFFERED, expires_at__gt=now
                ),
                to_attr="held",
            ),
        )
    )
    found: list[tuple[TherapistProfile, slots.Slot | None]] = []
    for profile in profiles:
        if language and language not in profile.languages:
            continue
        if session_format and session_format not in profile.formats:
            continue
        if approach and approach not in profile.approaches:
            continue
        if jurisdiction and profile.jurisdiction != jurisdiction:
            continue
        session = dt.timedelta(minutes=profile.session_minutes)
        busy = as_busy(profile.booked) + [
            slots.Busy(h.start, h.start + session) for h in profile.held
        ]
        slot = next_free_slot(profile, now, busy, part_of_day, zone_name)
        if part_of_day and slot is None:
            continue
        found.append((profile, slot))
    return found

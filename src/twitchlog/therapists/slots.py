"""Free appointment slots from a therapist's availability. Pure: no Django, no I/O.

A therapist describes their week in their own local time: weekly hours ("Mondays 09:00 to
12:00"), extra hours on a date, and time off (whole local dates, first to last). Sessions
have a fixed length with a buffer after each one; a slot must start at least ``notice`` from
now and at most ``horizon`` ahead. Slots come out in UTC; pages show them in the viewer's zone.

How local times become instants (PEP 495 rules, as ``zoneinfo`` applies them):

- Hours are turned into instants per local date, so a 09:00 rule in New York stays 09:00
  New York time across the daylight-saving changes; a client in London sees it move by an
  hour for the weeks when the two countries change on different dates.
- A time that does not exist because clocks spring forward (02:30 in New York on the March
  change day) is read with the offset from before the change, which is what a clock that was
  not yet turned forward would show: 02:30 becomes 03:30 daylight time, so those hours are
  *shifted* one hour later that day, never lost and never doubled.
- A time that happens twice because clocks fall back (01:30 in November) is the first one.
- Within the hours of a day, slots follow one another in real elapsed time: each starts a
  session plus a buffer after the one before, so no two slots ever overlap.
"""

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

UTC = dt.UTC


@dataclass(frozen=True)
class WeeklyHours:
    """Open hours on one weekday (0 is Monday), ``start`` < ``end``, local wall-clock times."""

    weekday: int
    start: dt.time
    end: dt.time


@dataclass(frozen=True)
class ExtraHours:
    """Open hours on one local date, on top of the weekly hours."""

    day: dt.date
    start: dt.time
    end: dt.time


@dataclass(frozen=True)
class TimeOff:
    """Local dates ``first_day`` to ``last_day`` (both included) with no slots at all.

    Time off wins over extra hours on the same date.
    """

    first_day: dt.date
    last_day: dt.date

    def covers(self, day: dt.date) -> bool:
        return self.first_day <= day <= self.last_day


@dataclass(frozen=True)
class Busy:
    """A booked appointment (aware datetimes). A slot keeps ``buffer`` away from it.

    ``blocked_until`` is the end of the break fixed when it was booked; when the therapist has
    since shortened their break, that older, longer break still holds.
    """

    start: dt.datetime
    end: dt.datetime
    blocked_until: dt.datetime | None = None

    def clashes(self, slot: "Slot", gap: dt.timedelta) -> bool:
        free_from = max(self.end + gap, self.blocked_until or self.end)
        return slot.start < free_from and self.start < slot.end + gap


@dataclass(frozen=True)
class Availability:
    zone: ZoneInfo
    session: dt.timedelta
    buffer: dt.timedelta = dt.timedelta(0)
    notice: dt.timedelta = dt.timedelta(0)
    horizon: dt.timedelta = dt.timedelta(days=60)
    weekly: Sequence[WeeklyHours] = ()
    extra: Sequence[ExtraHours] = ()
    time_off: Sequence[TimeOff] = ()


@dataclass(frozen=True, order=True)
class Slot:
    start: dt.datetime
    end: dt.datetime = field(compare=False)


def _instant(day: dt.date, wall: dt.time, zone: ZoneInfo) -> dt.datetime:
    """The UTC instant of a local wall-clock time (fold=0: see the module notes)."""
    return dt.datetime.combine(day, wall, tzinfo=zone).astimezone(UTC)


def local_days(first: dt.date, last: dt.date, zone: ZoneInfo) -> tuple[dt.datetime, dt.datetime]:
    """The UTC window from the start of local date ``first`` to the end of ``last``.

    Midnights are local, so a window across a clock change is an hour longer or shorter than
    whole days of 24 hours; the profile page and the API both ask for windows this way.
    """
    return _instant(first, dt.time(0), zone), _instant(
        last + dt.timedelta(days=1), dt.time(0), zone
    )


def _open_hours(availability: Availability, day: dt.date) -> list[tuple[dt.datetime, dt.datetime]]:
    """The open periods of one local date as merged, ordered UTC intervals."""
    if any(off.covers(day) for off in availability.time_off):
        return []
    hours = [(w.start, w.end) for w in availability.weekly if w.weekday == day.weekday()]
    hours += [(e.start, e.end) for e in availability.extra if e.day == day]
    intervals = sorted(
        (_instant(day, start, availability.zone), _instant(day, end, availability.zone))
        for start, end in hours
        if start < end
    )
    merged: list[tuple[dt.datetime, dt.datetime]] = []
    for start, end in intervals:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        elif start < end:
            merged.append((start, end))
    return merged


def _day_slots(availability: Availability, day: dt.date) -> Iterator[Slot]:
    """Every slot the hours of one local date offer, before bookings, notice and horizon."""
    step = availability.session + availability.buffer
    previous_end: dt.datetime | None = None
    for open_from, open_until in _open_hours(availability, day):
        slot_start = open_from
        while slot_start + availability.session <= open_until:
            # Two periods of one day may sit closer than a buffer apart; keep the first slot.
            if previous_end is None or slot_start >= previous_end + availability.buffer:
                previous_end = slot_start + availability.session
                yield Slot(slot_start, previous_end)
            slot_start += step


def free_slots(
    availability: Availability,
    busy: Iterable[Busy],
    now: dt.datetime,
    start: dt.datetime,
    end: dt.datetime,
    limit: int | None = None,
) -> list[Slot]:
    """Bookable slots starting in [``start``, ``end``), in UTC, earliest first.

    ``now`` is an aware datetime: slots start no sooner than ``now + notice`` and no later
    than ``now + horizon``. ``busy`` holds the therapist's booked appointments; a slot must
    keep the buffer away from each of them. ``limit`` stops after that many slots.
    """
    if availability.session <= dt.timedelta(0):
        raise ValueError("a session must last longer than zero")
    earliest = max(start, now + availability.notice)
    furthest = now + availability.horizon
    booked = list(busy)
    found: list[Slot] = []
    # One local date either side: a date's hours may begin or end beyond the UTC window.
    day = earliest.astimezone(availability.zone).date() - dt.timedelta(days=1)
    last_day = min(end, furthest).astimezone(availability.zone).date() + dt.timedelta(days=1)
    while day <= last_day:
        for slot in _day_slots(availability, day):
            if (
                earliest <= slot.start < end
                and slot.start <= furthest
                and not any(b.clashes(slot, availability.buffer) for b in booked)
            ):
                found.append(slot)
                if limit is not None and len(found) >= limit:
                    return found
        day += dt.timedelta(days=1)
    return found


def beyond_horizon(availability: Availability, now: dt.datetime, slot_start: dt.datetime) -> bool:
    """Whether ``slot_start`` is further ahead than bookings open: not taken, just not yet."""
    return slot_start > now + availability.horizon


def is_offered(
    availability: Availability, busy: Iterable[Busy], now: dt.datetime, slot_start: dt.datetime
) -> bool:
    """Whether a slot starting exactly at ``slot_start`` is free to book at ``now``."""
    moment = dt.timedelta(microseconds=1)
    window = free_slots(availability, busy, now, slot_start, slot_start + moment)
    return any(slot.start == slot_start for slot in window)


def series_starts(
    first: dt.datetime, zone: ZoneInfo, every_weeks: int, count: int
) -> list[dt.datetime]:
    """The UTC starts of a weekly or fortnightly series at one local time in ``zone``.

    The series keeps the wall-clock time of ``first`` in ``zone`` (the therapist's), date by
    date, so it stays "Tuesdays at 09:00" there across clock changes, by the same rules as
    the hours (a time skipped by a spring change is read as the hour after it). Seen from
    another zone that changes clocks on other dates, a few sessions sit an hour apart.
    """
    local = first.astimezone(zone)
    wall = local.replace(tzinfo=None).time()
    return [
        _instant(local.date() + dt.timedelta(weeks=every_weeks * n), wall, zone)
        for n in range(count)
    ]


def nearest_free(
    availability: Availability,
    busy: Iterable[Busy],
    now: dt.datetime,
    wanted: dt.datetime,
    reach: dt.timedelta = dt.timedelta(days=3),
) -> Slot | None:
    """The free slot closest to ``wanted`` within ``reach`` either side (the later on a tie)."""
    found = free_slots(availability, busy, now, wanted - reach, wanted + reach)
    if not found:
        return None
    return min(found, key=lambda slot: (abs(slot.start - wanted), slot.start < wanted))


# Parts of the day a client can ask for, in their own zone: [from, until) local times. Times
# between midnight and 06:00 belong to none of them (they show only under "any time").
PARTS_OF_DAY: dict[str, tuple[dt.time, dt.time | None]] = {
    "morning": (dt.time(6), dt.time(12)),
    "afternoon": (dt.time(12), dt.time(17)),
    "evening": (dt.time(17), None),
}


def in_part_of_day(found: Iterable[Slot], part: str, zone: ZoneInfo) -> list[Slot]:
    """The slots that start in ``part`` ("morning", "afternoon", "evening") seen in ``zone``."""
    start, until = PARTS_OF_DAY[part]
    kept = []
    for slot in found:
        local = slot.start.astimezone(zone).time()
        if start <= local and (until is None or local < until):
            kept.append(slot)
    return kept


# Moving an appointment offers three weeks of free times, from a week before its date: near
# enough to pick a time close to the one booked, few enough to read as one list.
MOVE_SPAN = dt.timedelta(days=21)
MOVE_LEAD = dt.timedelta(days=7)


def move_window(
    today: dt.date, current: dt.date, last_bookable: dt.date, wanted: dt.date | None = None
) -> tuple[dt.date, dt.date]:
    """The first and last local dates whose free times are offered for moving an appointment.

    Three weeks from a week before ``current`` (the appointment's date), or from ``wanted`` when
    the person has paged to other dates; never before ``today`` nor after ``last_bookable``, the
    last date bookings are open. Near the end of the booking window the three weeks end on its
    last date rather than shrinking.
    """
    span = MOVE_SPAN - dt.timedelta(days=1)
    first = wanted if wanted is not None else current - MOVE_LEAD
    first = max(today, min(first, last_bookable - span))
    return first, min(first + span, last_bookable)


# No one books further ahead than this (the horizon is at most a year); a time outside it is a
# slip, refused before any date arithmetic near the year 9999 could overflow.
REACH = dt.timedelta(days=3660)


def within_reach(start: dt.datetime, now: dt.datetime) -> bool:
    return now - REACH <= start <= now + REACH

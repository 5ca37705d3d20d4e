"""Therapist objects for tests and access probes."""

import datetime as dt
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.utils import timezone

from twitchlog.accounts.models import User
from twitchlog.therapists.availability import free_slots
from twitchlog.therapists.models import Appointment, ExtraHours, TherapistProfile, WeeklyHours
from twitchlog.therapists.services import book_slot
from twitchlog.therapists.slots import Slot

ALL_WEEK = [(day, dt.time(8), dt.time(20)) for day in range(7)]


def make_therapist(
    user: User, weekly: Any = None, approved: bool = True, **fields: Any
) -> TherapistProfile:
    """A listed therapist, open every day 08:00-20:00 in their zone unless told otherwise."""
    values: dict[str, Any] = {
        "name": user.display_name or "Therapist",
        "credentials": "MSc Clinical Psychology",
        "qualification": "master",
        "lived_experience": True,
        "approaches": ["cbt", "act"],
        "languages": ["en"],
        "formats": ["video", "phone"],
        "session_minutes": 50,
        "fee": Decimal("90.00"),
        "currency": "GBP",
        "time_zone": user.time_zone,
        "bio": "I help people live calmly with an anxious body.",
        "licence_number": "PYL12345",
        "licence_body": "HCPC",
        "jurisdiction": "United Kingdom",
        "buffer_minutes": 10,
        "notice_hours": 0,
        "horizon_days": 60,
        "cancel_notice_hours": 24,
        "approved_at": timezone.now() if approved else None,
    }
    values.update(fields)
    profile = TherapistProfile.objects.create(user=user, **values)
    for day, start, end in ALL_WEEK if weekly is None else weekly:
        WeeklyHours.objects.create(profile=profile, weekday=day, start=start, end=end)
    return profile


def slots_after(profile: TherapistProfile, days: float = 2, count: int = 5) -> list[Slot]:
    """The first free slots starting at least ``days`` from now (past the cancel notice)."""
    start = timezone.now() + dt.timedelta(days=days)
    return free_slots(profile, start, start + dt.timedelta(days=14), limit=count)


def morning_slot(profile: TherapistProfile, days: float = 2) -> dt.datetime:
    """The first free 09:00 in the therapist's zone, ``days`` or more from now: a test that
    moves it a few hours later stays inside their 08:00-20:00 whatever time of day it runs."""
    zone = ZoneInfo(profile.time_zone)
    free = slots_after(profile, days=days, count=60)
    return next(s.start for s in free if s.start.astimezone(zone).hour == 9)


def make_booking(
    client: User, profile: TherapistProfile, days: float = 2, **fields: Any
) -> Appointment:
    slot = slots_after(profile, days, 1)[0]
    appointment = book_slot(client, profile, slot.start, "video")
    if fields:
        Appointment.objects.filter(pk=appointment.pk).update(**fields)
        appointment.refresh_from_db()
    return appointment


def hours_on_one_day(
    profile: TherapistProfile, start: dt.time, end: dt.time, days_ahead: int = 3
) -> dt.datetime:
    """Open ``profile`` on one local date only; returns the instant its hours start."""
    tz = ZoneInfo(profile.time_zone)
    day = timezone.now().astimezone(tz).date() + dt.timedelta(days=days_ahead)
    ExtraHours.objects.filter(profile=profile).delete()
    ExtraHours.objects.create(profile=profile, day=day, start=start, end=end)
    return dt.datetime.combine(day, start, tzinfo=tz)

"""The therapist directory, free slots, and your own bookings.

Times go out in UTC (``start``, ``end``) and, for slots, also in the zone asked for
(``local_start``, ``local_end``). A booking that someone else took a moment earlier answers
409 with other free times. Appointments that are not yours answer 404.

Why one module of some 450 lines: it is one router (one OpenAPI tag) whose schemas the
directory, slots and bookings share; each endpoint is a thin adapter over therapists.services.
"""

import datetime as dt
from decimal import Decimal
from typing import Any

from django.urls import reverse
from django.utils import timezone
from ninja import Query, Router, Schema, Status
from ninja.errors import HttpError

from twitchlog.accounts.types import AuthedRequest
from twitchlog.api.diary.common import Window
from twitchlog.api.problems import ProblemOut
from twitchlog.core.timezones import is_valid_zone, zone
from twitchlog.therapists import access, series, services
from twitchlog.therapists.availability import (
    alternatives,
    directory_entries,
    free_slots,
    next_free_slot,
)
from twitchlog.therapists.models import Appointment, TherapistProfile
from twitchlog.therapists.slots import (
    PARTS_OF_DAY,
    REACH,
    Slot,
    in_part_of_day,
    local_days,
    within_reach,
)

router = Router(tags=["therapists"])

MAX_SLOT_DAYS = 62
# Bookings reach at most a year ahead; asking for more is the same as asking for any time.
MAX_WITHIN_DAYS = 366


class SlotOut(Schema):
    start: dt.datetime
    end: dt.datetime
    local_start: str
    local_end: str


class TherapistOut(Schema):
    id: int
    name: str
    credentials: str
    qualification: str
    licence_number: str
    licence_body: str
    jurisdiction: str
    # The therapist's own statement; we do not check it.
    lived_experience: bool
    approaches: list[str]
    languages: list[str]
    formats: list[str]
    city: str
    session_minutes: int
    fee: Decimal
    currency: str
    time_zone: str
    bio: str
    cancel_notice_hours: int
    photo_url: str | None
    next_free_slot: SlotOut | None


class SlotsOut(Schema):
    therapist_id: int
    time_zone: str
    slots: list[SlotOut]


class RepeatIn(Schema):
    every_weeks: int
    count: int
    # Starts of the series to leave out, e.g. the conflicts of an earlier 409 ("book the rest").
    skip: list[dt.datetime] = []


class BookingIn(Schema):
    start: dt.datetime
    session_format: str
    repeat: RepeatIn | None = None


class RescheduleIn(Schema):
    start: dt.datetime


class BookingOut(Schema):
    id: int
    role: str
    therapist_id: int
    therapist_name: str
    client_name: str
    start: dt.datetime
    end: dt.datetime
    session_format: str
    status: str
    shared: bool
    # The series the appointment belongs to, if it was booked as one.
    series_id: int | None


class TakenOut(Schema):
    detail: str
    alternatives: list[SlotOut]


class SeriesOut(Schema):
    series_id: int
    appointments: list[BookingOut]


class SeriesConflictOut(Schema):
    detail: str
    conflicts: list[dt.datetime]
    # The nearest free time for each conflict, in the same order (null when there is none).
    alternatives: list[SlotOut | None]
    # The conflicts that are only further ahead than the therapist takes bookings
    # (``horizon_days``): not bookable yet rather than taken; they have no alternative.
    beyond: list[dt.datetime]
    horizon_days: int


def _slot_out(slot: Slot, zone_name: str) -> SlotOut:
    tz = zone(zone_name)
    return SlotOut(
        start=slot.start,
        end=slot.end,
        local_start=slot.start.astimezone(tz).isoformat(),
        local_end=slot.end.astimezone(tz).isoformat(),
    )


def _therapist_out(
    profile: TherapistProfile, next_slot: Slot | None, zone_name: str
) -> TherapistOut:
    photo_url = reverse("therapists:photo", args=[profile.pk]) if profile.photo_updated_at else None
    return TherapistOut(
        id=profile.pk,
        name=profile.name,
        credentials=profile.credentials,
        qualification=profile.qualification,
        licence_number=profile.licence_number,
        licence_body=profile.licence_body,
        jurisdiction=profile.jurisdiction,
        lived_experience=profile.lived_experience,
        approaches=profile.approaches,
        languages=profile.languages,
        formats=profile.formats,
        city=profile.city,
        session_minutes=profile.session_minutes,
        fee=profile.fee,
        currency=profile.currency,
        time_zone=profile.time_zone,
        bio=profile.bio,
        cancel_notice_hours=profile.cancel_notice_hours,
        photo_url=photo_url,
        next_free_slot=_slot_out(next_slot, zone_name) if next_slot else None,
    )


def _booking_out(appointment: Appointment, user: Any) -> BookingOut:
    return BookingOut(
        id=appointment.pk,
        role=appointment.participant_role(user) or "client",
        therapist_id=appointment.therapist_id,
        therapist_name=appointment.therapist.name,
        client_name=appointment.client.short_name,
        start=appointment.start,
        end=appointment.end,
        session_format=appointment.session_format,
        status=appointment.status,
        shared=appointment.shared_at is not None,
        series_id=appointment.series_id,
    )


def _zone(request: AuthedRequest, tz: str | None, time_of_day: str = "") -> str:
    """The zone that ``tz`` names (or the person's own); a 422 when it, or the
    ``time_of_day`` filter read in it, is not one we know."""
    name = tz or request.user.time_zone
    if not is_valid_zone(name):
        raise HttpError(422, f"tz: {name} is not an IANA time zone name")
    if time_of_day and time_of_day not in PARTS_OF_DAY:
        raise HttpError(422, f"time_of_day: one of {', '.join(PARTS_OF_DAY)}, or leave it out")
    return name


def _aware(start: dt.datetime) -> dt.datetime:
    """A booking's start in UTC; a 422 without a zone or beyond the booking horizon."""
    if start.tzinfo is None:
        raise HttpError(422, "start: give a time zone, e.g. 2026-03-02T14:00:00Z")
    if not within_reach(start, timezone.now()):
        raise HttpError(422, "start: pick one of the therapist's free slots")
    return start.astimezone(dt.UTC)


def _taken(
    error: services.AppointmentError,
    profile: TherapistProfile,
    near: dt.datetime,
    zone_name: str,
    moving: Appointment | None = None,
) -> Status[Any]:
    if isinstance(error, services.SlotTaken | services.SlotNotOffered):
        others = [_slot_out(s, zone_name) for s in alternatives(profile, near, exclude=moving)]
        return Status(409, TakenOut(detail=str(error), alternatives=others))
    return Status(422, ProblemOut(detail=str(error)))


def _series_conflict(conflict: series.SeriesConflict, zone_name: str) -> Status[Any]:
    nearest = [_slot_out(a, zone_name) if a else None for a in conflict.alternatives]
    out = SeriesConflictOut(
        detail=str(conflict),
        conflicts=conflict.conflicts,
        alternatives=nearest,
        beyond=conflict.beyond,
        horizon_days=conflict.horizon_days,
    )
    return Status(409, out)


@router.get(
    "/",
    response={200: list[TherapistOut], 422: ProblemOut},
    url_name="therapists",
    summary="Listed therapists, with filters and each one's next free slot "
    "(time_of_day: morning, afternoon or evening in the zone tz)",
)
def list_therapists(
    request: AuthedRequest,
    language: str = "",
    session_format: str = "",
    approach: str = "",
    available_within_days: int | None = None,
    time_of_day: str = "",
    jurisdiction: str = "",
    tz: str | None = None,
) -> Any:
    zone_name = _zone(request, tz, time_of_day)
    if available_within_days is not None and not 0 <= available_within_days <= MAX_WITHIN_DAYS:
        detail = f"available_within_days: a number of days from 0 to {MAX_WITHIN_DAYS}"
        return Status(422, ProblemOut(detail=detail))
    now = timezone.now()
    entries = directory_entries(
        now, language, session_format, approach, jurisdiction, time_of_day, zone_name
    )
    if available_within_days is not None:
        horizon = now + dt.timedelta(days=available_within_days)
        entries = [(p, s) for p, s in entries if s is not None and s.start <= horizon]
    return [_therapist_out(p, s, zone_name) for p, s in entries]


@router.get(
    "/bookings",
    response=list[BookingOut],
    url_name="therapist_bookings",
    summary="Your appointments: as a client, or with role=therapist those booked with you",
    description="In order of time, 500 at a time (`?limit=` up to 1000, `?offset=`).",
)
def list_bookings(
    request: AuthedRequest, window: Query[Window], role: str = "client"
) -> list[BookingOut]:
    booked = Appointment.objects.select_related("therapist", "client")
    if role == "therapist":
        booked = booked.filter(therapist__user=request.user)
    else:
        booked = booked.filter(client=request.user)
    return [_booking_out(a, request.user) for a in window.of(booked)]


@router.get(
    "/bookings/{appointment_id}",
    response=BookingOut,
    url_name="therapist_booking",
    summary="One of your appointments",
)
def get_booking(request: AuthedRequest, appointment_id: int) -> BookingOut:
    found = access.get_appointment_for_participant(request.user, appointment_id)
    return _booking_out(found, request.user)


@router.post(
    "/bookings/{appointment_id}/cancel",
    response={200: BookingOut, 422: ProblemOut},
    url_name="therapist_booking_cancel",
    summary="Cancel one of your appointments (clients: within the therapist's notice); "
    "with following=true also the later sessions of its series",
)
def cancel_booking(request: AuthedRequest, appointment_id: int, following: bool = False) -> Any:
    found = access.get_appointment_for_participant(request.user, appointment_id)
    try:
        if following:
            series.cancel_rest(request.user, found)
        else:
            services.cancel_appointment(request.user, found)
    except services.AppointmentError as error:
        return Status(422, ProblemOut(detail=str(error)))
    found.refresh_from_db()
    return _booking_out(found, request.user)


@router.post(
    "/bookings/{appointment_id}/reschedule",
    response={200: BookingOut, 409: TakenOut | SeriesConflictOut, 422: ProblemOut},
    url_name="therapist_booking_reschedule",
    summary="Move one of your appointments to another free slot (with following=true also the "
    "later sessions of its series, keeping their spacing); 409 keeps the old times",
)
def reschedule_booking(
    request: AuthedRequest, appointment_id: int, payload: RescheduleIn, following: bool = False
) -> Any:
    found = access.get_appointment_for_participant(request.user, appointment_id)
    start = _aware(payload.start)
    try:
        if following:
            series.move_rest(request.user, found, start)
        else:
            services.reschedule_appointment(request.user, found, start)
    except series.SeriesConflict as conflict:
        return _series_conflict(conflict, request.user.time_zone)
    except services.AppointmentError as error:
        return _taken(error, found.therapist, start, request.user.time_zone, moving=found)
    found.refresh_from_db()
    return _booking_out(found, request.user)


@router.get(
    "/{therapist_id}",
    response={200: TherapistOut, 422: ProblemOut},
    url_name="therapist",
    summary="One listed therapist's profile",
)
def get_therapist(request: AuthedRequest, therapist_id: int, tz: str | None = None) -> Any:
    zone_name = _zone(request, tz)
    profile = access.get_listed_profile(therapist_id)
    return _therapist_out(profile, next_free_slot(profile), zone_name)


@router.get(
    "/{therapist_id}/slots",
    response={200: SlotsOut, 422: ProblemOut},
    url_name="therapist_slots",
    summary="Free slots between two dates (inclusive, in the zone given by tz); "
    "time_of_day keeps the morning, afternoon or evening ones",
)
def list_slots(
    request: AuthedRequest,
    therapist_id: int,
    start: dt.date | None = None,
    end: dt.date | None = None,
    time_of_day: str = "",
    tz: str | None = None,
) -> Any:
    zone_name = _zone(request, tz, time_of_day)
    profile = access.get_listed_profile(therapist_id)
    local = zone(zone_name)
    today = timezone.now().astimezone(local).date()
    first = start or today
    if abs(first - today) > REACH:
        detail = "start: give a date within ten years of today"
        return Status(422, ProblemOut(detail=detail))
    last = end or first + dt.timedelta(days=6)
    if last < first or (last - first).days >= MAX_SLOT_DAYS:
        detail = f"end must be on or after start, and at most {MAX_SLOT_DAYS} days later"
        return Status(422, ProblemOut(detail=detail))
    window_start, window_end = local_days(first, last, local)
    found = free_slots(profile, window_start, window_end)
    if time_of_day:
        found = in_part_of_day(found, time_of_day, local)
    return SlotsOut(
        therapist_id=profile.pk,
        time_zone=zone_name,
        slots=[_slot_out(s, zone_name) for s in found],
    )


@router.post(
    "/{therapist_id}/bookings",
    response={
        201: BookingOut | SeriesOut,
        404: ProblemOut,
        409: TakenOut | SeriesConflictOut,
        422: ProblemOut,
    },
    url_name="therapist_book",
    summary="Book a free slot, or with repeat a weekly or fortnightly series, whole or not at all",
)
def create_booking(request: AuthedRequest, therapist_id: int, payload: BookingIn) -> Status[Any]:
    profile = access.get_listed_profile(therapist_id)
    start = _aware(payload.start)
    if payload.repeat is not None:
        return _book_series(request, profile, start, payload.session_format, payload.repeat)
    try:
        booked = services.book_slot(request.user, profile, start, payload.session_format)
    except services.AppointmentError as error:
        return _taken(error, profile, start, request.user.time_zone)
    return Status(201, _booking_out(booked, request.user))


def _book_series(
    request: AuthedRequest,
    profile: TherapistProfile,
    start: dt.datetime,
    session_format: str,
    repeat: RepeatIn,
) -> Status[Any]:
    if any(s.tzinfo is None for s in repeat.skip):
        return Status(422, ProblemOut(detail="repeat.skip: give each time with its zone"))
    try:
        booked = series.book_series(
            request.user,
            profile,
            start,
            session_format,
            repeat.every_weeks,
            repeat.count,
            skip=repeat.skip,
        )
    except series.SeriesConflict as conflict:
        return _series_conflict(conflict, request.user.time_zone)
    except services.AppointmentError as error:
        return _taken(error, profile, start, request.user.time_zone)
    out = [_booking_out(a, request.user) for a in booked]
    return Status(201, SeriesOut(series_id=booked[0].series_id or 0, appointments=out))

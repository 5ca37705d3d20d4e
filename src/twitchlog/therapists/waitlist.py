"""The waitlist: times that free up are offered to the people waiting, in order.

When a booked time becomes free (cancelled, or moved away) it is noted as a ``FreedSlot``.
``offer_freed_slots`` (run by ``twitchlog send_reminders``) offers each one to the earliest
waiting entry that wants it, by a neutral email with a signed link, and holds the time for
that person for ``OFFER_HOLD``: nobody else can book it meanwhile. A person holds one offer
at a time; earlier times are offered first. If they let it go, or the
hold runs out, the next run offers it to the next person. The first to confirm books it
through the ordinary booking path, so the database's rules decide any race.

Safe to run twice at once: each freed slot is locked while it is offered, and the database
allows one open offer per freed slot.
"""

import datetime as dt
import logging
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core import mail, signing
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from twitchlog.accounts.models import User
from twitchlog.core import audit
from twitchlog.core.text import one_line
from twitchlog.core.timezones import zone
from twitchlog.therapists import notices, services
from twitchlog.therapists.access import may_change
from twitchlog.therapists.availability import is_free
from twitchlog.therapists.choices import SessionFormat
from twitchlog.therapists.display import money, when
from twitchlog.therapists.models import (
    Appointment,
    FreedSlot,
    TherapistProfile,
    WaitlistEntry,
    WaitlistOffer,
)

logger = logging.getLogger(__name__)

# How long an offered time is held for the person it is offered to.
OFFER_HOLD = dt.timedelta(minutes=30)
# At most this many open waitlist entries per person.
MAX_ENTRIES = 5
_SALT = "twitchlog.therapists.waitlist"


# Joining and leaving ---------------------------------------------------------------------


@transaction.atomic
def join(
    client: User,
    therapist: TherapistProfile | None,
    session_format: str,
    language: str = "",
    before: dt.datetime | None = None,
    city: str = "",
) -> WaitlistEntry:
    """Put ``client`` on the waitlist for ``therapist`` (or any matching one, when None).

    ``city``: for in person with any therapist, where the client can get to (the city of the
    therapist they joined from); other therapists' in-person times are offered only there.
    """
    if session_format != SessionFormat.IN_PERSON:
        city = ""
    elif therapist is not None:
        city = therapist.city
    if therapist is not None:
        if client.pk == therapist.user_id:
            raise services.ChangeRefused("You cannot wait for a time with yourself.")
        if session_format not in therapist.formats:
            raise services.ChangeRefused("Please choose one of the ways this therapist offers.")
    waiting = WaitlistEntry.objects.filter(client=client, ended_at__isnull=True)
    if waiting.count() >= MAX_ENTRIES:
        raise services.ChangeRefused(
            f"You are already waiting for {MAX_ENTRIES} things. Leave one of them first."
        )
    if waiting.filter(therapist=therapist, session_format=session_format).exists():
        raise services.ChangeRefused("You are already on this waitlist.")
    entry = WaitlistEntry.objects.create(
        client=client,
        therapist=therapist,
        session_format=session_format,
        language=language,
        city=" ".join(city.split()),
        before=before,
    )
    audit.log(client, "waitlist.joined", entry)
    return entry


@transaction.atomic
def leave(client: User, entry: WaitlistEntry, now: dt.datetime | None = None) -> None:
    now = now or timezone.now()
    if entry.client_id != client.pk or entry.ended_at is not None:
        raise services.ChangeRefused("You are not on this waitlist.")
    entry.ended_at = now
    entry.save(update_fields=["ended_at"])
    # A time held for them passes on at the next run.
    entry.offers.filter(status=WaitlistOffer.Status.OFFERED).update(
        status=WaitlistOffer.Status.DECLINED
    )
    audit.log(client, "waitlist.left", entry)


# Offering --------------------------------------------------------------------------------


def _next_entry(freed: FreedSlot, now: dt.datetime) -> tuple[WaitlistEntry | None, bool]:
    """The earliest waiting entry that wants this time and has not been offered it.

    A person holds one offer at a time: an entry holding another open offer is passed over
    for now, and the second value says whether any was, so the time waits for them.
    """
    profile = freed.therapist
    candidates = (
        WaitlistEntry.objects.select_related("client")
        .filter(ended_at__isnull=True)
        .filter(Q(therapist=profile) | Q(therapist__isnull=True))
        .filter(Q(before__isnull=True) | Q(before__gt=freed.start))
        .exclude(client_id=profile.user_id)
        .exclude(offers__freed=freed)
        .order_by("created_at", "pk")
    )
    holding = set(
        WaitlistOffer.objects.filter(
            status=WaitlistOffer.Status.OFFERED, expires_at__gt=now
        ).values_list("entry__client_id", flat=True)
    )
    someone_busy = False
    for entry in candidates:
        if entry.session_format not in profile.formats:
            continue
        language = entry.language
        if entry.therapist_id is None and language and language not in profile.languages:
            continue
        if not reachable(entry, profile):
            continue
        if entry.client_id in holding:
            someone_busy = True
            continue
        return entry, someone_busy
    return None, someone_busy


def same_city(one: str, other: str) -> bool:
    """'London' and ' london' are one city; a blank city is no place at all."""
    first, second = " ".join(one.split()).casefold(), " ".join(other.split()).casefold()
    return bool(first) and first == second


def reachable(entry: WaitlistEntry, profile: TherapistProfile) -> bool:
    """Whether the entry's client can get to ``profile``'s sessions in the entry's format.

    Video and phone reach anywhere. In person, the therapist they waited for is reachable by
    definition; any other only in the city the entry recorded (a London client who said
    "anyone will do" is not sent to Berlin).
    """
    if entry.session_format != SessionFormat.IN_PERSON or entry.therapist_id == profile.pk:
        return True
    return same_city(entry.city, profile.city)


def _close(freed: FreedSlot, now: dt.datetime) -> None:
    freed.closed_at = now
    freed.save(update_fields=["closed_at"])


def _offer_one(freed_pk: int, now: dt.datetime) -> WaitlistOffer | None:
    """Offer one freed time to the next person, or close it; None when nothing was offered."""
    with transaction.atomic():
        freed = (
            FreedSlot.objects.select_for_update()
            .select_related("therapist", "therapist__user")
            .filter(pk=freed_pk, closed_at__isnull=True)
            .first()
        )
        if freed is None or freed.offers.filter(status=WaitlistOffer.Status.OFFERED).exists():
            return None
        profile = freed.therapist
        if not profile.is_listed or not is_free(profile, freed.start, now):
            _close(freed, now)
            return None
        entry, someone_busy = _next_entry(freed, now)
        if entry is None:
            if not someone_busy:
                _close(freed, now)
            return None
        offer = WaitlistOffer.objects.create(
            freed=freed,
            entry=entry,
            therapist=profile,
            start=freed.start,
            expires_at=min(now + OFFER_HOLD, freed.start),
        )
        audit.log(None, "waitlist.offered", offer)
        transaction.on_commit(lambda: send_offer(offer), robust=True)
    return offer


def offer_freed_slots(now: dt.datetime | None = None) -> int:
    """Expire old offers and offer every open freed time to the next person; returns offers."""
    now = now or timezone.now()
    WaitlistOffer.objects.filter(status=WaitlistOffer.Status.OFFERED, expires_at__lte=now).update(
        status=WaitlistOffer.Status.EXPIRED
    )
    made = 0
    # Earliest times first: people on a waitlist want the soonest time.
    open_slots = FreedSlot.objects.filter(closed_at__isnull=True).order_by("start", "pk")
    for pk in list(open_slots.values_list("pk", flat=True)):
        try:
            made += _offer_one(pk, now) is not None
        except IntegrityError:
            continue  # another run offered it at the same moment
    return made


# What is on offer ------------------------------------------------------------------------


@dataclass(frozen=True)
class Terms:
    """Where, how and for how much: what the person needs before one tap books it."""

    session_format: str
    how: str  # 'in person in Berlin', 'by video call'
    minutes: int
    fee: str  # '£90'
    in_person: bool
    city: str


def terms(offer: WaitlistOffer) -> Terms:
    """The terms of the offered time, in the way of meeting the person asked for."""
    profile = offer.therapist
    session_format = offer.entry.session_format
    return Terms(
        session_format=session_format,
        how=notices.how(session_format, profile),
        minutes=profile.session_minutes,
        fee=money(profile.fee, profile.currency),
        in_person=session_format == SessionFormat.IN_PERSON,
        city=one_line(profile.city),
    )


def same_day(offer: WaitlistOffer) -> list[Appointment]:
    """The person's booked sessions with this therapist on the offered time's day (their day).

    Taking the offer beside one of them would leave two sessions that day; the page says so
    and offers to move it instead.
    """
    client = offer.entry.client
    local_zone = zone(client.time_zone)
    day = offer.start.astimezone(local_zone).date()
    first = dt.datetime.combine(day, dt.time(), local_zone)
    after = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), local_zone)
    found = Appointment.objects.select_related("therapist", "therapist__user", "client").filter(
        client=client,
        therapist_id=offer.therapist_id,
        status=Appointment.Status.BOOKED,
        start__gte=first,
        start__lt=after,
    )
    if offer.appointment_id is not None:
        found = found.exclude(pk=offer.appointment_id)
    return list(found.order_by("start"))


# The signed link and the email -----------------------------------------------------------


def offer_token(offer: WaitlistOffer) -> str:
    return signing.dumps({"o": offer.pk}, salt=_SALT)


def offer_for_token(token: str) -> WaitlistOffer | None:
    try:
        pk = int(signing.loads(token, salt=_SALT)["o"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
    return (
        WaitlistOffer.objects.select_related(
            "entry", "entry__client", "therapist", "therapist__user"
        )
        .filter(pk=pk)
        .first()
    )


def offer_url(offer: WaitlistOffer) -> str:
    return f"{settings.SITE_URL}{reverse('therapists:offer', args=[offer_token(offer)])}"


def send_offer(offer: WaitlistOffer) -> None:
    """The neutral email: a time is free with this therapist, held until then."""
    client = offer.entry.client
    local_zone = zone(client.time_zone)
    body = render_to_string(
        "therapists/email/offer.txt",
        {
            "name": one_line(client.short_name),
            "therapist": one_line(offer.therapist.name),
            "when": when(offer.start, client.time_zone),
            "until": when(offer.expires_at, client.time_zone),
            "url": offer_url(offer),
            "terms": terms(offer),
            "same_day": [f"{a.start.astimezone(local_zone):%H:%M}" for a in same_day(offer)],
        },
    )
    subject = " ".join(f"A time has come free with {offer.therapist.name}".split())
    mail.EmailMessage(subject, body, to=[client.email]).send()


# Taking or letting go --------------------------------------------------------------------


def take(
    offer: WaitlistOffer, now: dt.datetime | None = None, move: Appointment | None = None
) -> Any:
    """Book the offered time for the person it was offered to; the first to confirm wins.

    The offer row is locked, so two clicks take it once; the booking itself goes through
    ``services.book_slot``, so a time that someone else got first is refused there.

    ``move``: one of the person's sessions that day with this therapist (``same_day``), moved
    to the offered time instead of booking a second session; its old time goes to the
    waitlist in turn.
    """
    now = now or timezone.now()
    if move is not None:
        if move.pk not in {a.pk for a in same_day(offer)}:
            raise services.ChangeRefused("That session cannot be moved to this time.")
        if not may_change(move, "client", now):
            hours = move.therapist.cancel_notice_hours
            raise services.ChangeRefused(
                f"Your session at {move.start.astimezone(zone(move.client.time_zone)):%H:%M} "
                f"is less than {hours} hour{'' if hours == 1 else 's'} away, so it can no "
                "longer be moved here. You can book this time as well, or let it go."
            )
    refused: services.AppointmentError | None = None
    with transaction.atomic():
        current = (
            WaitlistOffer.objects.select_for_update()
            .select_related("entry", "entry__client", "therapist", "therapist__user", "freed")
            .get(pk=offer.pk)
        )
        if current.status != WaitlistOffer.Status.OFFERED or current.expires_at <= now:
            raise services.ChangeRefused(
                "This offer has ended, so the time has passed to the next person waiting. "
                "You are still on the waitlist."
                if current.status != WaitlistOffer.Status.TAKEN
                else "You have already booked this time."
            )
        entry = current.entry
        profile = current.therapist
        if move is None and entry.session_format not in profile.formats:
            # Booked only as offered (``terms``), never quietly another way. The time is still
            # free: the next run offers it to the next person.
            current.status = WaitlistOffer.Status.LOST
            current.save(update_fields=["status"])
            refused = services.ChangeRefused(
                f"{profile.name} no longer offers sessions "
                f"{notices.how(entry.session_format, profile)}, so this time cannot be booked "
                "as offered. You are still on the waitlist."
            )
        else:
            try:
                if move is not None:
                    appointment = services.reschedule_appointment(
                        entry.client, move, current.start, now=now
                    )
                else:
                    appointment = services.book_slot(
                        entry.client, profile, current.start, entry.session_format, now=now
                    )
            except services.AppointmentError as error:
                # Kept (not rolled back): the offer is over and the time is no longer free.
                refused = error
                current.status = WaitlistOffer.Status.LOST
                current.save(update_fields=["status"])
                _close(current.freed, now)
            else:
                current.status = WaitlistOffer.Status.TAKEN
                current.appointment = appointment
                current.save(update_fields=["status", "appointment"])
                entry.ended_at = now
                entry.save(update_fields=["ended_at"])
                _close(current.freed, now)
                audit.log(entry.client, "waitlist.taken", current, moved=move is not None)
    if refused is not None:
        raise refused
    return appointment


@transaction.atomic
def decline(offer: WaitlistOffer) -> None:
    """Let the time go: it passes to the next person at the next run."""
    changed = WaitlistOffer.objects.filter(pk=offer.pk, status=WaitlistOffer.Status.OFFERED).update(
        status=WaitlistOffer.Status.DECLINED
    )
    if changed:
        audit.log(offer.entry.client, "waitlist.declined", offer)

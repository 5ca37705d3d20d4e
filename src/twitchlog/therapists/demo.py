"""Demo therapists for ``twitchlog demo``: four approved, fictional profiles in four zones.

Running it again resets them (profile, hours, time off, and their appointments), so the demo
always starts from the same place. The people are invented; any likeness is chance.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from twitchlog.accounts.models import User
from twitchlog.therapists.choices import Qualification, SessionFormat
from twitchlog.therapists.models import ExtraHours, TherapistProfile, TimeOff, WeeklyHours

DEMO_DOMAIN = "demo-therapists.invalid"

T = dt.time


@dataclass(frozen=True)
class DemoTherapist:
    slug: str
    name: str
    credentials: str
    qualification: str
    approaches: list[str]
    languages: list[str]
    formats: list[str]
    city: str
    minutes: int
    fee: str
    currency: str
    time_zone: str
    bio: str
    # (registration number, body, jurisdiction); demo numbers are plainly not real ones
    licence: tuple[str, str, str] = ("", "", "")
    # (weekday, from, until), local times
    weekly: list[tuple[int, dt.time, dt.time]] = field(default_factory=list)


THERAPISTS = [
    DemoTherapist(
        slug="maya.okafor",
        licence=("DEMO-PYL-0001", "HCPC (Health and Care Professions Council)", "United Kingdom"),
        name="Dr Maya Okafor",
        credentials="DClinPsy (Clinical Psychology), HCPC registered",
        qualification=Qualification.DOCTORATE,
        approaches=["cbt", "exposure", "compassion"],
        languages=["en"],
        formats=[SessionFormat.VIDEO, SessionFormat.IN_PERSON],
        city="London",
        minutes=50,
        fee="95",
        currency="GBP",
        time_zone="Europe/London",
        bio=(
            "I spent most of my twenties with panic attacks and a body that would not stop "
            "twitching, so I know how convincing the fear can be. Today I help people "
            "understand what their body is doing and gently stop feeding the worry, with "
            "CBT and step-by-step exposure."
        ),
        weekly=[(0, T(9), T(13)), (2, T(13), T(18)), (4, T(9), T(12))],
    ),
    DemoTherapist(
        slug="daniel.reyes",
        licence=(
            "DEMO-LPC-0002",
            "New York State Board for Mental Health Practitioners",
            "New York, United States",
        ),
        name="Daniel Reyes",
        credentials="MA Clinical Mental Health Counseling, Licensed Professional Counselor",
        qualification=Qualification.MASTER,
        approaches=["act", "cbt", "mindfulness"],
        languages=["en", "es"],
        formats=[SessionFormat.VIDEO, SessionFormat.PHONE],
        city="",
        minutes=50,
        fee="140",
        currency="USD",
        time_zone="America/New_York",
        bio=(
            "Health anxiety took over my life for two years before I found my way out. I work "
            "with acceptance and commitment therapy: making room for uncomfortable sensations "
            "while you get back to what matters to you. Sessions in English or Spanish."
        ),
        weekly=[(1, T(10), T(16)), (3, T(10), T(16)), (5, T(9), T(12))],
    ),
    DemoTherapist(
        slug="lena.hoffmann",
        licence=("DEMO-APP-0003", "Psychotherapeutenkammer Berlin", "Berlin, Germany"),
        name="Dr Lena Hoffmann",
        credentials="Dr. rer. nat. Psychologie, Psychologische Psychotherapeutin (VT)",
        qualification=Qualification.DOCTORATE,
        approaches=["cbt", "metacognitive"],
        languages=["de", "en"],
        formats=[SessionFormat.VIDEO, SessionFormat.IN_PERSON],
        city="Berlin",
        minutes=50,
        fee="110",
        currency="EUR",
        time_zone="Europe/Berlin",
        bio=(
            "Generalised anxiety was my companion through university. I now use cognitive "
            "behavioural and metacognitive therapy to help people step out of worry loops, "
            "including the worry about what a twitch might mean."
        ),
        weekly=[(0, T(14), T(19)), (1, T(8), T(12)), (3, T(14), T(19))],
    ),
    DemoTherapist(
        slug="priya.nair",
        licence=(
            "DEMO-PACFA-0004",
            "PACFA (Psychotherapy and Counselling Federation of Australia)",
            "Australia",
        ),
        name="Priya Nair",
        credentials="MSc Counselling Psychology, registered with PACFA",
        qualification=Qualification.MASTER,
        approaches=["act", "cbt", "interpersonal"],
        languages=["en", "hi", "ta"],
        formats=[SessionFormat.VIDEO],
        city="",
        minutes=60,
        fee="160",
        currency="AUD",
        time_zone="Australia/Sydney",
        bio=(
            "After my own years of anxiety and sleepless nights, I trained so I could help "
            "others the way I was helped. I offer calm, practical sessions by video, early "
            "mornings and evenings, so Europe and Asia can reach me too."
        ),
        weekly=[(0, T(7), T(10)), (2, T(17), T(21)), (3, T(7), T(10)), (5, T(8), T(11))],
    ),
]


def email_for(slug: str) -> str:
    return f"{slug}@{DEMO_DOMAIN}"


@transaction.atomic
def seed_demo_therapists() -> list[TherapistProfile]:
    """Create or reset the demo therapists; returns their profiles, approved and listed."""
    now = timezone.now()
    profiles = []
    for demo in THERAPISTS:
        user, _ = User.objects.get_or_create(
            email=email_for(demo.slug),
            defaults={"display_name": demo.name, "time_zone": demo.time_zone},
        )
        # No password anyone could know (an older demo published one): to see a therapist's
        # side, the person running the demo gives one a password (docs/therapists.md).
        user.set_unusable_password()
        user.save(update_fields=["password"])
        profile, _ = TherapistProfile.objects.update_or_create(
            user=user,
            defaults={
                "name": demo.name,
                "credentials": demo.credentials,
                "qualification": demo.qualification,
                "lived_experience": True,
                "approaches": demo.approaches,
                "languages": demo.languages,
                "formats": [str(f) for f in demo.formats],
                "city": demo.city,
                "session_minutes": demo.minutes,
                "fee": Decimal(demo.fee),
                "currency": demo.currency,
                "time_zone": demo.time_zone,
                "bio": demo.bio,
                "licence_number": demo.licence[0],
                "licence_body": demo.licence[1],
                "jurisdiction": demo.licence[2],
                "buffer_minutes": 10,
                "notice_hours": 12,
                "horizon_days": 60,
                "cancel_notice_hours": 24,
                "approved_at": now,
                "approved_by": None,
            },
        )
        profile.appointments.all().delete()
        WeeklyHours.objects.filter(profile=profile).delete()
        ExtraHours.objects.filter(profile=profile).delete()
        TimeOff.objects.filter(profile=profile).delete()
        WeeklyHours.objects.bulk_create(
            WeeklyHours(profile=profile, weekday=day, start=start, end=end)
            for day, start, end in demo.weekly
        )
        profiles.append(profile)
    # One therapist is away for a few days next week, to show time off in the directory.
    away_from = timezone.localdate() + dt.timedelta(days=8)
    TimeOff.objects.create(
        profile=profiles[2], first_day=away_from, last_day=away_from + dt.timedelta(days=3)
    )
    return profiles


def seed_demo(user: User, *, days: int, seed: int) -> None:
    """For ``twitchlog demo``: the demo therapists, and one upcoming appointment with the first,
    shared with them, so the client's and the therapist's pages both have something to show.
    """
    from twitchlog.therapists import availability, services

    profiles = seed_demo_therapists()
    first = profiles[0]
    slot = availability.next_free_slot(first)
    if slot is None:
        return
    appointment = services.book_slot(user, first, slot.start, first.formats[0])
    services.set_sharing(user, appointment, share=True)

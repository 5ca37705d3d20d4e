"""A small diary with a bit of everything, shared by the reports' tests and access probes.

Every free text carries ``tag``, so a test can tell whose export it is reading.
"""

import datetime as dt
import io
import zipfile

from tests.diary.helpers import DAY, NOON, make_episode, make_factor, make_stress_event
from tests.therapists.factories import make_booking, make_therapist
from twitchlog.accounts.models import User
from twitchlog.assessments import services as assessments
from twitchlog.assessments.instruments import INSTRUMENTS
from twitchlog.assessments.models import AssessmentResult
from twitchlog.diary import services as diary

# What small_diary logs as check-in values (besides the custom factor).
CHECKIN = {
    "sleep_hours": 6.5,
    "caffeine_mg": 200.0,
    "nicotine": True,
    "stress_level": 4,
    "twitch_rating": 5,
}


def small_diary(user: User, tag: str) -> None:
    """Two twitches in two places, a check-in with a custom value, a stress moment, a ticked
    warning sign and one GAD-7 result (10: moderate)."""
    factor = make_factor(user, f"Screen time {tag}")
    diary.save_checkin(user, DAY, {**CHECKIN, "notes": f"{tag}-checkin"}, {factor: 3.0})
    make_episode(user, strength=4, notes=f"{tag}-episode", also_noticed=["weakness"])
    make_episode(
        user, region="calf", side="right", sensation="cramp", occurred_at=NOON + dt.timedelta(1)
    )
    make_stress_event(user, notes=f"{tag}-stress")
    assessments.take_assessment(
        user, INSTRUMENTS["gad7"], [3, 3, 3, 1, 0, 0, 0], taken_at=NOON - dt.timedelta(days=3)
    )


def gad7_result(user: User) -> AssessmentResult:
    return AssessmentResult.objects.get(user=user, instrument="gad7")


def booked_with_theo(client: User, theo: User) -> None:
    make_booking(client, make_therapist(theo))


def unzip(content: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {name: archive.read(name).decode("utf-8") for name in archive.namelist()}

"""Demo questionnaire history for ``twitchlog demo``: a few months of slow improvement.

GAD-7 and the stress build-up checklist every two weeks, PHQ-9 and PSS-10 monthly. Totals
drift down from moderate towards mild, with some noise, as they often do while someone works
on their anxiety. Item 9 of the PHQ-9 is always 0: the demo shows no safety alert.
"""

import datetime as dt
import random

from twitchlog.accounts.models import User
from twitchlog.assessments import services
from twitchlog.assessments.instruments import INSTRUMENTS
from twitchlog.core.timezones import local_now

# (instrument, every how many days, total at the start, total at the end)
SCHEDULE = (
    ("gad7", 14, 13, 7),
    ("hyperstim", 14, 20, 12),
    ("phq9", 28, 9, 5),
    ("pss10", 28, 24, 17),
)


def answers_for(slug: str, total: int, rng: random.Random) -> list[int | None]:
    """Answers that add up to ``total`` (after reverse scoring), spread over the items."""
    instrument = INSTRUMENTS[slug]
    top = instrument.highest_option
    points = [0] * len(instrument.items)
    free = [i for i, item in enumerate(instrument.items) if slug != "phq9" or i != 8]
    for _ in range(min(total, top * len(free))):
        room = [i for i in free if points[i] < top]
        points[rng.choice(room)] += 1
    return [
        top - p if item.reverse else p for item, p in zip(instrument.items, points, strict=True)
    ]


def seed_demo(user: User, *, days: int, seed: int) -> None:
    rng = random.Random(seed)
    now = local_now(user.time_zone)
    for slug, every, start, end in SCHEDULE:
        taken = list(range(days - 1, -1, -every))
        for n, days_ago in enumerate(taken):
            share = n / max(len(taken) - 1, 1)
            total = round(start + (end - start) * share + rng.uniform(-1.5, 1.5))
            # In the daytime of its day, as a person would fill it in (the demo may be made at
            # 4 am); today's, if that time is still to come, was filled in the day before.
            hour = dt.timedelta(hours=rng.uniform(9, 21))
            midnight = dt.datetime.combine(now.date(), dt.time(), tzinfo=now.tzinfo)
            when = midnight - dt.timedelta(days=days_ago) + hour
            if when > now:
                when -= dt.timedelta(days=1)
            services.take_assessment(
                user, INSTRUMENTS[slug], answers_for(slug, max(total, 0), rng), taken_at=when
            )

"""Demo data: one finished self-experiment over the demo diary's last weeks.

The demo diary makes caffeine a decoy, so a test of "no caffeine after noon" reads what a
person in that position would honestly get: most likely "could not tell". The test
is registered the evening before it started, from the diary as it was then, as a real one
would have been: its page shows the plan fixed in advance.
"""

import datetime as dt
import random

from twitchlog.accounts.models import User
from twitchlog.core.timezones import zone
from twitchlog.experiments import services

PAIRS, BLOCK_DAYS = 2, 7
REGISTERED_AT = dt.time(20, 30)  # local time, the day before the start
LENGTH = 2 * PAIRS * BLOCK_DAYS + 2 * PAIRS - 1  # with a washout day between blocks


def seed_demo(user: User, *, days: int, seed: int) -> None:
    if days < LENGTH + 7:
        return
    rng = random.Random(seed)
    start = services.today_for(user) - dt.timedelta(days=LENGTH + 6)
    plan = services.PlanInput(
        change_key="no-caffeine-after-noon",
        custom_label="",
        outcome="twitch_count",
        effect_choice="0.5",
        block_days=BLOCK_DAYS,
        pairs=PAIRS,
        washout=True,
        start_date=start,
    )
    registered_at = dt.datetime.combine(
        start - dt.timedelta(days=1), REGISTERED_AT, tzinfo=zone(user.time_zone)
    )
    experiment = services.register(user, plan, seed=seed, registered_at=registered_at)
    for block in experiment.blocks:
        for offset in range(BLOCK_DAYS):
            if rng.random() < 0.9:
                day = block.start + dt.timedelta(days=offset)
                services.mark_kept(user, experiment, day, rng.random() < 0.85)

"""The demo diary looks like a real one and carries its planted truth."""

import datetime as dt
from collections import Counter
from typing import Any

import numpy as np
import statsmodels.api as sm

from twitchlog.core.timezones import zone
from twitchlog.diary import demo
from twitchlog.diary.daily import daily_frame
from twitchlog.diary.models import CheckIn, Episode, StressEvent
from twitchlog.insights.simulate import exponential_load


def test_the_planted_effects_are_in_the_daily_series() -> None:
    """A Poisson regression on many simulated days finds the rate ratios written in TRUTH."""
    days = 3000
    s = demo.daily_series(days, seed=5, start=dt.date(2020, 1, 6))
    yesterday_alcohol = np.concatenate([[0.0], s["alcohol_units"][:-1]])
    load = exponential_load(s["anxiety_episodes"].astype(float), demo.LOAD_TAU_DAYS)
    x = np.column_stack(
        [
            s["sleep_hours"] - 7,
            yesterday_alcohol,
            load,
            s["coffee_mugs"] * 120 + s["teas"] * 45,
            s["alcohol_units"],
        ]
    )
    fit = sm.GLM(s["twitches_felt"], sm.add_constant(x), family=sm.families.Poisson()).fit()
    rr = np.exp(fit.params[1:])
    assert abs(rr[0] - demo.SLEEP_RR) < 0.05
    assert abs(rr[1] - demo.ALCOHOL_RR) < 0.04
    assert abs(rr[2] - demo.LOAD_RR) < 0.04
    assert abs(np.log(rr[3]) * 100) < 0.03  # caffeine: no effect of its own
    assert abs(rr[4] - 1) < 0.04  # same-day alcohol: no effect
    # ... and yet caffeine travels with stress, so on its own it looks guilty.
    assert np.corrcoef(s["coffee_mugs"], s["stress_level"])[0, 1] > 0.3
    # What gets logged is what was felt, up to a believable day's worth.
    assert (s["twitch_count"] == np.minimum(s["twitches_felt"], demo.MAX_LOGGED_A_DAY)).all()
    assert s["twitch_count"].max() == demo.MAX_LOGGED_A_DAY


def test_the_demo_diary_looks_like_a_real_one(alice: Any) -> None:
    counts = demo.seed_demo_diary(alice, days=120)
    assert counts["checkins"] > 90 and counts["episodes"] > 200 and counts["stress_events"] > 10
    episodes = list(Episode.objects.filter(user=alice))
    regions = Counter(e.region for e in episodes)
    assert regions.most_common(1)[0][0] == "eyelid" and regions["calf"] > regions["chest"]
    feelings = Counter(e.sensation for e in episodes)
    assert feelings["twitch"] / len(episodes) > 0.6
    hours = [e.occurred_at.astimezone(zone(e.time_zone)).hour for e in episodes]
    evening = sum(h >= 20 or h < 1 for h in hours) / len(hours)
    assert evening > 0.35
    assert all(e.local_date == e.occurred_at.astimezone(zone(e.time_zone)).date() for e in episodes)
    frame = daily_frame(alice)
    assert 100 <= len(frame) <= 120
    assert frame["late_screen_time"].notna().sum() > 50
    assert frame["water_l"].isna().sum() > 10  # some things are left blank, as people do


def test_seeding_again_replaces_the_diary(alice: Any) -> None:
    demo.seed_demo_diary(alice, days=20, seed=1)
    demo.seed_demo_diary(alice, days=20, seed=1)
    assert CheckIn.objects.filter(user=alice).count() <= 20
    assert StressEvent.objects.filter(user=alice).values("local_date").distinct().count() <= 20

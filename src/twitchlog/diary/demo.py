"""Demo diary: months of believable entries in which some causes really do drive twitching.

The planted truth is written down below (``TRUTH``) so the insights page can be checked
against it: what should come out as a driver, what should not, and why.

Daily twitch episodes are drawn as counts with log rate::

    log(rate) = log(BASE_RATE)
              + log(SLEEP_RR)   * (sleep_hours today - 7)       # the sleep that ended this morning
              + log(ALCOHOL_RR) * alcohol_units yesterday        # one day late
              + log(LOAD_RR)    * stress load today              # anxiety episodes, fading
              + hidden day-to-day drift (AR(1))

where the stress load adds 1 for each anxiety episode on its day and then fades as
``exp(-age / LOAD_TAU_DAYS)``. Caffeine is a decoy: it rises with stress (more coffee on
hard days) but has no effect of its own; sleep is a little shorter on stressful days, as in
life. Magnesium, water, exercise and the custom factor
"Screen time after 10 pm" have no effect either.

This is a generator of its own rather than ``insights.simulate``: the demo needs one
particular person (a next-day alcohol effect beside a same-day sleep effect, caffeine as the
decoy of stress), which simulate's per-population ranges do not pin down.
"""

import datetime as dt
import math
from dataclasses import dataclass
from typing import Any

import numpy as np
from django.db import transaction

from twitchlog.accounts.models import User
from twitchlog.core import audit
from twitchlog.core.demo import DEMO_SEED
from twitchlog.core.timezones import local_now, zone
from twitchlog.diary import versions
from twitchlog.diary.models import (
    CheckIn,
    CustomFactor,
    CustomValue,
    Episode,
    RedFlagNote,
    StressEvent,
)
from twitchlog.diary.presets import DRINKS_BY_SLUG
from twitchlog.insights.simulate import ar_series, exponential_load

BASE_RATE = 3.0  # episodes a day with 7 h sleep, no alcohol and no stress load
SLEEP_RR = 0.55  # rate ratio per extra hour of sleep, same day
ALCOHOL_RR = 1.45  # rate ratio per unit of alcohol, the next day
LOAD_RR = 1.5  # rate ratio per unit of stress load (one fresh anxiety episode)
LOAD_TAU_DAYS = 3.0  # the load's time constant: an episode's pull halves in about 2 days
DISPERSION = 0.1  # extra day-to-day variation of counts (gamma-Poisson)
# Nobody taps in every twitch on a very bad day: past a few dozen people stop logging them one
# by one. Without this cap the effects, which multiply, give the odd day of a hundred or more.
MAX_LOGGED_A_DAY = 30
# The effects are set strong enough for 120 days to show them: with weaker ones (and drinking
# only at weekends, which the analysis's weekday terms absorb) the engine found next-day alcohol
# in a third of seeds. The demo's seed (core/demo.py) was chosen with bench/demo_robustness.py.


@dataclass(frozen=True)
class Planted:
    factor: str
    lag_days: int
    rate_ratio: float  # per reporting unit of the factor (knowledge.factors "per")
    note: str


TRUTH = (
    Planted("sleep_hours", 0, SLEEP_RR, "less sleep, more twitching the same day"),
    Planted("alcohol_units", 1, ALCOHOL_RR, "drinking raises twitching the next day"),
    Planted("anxiety_episodes", 0, LOAD_RR, "stress load; fades with a 3-day time constant"),
)
DECOYS = {
    "caffeine_mg": "travels with stress (more coffee on stressful days) but has no effect",
}
NO_EFFECT = ("magnesium_mg", "water_l", "exercise_min", "late_screen_time")

# How episodes look: where, what they feel like, when in the day.
REGION_WEIGHTS = {
    "eyelid": 34,
    "calf": 20,
    "thigh": 10,
    "foot": 5,
    "upper_arm": 5,
    "hand": 4,
    "finger": 4,
    "face": 4,
    "forearm": 3,
    "shoulder": 3,
    "abdomen": 3,
    "chest": 2,
    "neck": 2,
    "lower_back": 1,
}
SENSATION_WEIGHTS = {
    "twitch": 76,
    "pulsing": 8,
    "vibration": 6,
    "spasm": 5,
    "cramp": 3,
    "tremor": 2,
}
RHYTHM_WEIGHTS = {"single": 50, "on_off": 30, "waves": 15, "constant": 5}
DURATION_WEIGHTS = {"moments": 55, "minute": 25, "minutes": 15, "hour": 5}
STRESS_KIND_WEIGHTS = {
    "panic_attack": 25,
    "anxiety_spike": 30,
    "conflict": 12,
    "pressure": 15,
    "bad_news": 8,
    "health_worry": 7,
    "fright": 3,
}


def _pick(rng: np.random.Generator, weights: dict[str, int]) -> str:
    keys = list(weights)
    p = np.array([weights[k] for k in keys], dtype=float)
    return str(rng.choice(keys, p=p / p.sum()))


def daily_series(days: int, seed: int, start: dt.date) -> dict[str, Any]:
    """The planted daily values (pure numpy): factors, anxiety episodes and twitch counts."""
    rng = np.random.default_rng(seed)
    n = days
    weekday = np.array([(start + dt.timedelta(days=i)).weekday() for i in range(n)])
    stress = ar_series(rng, n, 0.6)
    stress[n // 3 : n // 3 + 18] += 0.8  # a hard patch at work
    sleep_z = ar_series(rng, n, 0.3)
    episodes = np.minimum(rng.poisson(0.4 * np.exp(0.5 * stress)), 3)
    sleep_hours = np.clip(np.round((7.1 + 0.9 * sleep_z - 0.25 * stress) * 4) / 4, 4, 10)
    quality_z = 0.4 * sleep_z + 0.9 * rng.standard_normal(n)
    mugs = rng.poisson(np.exp(0.1 + 0.45 * stress))
    teas = rng.poisson(0.7, n)
    weekend = (weekday >= 4) & (weekday <= 5)
    alcohol = np.where(weekend, rng.poisson(2.2, n), rng.poisson(0.9, n)).astype(float)
    yesterday_alcohol = np.concatenate([[0.0], alcohol[:-1]])
    load = exponential_load(episodes.astype(float), LOAD_TAU_DAYS)
    hidden = 0.15 * ar_series(rng, n, 0.4)
    eta = (
        math.log(BASE_RATE)
        + math.log(SLEEP_RR) * (sleep_hours - 7)
        + math.log(ALCOHOL_RR) * yesterday_alcohol
        + math.log(LOAD_RR) * load
        + hidden
    )
    rate = np.exp(eta)
    felt = rng.poisson(rng.gamma(1 / DISPERSION, DISPERSION * rate))
    return {
        "stress_level": np.clip(np.round(4 + 2 * stress), 0, 10),
        "anxiety_episodes": episodes,
        "sleep_hours": sleep_hours,
        "sleep_quality": np.clip(np.round(6 + 1.5 * quality_z), 0, 10),
        "coffee_mugs": mugs,
        "teas": teas,
        "alcohol_units": alcohol,
        "missed_meals": rng.poisson(0.25 + 0.35 * (stress > 1)),
        "water_l": np.clip(np.round(1.8 + 0.4 * rng.standard_normal(n), 1), 0.5, 4),
        "exercise_min": np.where(rng.random(n) < 0.4, rng.integers(4, 13, n) * 5, 0),
        "magnesium_mg": np.where((np.arange(n) > n // 2) & (rng.random(n) < 0.85), 300, 0),
        "overbreathing": rng.poisson(0.15 * np.exp(0.6 * stress)),
        "late_screen_time": (rng.random(n) < 0.4).astype(int),
        "twitches_felt": felt,  # the planted model
        "twitch_count": np.minimum(felt, MAX_LOGGED_A_DAY),  # what gets logged
        "twitch_severity": np.clip(
            np.round(3 + 2 * (eta - eta.mean()) + rng.normal(0, 0.7, n)), 0, 10
        ),
        "medication_change": np.arange(n) == (2 * n) // 3,
        "menstruating": (np.arange(n) + 9) % 28 < 5,
        "weekday": weekday,
    }


def _local_instant(
    day: dt.date, hour: float, zone_name: str, rng: np.random.Generator
) -> dt.datetime:
    minutes = int(hour * 60) + int(rng.integers(0, 5))
    naive = dt.datetime.combine(day, dt.time()) + dt.timedelta(minutes=min(minutes, 24 * 60 - 1))
    return naive.replace(tzinfo=zone(zone_name)).astimezone(dt.UTC)


def _episode_hour(rng: np.random.Generator) -> tuple[float, str]:
    """Evening and bedtime most often, then waking, then the day."""
    slot = rng.random()
    if slot < 0.5:
        hour = float(rng.uniform(20, 23.9))
        return hour, str(rng.choice(["falling_asleep", "resting", "relaxing"]))
    if slot < 0.65:
        return float(rng.uniform(6.3, 8.5)), "waking"
    return float(rng.uniform(9, 20)), str(rng.choice(["active", "resting", "stressed"]))


def _clear(user: User) -> None:
    for model in (Episode, StressEvent, CheckIn, CustomFactor, RedFlagNote):
        model.objects.filter(user=user).delete()


@transaction.atomic
def seed_demo_diary(user: User, days: int = 120, seed: int = DEMO_SEED) -> dict[str, int]:
    """Replace ``user``'s diary with ``days`` days of demo entries ending today."""
    _clear(user)
    rng = np.random.default_rng(seed + 1)
    now = local_now(user.time_zone)
    today = now.date()
    start = today - dt.timedelta(days=days - 1)
    series = daily_series(days, seed, start)
    screen = CustomFactor.objects.create(
        user=user, name="Screen time after 10 pm", column="late_screen_time", kind="binary"
    )
    episodes: list[Episode] = []
    events: list[StressEvent] = []
    checkins: list[CheckIn] = []
    screen_values: list[tuple[int, int]] = []
    zone_name = user.time_zone
    for i in range(days):
        day = start + dt.timedelta(days=i)
        if rng.random() < 0.03:
            continue  # a day the app was not opened at all
        for _ in range(int(series["anxiety_episodes"][i])):
            when = _local_instant(day, float(rng.uniform(8, 22)), zone_name, rng)
            events.append(
                StressEvent(
                    user=user,
                    occurred_at=when,
                    local_date=day,
                    time_zone=zone_name,
                    kind=_pick(rng, STRESS_KIND_WEIGHTS),
                    strength=int(np.clip(rng.normal(6, 1.5), 2, 10)),
                )
            )
        for _ in range(int(series["twitch_count"][i])):
            hour, context = _episode_hour(rng)
            region = _pick(rng, REGION_WEIGHTS)
            left_share = 0.65 if region == "eyelid" else 0.5
            episodes.append(
                Episode(
                    user=user,
                    occurred_at=_local_instant(day, hour, zone_name, rng),
                    local_date=day,
                    time_zone=zone_name,
                    region=region,
                    side="left" if rng.random() < left_share else "right",
                    sensation=_pick(rng, SENSATION_WEIGHTS),
                    strength=int(np.clip(np.round(rng.normal(3.2, 1.3)), 1, 8)),
                    duration=_pick(rng, DURATION_WEIGHTS),
                    rhythm=_pick(rng, RHYTHM_WEIGHTS),
                    context=context,
                    timing="out_of_blue"
                    if rng.random() < 0.7 or not series["anxiety_episodes"][i]
                    else str(rng.choice(["before", "during", "after"])),
                )
            )
        if day == today or rng.random() < 0.08:
            continue  # today's check-in is still to come; some evenings are skipped
        checkins.append(_checkin(user, day, i, series, rng))
        screen_values.append((len(checkins) - 1, int(series["late_screen_time"][i])))
    # Today only has what already happened.
    episodes = [e for e in episodes if e.occurred_at <= now]
    events = [e for e in events if e.occurred_at <= now]
    Episode.objects.bulk_create(episodes)
    StressEvent.objects.bulk_create(events)
    CheckIn.objects.bulk_create(checkins)
    saved = {c.local_date: c for c in CheckIn.objects.filter(user=user)}
    CustomValue.objects.bulk_create(
        CustomValue(checkin=saved[checkins[index].local_date], factor=screen, value=value)
        for index, value in screen_values
        if rng.random() < 0.9
    )
    versions.bump(user.pk)  # bulk_create sends no signals
    counts = {"episodes": len(episodes), "stress_events": len(events), "checkins": len(checkins)}
    audit.log(user, "diary.demo.seeded", None, days=days, **counts)
    return counts


def _maybe(rng: np.random.Generator, value: Any, blank_share: float) -> Any:
    return None if rng.random() < blank_share else value


def _checkin(
    user: User, day: dt.date, i: int, s: dict[str, Any], rng: np.random.Generator
) -> CheckIn:
    mugs, teas = int(s["coffee_mugs"][i]), int(s["teas"][i])
    drinks = {slug: n for slug, n in (("coffee_mug", mugs), ("tea", teas)) if n}
    caffeine = float(sum(DRINKS_BY_SLUG[slug].caffeine_mg * n for slug, n in drinks.items()))
    answered_anxiety = rng.random() < 0.7
    return CheckIn(
        user=user,
        local_date=day,
        sleep_hours=float(s["sleep_hours"][i]),
        sleep_quality=_maybe(rng, int(s["sleep_quality"][i]), 0.1),
        caffeine_mg=caffeine,
        caffeine_drinks=drinks,
        alcohol_units=float(s["alcohol_units"][i]),
        nicotine=False,
        recreational_drugs=_maybe(rng, False, 0.5),
        water_l=_maybe(rng, float(s["water_l"][i]), 0.3),
        missed_meals=int(s["missed_meals"][i]),
        exercise_min=_maybe(rng, float(s["exercise_min"][i]), 0.1),
        stress_level=int(s["stress_level"][i]),
        anxiety_episodes=int(s["anxiety_episodes"][i]) if answered_anxiety else None,
        overbreathing=_maybe(rng, int(s["overbreathing"][i]), 0.2),
        magnesium_mg=float(s["magnesium_mg"][i]),
        medication_change=bool(s["medication_change"][i]),
        medication_events=["changed_dose"] if s["medication_change"][i] else [],
        menstruating=bool(s["menstruating"][i]),
        twitch_rating=int(s["twitch_severity"][i]),
    )


def seed_demo(user: User, *, days: int, seed: int) -> None:
    """The demo command's hook for this app (see core/demo.py)."""
    seed_demo_diary(user, days=days, seed=seed)

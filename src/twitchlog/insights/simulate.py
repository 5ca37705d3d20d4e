"""Simulated diaries with a known truth, for the tests, the benchmark and demo data.

Why one module of some 460 lines: every simulated factor's generator and effect sit beside
the truth they produce, so a reader can check a planted effect against its simulation in one
place; the scenarios that combine them live in scenarios.py.

``simulate_person(days, seed, spec=None)`` returns ``(frame, truth)``: a daily diary in the
CSV shape of README.md (``date``, ``twitch_count``, ``twitch_severity`` and 10–20 factor
columns, blanks as NaN, missing days left out) and the :class:`Truth` that made it.

How a diary is made (the default :class:`SimSpec`):

- Each factor follows its own slow day-to-day rhythm (an AR(1) series) turned into realistic
  values: hours of sleep, mg of caffeine, 0–10 stress, yes/no nicotine, a 28-day cycle, custom
  factors.  Some travel together as in life (sleep hours and sleep quality; stress and anxiety
  episodes; less sleep, more coffee).
- The log rate of twitch episodes is ``base + drivers + stress load + weekday + trend + hidden
  state``.  A driver moves the rate by a rate ratio of 1.3–2 per standard deviation of its
  factor (yes vs no for a yes/no factor), on the same day or the day after.  The stress load
  adds up anxiety episodes with an exponential kernel (``exp(-age / tau)``).  The hidden state
  is AR(1) with coefficient 0.3–0.8, so bad days come in runs.  Counts are negative binomial.
- A quarter of people have no driver at all.  Others get a *confounded decoy* (a factor with
  no effect that travels with a real driver, like coffee on stressful days) and, for half of
  everyone, a *reverse-caused decoy* (magnesium taken the day after a bad day).
- 5–25% of days are missing, more often on bad days; some factors are left blank on some
  logged days.  ``twitch_severity`` (0–10) follows the same hidden log rate, two points per
  unit of log rate, with rounding noise.

Effects in the truth are on the engine's reporting scale: rate ratio per reporting unit of
the factor (per 100 mg of caffeine, per hour of sleep, yes vs no; per unit for custom
factors), and for the stress load per unit of load (one fresh episode).
"""

import datetime as dt
import math
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from twitchlog.knowledge.factors import FACTORS_BY_NAME

LOAD_FACTOR = "anxiety_episodes"
SEVERITY_POINTS_PER_LOG_RATE = 2.0
BURN_IN = 40

STANDARD = (
    "sleep_hours",
    "sleep_quality",
    "caffeine_mg",
    "alcohol_units",
    "nicotine",
    "recreational_drugs",
    "water_l",
    "missed_meals",
    "exercise_min",
    "stress_level",
    "overbreathing",
    "magnesium_mg",
    "calcium_mg",
    "vitamin_d_iu",
    "medication_change",
    "menstruating",
)
CUSTOM = ("screen_time_h", "work_day", "cold_exposure", "long_commute", "sugar_g", "sauna")
CUSTOM_BINARY = {"work_day", "cold_exposure", "long_commute", "sauna"}
# Rare or fixed-pattern factors make poor planted drivers: too few days differ.
NOT_DRIVERS = {"recreational_drugs", "medication_change", "menstruating"}
# Which way a planted driver pushes when it is one of these (others raise twitching).
LOWERING = {"sleep_hours", "sleep_quality", "water_l", "exercise_min", "calcium_mg"}


@dataclass(frozen=True)
class SimSpec:
    """What kinds of diaries to simulate.  Ranges are drawn uniformly per person.

    Fix a value by giving a range of one point, e.g. ``rate_ratio=(2.0, 2.0)``.  Name the
    drivers with ``driver_names``; name the factor columns with ``factor_names``.
    """

    factors: tuple[int, int] = (10, 20)
    null_share: float = 0.25
    drivers: tuple[int, int] = (1, 3)
    rate_ratio: tuple[float, float] = (1.3, 2.0)
    lag1_share: float = 0.35
    load_share: float = 0.4
    load_tau: tuple[float, float] = (2.0, 10.0)
    load_rate_ratio: tuple[float, float] = (1.3, 2.0)
    confounded_share: float = 1.0
    decoy_correlation: tuple[float, float] = (0.6, 0.8)
    reverse_share: float = 0.5
    ar: tuple[float, float] = (0.3, 0.8)
    hidden_sd: tuple[float, float] = (0.25, 0.45)
    weekend: tuple[float, float] = (-0.25, 0.25)
    trend: tuple[float, float] = (-0.3, 0.3)
    base_rate: tuple[float, float] = (2.0, 8.0)
    dispersion: tuple[float, float] = (0.05, 0.4)
    missing_days: tuple[float, float] = (0.05, 0.25)
    bad_day_missing: float = 0.8
    partial_logging: float = 0.3
    driver_names: tuple[str, ...] = ()
    factor_names: tuple[str, ...] = ()
    start: dt.date = dt.date(2025, 1, 6)
    # What real diaries add (see :mod:`twitchlog.insights.scenarios`); the defaults keep the
    # mixed population above.  ``driver_persistence``: day-to-day correlation of each
    # driver (and of its confounded decoy); ``driver_form``: how a driver acts (``lag``: its
    # value on the day or the day before; ``nights``: the mean of the last three nights, as
    # sleep debt; ``threshold``: any at all vs none; ``period``: during a period;
    # ``premenstrual``: the days before a period); ``cycle``: periods of 3–7 days in cycles
    # of 25–33 days instead of a fixed 5 in 28; ``reverse_days``: how many days a
    # reverse-caused supplement is kept up after a bad day.
    driver_persistence: tuple[float, float] | None = None
    driver_form: str = "lag"
    cycle: bool = False
    reverse_days: tuple[int, int] = (1, 1)


@dataclass(frozen=True)
class TrueDriver:
    factor: str
    lag_days: int
    rate_ratio: float  # per reporting unit (the engine's `effect` for counts)
    rate_ratio_per_sd: float  # per standard deviation (yes vs no for yes/no factors)
    severity_points: float  # points on the 0–10 scale per reporting unit (before rounding)
    form: str = "lag"  # see SimSpec.driver_form
    # For forms other than "lag": what the driver acted through on each calendar day from the
    # start date (the exposure, in its own units; 1/0 for yes/no forms).
    exposure: tuple[float, ...] = ()


@dataclass(frozen=True)
class TrueLoad:
    time_constant_days: float
    rate_ratio: float  # per unit of load: one fresh anxiety episode
    rate_ratio_per_sd: float


@dataclass(frozen=True)
class Truth:
    drivers: tuple[TrueDriver, ...]
    load: TrueLoad | None
    confounded_decoy: str | None
    confounded_with: str | None
    reverse_decoy: str | None
    factors: tuple[str, ...]
    ar: float
    dispersion: float
    base_rate: float
    missing_share: float
    weekday_effects: tuple[float, ...] = field(default=())
    trend: float = 0.0

    @property
    def is_null(self) -> bool:
        return not self.drivers and self.load is None

    def driver_factors(self) -> set[str]:
        names = {d.factor for d in self.drivers}
        if self.load is not None:
            names.add(LOAD_FACTOR)
        return names

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def ar_series(rng: np.random.Generator, n: int, phi: float) -> np.ndarray:
    """``n`` days of an AR(1) series with coefficient ``phi`` and unit variance: each day is
    ``phi`` times the day before plus fresh noise. The demo diary and the experiment simulator
    draw their slow day-to-day rhythms from it too."""
    shocks = rng.standard_normal(n)
    out = np.empty(n)
    out[0] = shocks[0]
    scale = math.sqrt(1 - phi * phi)
    for t in range(1, n):
        out[t] = phi * out[t - 1] + scale * shocks[t]
    return out


def exponential_load(episodes: np.ndarray, tau: float) -> np.ndarray:
    """Each episode adds 1 on its day, then fades as exp(-age / tau)."""
    decay = math.exp(-1.0 / tau)
    out = np.empty(len(episodes))
    level = 0.0
    for t, count in enumerate(episodes):
        level = level * decay + count
        out[t] = level
    return out


def _factor_values(
    name: str, z: np.ndarray, weekday: np.ndarray, rng: np.random.Generator
) -> np.ndarray:
    """Turn a standard latent series into the values a person would log."""
    n = len(z)
    if name == "sleep_hours":
        return np.clip(np.round((7.2 + 0.9 * z) * 4) / 4, 3, 11)
    if name == "sleep_quality":
        return np.clip(np.round(6 + 1.7 * z), 0, 10)
    if name == "caffeine_mg":
        return np.maximum(0, np.round((160 + 90 * z) / 10) * 10)
    if name == "alcohol_units":
        weekend = (weekday >= 4).astype(float)
        return np.floor(np.maximum(0, 0.3 + 1.2 * z + 1.5 * weekend * (z > -0.5)))
    if name in ("nicotine", "sauna"):
        return (z > 0.5).astype(float)
    if name == "recreational_drugs":
        return (z > 1.9).astype(float)
    if name == "water_l":
        return np.clip(np.round((1.8 + 0.5 * z) * 10) / 10, 0.3, 5)
    if name == "missed_meals":
        return np.floor(np.maximum(0, 0.6 + 0.8 * z))
    if name == "exercise_min":
        return np.where(z > 0, np.round((20 + 25 * z) / 5) * 5, 0.0)
    if name == "stress_level":
        return np.clip(np.round(4 + 2 * z), 0, 10)
    if name == "overbreathing":
        return np.floor(np.maximum(0, 0.2 + 0.9 * z))
    if name == "magnesium_mg":
        return np.where(z > 0, 300.0, 0.0)
    if name == "calcium_mg":
        return np.where(z > 0.3, 500.0, 0.0)
    if name == "vitamin_d_iu":
        return np.where(z > -0.5, 1000.0, 0.0) + np.where(z > 1.0, 1000.0, 0.0)
    if name == "medication_change":
        return (z > 2.0).astype(float)
    if name == "menstruating":
        offset = int(rng.integers(0, 28))
        return ((np.arange(n) + offset) % 28 < 5).astype(float)
    if name == "work_day":
        return ((weekday < 5) & (z > -1.2)).astype(float)
    if name in CUSTOM_BINARY:
        return (z > 0).astype(float)
    if name == "screen_time_h":
        return np.clip(np.round((4 + 1.5 * z) * 2) / 2, 0, 16)
    return np.maximum(0, np.round(40 + 15 * z))  # sugar_g and any other custom number


def _cycle(rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Period days (3–7 days in a cycle of 25–33, varying a little from cycle to cycle) and
    the days before each period (2–5 days)."""
    length = int(rng.integers(25, 34))
    bleed = int(rng.integers(3, 8))
    before = int(rng.integers(2, 6))
    period, pre = np.zeros(n), np.zeros(n)
    start = -int(rng.integers(0, length))
    while start < n:
        period[max(start, 0) : max(start + bleed, 0)] = 1
        pre[max(start - before, 0) : max(start, 0)] = 1
        start += length + int(rng.integers(-2, 3))
    return period, pre


def exposure(form: str, x: np.ndarray, premenstrual: np.ndarray | None = None) -> np.ndarray:
    """What a driver of ``form`` acts through, per day, from its logged values ``x``."""
    if form == "nights":
        padded = np.concatenate([np.full(2, x[:3].mean()), x])
        return (padded[2:] + padded[1:-1] + padded[:-2]) / 3
    if form == "threshold":
        return (x >= 1).astype(float)
    if form == "premenstrual":
        assert premenstrual is not None
        return premenstrual
    return x  # "period" and "lag": the day's own value


def _per(name: str) -> float:
    factor = FACTORS_BY_NAME.get(name)
    return float(factor.per) if factor else 1.0


def _draw(rng: np.random.Generator, bounds: tuple[float, float]) -> float:
    return float(rng.uniform(bounds[0], bounds[1]))


def simulate_person(
    days: int, seed: int, spec: SimSpec | None = None
) -> tuple[pd.DataFrame, Truth]:
    """Simulate one person's diary of ``days`` calendar days (some of them missing)."""
    spec = spec or SimSpec()
    rng = np.random.default_rng(seed)
    n = days + BURN_IN
    weekday = (np.arange(n) - BURN_IN + spec.start.weekday()) % 7

    # Which factor columns this person logs.
    if spec.factor_names:
        names = [f for f in spec.factor_names if f != LOAD_FACTOR]
    else:
        count = int(rng.integers(spec.factors[0], spec.factors[1] + 1)) - 1
        pool = list(STANDARD) + [str(f) for f in rng.choice(CUSTOM, size=3, replace=False)]
        keep = set(spec.driver_names)
        rest = [f for f in pool if f not in keep]
        chosen = [str(f) for f in rng.choice(rest, size=max(0, count - len(keep)), replace=False)]
        names = [f for f in pool if f in keep or f in chosen]

    # Latent rhythms, with the links people have in life.
    stress = ar_series(rng, n, _draw(rng, (0.3, 0.7)))
    sleep = ar_series(rng, n, _draw(rng, (0.0, 0.4)))
    latent: dict[str, np.ndarray] = {}
    for name in names:
        own = ar_series(rng, n, _draw(rng, (0.0, 0.6)))
        if name == "stress_level":
            own = stress
        elif name == "sleep_hours":
            own = sleep
        elif name == "sleep_quality":
            own = 0.6 * sleep + 0.8 * own
        elif name == "caffeine_mg":
            own = -0.3 * sleep + math.sqrt(1 - 0.09) * own
        elif name == "overbreathing":
            own = 0.6 * stress + 0.8 * own
        latent[name] = own

    # Drivers.
    is_null = rng.random() < spec.null_share and not spec.driver_names
    eligible = [f for f in names if f not in NOT_DRIVERS]
    if spec.driver_names:
        driver_names = list(spec.driver_names)
    elif is_null:
        driver_names = []
    else:
        k = min(int(rng.integers(spec.drivers[0], spec.drivers[1] + 1)), len(eligible))
        driver_names = [str(f) for f in rng.choice(eligible, size=k, replace=False)]
    has_load = (not is_null) and rng.random() < spec.load_share
    if spec.driver_persistence is not None:
        for name in driver_names:
            latent[name] = ar_series(rng, n, _draw(rng, spec.driver_persistence))

    # A reverse-caused decoy: a supplement taken the day after a bad day.
    reverse = None
    if rng.random() < spec.reverse_share:
        for candidate in ("magnesium_mg", "calcium_mg", "vitamin_d_iu"):
            if candidate in names and candidate not in driver_names:
                reverse = candidate
                break

    # A confounded decoy: a factor with no effect that travels with a real driver.
    confounded = confounded_with = None
    if driver_names and rng.random() < spec.confounded_share:
        options = [
            f
            for f in names
            if f not in driver_names
            and f != reverse
            and f not in NOT_DRIVERS
            and f not in ("stress_level", "sleep_hours")
        ]
        if options:
            confounded = str(rng.choice(options))
            confounded_with = driver_names[0]
            r = _draw(rng, spec.decoy_correlation)
            lead = latent[confounded_with]
            phi = 0.3 if spec.driver_persistence is None else _draw(rng, spec.driver_persistence)
            latent[confounded] = r * lead + math.sqrt(1 - r * r) * ar_series(rng, n, phi)

    values = {name: _factor_values(name, latent[name], weekday, rng) for name in names}
    premenstrual = None
    if spec.cycle and "menstruating" in values:
        values["menstruating"], premenstrual = _cycle(rng, n)
    episodes_rate = _draw(rng, (0.2, 1.0))
    episodes = rng.poisson(episodes_rate * np.exp(0.7 * stress - 0.245)).astype(float)

    # The log rate.
    ar = _draw(rng, spec.ar)
    hidden_sd = _draw(rng, spec.hidden_sd)
    hidden = hidden_sd * ar_series(rng, n, ar)
    weekend = _draw(rng, spec.weekend)
    weekday_effects = rng.normal(0, 0.04, 7) + np.where(np.arange(7) >= 5, weekend, 0.0)
    trend = _draw(rng, spec.trend)
    base_rate = _draw(rng, spec.base_rate)
    eta = np.log(base_rate) + weekday_effects[weekday] + trend * (np.arange(n) / n - 0.5)
    eta = eta + hidden

    drivers: list[TrueDriver] = []
    for name in driver_names:
        x = values[name]
        binary = set(np.unique(x)) <= {0.0, 1.0}
        sd = 1.0 if binary else float(x.std())
        rr_sd = _draw(rng, spec.rate_ratio)
        sign = -1.0 if (name in LOWERING or (name in CUSTOM and rng.random() < 0.5)) else 1.0
        beta_sd = sign * math.log(rr_sd)
        lag = int(rng.random() < spec.lag1_share)
        shifted = np.roll(x, lag)
        shifted[:lag] = x.mean()
        centre = x.mean()
        if spec.driver_form != "lag":
            lag = 0
            shifted = exposure(spec.driver_form, x, premenstrual)
            binary = spec.driver_form != "nights"
            sd = 1.0 if binary else float(shifted.std())
            centre = shifted.mean()
        eta = eta + beta_sd * (shifted - centre) / sd
        beta_unit = beta_sd * _per(name) / sd
        drivers.append(
            TrueDriver(
                factor=name,
                lag_days=lag,
                rate_ratio=math.exp(beta_unit),
                rate_ratio_per_sd=math.exp(beta_sd),
                severity_points=SEVERITY_POINTS_PER_LOG_RATE * beta_unit,
                form=spec.driver_form,
                exposure=() if spec.driver_form == "lag" else tuple(shifted[BURN_IN:]),
            )
        )

    load_truth = None
    if has_load:
        tau = _draw(rng, spec.load_tau)
        load = exponential_load(episodes, tau)
        sd = float(load[BURN_IN:].std()) or 1.0
        rr_sd = _draw(rng, spec.load_rate_ratio)
        eta = eta + math.log(rr_sd) * (load - load.mean()) / sd
        load_truth = TrueLoad(tau, math.exp(math.log(rr_sd) / sd), rr_sd)

    dispersion = _draw(rng, spec.dispersion)
    mean = np.exp(eta)
    counts = rng.poisson(rng.gamma(1 / dispersion, dispersion * mean)).astype(float)
    severity = np.clip(
        np.round(3.5 + SEVERITY_POINTS_PER_LOG_RATE * (eta - eta.mean()) + rng.normal(0, 0.8, n)),
        0,
        10,
    )

    if reverse is not None:
        bad = np.concatenate([[False], counts[:-1] >= np.quantile(counts, 0.75)])
        took = rng.random(n) < np.where(bad, 0.7, 0.08)
        low, high = spec.reverse_days
        days_kept = low if low == high else int(rng.integers(low, high + 1))
        if days_kept > 1:  # kept up for a few days after each bad day
            took = np.convolve(took.astype(float), np.ones(days_kept))[:n] > 0
        values[reverse] = np.where(took, 300.0, 0.0)

    # Keep the diary's days; leave some out, more often on bad days.
    missing_share = min(max(_draw(rng, spec.missing_days), 1e-9), 0.9)
    odds = math.log(missing_share / (1 - missing_share))
    p_missing = 1 / (1 + np.exp(-(odds + spec.bad_day_missing * hidden / hidden_sd)))
    logged = rng.random(n) >= p_missing
    logged[:BURN_IN] = False

    columns: dict[str, Any] = {
        "date": [(spec.start + dt.timedelta(days=int(i) - BURN_IN)).isoformat() for i in range(n)],
        "twitch_count": counts,
        "twitch_severity": severity,
    }
    for name in [*names, LOAD_FACTOR]:
        column = episodes.copy() if name == LOAD_FACTOR else values[name].astype(float)
        # People who log their periods log them every day (or the cycle cannot be read).
        kept = spec.cycle and name == "menstruating"
        if rng.random() < spec.partial_logging and not kept:
            column[rng.random(n) < _draw(rng, (0.1, 0.4))] = np.nan
        columns[name] = column
    frame = pd.DataFrame(columns)[logged].reset_index(drop=True)

    truth = Truth(
        drivers=tuple(drivers),
        load=load_truth,
        confounded_decoy=confounded,
        confounded_with=confounded_with,
        reverse_decoy=reverse,
        factors=(*names, LOAD_FACTOR),
        ar=ar,
        dispersion=dispersion,
        base_rate=base_rate,
        missing_share=missing_share,
        weekday_effects=tuple(float(w) for w in weekday_effects),
        trend=trend,
    )
    return frame, truth

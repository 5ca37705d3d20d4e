"""Simulated block experiments with a known effect, for the tests and the power benchmark.

Pure: no Django. Each simulated person draws their diary's character from the same ranges
as the insights simulator (``twitchlog.insights.simulate.SimSpec``): a base rate of 2–8
twitches a day, a hidden AR(1) state (coefficient 0.3–0.8, spread 0.25–0.45 on the log
rate) so bad days come in runs, a weekday pattern, a slow trend of up to ±0.3 on the log rate
across the test, negative binomial counts (dispersion 0.05–0.4), and 5–25% of days not
logged. The change multiplies the rate by ``rate_ratio`` on B days kept to the plan; each
test day is kept with probability ``adherence``. The rating (0–10) follows the same hidden
log rate, two points per unit, rounded.

``simulate_with_truth`` also returns the person's hidden parameters (:class:`Truth`), and
``null_replicates`` draws fresh noise for the same person with no effect: the benchmark's
oracle uses both to know the noise model exactly.
"""

import datetime as dt
import math
import random
from dataclasses import dataclass

import numpy as np
import pandas as pd

from twitchlog.experiments.design import make_schedule
from twitchlog.insights.simulate import ar_series

START = dt.date(2026, 1, 5)


@dataclass(frozen=True)
class Truth:
    """One simulated person's hidden make-up, over history and test days together."""

    phi: float  # AR(1) coefficient of the hidden state
    spread: float  # standard deviation of the hidden state (log rate)
    dispersion: float  # negative binomial: variance = mean + dispersion * mean²
    fixed: np.ndarray  # log rate without the hidden state or the change: level, weekday, trend
    logged: np.ndarray  # bool per day
    history_days: int
    restless: float = 1.0  # the hidden state's spread on test days, relative to the diary's


def simulate_with_truth(
    seed: int,
    *,
    pairs: int = 3,
    block_days: int = 7,
    washout: bool = False,
    rate_ratio: float = 1.0,
    adherence: float = 0.9,
    history_days: int = 0,
    restless: float = 1.0,
) -> tuple[pd.DataFrame, pd.DataFrame, Truth]:
    """``(test, history, truth)``: the test's daily table (``date``, ``block``,
    ``condition``, ``adhered``, ``twitch_count``, ``twitch_severity``; days not logged left
    out), the ``history_days`` of plain diary before it (same person, no change), and the
    person's hidden :class:`Truth`. ``restless`` scales
    the hidden state on test days only: a test run in a worse spell than the diary before
    it (a stress test of the analysis, which pools the spread of both)."""
    rng = np.random.default_rng(seed)
    blocks = make_schedule(START, pairs, block_days, washout, random.Random(seed))
    test_days = (blocks[-1].end - START).days + 1
    n = history_days + test_days
    dates = [START + dt.timedelta(days=i - history_days) for i in range(n)]
    block_of = np.full(n, -1)
    condition = np.full(n, "", dtype=object)
    for block in blocks:
        first = history_days + (block.start - START).days
        block_of[first : first + block_days] = block.index
        condition[first : first + block_days] = block.condition
    in_test = block_of >= 0
    kept = np.where(in_test, rng.random(n) < adherence, False)

    phi = rng.uniform(0.3, 0.8)
    spread = rng.uniform(0.25, 0.45)
    hidden = spread * ar_series(rng, n, phi) * np.where(np.arange(n) >= history_days, restless, 1.0)
    weekend = rng.uniform(-0.25, 0.25)
    weekday = np.array([d.weekday() for d in dates])
    trend = rng.uniform(-0.3, 0.3) * (np.arange(n) / n - 0.5)
    fixed = math.log(rng.uniform(2.0, 8.0)) + np.where(weekday >= 5, weekend, 0.0) + trend
    effect = np.where((condition == "B") & kept, math.log(rate_ratio), 0.0)
    eta = fixed + hidden + effect
    dispersion = rng.uniform(0.05, 0.4)
    mu = np.exp(eta)
    counts = rng.poisson(rng.gamma(1 / dispersion, mu * dispersion))
    severity = _ratings(eta - eta.mean(), rng)
    logged = rng.random(n) >= rng.uniform(0.05, 0.25)

    frame = pd.DataFrame(
        {
            "date": [d.isoformat() for d in dates],
            "block": np.where(in_test, block_of, np.nan),
            "condition": condition,
            "adhered": np.where(in_test, kept.astype(float), np.nan),
            "twitch_count": counts.astype(float),
            "twitch_severity": severity,
        }
    )[logged]
    history = frame[frame["date"] < START.isoformat()].drop(
        columns=["block", "condition", "adhered"]
    )
    test = frame[frame["date"] >= START.isoformat()].reset_index(drop=True)
    truth = Truth(phi, spread, dispersion, fixed, logged, history_days, restless)
    return test, history.reset_index(drop=True), truth


def _ratings(centred: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """The 0-10 rating of a day: its centred log rate, scaled, with rounding and noise."""
    return np.clip(np.round(4 + 2 * centred + rng.normal(0, 0.5, centred.shape)), 0, 10)


def null_replicates(
    truth: Truth, replicates: int, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """``(counts, ratings)``, each ``replicates`` × days: the same person's days drawn
    afresh from the same model with no change (NaN on days not logged)."""
    n = len(truth.fixed)
    hidden = np.empty((replicates, n))
    hidden[:, 0] = rng.standard_normal(replicates)
    scale = math.sqrt(1 - truth.phi**2)
    for t in range(1, n):
        hidden[:, t] = truth.phi * hidden[:, t - 1] + scale * rng.standard_normal(replicates)
    scale_days = np.where(np.arange(n) >= truth.history_days, truth.restless, 1.0)
    eta = truth.fixed + truth.spread * scale_days * hidden
    d = truth.dispersion
    counts = rng.poisson(rng.gamma(1 / d, np.exp(eta) * d)).astype(float)
    ratings = _ratings(eta - eta.mean(axis=1, keepdims=True), rng)
    counts[:, ~truth.logged] = np.nan
    ratings[:, ~truth.logged] = np.nan
    return counts, ratings

"""The design of a self-experiment: its block schedule and how long it needs to be.

Pure: no Django. A test is made of *pairs* of blocks; each pair holds one block of the usual
(A) and one of the change (B) in a random order (AB or BA, a coin per pair), so the
order cannot follow a trend or the weekday pattern. Blocks last 5–7 days; an optional
washout day after each block is left out of the analysis, for changes whose effect lingers.

The analysis (``analysis.py``) takes each block as one unit, so the power here is the power
of that same comparison: the difference of the block values of B and A, against a t
distribution with (blocks − 2) degrees of freedom, plus those of back-to-back blocks of the
eight weeks of diary before the test that the analysis pools into its spread. The spread of
block values is measured from the person's own diary before the test (``history_spread``)
over back-to-back runs of ``block_days`` days, as the analysis measures it. That measurement
is itself uncertain (a handful of blocks), so the power is averaged over the spreads the
person may truly have given it (``expected_power``): plugging the measured spread in as if
it were known promised about ten points more power than the verdict then delivered
(docs/experiments.md).
"""

import datetime as dt
import math
import random
from dataclasses import dataclass

import numpy as np
from scipy import stats

RATING_ROUNDING_VAR = 1 / 12  # variance of rounding a rating to whole points

USUAL, CHANGE = "A", "B"
BLOCK_DAYS = (5, 6, 7)
MIN_PAIRS, MAX_PAIRS = 2, 6
TARGET_POWER = 0.8
ALPHA = 0.05
# A block needs this many logged days to count (also in the analysis).
MIN_DAYS_PER_BLOCK = 3
# When the diary is too short to measure the spread, this is assumed: the median spread of
# back-to-back 7-day block values over eight weeks of the simulated diaries of
# ``simulate.py`` (bench/experiments_power.py).
TYPICAL_SPREAD = {"twitch_count": 0.35, "twitch_severity": 0.45}
# Nobody keeps every day; the advice assumes 9 days in 10, which shrinks the effect seen.
PLANNED_ADHERENCE = 0.9
# The analysis also measures the spread of block values over back-to-back blocks of the
# diary in these days before the test (``diary_blocks``); it needs this many blocks.
DIARY_BEFORE_DAYS = 56
MIN_DIARY_BLOCKS = 3


@dataclass(frozen=True)
class Block:
    index: int  # 0, 1, 2, ...
    condition: str  # "A" (usual) or "B" (the change)
    start: dt.date
    end: dt.date  # inclusive

    def holds(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


def make_schedule(
    start: dt.date, pairs: int, block_days: int, washout: bool, rng: random.Random
) -> list[Block]:
    """Blocks from ``start``: each pair AB or BA at random, a washout day after each block
    but the last when asked for."""
    if not MIN_PAIRS <= pairs <= MAX_PAIRS:
        raise ValueError(f"pairs must be {MIN_PAIRS}–{MAX_PAIRS}")
    if block_days not in BLOCK_DAYS:
        raise ValueError("blocks last 5, 6 or 7 days")
    blocks: list[Block] = []
    day = start
    for _ in range(pairs):
        order = [USUAL, CHANGE] if rng.random() < 0.5 else [CHANGE, USUAL]
        for condition in order:
            end = day + dt.timedelta(days=block_days - 1)
            blocks.append(Block(len(blocks), condition, day, end))
            day = end + dt.timedelta(days=2 if washout else 1)
    return blocks


def condition_on(blocks: list[Block], day: dt.date) -> str:
    """ "A", "B", or "" on a washout day or outside the test."""
    for block in blocks:
        if block.holds(day):
            return block.condition
    return ""


def block_value(values: np.ndarray, outcome: str) -> float:
    """One block's summary: the log of the daily rate for counts (half a twitch added to the
    total, so a block without twitches has a value), the mean for ratings. NaN = not logged."""
    logged = values[~np.isnan(values)]
    if outcome == "twitch_count":
        return math.log((logged.sum() + 0.5) / len(logged))
    return float(logged.mean())


def _back_to_back(before: np.ndarray, outcome: str, block_days: int) -> np.ndarray:
    """Block values of back-to-back runs of ``block_days`` days of ``before``, counted back
    from its end; runs with fewer than three logged days are left out."""
    values = []
    for end in range(len(before), block_days - 1, -block_days):
        window = before[end - block_days : end]
        if np.count_nonzero(~np.isnan(window)) >= MIN_DAYS_PER_BLOCK:
            values.append(block_value(window, outcome))
    return np.array(values)


def diary_blocks(before: np.ndarray, outcome: str, block_days: int) -> np.ndarray:
    """Block values of back-to-back runs of ``block_days`` days over the last
    DIARY_BEFORE_DAYS of ``before`` (the outcome per calendar day up to the day before the
    test; NaN = not logged), counted back from its end; runs with fewer than three logged days
    are left out. Empty when fewer than MIN_DIARY_BLOCKS runs count."""
    values = _back_to_back(before[-DIARY_BEFORE_DAYS:], outcome, block_days)
    return values if len(values) >= MIN_DIARY_BLOCKS else np.array([])


def history_spread(history: np.ndarray, outcome: str, block_days: int) -> tuple[float, int] | None:
    """The standard deviation of the block value over back-to-back runs of ``block_days``
    days of the whole diary before the test (NaN = not logged) and its degrees of freedom
    (runs − 1), or None when fewer than MIN_DIARY_BLOCKS runs count. Back-to-back runs, as
    the analysis takes them (overlapping runs, used before, read the variance about a tenth
    too low on the simulated diaries). A slow trend in the diary makes the spread larger,
    which errs on the side of a longer test."""
    values = _back_to_back(history, outcome, block_days)
    if len(values) < MIN_DIARY_BLOCKS:
        return None
    return float(np.std(values, ddof=1)), len(values) - 1


# Gauss–Legendre nodes on (0, 1), for averaging over chi-square quantiles.
_NODES, _WEIGHTS = np.polynomial.legendre.leggauss(48)
_NODES, _WEIGHTS = (_NODES + 1) / 2, _WEIGHTS / 2


def expected_power(
    spread: float,
    pairs: int,
    effect: float,
    diary_df: int = 0,
    *,
    spread_df: int = 0,
    extra_variance: float = 0.0,
) -> float:
    """The chance that a test of ``pairs`` pairs of blocks finds a true ``effect`` (on the
    block value's scale: log rate ratio, or points) with a 95% interval that excludes no
    difference, in the effect's own direction. ``diary_df``: the degrees of freedom the diary
    before the test adds to the analysis's spread (``diary_blocks`` − 1); ``extra_variance``
    is added to the block value's variance (the counting noise of fewer twitches).

    ``spread_df`` 0: ``spread`` is taken as the true spread of a block value, and the power
    is the non-central t's. Otherwise ``spread`` was measured with ``spread_df`` degrees of
    freedom, and the power is the non-central t's averaged over the true spreads σ that the
    measurement leaves open: σ² = spread² · spread_df / χ², χ² on ``spread_df`` degrees of
    freedom (the usual reference-prior reading of a measured variance), by Gauss–Legendre
    quadrature over the χ² quantiles."""
    df = 2 * pairs - 2 + diary_df
    critical = stats.t.ppf(1 - ALPHA / 2, df)
    scale = math.sqrt(2 / pairs)
    if spread_df > 0 and spread > 0:
        variance = spread**2 * spread_df / stats.chi2.ppf(_NODES, spread_df) + extra_variance
        found = stats.nct.sf(critical, df, abs(effect) / (np.sqrt(variance) * scale))
        return float(_WEIGHTS @ found)
    variance = spread**2 + extra_variance
    if variance <= 0:
        return 1.0
    return float(stats.nct.sf(critical, df, abs(effect) / (math.sqrt(variance) * scale)))


@dataclass(frozen=True)
class LengthOption:
    pairs: int
    days: int  # calendar days, washout days included
    power: float


@dataclass(frozen=True)
class LengthAdvice:
    spread: float
    spread_from_diary: bool  # False: a typical spread was assumed
    options: tuple[LengthOption, ...]
    pairs: int  # the suggestion: the shortest with enough power, else the longest
    enough: bool  # whether even the suggestion reaches TARGET_POWER

    @property
    def power(self) -> float:
        return next(o.power for o in self.options if o.pairs == self.pairs)


def total_days(pairs: int, block_days: int, washout: bool) -> int:
    blocks = 2 * pairs
    return blocks * block_days + (blocks - 1 if washout else 0)


def effect_seen(effect: float, outcome: str) -> float:
    """The effect on the block value's scale when PLANNED_ADHERENCE of the change's days are
    kept: for counts the log of the block's mean rate, so the days not kept add their full
    rate (log(0.9 · ratio + 0.1)), for ratings the mean (0.9 × the difference)."""
    if outcome == "twitch_count":
        return math.log(PLANNED_ADHERENCE * math.exp(effect) + 1 - PLANNED_ADHERENCE)
    return PLANNED_ADHERENCE * effect


def advise_length(
    history: np.ndarray, outcome: str, effect: float, block_days: int, washout: bool
) -> LengthAdvice:
    """Power of each possible length for the effect the person cares about, and the
    shortest length that reaches 80% (or the longest, saying it is not enough)."""
    effect = effect_seen(effect, outcome)
    measured = history_spread(history, outcome, block_days)
    spread, spread_df = (TYPICAL_SPREAD[outcome], 0) if measured is None else measured
    extra = 0.0
    logged = history[~np.isnan(history)]
    if len(logged):
        # Never below what counting (or rounding a rating) alone puts into a block's value, as
        # the verdict's own floor: a diary of identical weeks must not promise certain power.
        floor = (
            1 / max(logged.mean() * block_days, 0.5)
            if outcome == "twitch_count"
            else RATING_ROUNDING_VAR / block_days
        )
        spread = max(spread, math.sqrt(floor))
    if outcome == "twitch_count" and len(logged) and logged.mean() > 0:
        # Fewer twitches are noisier on the log scale: half the extra counting noise of the
        # change's blocks (over the days a block is likely to have logged) is added to the
        # spread of the two kinds of block together.
        days = max(block_days * len(logged) / len(history), MIN_DAYS_PER_BLOCK)
        extra = (math.exp(-effect) - 1) / (logged.mean() * days) / 2
    diary = diary_blocks(history, outcome, block_days)
    diary_df = max(len(diary) - 1, 0)
    options = tuple(
        LengthOption(
            p,
            total_days(p, block_days, washout),
            expected_power(
                spread,
                p,
                effect,
                diary_df,
                spread_df=spread_df,
                extra_variance=extra,
            ),
        )
        for p in range(MIN_PAIRS, MAX_PAIRS + 1)
    )
    good = [o for o in options if o.power >= TARGET_POWER]
    pairs = good[0].pairs if good else MAX_PAIRS
    return LengthAdvice(spread, measured is not None, options, pairs, bool(good))

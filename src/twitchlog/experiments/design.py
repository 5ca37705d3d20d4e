"""The design of a self-experiment: its block schedule and how long it needs to be.

Pure: no Django. A test is made of *pairs* of blocks; each pair holds one block of the usual
(A) and one of the change (B) in a random order (AB or BA, a coin per pair), so the
order cannot follow a trend or the weekday pattern. Blocks last 5–7 days; an optional
washout day after each block is left out of the analysis, for changes whose effect lingers.

The analysis (``analysis.py``) takes each block as one unit, so the power here is the power
of that same comparison: the difference of the block values of B and A, against a t
distribution with (blocks − 2) degrees of freedom, plus those of back-to-back blocks of the
eight weeks of diary before the test when the analysis can pool their spread. The spread of
block values is estimated from the person's own diary before the test (``block_spread``):
the same block value over every run of ``block_days`` consecutive days, which carries their
day-to-day variation *and* how bad days come in runs.
"""

import datetime as dt
import math
import random
from dataclasses import dataclass

import numpy as np
from scipy import stats

USUAL, CHANGE = "A", "B"
BLOCK_DAYS = (5, 6, 7)
MIN_PAIRS, MAX_PAIRS = 2, 6
TARGET_POWER = 0.8
ALPHA = 0.05
# A block needs this many logged days to count (also in the analysis).
MIN_DAYS_PER_BLOCK = 3
# When the diary is too short to measure the spread, this is assumed: the median spread of
# 7-day block values over eight weeks of the simulated diaries of ``simulate.py``.
TYPICAL_SPREAD = {"twitch_count": 0.32, "twitch_severity": 0.44}
MIN_HISTORY_WINDOWS = 3
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


def block_spread(history: np.ndarray, outcome: str, block_days: int) -> float | None:
    """Standard deviation of the block value over runs of ``block_days`` consecutive
    calendar days of the diary before the test (NaN = not logged), or None when there are
    fewer than three runs with enough logged days.

    Runs start at every day, so they overlap; the spread is still that of one run. A slow
    trend in the diary makes it larger, which errs on the side of a longer test."""
    values = []
    for first in range(len(history) - block_days + 1):
        window = history[first : first + block_days]
        if np.count_nonzero(~np.isnan(window)) >= MIN_DAYS_PER_BLOCK:
            values.append(block_value(window, outcome))
    if len(values) < MIN_HISTORY_WINDOWS * block_days:
        return None
    return float(np.std(values, ddof=1))


def diary_blocks(before: np.ndarray, outcome: str, block_days: int) -> np.ndarray:
    """Block values of back-to-back runs of ``block_days`` days over the last
    DIARY_BEFORE_DAYS of ``before`` (the outcome per calendar day up to the day before the
    test; NaN = not logged), counted back from its end; runs with fewer than three logged days
    are left out. Empty when fewer than MIN_DIARY_BLOCKS runs count."""
    recent = before[-DIARY_BEFORE_DAYS:]
    values = []
    for end in range(len(recent), block_days - 1, -block_days):
        window = recent[end - block_days : end]
        if np.count_nonzero(~np.isnan(window)) >= MIN_DAYS_PER_BLOCK:
            values.append(block_value(window, outcome))
    return np.array(values) if len(values) >= MIN_DIARY_BLOCKS else np.array([])


def expected_power(spread: float, pairs: int, effect: float, diary_df: int = 0) -> float:
    """The chance that a test of ``pairs`` pairs of blocks finds a true ``effect`` (on the
    block value's scale: log rate ratio, or points) with a 95% interval that excludes no
    difference, in the effect's own direction. ``diary_df``: the degrees of freedom the diary
    before the test adds to the spread (``diary_blocks`` − 1)."""
    if spread <= 0:
        return 1.0
    df = 2 * pairs - 2 + diary_df
    se = spread * math.sqrt(2 / pairs)
    critical = stats.t.ppf(1 - ALPHA / 2, df)
    return float(stats.nct.sf(critical, df, abs(effect) / se))


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


def advise_length(
    history: np.ndarray, outcome: str, effect: float, block_days: int, washout: bool
) -> LengthAdvice:
    """Power of each possible length for the effect the person cares about, and the
    shortest length that reaches 80% (or the longest, saying it is not enough)."""
    effect *= PLANNED_ADHERENCE
    measured = block_spread(history, outcome, block_days)
    spread = TYPICAL_SPREAD[outcome] if measured is None else measured
    logged = history[~np.isnan(history)]
    if outcome == "twitch_count" and len(logged) and logged.mean() > 0:
        # Fewer twitches are noisier on the log scale: half the extra counting noise of the
        # change's blocks is added to the spread of the two kinds of block together.
        extra = (math.exp(-effect) - 1) / (logged.mean() * block_days)
        spread = math.sqrt(max(spread**2 + extra / 2, 0.0))
    diary = diary_blocks(history, outcome, block_days)
    diary_df = max(len(diary) - 1, 0)
    options = tuple(
        LengthOption(
            p, total_days(p, block_days, washout), expected_power(spread, p, effect, diary_df)
        )
        for p in range(MIN_PAIRS, MAX_PAIRS + 1)
    )
    good = [o for o in options if o.power >= TARGET_POWER]
    pairs = good[0].pairs if good else MAX_PAIRS
    return LengthAdvice(spread, measured is not None, options, pairs, bool(good))

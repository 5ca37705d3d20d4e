"""The columns of the models: calendar shifts, filled controls, weekday and trend terms, the
outcome's own history, and which factors can be tested at all."""

import math

import numpy as np
import pandas as pd
from scipy import linalg

from twitchlog.insights.cycle import BEFORE_PERIOD, OTHER_WINDOWS
from twitchlog.insights.cycle import SOURCE as PERIOD
from twitchlog.insights.report import MIN_DAYS
from twitchlog.insights.selection import residualize
from twitchlog.knowledge.factors import FACTORS_BY_NAME

MIN_VARIED_DAYS = 10  # days off the usual value (each way for yes/no) a factor needs
LAGS = (0, 1)


def shift(values: np.ndarray, lag: int) -> np.ndarray:
    """``values`` moved ``lag`` days later: entry t holds the value of day t - lag."""
    if lag == 0:
        return values
    out = np.full(len(values), np.nan)
    out[lag:] = values[:-lag]
    return out


def filled(values: np.ndarray) -> list[np.ndarray]:
    """A control with blanks: the column filled with its mean, plus a 'was blank' flag."""
    missing = np.isnan(values)
    if not missing.any():
        return [values]
    mean = float(np.nanmean(values)) if (~missing).any() else 0.0
    return [np.where(missing, mean, values), missing.astype(float)]


def calendar_terms(dates: pd.DatetimeIndex, observed: np.ndarray) -> np.ndarray:
    """Intercept, weekday terms and a slow trend, on the span of days with the outcome logged.

    The trend (cosines, one per ~90 days of that span, up to four) is laid on the days from
    the first to the last logged outcome, not on the whole table: a stray row months away
    with only a factor in it must not squeeze the trend into a near-constant.
    """
    n = len(dates)
    weekday = dates.day_of_week.to_numpy()
    columns = [np.ones(n), (weekday >= 5).astype(float)]
    if int(observed.sum()) >= 90:
        angle = 2 * math.pi * weekday / 7
        columns += [np.sin(angle), np.cos(angle)]
    logged = np.flatnonzero(observed)
    first, last = (int(logged[0]), int(logged[-1])) if len(logged) else (0, n - 1)
    span = last - first + 1
    terms = 1 if span < 120 else min(4, span // 90)
    position = np.clip((np.arange(n) - first + 0.5) / span, 0.0, 1.0)
    columns += [np.cos(math.pi * k * position) for k in range(1, terms + 1)]
    return np.column_stack(columns)


def outcome_history(transformed: np.ndarray, lag: int, n_logged: int) -> np.ndarray:
    """The outcome on the day before the tested day, and (with enough days) the week before."""
    columns = filled(shift(transformed, lag + 1))
    if n_logged >= 90:
        total = np.zeros(len(transformed))
        weight = np.zeros(len(transformed))
        for back in range(lag + 2, lag + 9):
            value = shift(transformed, back)
            seen = ~np.isnan(value)
            w = math.exp(-(back - lag - 2) / 3)
            total += np.where(seen, value * w, 0.0)
            weight += seen * w
        with np.errstate(invalid="ignore", divide="ignore"):
            columns += filled(np.where(weight > 0, total / weight, np.nan))
    return np.column_stack(columns)


def is_binary(name: str, values: np.ndarray) -> bool:
    known = FACTORS_BY_NAME.get(name)
    if known:
        return known.kind == "binary"
    seen = values[~np.isnan(values)]
    return len(seen) > 0 and bool(np.all((seen == 0) | (seen == 1)))


def shortfall(values: np.ndarray, binary: bool) -> str | None:
    """Why a factor cannot be tested on these values, or None when it can."""
    seen = values[~np.isnan(values)]
    if len(seen) < MIN_DAYS:
        return "few"
    if binary:
        ones = int(np.sum(seen == 1))
        return None if min(ones, len(seen) - ones) >= MIN_VARIED_DAYS else "flat"
    unique, counts = np.unique(seen, return_counts=True)
    off_mode = len(seen) - int(counts.max())
    return None if len(unique) > 1 and off_mode >= MIN_VARIED_DAYS else "flat"


def independent(x: np.ndarray) -> np.ndarray:
    """Column indices of ``x`` to keep: column 0 (the intercept) and no constant or repeated
    column."""
    spread = x.std(axis=0)
    keep = [0] + [j for j in range(1, x.shape[1]) if spread[j] > 1e-9]
    controls = x[:, keep]
    scale = controls.std(axis=0)
    scaled = controls / np.where(scale > 0, scale, 1.0)
    _q, r, pivot = linalg.qr(scaled, mode="economic", pivoting=True)
    diagonal = np.abs(np.diag(r))
    rank = int(np.sum(diagonal > 1e-7 * diagonal[0]))
    chosen = sorted(keep[i] for i in pivot[:rank])
    if 0 not in chosen:
        chosen = [0, *chosen[:-1]]
    return np.asarray(chosen)


def prune(x: np.ndarray) -> np.ndarray | None:
    """The tested factor (column 0) and the intercept (column 1) with the controls that add
    something; None when the tested factor cannot be told apart from them."""
    chosen = 1 + independent(x[:, 1:])
    resid = residualize(x[:, chosen], x[:, 0])
    total = float(np.sum((x[:, 0] - x[:, 0].mean()) ** 2))
    if total <= 0 or float(resid @ resid) < 1e-3 * total or x.shape[0] - len(chosen) - 1 < 10:
        return None
    return x[:, [0, *chosen]]


_WORDS = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven"}
# How a factor may act, each tested as its own exposure (one test per factor over them all,
# see joint.py): its value on the day, on the day before, its mean over the last three days
# (a debt that builds up, such as short nights), and for numbers that are often 0, any at all
# vs none (a threshold, such as any missed meal).
PATTERNS = ("same_day", "next_day", "three_days", "any")
# The days before a period (a factor the analysis derives, cycle.py) are tested as windows of
# 4 days (its "same_day"), and of 3 and 5 days: how many days before a period matter differs
# from person to person, and a 4-day window holds a 2-day effect at half strength.  Nested
# windows are nearly the same test, so the one test over them costs little.  Its mean over
# three days (a smeared window) is not tested.
WINDOW_PATTERNS = {f"{_WORDS[k]}_days_before": k for k in OTHER_WINDOWS}
PATTERN_LAG = {"same_day": 0, "next_day": 1, "three_days": 0, "any": 0}
PATTERN_LAG.update(dict.fromkeys(WINDOW_PATTERNS, 0))
# The forms every factor is offered in as a control (post-double-selection), and which of
# them a pattern's model takes its controls from.
CANDIDATE_PATTERNS = ("same_day", "next_day", "three_days")
PATTERN_SELECTION = {
    "same_day": ("same_day",),
    "next_day": ("next_day",),
    "three_days": ("three_days",),
    "any": ("same_day",),
    **dict.fromkeys(WINDOW_PATTERNS, ("same_day",)),
}
IN_PLACE_OF_DAY = ("three_days", "any", *WINDOW_PATTERNS)
# Factors tested holding each other: the phases of one cycle.
PARTNERS = {PERIOD: (BEFORE_PERIOD,), BEFORE_PERIOD: (PERIOD,)}
THRESHOLD_SHARE = 0.2  # "any vs none" needs at least this share of days each way


def patterns(
    logged: np.ndarray, binary: bool, windows: dict[str, np.ndarray] | None = None
) -> tuple[str, ...]:
    """The patterns a factor is tested for, from its values on the logged days; ``windows``
    (the days before a period, by pattern, on the logged days) replace the mean over three
    days for that factor, each when it has enough days each way."""
    if windows:
        usable = [p for p, v in windows.items() if shortfall(v, binary=True) is None]
        return ("same_day", "next_day", "three_days", *usable)
    if binary:
        return ("same_day", "next_day", "three_days")
    seen = logged[~np.isnan(logged)]
    zero = float(np.mean(seen == 0)) if len(seen) else 0.0
    distinct = len(np.unique(seen))
    if THRESHOLD_SHARE <= zero <= 1 - THRESHOLD_SHARE and distinct > 2:
        return PATTERNS
    return PATTERNS[:3]


def exposure(values: np.ndarray, pattern: str) -> np.ndarray:
    """The factor as ``pattern`` tests it, per calendar day (NaN where not known)."""
    if pattern == "next_day":
        return shift(values, 1)
    if pattern == "three_days":
        # The mean of the day and the two before, when at least two of them are logged.
        stacked = np.column_stack([values, shift(values, 1), shift(values, 2)])
        logged = (~np.isnan(stacked)).sum(axis=1)
        with np.errstate(invalid="ignore"):
            mean = np.nanmean(np.where(logged[:, None] > 0, stacked, 0.0), axis=1)
        return np.where(logged >= 2, mean, np.nan)
    if pattern == "any":
        return np.where(np.isnan(values), np.nan, (values > 0).astype(float))
    return values

"""How well does the driver analysis find real drivers, and how rarely does it invent one?

Simulates diaries with a known truth (``twitchlog.insights.simulate``) and compares, at each
diary length:

- engine   ``twitchlog.insights.analyze`` (the product)
- pearson  same-day Pearson correlation of each factor with the count, p < 0.05
- ttest    days with vs without each factor (numeric ones split at the median), Welch t-test
- oracle   a negative binomial fit of exactly the true model (true drivers at their true
           lags, the load at its true time constant, weekday, trend), HAC errors, p < 0.05

Figures (drivers are judged per factor, with the right direction; the stress load counts as
the factor ``anxiety_episodes``):

- power         share of true drivers found
- FDR           mean over persons of false finds / all finds
- false person  share of persons with at least one false driver
- conf / rev    share of confounded / reverse-caused decoys flagged
- cover         share of 95% intervals (at the true lag) holding the true effect
- right lag     share of the engine's true finds made at the true lag (engine only)
- ms/diary      median time per diary

This prints a table; it is never part of the test run's pass/fail.
"""

import argparse
import math
import shlex
import sys
import time
import warnings
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
import statsmodels.api as sm
from scipy import stats

from twitchlog.insights.engine import analyze
from twitchlog.insights.load import load_series
from twitchlog.insights.simulate import LOAD_FACTOR, Truth, simulate_person
from twitchlog.insights.wording import per_value

METHODS = ("engine", "pearson", "ttest", "oracle")


@dataclass
class Tally:
    drivers: int = 0
    found: int = 0
    persons: int = 0
    false_persons: int = 0
    fdp: list[float] = field(default_factory=list)
    confounded: int = 0
    confounded_flagged: int = 0
    reverse: int = 0
    reverse_flagged: int = 0
    intervals: int = 0
    covered: int = 0
    right_lag: int = 0
    load_drivers: int = 0
    load_found: int = 0
    null_persons: int = 0
    null_false: int = 0
    seconds: list[float] = field(default_factory=list)


Flags = dict[str, set[int]]  # factor -> signs flagged (+1 / -1)


def _truth_signs(truth: Truth) -> dict[str, int]:
    signs = {d.factor: (1 if d.rate_ratio > 1 else -1) for d in truth.drivers}
    if truth.load is not None:
        signs[LOAD_FACTOR] = 1 if truth.load.rate_ratio > 1 else -1
    return signs


def _engine(frame: pd.DataFrame, truth: Truth, tally: Tally) -> Flags:
    report = analyze(frame, "twitch_count")
    flags: Flags = defaultdict(set)
    lags: dict[str, set[int]] = defaultdict(set)
    for finding in report.findings:
        if finding.verdict in ("raises", "lowers"):
            flags[finding.factor].add(1 if finding.verdict == "raises" else -1)
            lags[finding.factor].add(finding.lag_days)
    by_key = {(f.factor, f.lag_days, f.kind): f for f in report.findings}
    for driver in truth.drivers:
        kind = "binary" if set(frame[driver.factor].dropna().unique()) <= {0, 1} else "linear"
        other = "linear" if kind == "binary" else "binary"
        at_lag = by_key.get((driver.factor, driver.lag_days, kind)) or by_key.get(
            (driver.factor, driver.lag_days, other)
        )
        if at_lag is not None and at_lag.ci_low is not None and at_lag.ci_high is not None:
            tally.intervals += 1
            tally.covered += at_lag.ci_low <= driver.rate_ratio <= at_lag.ci_high
        sign = 1 if driver.rate_ratio > 1 else -1
        if flags.get(driver.factor) == {sign} and driver.lag_days in lags[driver.factor]:
            tally.right_lag += 1
    return flags


def _pearson(frame: pd.DataFrame, factors: list[str]) -> Flags:
    flags: Flags = defaultdict(set)
    y = frame["twitch_count"].to_numpy(float)
    for name in factors:
        x = frame[name].to_numpy(float)
        ok = ~np.isnan(x) & ~np.isnan(y)
        if ok.sum() < 10 or np.std(x[ok]) == 0 or np.std(y[ok]) == 0:
            continue
        r, p = stats.pearsonr(x[ok], y[ok])
        if p < 0.05:
            flags[name].add(1 if r > 0 else -1)
    return flags


def _ttest(frame: pd.DataFrame, factors: list[str]) -> Flags:
    flags: Flags = defaultdict(set)
    y = frame["twitch_count"].to_numpy(float)
    for name in factors:
        x = frame[name].to_numpy(float)
        ok = ~np.isnan(x) & ~np.isnan(y)
        x, yy = x[ok], y[ok]
        high = x == 1 if set(np.unique(x)) <= {0.0, 1.0} else x > np.median(x)
        if high.sum() < 3 or (~high).sum() < 3:
            continue
        result = stats.ttest_ind(yy[high], yy[~high], equal_var=False)
        if result.pvalue < 0.05:
            flags[name].add(1 if yy[high].mean() > yy[~high].mean() else -1)
    return flags


@dataclass(frozen=True)
class OracleEffect:
    """One true effect as the oracle estimates it (log rate ratio per reporting unit)."""

    factor: str
    truth: float
    coef: float
    se: float
    low: float
    high: float
    p_value: float


def oracle_fit(frame: pd.DataFrame, truth: Truth) -> list[OracleEffect]:
    """The true model fitted by negative binomial GLM with HAC errors; [] if it cannot be."""
    dates = pd.to_datetime(frame["date"])
    calendar = pd.date_range(dates.min(), dates.max(), freq="D")
    position = (dates - calendar[0]).dt.days.to_numpy()
    n = len(calendar)

    def on_calendar(column: str) -> np.ndarray:
        out = np.full(n, np.nan)
        out[position] = frame[column].to_numpy(float)
        return out

    y = on_calendar("twitch_count")
    columns, names = [], []
    for driver in truth.drivers:
        values = on_calendar(driver.factor) / per_value(driver.factor)
        shifted = np.full(n, np.nan)
        shifted[driver.lag_days :] = values[: n - driver.lag_days]
        columns.append(shifted)
        names.append(driver.factor)
    if truth.load is not None:
        episodes = on_calendar(LOAD_FACTOR)
        episodes = np.where(np.isnan(episodes), np.nanmean(episodes), episodes)
        columns.append(load_series(episodes, (truth.load.time_constant_days,))[:, 0])
        names.append(LOAD_FACTOR)
    weekday = calendar.day_of_week.to_numpy()
    dummies = [(weekday == d).astype(float) for d in range(1, 7)]
    trend = np.arange(n) / n
    x = np.column_stack([*columns, np.ones(n), *dummies, trend])
    rows = ~np.isnan(y) & ~np.isnan(x).any(axis=1)
    if not columns or rows.sum() < 20:
        return []
    model = sm.GLM(y[rows], x[rows], family=sm.families.NegativeBinomial(alpha=truth.dispersion))
    lags = max(2, math.floor(4 * (rows.sum() / 100) ** (2 / 9)))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            fit = model.fit(cov_type="HAC", cov_kwds={"maxlags": lags})
        except np.linalg.LinAlgError:  # a driver that never varied on the logged days
            return []
    low, high = fit.conf_int()[: len(columns)].T
    truths = [math.log(d.rate_ratio) for d in truth.drivers]
    if truth.load is not None:
        truths.append(math.log(truth.load.rate_ratio))
    return [
        OracleEffect(
            name,
            truths[j],
            float(fit.params[j]),
            float(fit.bse[j]),
            float(low[j]),
            float(high[j]),
            float(fit.pvalues[j]),
        )
        for j, name in enumerate(names)
    ]


def _oracle(frame: pd.DataFrame, truth: Truth, tally: Tally) -> Flags:
    flags: Flags = defaultdict(set)
    for effect in oracle_fit(frame, truth):
        if effect.factor != LOAD_FACTOR:
            tally.intervals += 1
            tally.covered += effect.low <= effect.truth <= effect.high
        if effect.p_value < 0.05:
            flags[effect.factor].add(1 if effect.coef > 0 else -1)
    return flags


def _score(flags: Flags, truth: Truth, tally: Tally) -> None:
    signs = _truth_signs(truth)
    tally.persons += 1
    tally.drivers += len(signs)
    false = 0
    for name, flagged in flags.items():
        if name in signs and flagged == {signs[name]}:
            tally.found += 1
            if name == LOAD_FACTOR:
                tally.load_found += 1
        else:
            false += 1
    tally.load_drivers += truth.load is not None
    tally.false_persons += false > 0
    tally.fdp.append(false / len(flags) if flags else 0.0)
    if truth.is_null:
        tally.null_persons += 1
        tally.null_false += false > 0
    if truth.confounded_decoy:
        tally.confounded += 1
        tally.confounded_flagged += truth.confounded_decoy in flags
    if truth.reverse_decoy:
        tally.reverse += 1
        tally.reverse_flagged += truth.reverse_decoy in flags


def run(lengths: list[int], persons: int, seed: int) -> dict[Any, Tally]:
    tallies: dict[Any, Tally] = defaultdict(Tally)
    for days in lengths:
        for i in range(persons):
            frame, truth = simulate_person(days, seed + 100_003 * days + i)
            factors = [
                c for c in frame.columns if c not in ("date", "twitch_count", "twitch_severity")
            ]
            for method in METHODS:
                tally = tallies[(days, method)]
                start = time.perf_counter()
                if method == "engine":
                    flags = _engine(frame, truth, tally)
                elif method == "pearson":
                    flags = _pearson(frame, factors)
                elif method == "ttest":
                    flags = _ttest(frame, factors)
                else:
                    flags = _oracle(frame, truth, tally)
                tally.seconds.append(time.perf_counter() - start)
                _score(flags, truth, tally)
    return tallies


def _pct(part: int | float, whole: int | float) -> str:
    return f"{100 * part / whole:5.1f}" if whole else "    —"


def table(tallies: dict[Any, Tally], lengths: list[int]) -> str:
    header = (
        "| days | method  | power | FDR  | false person | null false | conf | rev  "
        "| cover | load power | right lag | ms/diary |"
    )
    lines = [header, "|" + "|".join("---" for _ in header.split("|")[1:-1]) + "|"]
    for days in lengths:
        for method in METHODS:
            t = tallies[(days, method)]
            oracle = method == "oracle"
            lines.append(
                f"| {days} | {method:<7} | {_pct(t.found, t.drivers)} "
                f"| {'  —' if oracle else _pct(sum(t.fdp), len(t.fdp))} "
                f"| {'  —' if oracle else _pct(t.false_persons, t.persons)} "
                f"| {'  —' if oracle else _pct(t.null_false, t.null_persons)} "
                f"| {'  —' if oracle else _pct(t.confounded_flagged, t.confounded)} "
                f"| {'  —' if oracle else _pct(t.reverse_flagged, t.reverse)} "
                f"| {_pct(t.covered, t.intervals)} "
                f"| {_pct(t.load_found, t.load_drivers)} "
                f"| {_pct(t.right_lag, t.found - t.load_found) if method == 'engine' else '  —'} "
                f"| {1000 * float(np.median(t.seconds)):.0f} |"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--persons", type=int, default=200, help="simulated persons per length")
    parser.add_argument("--lengths", default="60,90,180,365", help="diary lengths in days")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--quick", action="store_true", help="smoke run: 20 persons per length")
    args = parser.parse_args(argv)
    persons = 20 if args.quick else args.persons
    lengths = [int(v) for v in args.lengths.split(",")]
    command = shlex.join(
        ["python", "bench/insights_power.py", *(sys.argv[1:] if argv is None else argv)]
    )
    print(f"# {command}")
    print(f"# {persons} simulated persons per length, default SimSpec, seed {args.seed}")
    started = time.perf_counter()
    tallies = run(lengths, persons, args.seed)
    print(table(tallies, lengths))
    print(f"# total {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()

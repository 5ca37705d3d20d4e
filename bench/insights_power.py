"""How well does the driver analysis find real drivers, and how rarely does it invent one?

Simulates diaries of each scenario in ``twitchlog.insights.scenarios`` (persistent factors,
periods, the days before a period, sleep debt, thresholds, two drivers at once, the stress
load, none at all, and the mixed default population) and compares, at each diary length:

- engine   ``twitchlog.insights.analyze`` (the product)
- pearson  same-day Pearson correlation of each factor with the count, p < 0.05
- ttest    days with vs without each factor (numeric ones split at the median), Welch t-test
- oracle   the honest oracle: a negative binomial model of exactly the true form of each
           planted driver (its lag, the three-night mean for sleep debt, "any" for a
           threshold, the days before a period, the load at its true time constant), weekday
           and trend, with no knowledge of the hidden day-to-day state: dispersion estimated,
           Newey–West errors with the engine's small-sample corrections, and Holm at 5%
           across all of the person's factor columns

Figures per length and scenario (drivers are judged per factor, with the right direction; the
stress load counts as ``anxiety_episodes``, the days before a period as ``before_period``):

- power         share of true drivers found; ``/oracle`` the same as a share of the oracle's
- false person  share of persons with at least one false driver
- conf / rev    share of confounded / reverse-caused decoys flagged
- cover         share of 95% intervals holding the true effect, where the interval is for exactly
                the planted quantity: for the engine, the finding at the true lag *and* of the
                true pattern (the same day or the day before; a finding that holds the
                three-day mean or "any vs none" in its place estimates another quantity and is
                left out, as is a window before a period of another length than the one the
                engine counted); drivers whose true form is a plain factor at a lag, a period,
                or the days before a period

Under the table, for the engine: the counts behind the false-person, decoy and coverage rates
with exact (Clopper–Pearson) 95% intervals.
- ms/diary      median time per diary

This prints tables; it is never part of the test run's pass/fail.
"""

import argparse
import math
import shlex
import sys
import time
import warnings
from collections import defaultdict
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats
from scipy.special import stdtr, stdtrit

from twitchlog.insights import glm
from twitchlog.insights.cycle import BEFORE_PERIOD, DAYS_BEFORE
from twitchlog.insights.design import WINDOW_PATTERNS, calendar_terms
from twitchlog.insights.engine import analyze
from twitchlog.insights.load import load_series
from twitchlog.insights.scenarios import SCENARIOS, scenario_spec
from twitchlog.insights.simulate import LOAD_FACTOR, SimSpec, TrueDriver, Truth, simulate_person
from twitchlog.insights.wording import per_value

METHODS = ("engine", "oracle", "pearson", "ttest")
ORACLE_LEVEL = 0.05
OUTCOME_COLUMNS = ("date", "twitch_count", "twitch_severity")


@dataclass
class Tally:
    drivers: int = 0
    found: int = 0
    persons: int = 0
    false_persons: int = 0
    confounded: int = 0
    confounded_flagged: int = 0
    reverse: int = 0
    reverse_flagged: int = 0
    intervals: int = 0
    covered: int = 0
    other_estimand: int = 0  # engine intervals of another quantity than the planted one
    seconds: list[float] = field(default_factory=list)

    def add(self, other: "Tally") -> None:
        for name, value in vars(other).items():
            setattr(self, name, getattr(self, name) + value)


Flags = dict[str, set[int]]  # factor -> signs flagged (+1 / -1)


def judged_name(driver: TrueDriver) -> str:
    """The factor a method must name for this driver."""
    return BEFORE_PERIOD if driver.form == "premenstrual" else driver.factor


def _truth_signs(truth: Truth) -> dict[str, int]:
    signs = {judged_name(d): (1 if d.rate_ratio > 1 else -1) for d in truth.drivers}
    if truth.load is not None:
        signs[LOAD_FACTOR] = 1 if truth.load.rate_ratio > 1 else -1
    return signs


def _covers(truth_value: float, low: float | None, high: float | None) -> int | None:
    if low is None or high is None:
        return None
    return int(low <= truth_value <= high)


def _engine(frame: pd.DataFrame, truth: Truth, tally: Tally) -> Flags:
    report = analyze(frame, "twitch_count")
    flags: Flags = defaultdict(set)
    for finding in report.findings:
        if finding.verdict in ("raises", "lowers"):
            flags[finding.factor].add(1 if finding.verdict == "raises" else -1)
    by_key = {(f.factor, f.lag_days): f for f in report.findings if f.kind != "load"}
    for driver in truth.drivers:
        if driver.form not in ("lag", "period", "premenstrual"):
            continue
        at_lag = by_key.get((judged_name(driver), driver.lag_days))
        if at_lag is None or at_lag.pattern != true_pattern(driver):
            # The finding at this lag estimates another quantity (the mean over three days,
            # "any vs none", or a window before a period of another length than the planted
            # one): its interval makes no claim about the planted effect.
            tally.other_estimand += at_lag is not None and at_lag.ci_low is not None
            continue
        covered = _covers(driver.rate_ratio, at_lag.ci_low, at_lag.ci_high)
        if covered is not None:
            tally.intervals += 1
            tally.covered += covered
    return flags


def true_pattern(driver: TrueDriver) -> str | None:
    """The engine's pattern whose interval claims to cover exactly this driver's planted
    effect, or None when no pattern does."""
    if driver.form == "premenstrual":
        # The engine's "before a period" is the DAYS_BEFORE days before each start, or a
        # window of another length (WINDOW_PATTERNS); only a planted window of that length
        # is the same quantity.
        runs = np.diff(np.flatnonzero(np.diff(np.concatenate([[0.0], driver.exposure, [0.0]]))))
        if not len(runs):
            return None
        planted = int(runs[::2].max())
        windows = {DAYS_BEFORE: "same_day"} | {d: p for p, d in WINDOW_PATTERNS.items()}
        return windows.get(planted)
    if driver.form in ("lag", "period"):
        return "next_day" if driver.lag_days == 1 else "same_day"
    return None


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
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            result = stats.ttest_ind(yy[high], yy[~high], equal_var=False)
        if result.pvalue < 0.05:
            flags[name].add(1 if yy[high].mean() > yy[~high].mean() else -1)
    return flags


@dataclass(frozen=True)
class OracleEffect:
    """One true effect as the honest oracle estimates it (log rate ratio per unit)."""

    factor: str
    truth: float
    coef: float
    low: float
    high: float
    p_value: float
    form: str


def _calendar(frame: pd.DataFrame) -> tuple[pd.DatetimeIndex, np.ndarray]:
    dates = pd.to_datetime(frame["date"])
    calendar = pd.date_range(dates.min(), dates.max(), freq="D")
    return calendar, (dates - calendar[0]).dt.days.to_numpy()


def _true_exposure(
    driver: TrueDriver, frame: pd.DataFrame, calendar: pd.DatetimeIndex, position: np.ndarray
) -> np.ndarray:
    n = len(calendar)
    if driver.exposure:
        # Forms other than a plain lag: what the driver really acted through, one value per
        # simulated day from the simulation's start date, on the days the person logged the
        # factor (a day left blank tells the engine nothing; the oracle must not know it).
        start = (calendar[0] - pd.Timestamp(SimSpec().start)).days
        values = np.asarray(driver.exposure, dtype=float)[start : start + n]
        logged = np.zeros(n, dtype=bool)
        logged[position] = ~frame[driver.factor].isna().to_numpy()
        values = np.where(logged, values, np.nan)
        return values / (per_value(driver.factor) if driver.form == "nights" else 1.0)
    values = np.full(n, np.nan)
    values[position] = frame[driver.factor].to_numpy(float) / per_value(driver.factor)
    out = np.full(n, np.nan)
    out[driver.lag_days :] = values[: n - driver.lag_days]
    return out


def oracle_fit(frame: pd.DataFrame, truth: Truth) -> list[OracleEffect]:
    """The true forms fitted honestly; [] if they cannot be."""
    calendar, position = _calendar(frame)
    n = len(calendar)
    y = np.full(n, np.nan)
    y[position] = frame["twitch_count"].to_numpy(float)
    columns, names, truths, forms = [], [], [], []
    for driver in truth.drivers:
        columns.append(_true_exposure(driver, frame, calendar, position))
        names.append(judged_name(driver))
        truths.append(math.log(driver.rate_ratio))
        forms.append(driver.form)
    if truth.load is not None:
        episodes = np.full(n, np.nan)
        episodes[position] = frame[LOAD_FACTOR].to_numpy(float)
        episodes = np.where(np.isnan(episodes), np.nanmean(episodes), episodes)
        columns.append(load_series(episodes, (truth.load.time_constant_days,))[:, 0])
        names.append(LOAD_FACTOR)
        truths.append(math.log(truth.load.rate_ratio))
        forms.append("load")
    if not columns:
        return []
    observed = ~np.isnan(y)
    x = np.column_stack([*columns, calendar_terms(calendar, observed)])
    rows = observed & ~np.isnan(x).any(axis=1)
    if rows.sum() < 20:
        return []
    xr, yr, days = x[rows], y[rows], np.flatnonzero(rows)
    try:
        poisson = glm.fit_negbin(xr, yr, 0.0)
        alpha = glm.dispersion(yr, poisson.mu)
        fit = glm.fit_negbin(xr, yr, alpha, start=poisson.mu)
    except glm.FitError:
        return []
    m, p = xr.shape
    lags = glm.bandwidth(m)
    dof = glm.hac_dof(m, p, lags)
    out = []
    for j, name in enumerate(names):
        se = math.sqrt(max(glm.hac_variance(fit, xr, j, days, n, lags), 1e-300))
        coef = float(fit.coef[j])
        half = float(stdtrit(dof, 0.975)) * se
        p_value = float(2 * stdtr(dof, -abs(coef) / se))
        out.append(OracleEffect(name, truths[j], coef, coef - half, coef + half, p_value, forms[j]))
    return out


def _oracle(frame: pd.DataFrame, truth: Truth, tally: Tally) -> Flags:
    flags: Flags = defaultdict(set)
    effects = oracle_fit(frame, truth)
    family = len(truth.factors)  # Holm across all of the person's factor columns
    for effect in effects:
        if effect.form in ("lag", "period", "premenstrual"):
            tally.intervals += 1
            tally.covered += effect.low <= effect.truth <= effect.high
    for rank, effect in enumerate(sorted(effects, key=lambda e: e.p_value)):
        if effect.p_value > ORACLE_LEVEL / (family - rank):
            break  # Holm stops at the first test that fails
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
        else:
            false += 1
    tally.false_persons += false > 0
    if truth.confounded_decoy:
        tally.confounded += 1
        tally.confounded_flagged += truth.confounded_decoy in flags
    if truth.reverse_decoy:
        tally.reverse += 1
        tally.reverse_flagged += truth.reverse_decoy in flags


def run(
    lengths: list[int],
    persons: int,
    seed: int,
    scenarios: list[str],
    methods: tuple[str, ...],
    no_confounders: bool = False,
) -> dict[Any, Tally]:
    tallies: dict[Any, Tally] = defaultdict(Tally)
    for days in lengths:
        for s, scenario in enumerate(scenarios):
            for i in range(persons):
                person_seed = seed + 100_003 * days + 10_007 * s + i
                spec = scenario_spec(scenario, i)
                if no_confounders:
                    spec = replace(spec, confounded_share=0.0)
                frame, truth = simulate_person(days, person_seed, spec)
                factors = [c for c in frame.columns if c not in OUTCOME_COLUMNS]
                for method in methods:
                    tally = tallies[(days, scenario, method)]
                    start = time.perf_counter()
                    if method == "engine":
                        flags = _engine(frame, truth, tally)
                    elif method == "oracle":
                        flags = _oracle(frame, truth, tally)
                    elif method == "pearson":
                        flags = _pearson(frame, factors)
                    else:
                        flags = _ttest(frame, factors)
                    tally.seconds.append(time.perf_counter() - start)
                    _score(flags, truth, tally)
    return tallies


def _pct(part: int | float, whole: int | float) -> str:
    return f"{100 * part / whole:5.1f}" if whole else "    —"


def table(
    tallies: dict[Any, Tally], lengths: list[int], scenarios: list[str], methods: tuple[str, ...]
) -> str:
    header = (
        "| days | scenario | method | power | /oracle | false person | conf | rev | cover "
        "| ms/diary |"
    )
    lines = [header, "|" + "|".join("---" for _ in header.split("|")[1:-1]) + "|"]
    for days in lengths:
        for scenario in [*scenarios, "overall"]:
            rows = {}
            for method in methods:
                if scenario == "overall":
                    total = Tally()
                    for name in scenarios:
                        total.add(tallies[(days, name, method)])
                    rows[method] = total
                else:
                    rows[method] = tallies[(days, scenario, method)]
            oracle_power = (
                rows["oracle"].found / rows["oracle"].drivers
                if "oracle" in rows and rows["oracle"].drivers
                else None
            )
            for method in methods:
                t = rows[method]
                power = t.found / t.drivers if t.drivers else None
                ratio = (
                    f"{100 * power / oracle_power:5.0f}"
                    if power is not None and oracle_power
                    else "    —"
                )
                lines.append(
                    f"| {days} | {scenario} | {method} | {_pct(t.found, t.drivers)} | {ratio} "
                    f"| {_pct(t.false_persons, t.persons)} "
                    f"| {_pct(t.confounded_flagged, t.confounded)} "
                    f"| {_pct(t.reverse_flagged, t.reverse)} "
                    f"| {_pct(t.covered, t.intervals)} "
                    f"| {1000 * float(np.median(t.seconds)):.0f} |"
                )
    return "\n".join(lines)


def _ci(part: int, whole: int) -> str:
    if not whole:
        return "—"
    low, high = stats.binomtest(part, whole).proportion_ci(0.95)  # Clopper–Pearson
    return f"{part}/{whole} = {100 * part / whole:.1f}% (95% CI {100 * low:.1f}–{100 * high:.1f})"


def counts(
    tallies: dict[Any, Tally], lengths: list[int], scenarios: list[str], method: str = "engine"
) -> str:
    """The rates behind the limits, with how many they are computed from and exact intervals:
    with a few dozen decoys a rate of 2% is one or two events."""
    lines = []
    for days in lengths:
        t = Tally()
        for name in scenarios:
            t.add(tallies[(days, name, method)])
        lines += [
            f"# {days} days, {method}: false person {_ci(t.false_persons, t.persons)}",
            f"#   confounded decoys flagged {_ci(t.confounded_flagged, t.confounded)}; "
            f"reverse-caused {_ci(t.reverse_flagged, t.reverse)}; "
            f"both {_ci(t.confounded_flagged + t.reverse_flagged, t.confounded + t.reverse)}",
            f"#   intervals covering {_ci(t.covered, t.intervals)}"
            + (f"; {t.other_estimand} of another quantity left out" if t.other_estimand else ""),
        ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--persons", type=int, default=100, help="simulated persons per scenario and length"
    )
    parser.add_argument("--lengths", default="90,180,365", help="diary lengths in days")
    parser.add_argument("--scenarios", default=",".join(SCENARIOS))
    parser.add_argument("--methods", default=",".join(METHODS))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--quick", action="store_true", help="smoke run: 10 persons each")
    parser.add_argument(
        "--no-confounders",
        action="store_true",
        help="plant no confounded decoy (what holding one costs the engine)",
    )
    args = parser.parse_args(argv)
    persons = 10 if args.quick else args.persons
    lengths = [int(v) for v in args.lengths.split(",")]
    scenarios = args.scenarios.split(",")
    methods = tuple(args.methods.split(","))
    command = shlex.join(
        ["python", "bench/insights_power.py", *(sys.argv[1:] if argv is None else argv)]
    )
    print(f"# {command}")
    print(f"# {persons} simulated persons per scenario and length, seed {args.seed}")
    started = time.perf_counter()
    tallies = run(lengths, persons, args.seed, scenarios, methods, args.no_confounders)
    print(table(tallies, lengths, scenarios, methods))
    if "engine" in methods:
        print(counts(tallies, lengths, scenarios))
    print(f"# total {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()

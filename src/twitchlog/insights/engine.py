"""The driver analysis: which logged factors change a person's twitching, honestly.

``analyze(frame, outcome)`` takes a daily diary (README's CSV shape) and returns a
:class:`~twitchlog.insights.report.Report`.  How it works (docs/insights.md has the why):

1. Lay the diary on a full calendar; gaps and blanks stay missing.
2. Each factor is tested in a few patterns (on the day, the day before, the mean of three
   days, and "any vs none" for numbers that are often 0), one model each: negative binomial
   for counts, least squares for 0-10 ratings.  Every model holds the weekday, a slow trend,
   the model's own surprise on the days before the tested day (so runs of bad days, and a
   factor that follows them, are not blamed on it), the stress load, and the other factors
   picked by post-double-selection (a lasso for the outcome and one for the tested factor,
   the latter's picks kept only if a relaxed lasso for the outcome picks them too).  Not the
   factor's own neighbouring days: version 2 leaves serial correlation to the errors.
   Controls may be filled with a missing flag; the tested factor never is.  A factor's
   patterns make one test of the factor (joint.py: the largest of its correlated estimates),
   and the pattern that shows most clearly describes how it acts.
3. Standard errors are Newey–West on the real calendar; intervals use t quantiles.
4. The stress load gets a score test calibrated by circular shifts (see :mod:`load`).
5. All tests of a person share one Benjamini–Hochberg correction.  A finding that looks like a
   response to earlier twitching (the factor rises after bad days, in the same direction as
   the effect) is not called a driver.
"""

import math
from dataclasses import replace

import numpy as np
import pandas as pd

from twitchlog.insights import (
    cycle,
    design,
    errors,
    fitting,
    glm,
    joint,
    loadfit,
    reverse,
    wording,
)
from twitchlog.insights.frame import read_diary
from twitchlog.insights.report import MIN_DAYS, Finding, LoadReport, Report

HISTORY_ROUNDS = 2  # refits with the model's own surprise before the tested day
HISTORY_COLUMNS = 4  # yesterday's surprise and the week before's, each with a blank flag


def _from_test(
    test: fitting.Test,
    unit: str,
    verdict: str,
    summary: str,
    *,
    effect: float | None = None,
    low: float | None = None,
    high: float | None = None,
    more: int | None = None,
) -> Finding:
    """A finding for ``test``: the factor, lag, kind, days and pattern come from the test, and
    so do the p and q values once it has an estimate of its own (a test without one may carry
    its factor's shared values, which are not its finding)."""
    has_estimate = test.estimate is not None
    return Finding(
        factor=test.factor,
        lag_days=test.lag,
        kind=test.kind,
        effect=effect,
        effect_unit=unit,
        ci_low=low,
        ci_high=high,
        p_value=test.p_value if has_estimate else None,
        q_value=test.q_value if has_estimate else None,
        verdict=verdict,
        summary=summary,
        days_used=test.days,
        more_days_needed=more,
        pattern=test.pattern,
    )


def _not_enough(test: fitting.Test, unit: str, summary: str) -> Finding:
    return _from_test(test, unit, "not_enough_data", summary)


def _test_factor(person: fitting.Person, name: str, pattern: str) -> fitting.Test:
    assert person.candidate_columns is not None
    if pattern in design.WINDOW_PATTERNS:
        x = person.windows[pattern]
    else:
        x = design.exposure(person.scaled[name], pattern)
    lag = design.PATTERN_LAG[pattern]
    rows = person.observed & ~np.isnan(x)
    binary = person.binary[name] or pattern == "any"
    test = fitting.Test(name, lag, "binary" if binary else "linear", int(rows.sum()), pattern)
    if test.days < MIN_DAYS:
        test.shortfall = "few"
        return test
    forced = [person.base]
    if person.load is not None:
        forced.append(person.load[:, None])
    for partner in design.PARTNERS.get(name, ()):
        if partner in person.scaled:  # the other phase of the cycle is one construct
            forced.append(np.column_stack(design.filled(person.scaled[partner])))
    outcome_side = fitting.selected_controls(person, 0, exclude=name)
    weighted = list(outcome_side)
    for selection in design.PATTERN_SELECTION[pattern]:
        index = person.candidates.index((name, selection))
        weighted += fitting.selected_controls(person, person.first_factor_response + index)
    best: dict[int, float] = {}
    for weight, k in weighted:
        best[k] = max(best.get(k, 0.0), weight)
    n_forced = sum(block.shape[1] for block in forced) + 1 + HISTORY_COLUMNS
    room = max(0, min(test.days // 6, test.days - n_forced - 12))
    chosen = sorted(best, key=lambda k: -best[k])[:room]
    predicts_outcome = {k for _w, k in outcome_side}
    # A control that goes with the outcome and is left blank on a day cannot stand in for
    # itself there (a filled-in mean would let the tested factor carry its effect), so those
    # controls need whole days; the least important give way if that would leave too few.
    # A control picked only because it travels with the tested factor is filled with its
    # mean and a blank flag on its blank days.
    strict = [k for k in chosen if k in predicts_outcome]
    loose = [k for k in chosen if k not in strict]

    def column(k: int) -> np.ndarray:
        return design.exposure(person.scaled[person.candidates[k][0]], person.candidates[k][1])

    columns = [column(k) for k in strict]
    while columns:
        complete = rows & ~np.isnan(np.column_stack(columns)).any(axis=1)
        if complete.sum() >= MIN_DAYS:
            rows = complete
            break
        columns.pop()
    columns += [block for k in loose for block in design.filled(column(k))]
    test.days = int(rows.sum())
    selected = [v[:, None] for v in columns]
    matrix = np.column_stack([x, *forced, *selected])[rows]
    pruned = design.prune(matrix)
    y, days = person.diary.y[rows], np.flatnonzero(rows)
    try:
        if pruned is None:
            raise glm.FitError("collinear")
        with_history = design.prune(_with_history(person, pruned, y, days, lag))
        if with_history is None:
            raise glm.FitError("collinear")
        test.estimate = fitting.fit_estimate(person, with_history, y, days)
    except glm.FitError:
        test.shortfall = "collinear"
        return test
    test.p_value = test.estimate.p_value
    return test


def _with_history(
    person: fitting.Person, matrix: np.ndarray, y: np.ndarray, days: np.ndarray, lag: int
) -> np.ndarray:
    """``matrix`` plus the model's own surprise before the tested day (yesterday's, and with
    90+ days the week before's), refitted :data:`HISTORY_ROUNDS` times.

    This takes runs of bad days (a hidden day-to-day state) out of the test, as holding the
    outcome before the day did, but holds only the part of the earlier days that the model
    does *not* explain: a factor that carries over from day to day explains its own share of
    yesterday's twitching, so it is no longer competing with it (an observation-driven model,
    as in GLARMA; Davis, Dunsmuir & Streett 2003).
    """
    full = matrix
    for _ in range(HISTORY_ROUNDS):
        fit = fitting.fit_model(person, full, y, days)
        surprise = fitting.surprise_of(person, fit, y, days)
        history = design.outcome_history(surprise, lag, len(days))[days]
        full = np.column_stack([matrix, history])
    return full


def _one_per_factor(tests: list[fitting.Test]) -> list[fitting.Test]:
    """The test that counts for each factor (see :mod:`joint`): the pattern that shows most
    clearly, with a p-value for the largest of the factor's patterns.  The others are kept
    for their estimates but not counted."""
    counted = []
    by_factor: dict[str, list[fitting.Test]] = {}
    for test in tests:
        if test.p_value is not None and test.estimate is not None:
            by_factor.setdefault(test.factor, []).append(test)
    for group in by_factor.values():
        best = min(group, key=lambda t: t.p_value or 1.0)
        estimates = [t.estimate for t in group if t.estimate is not None]
        for test in group:
            test.counted, test.counted_as = test is best, best
        best.p_value = joint.max_p_value(
            [t.p_value or 1.0 for t in group], joint.correlations(estimates)
        )
        counted.append(best)
    return counted


def _reported(tests: list[fitting.Test]) -> list[fitting.Test]:
    """Two findings per factor, the same day and the day after.  A factor whose counted
    pattern is its last three days or "any vs none" reports that pattern in place of the
    same day (the window ends on the day)."""
    out = []
    by_factor: dict[str, dict[str, fitting.Test]] = {}
    for test in tests:
        by_factor.setdefault(test.factor, {})[test.pattern] = test
    for patterns in by_factor.values():
        same_day = next(
            (t for t in patterns.values() if t.counted and t.pattern in design.IN_PLACE_OF_DAY),
            patterns["same_day"],
        )
        out += [same_day, patterns["next_day"]]
    return out


def _finding(person: fitting.Person, test: fitting.Test, tests: int) -> Finding:
    outcome = person.diary.outcome
    binary = test.kind == "binary"
    unit = wording.effect_unit(outcome, test.factor, binary, test.pattern)
    if test.estimate is None:
        reason = wording.not_enough_summary(
            test.factor,
            test.shortfall or "few",
            test.days,
            MIN_DAYS,
            binary=binary,
        )
        return _not_enough(test, unit, reason)
    effect, low, high = fitting.on_scale(person, test.estimate)
    verdict = fitting.verdict_of(test)
    more = None
    if verdict in ("raises", "lowers"):
        summary = wording.driver_summary(
            outcome, test.factor, test.lag, binary, effect, low, high, test.pattern
        )
    elif test.reverse:
        summary = wording.reverse_summary(test.factor)
    elif not test.counted and fitting.verdict_of(replace(test, counted=True)) != verdict:
        best = test.counted_as or test
        summary = wording.counted_elsewhere_summary(test.factor, best.lag, best.pattern)
    else:
        size = math.log(fitting.POWER_RATE_RATIO) if person.count else fitting.POWER_POINTS
        more = fitting.more_days_needed(person, test.estimate, size, tests)
        summary = wording.unclear_summary(
            outcome, test.factor, test.lag, binary, more, low, high, test.pattern
        )
    return _from_test(test, unit, verdict, summary, effect=effect, low=low, high=high, more=more)


def analyze(
    frame: pd.DataFrame,
    outcome: str = "twitch_count",
    *,
    seed: int = 0,
) -> Report:
    """Find what drives ``outcome`` in a daily diary; see the module docstring.

    ``seed`` fixes the simulated draws behind the stress load's p-value.
    """
    diary = read_diary(frame, outcome)
    person = fitting.prepare(diary)
    days_used = int(person.observed.sum())
    names = sorted(person.scaled)
    shortfalls = {
        name: design.shortfall(person.scaled[name][person.observed], person.binary[name])
        for name in names
    }
    testable = [name for name in names if shortfalls[name] is None]
    steady = design.shortfall(diary.y[person.observed], binary=False) == "flat"
    if days_used < MIN_DAYS or steady:
        reason = "steady" if days_used >= MIN_DAYS else "diary"
        empty = tuple(
            _not_enough(
                fitting.Test(
                    name,
                    lag,
                    "binary" if person.binary[name] else "linear",
                    int(
                        np.sum(person.observed & ~np.isnan(design.shift(person.scaled[name], lag)))
                    ),
                ),
                wording.effect_unit(outcome, name, person.binary[name]),
                wording.not_enough_summary(name, reason, days_used, MIN_DAYS),
            )
            for name in names
            for lag in design.LAGS
        )
        reason = "missing" if fitting.LOAD_SOURCE not in diary.factors else "few"
        unavailable = LoadReport(
            available=False,
            verdict="not_enough_data",
            summary=wording.load_unavailable_summary(reason),
        )
        return Report(outcome, days_used, empty, unavailable, diary.left_out)

    fitting.select_controls(person, testable)
    fitting.set_dispersion(person)
    load_result = loadfit.fit_load(person, np.random.default_rng(seed))

    tests: list[fitting.Test] = []
    for name in names:
        if shortfalls[name] is not None:
            for lag, pattern in zip(design.LAGS, ("same_day", "next_day"), strict=True):
                days = int(
                    np.sum(person.observed & ~np.isnan(design.shift(person.scaled[name], lag)))
                )
                kind = "binary" if person.binary[name] else "linear"
                tests.append(
                    fitting.Test(name, lag, kind, days, pattern, shortfall=shortfalls[name])
                )
            continue
        windows = (
            {p: v[person.observed] for p, v in person.windows.items()}
            if name == cycle.BEFORE_PERIOD
            else None
        )
        logged = person.scaled[name][person.observed]
        for pattern in design.patterns(logged, person.binary[name], windows):
            tests.append(_test_factor(person, name, pattern))

    family = [*_one_per_factor(tests)]
    if load_result.test.p_value is not None:
        family.append(load_result.test)
    # Weighted multiple testing: the stress load is the main suspect named by what is known
    # about anxiety twitching, so it gets a larger, pre-set share of the error budget.
    q_values, holm = errors.adjust(
        [t.p_value or 1.0 for t in family], [t.kind == "load" for t in family]
    )
    for test, q, h in zip(family, q_values, holm, strict=True):
        test.q_value, test.holm = q, h
    reverse.check(person, family)
    for test in tests:  # a factor's other patterns share its test, and its reverse check
        if not test.counted:
            partner = next(t for t in family if t.factor == test.factor)
            test.p_value, test.q_value = partner.p_value, partner.q_value
            test.holm, test.reverse = partner.holm, partner.reverse

    findings = [_finding(person, test, len(family)) for test in _reported(tests)]
    load_report = loadfit.describe_load(person, load_result, len(family))
    if load_result.test.estimate is not None:
        findings.append(
            Finding(
                factor=fitting.LOAD_SOURCE,
                lag_days=0,
                kind="load",
                effect=load_report.effect,
                effect_unit=load_report.effect_unit,
                ci_low=load_report.ci_low,
                ci_high=load_report.ci_high,
                p_value=load_report.p_value,
                q_value=load_report.q_value,
                verdict=load_report.verdict,
                summary=load_report.summary,
                days_used=load_result.test.days,
                more_days_needed=None,
                pattern="build_up",
            )
        )
    return Report(outcome, days_used, tuple(findings), load_report, diary.left_out)

"""Fitting the stress load to a person's diary and reporting it (the maths is in :mod:`load`)."""

import math
from dataclasses import dataclass, replace

import numpy as np

from twitchlog.insights import design, fitting, glm, load, wording
from twitchlog.insights.report import MIN_DAYS, LoadReport


@dataclass
class LoadResult:
    test: fitting.Test
    tau: float | None = None
    series: np.ndarray | None = None
    permutations: int = 0
    reason: str = ""


def fit_load(person: fitting.Person, rng: np.random.Generator) -> LoadResult:
    episodes = person.diary.factors.get(fitting.LOAD_SOURCE)
    test = fitting.Test(fitting.LOAD_SOURCE, 0, "load", 0)
    if episodes is None:
        test.shortfall = "missing"
        return LoadResult(test, reason="missing")
    logged = ~np.isnan(episodes) & person.observed
    test.days = int(logged.sum())
    if test.days < MIN_DAYS or int(np.sum(episodes[logged] > 0)) < design.MIN_VARIED_DAYS:
        test.shortfall = "few"
        return LoadResult(test, reason="few")
    assert person.candidate_columns is not None
    series = design.filled(episodes)[0]
    rows = person.observed
    chosen = sorted({k for _w, k in fitting.selected_controls(person, 0)})
    controls = [
        np.column_stack(
            design.filled(
                design.exposure(person.scaled[person.candidates[k][0]], person.candidates[k][1])
            )
        )
        for k in chosen
    ]
    # The model the load is fitted in: weekday, trend and the factors that go with the
    # outcome.  Its test also holds the outcome before the day (as every factor model does),
    # which takes runs of bad days out of the residuals the scores are made of.
    x0 = np.column_stack([person.base, *controls])[rows]
    x0 = x0[:, design.independent(x0)]
    x_null = np.column_stack([x0, person.history[0][rows]])
    x_null = x_null[:, design.independent(x_null)]
    y = person.diary.y[rows]
    days = np.flatnonzero(rows)
    try:
        null = (
            glm.fit_negbin(x_null, y, person.alpha) if person.count else glm.fit_linear(x_null, y)
        )
    except glm.FitError:
        test.shortfall = "few"
        return LoadResult(test, reason="few")
    grid = load.load_series(series, load.TAU_GRID)
    # The score test for every tau: sum over logged days of (count - mean) x weight; see
    # load.score_weights and load.shifted_scores.
    days_with_count = np.flatnonzero(~np.isnan(episodes))
    centred = episodes[days_with_count] - series[days_with_count].mean()
    resid = np.zeros(person.diary.n_days)
    resid[rows] = null.resid
    weights = load.score_weights(resid, load.TAU_GRID)[days_with_count]
    observed = centred @ weights
    shifted = load.shifted_scores(weights, centred)
    if len(shifted) >= load.MIN_SHIFTS:
        test.p_value = load.max_score_p_value(observed, shifted, rng)
    best: tuple[float, int] | None = None
    for g in range(len(load.TAU_GRID)):
        xg = np.column_stack([grid[rows, g], x0])
        try:
            fit = glm.fit_negbin(xg, y, person.alpha) if person.count else glm.fit_linear(xg, y)
        except glm.FitError:
            continue
        if best is None or fit.loglik > best[0]:
            best = (fit.loglik, g)
    if best is None or test.p_value is None:
        test.shortfall, test.p_value = "few", None
        return LoadResult(test, reason="few")
    g = best[1]
    xg = np.column_stack([grid[rows, g], x0])
    try:
        test.estimate = fitting.fit_estimate(person, xg, y, days)
        # For the reverse check: the surprise of the model that also holds the outcome before
        # the day, so that runs of bad days do not make it look as if episodes followed them.
        with_history = np.column_stack([grid[rows, g], x_null])
        fit = (
            glm.fit_negbin(with_history, y, person.alpha)
            if person.count
            else glm.fit_linear(with_history, y)
        )
    except glm.FitError:
        test.shortfall, test.p_value, test.estimate = "few", None, None
        return LoadResult(test, reason="few")
    test.estimate = replace(test.estimate, surprise=fitting.surprise_of(person, fit, y, days))
    person.load = grid[:, g]
    return LoadResult(test, load.TAU_GRID[g], grid[:, g], len(shifted))


def describe_load(person: fitting.Person, result: LoadResult, tests: int) -> LoadReport:
    test = result.test
    if test.estimate is None or result.tau is None or result.series is None:
        return LoadReport(
            available=False,
            verdict="not_enough_data",
            summary=wording.load_unavailable_summary(result.reason),
        )
    effect, low, high = fitting.on_scale(person, test.estimate)
    verdict = fitting.verdict_of(test)
    size = math.log(fitting.POWER_RATE_RATIO) if person.count else fitting.POWER_POINTS
    more = (
        fitting.more_days_needed(person, test.estimate, size, tests)
        if verdict == "no_clear_effect"
        else None
    )
    half_life = load.half_life(result.tau)
    return LoadReport(
        available=True,
        verdict=verdict,
        summary=wording.load_summary(
            person.diary.outcome, verdict, half_life, effect, low, high, more
        ),
        time_constant_days=result.tau,
        effect=effect,
        effect_unit=wording.effect_unit(person.diary.outcome, fitting.LOAD_SOURCE, False).replace(
            "per anxiety episode", "per unit of load (one fresh anxiety episode)"
        ),
        ci_low=low,
        ci_high=high,
        p_value=test.p_value,
        q_value=test.q_value,
        permutations=result.permutations,
        dates=tuple(d.date().isoformat() for d in person.diary.dates),
        values=tuple(float(v) for v in result.series),
    )

"""The driver analysis: which logged factors change a person's twitching, honestly.

``analyze(frame, outcome)`` takes a daily diary (README's CSV shape) and returns a
:class:`~twitchlog.insights.report.Report`.  How it works (docs/insights.md has the why):

1. Lay the diary on a full calendar; gaps and blanks stay missing.
2. Each factor is tested on the same day (lag 0) and the day before (lag 1) in its own
   model: negative binomial for counts, least squares for 0–10 ratings.  Every model holds
   the weekday, a slow trend, the outcome *before* the tested day (so a factor that follows
   bad days is not blamed), the factor's own neighbouring days, the stress load, and the
   other factors picked by post-double-selection (a lasso for the outcome and one for the
   tested factor).  Controls may be filled with a missing flag; the tested factor never is.
3. Standard errors are Newey–West on the real calendar; intervals use t quantiles.
4. The stress load gets a score test calibrated by circular shifts (see :mod:`load`).
5. All tests of a person share one Benjamini–Hochberg correction.  A finding that looks like a
   response to earlier twitching (the factor rises after bad days, in the same direction as
   the effect) is not called a driver.
"""

import math
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd
from scipy import linalg
from scipy.special import ndtri, stdtr, stdtrit

from twitchlog.insights import glm, load, wording
from twitchlog.insights.frame import Diary, read_diary
from twitchlog.insights.report import MIN_DAYS, Finding, LoadReport, Report
from twitchlog.insights.selection import double_selection, residualize
from twitchlog.knowledge.factors import FACTORS_BY_NAME

LOAD_SOURCE = "anxiety_episodes"
MIN_VARIED_DAYS = 10  # days off the usual value (each way for yes/no) a factor needs
Q_LEVEL = 0.05  # false discovery rate across all of a person's tests (Benjamini–Hochberg)
FAMILY_LEVEL = 0.10  # chance of any false driver for a person (Holm)
LOAD_WEIGHT = 4.0  # the stress load's share of the error budget, relative to one factor test
REVERSE_LEVEL = 0.05
POWER = 0.8
POWER_RATE_RATIO = 1.3
POWER_POINTS = 1.0
LAGS = (0, 1)
# The reverse check uses days whose factor was also logged on the days before (episodes: a
# few days, as the load carries them): a blank there would hide part of what drove yesterday.
REVERSE_LOGGED_BEFORE = 2
REVERSE_LOGGED_BEFORE_LOAD = 5
REVERSE_OWN = (1, 2)


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


@dataclass
class _Person:
    diary: Diary
    count: bool
    observed: np.ndarray
    transformed: np.ndarray  # log1p(count) or the rating, NaN when not logged
    base: np.ndarray  # calendar x b: intercept, weekday terms, slow trend
    history: dict[int, np.ndarray]  # lag -> calendar x h: the outcome before the tested day
    scaled: dict[str, np.ndarray]  # factor -> values in reporting units
    binary: dict[str, bool]
    alpha: float = 0.0
    start: np.ndarray | None = None  # fitted means of a simpler model: a warm start
    load: np.ndarray | None = None
    candidates: list[tuple[str, int]] = field(default_factory=list)
    candidate_columns: np.ndarray | None = None
    selection: np.ndarray | None = None  # candidates x responses, lasso coefficients
    first_factor_response: int = 1  # responses: the outcome, then each candidate


def _base(dates: pd.DatetimeIndex, observed: np.ndarray) -> np.ndarray:
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


def _history(transformed: np.ndarray, lag: int, n_logged: int) -> np.ndarray:
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


def _is_binary(name: str, values: np.ndarray) -> bool:
    known = FACTORS_BY_NAME.get(name)
    if known:
        return known.kind == "binary"
    seen = values[~np.isnan(values)]
    return len(seen) > 0 and bool(np.all((seen == 0) | (seen == 1)))


def _shortfall(values: np.ndarray, binary: bool) -> str | None:
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


def _independent(x: np.ndarray) -> np.ndarray:
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


def _prune(x: np.ndarray) -> np.ndarray | None:
    """The tested factor (column 0) and the intercept (column 1) with the controls that add
    something; None when the tested factor cannot be told apart from them."""
    chosen = 1 + _independent(x[:, 1:])
    resid = residualize(x[:, chosen], x[:, 0])
    total = float(np.sum((x[:, 0] - x[:, 0].mean()) ** 2))
    if total <= 0 or float(resid @ resid) < 1e-3 * total or x.shape[0] - len(chosen) - 1 < 10:
        return None
    return x[:, [0, *chosen]]


@dataclass(frozen=True)
class _Estimate:
    coef: float
    se: float
    df: int
    n: int
    # Per calendar day, the part of the outcome this model does not explain (standardized;
    # NaN on days outside the model), for the reverse-causation check.
    surprise: np.ndarray = field(default_factory=lambda: np.zeros(0), compare=False, repr=False)

    @property
    def p_value(self) -> float:
        return float(2 * stdtr(self.df, -abs(self.coef) / self.se))

    def interval(self) -> tuple[float, float]:
        half = float(stdtrit(self.df, 0.975)) * self.se
        return self.coef - half, self.coef + half


def _estimate(person: _Person, x: np.ndarray, y: np.ndarray, days: np.ndarray) -> _Estimate:
    if person.count:
        start = None if person.start is None else person.start[days]
        fit = glm.fit_negbin(x, y, person.alpha, start=start)
    else:
        fit = glm.fit_linear(x, y)
    n, p = x.shape
    lags = glm.bandwidth(n)
    variance = glm.hac_variance(fit, x, 0, days, person.diary.n_days, lags)
    se = math.sqrt(max(variance, 1e-300))
    if not (math.isfinite(fit.coef[0]) and math.isfinite(se)) or abs(fit.coef[0]) + 4 * se > 20:
        # No diary can support a change of e^20: the fit did not converge on these data.
        raise glm.FitError("unstable fit")
    return _Estimate(
        float(fit.coef[0]), se, glm.hac_dof(n, p, lags), n, _surprise(person, fit, y, days)
    )


def _surprise(person: _Person, fit: glm.Fit, y: np.ndarray, days: np.ndarray) -> np.ndarray:
    """Per calendar day, the standardized part of the outcome ``fit`` does not explain."""
    surprise = np.full(person.diary.n_days, np.nan)
    spread = np.sqrt(fit.mu * (1 + person.alpha * fit.mu)) if person.count else 1.0
    surprise[days] = (y - fit.mu) / spread
    return surprise


def _prepare(diary: Diary) -> _Person:
    observed = ~np.isnan(diary.y)
    count = diary.outcome == wording.COUNT
    transformed = np.log1p(diary.y) if count else diary.y.copy()
    n_logged = int(observed.sum())
    scaled = {
        name: values / wording.per_value(name)
        for name, values in diary.factors.items()
        if name != LOAD_SOURCE
    }
    return _Person(
        diary=diary,
        count=count,
        observed=observed,
        transformed=transformed,
        base=_base(diary.dates, observed),
        history={lag: _history(transformed, lag, n_logged) for lag in LAGS},
        scaled=scaled,
        binary={name: _is_binary(name, v) for name, v in scaled.items()},
    )


def _select(person: _Person, testable: list[str]) -> None:
    """Post-double-selection for every tested factor and lag, solved together."""
    person.candidates = [(name, lag) for name in testable for lag in LAGS]
    columns = [filled(shift(person.scaled[n], lag))[0] for n, lag in person.candidates]
    n_days = person.diary.n_days
    person.candidate_columns = np.column_stack(columns) if columns else np.zeros((n_days, 0))
    rows = person.observed
    always = np.column_stack([person.base, person.history[0], person.history[1]])[rows]
    responses = [person.transformed[rows]]
    own = person.candidate_columns[rows]
    z = residualize(always, own)
    r = residualize(always, np.column_stack([*responses, own]))
    p = len(person.candidates)
    allowed = np.ones((p, r.shape[1]), dtype=bool)
    names = np.array([name for name, _lag in person.candidates])
    allowed[:, len(responses) :] = names[:, None] != names[None, :]
    person.selection = double_selection(z, r, allowed)
    person.first_factor_response = len(responses)


def _selected(person: _Person, response: int, exclude: str = "") -> list[tuple[float, int]]:
    assert person.selection is not None
    out = []
    for k in np.flatnonzero(person.selection[:, response]):
        if person.candidates[k][0] != exclude:
            out.append((abs(float(person.selection[k, response])), int(k)))
    return out


def _dispersion(person: _Person) -> None:
    if not person.count:
        return
    assert person.candidate_columns is not None
    rows = person.observed
    chosen = [k for _w, k in _selected(person, 0)]
    x = np.column_stack([person.base, person.history[0], person.candidate_columns[:, chosen]])[rows]
    try:
        fit = glm.fit_negbin(x, person.diary.y[rows], 0.0)
        person.alpha = glm.dispersion(person.diary.y[rows], fit.mu)
        person.start = np.full(person.diary.n_days, np.nan)
        person.start[rows] = fit.mu
    except glm.FitError:
        person.alpha = 1.0


def _more_days(person: _Person, estimate: _Estimate, size: float, tests: int) -> int:
    """Roughly how many more calendar days would detect ``size`` with 80% power."""
    z = ndtri(1 - Q_LEVEL / (2 * max(tests, 1))) + ndtri(POWER)
    needed = estimate.n * (estimate.se * z / size) ** 2
    logged_per_day = estimate.n / person.diary.n_days
    return max(0, math.ceil((needed - estimate.n) / max(logged_per_day, 1e-9)))


@dataclass
class _Test:
    factor: str
    lag: int
    kind: str
    days: int
    estimate: _Estimate | None = None
    shortfall: str | None = None
    p_value: float | None = None
    q_value: float | None = None
    reverse: bool = False
    holm: float | None = None


def _test_factor(person: _Person, name: str, lag: int, index: int) -> _Test:
    assert person.candidate_columns is not None
    x = shift(person.scaled[name], lag)
    rows = person.observed & ~np.isnan(x)
    kind = "binary" if person.binary[name] else "linear"
    test = _Test(name, lag, kind, int(rows.sum()))
    if test.days < MIN_DAYS:
        test.shortfall = "few"
        return test
    own = [shift(person.scaled[name], other) for other in ((1,) if lag == 0 else (0, 2))]
    forced = [person.base, person.history[lag]]
    if person.load is not None:
        forced.append(person.load[:, None])
    forced += [np.column_stack(filled(v)) for v in own]
    outcome_side = _selected(person, 0, exclude=name)
    weighted = outcome_side + _selected(person, person.first_factor_response + index)
    best: dict[int, float] = {}
    for weight, k in weighted:
        best[k] = max(best.get(k, 0.0), weight)
    n_forced = sum(block.shape[1] for block in forced) + 1
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
        return shift(person.scaled[person.candidates[k][0]], person.candidates[k][1])

    columns = [column(k) for k in strict]
    while columns:
        complete = rows & ~np.isnan(np.column_stack(columns)).any(axis=1)
        if complete.sum() >= MIN_DAYS:
            rows = complete
            break
        columns.pop()
    columns += [block for k in loose for block in filled(column(k))]
    test.days = int(rows.sum())
    selected = [v[:, None] for v in columns]
    design = np.column_stack([x, *forced, *selected])[rows]
    pruned = _prune(design)
    if pruned is None:
        test.shortfall = "collinear"
        return test
    try:
        test.estimate = _estimate(person, pruned, person.diary.y[rows], np.flatnonzero(rows))
    except glm.FitError:
        test.shortfall = "collinear"
        return test
    test.p_value = test.estimate.p_value
    return test


def _reverse_sign(
    person: _Person, values: np.ndarray, surprise: np.ndarray, logged_before: int
) -> int:
    """+1/-1 when the factor reliably moves after high-twitch days, 0 when it does not.

    The factor is regressed on yesterday's ``surprise``: the part of yesterday's twitching
    that the tested model (this factor, the stress load, the outcome before, the weekday ...)
    does not explain, holding the factor's own values one and two days before.  A factor
    taken *because of* yesterday's twitching follows all of it, surprise included; a real
    driver that merely runs in streaks (or shares a slow cause with the twitching, as anxiety
    episodes do with stress) does not, as its own part of yesterday is in the model.  Only
    days with the factor logged on each of the ``logged_before`` days before are used: a
    blank day's unlogged value (an unlogged episode, say) went into yesterday's twitching but
    not into the model, so it would sit in the surprise and, as factors run in streaks, look
    like a response.
    """
    previous = shift(surprise, 1)
    rows = ~np.isnan(values) & ~np.isnan(previous)
    for lag in range(1, logged_before + 1):
        rows &= ~np.isnan(shift(values, lag))
    if rows.sum() < MIN_DAYS:
        return 0
    own = [np.column_stack(filled(shift(values, lag))) for lag in REVERSE_OWN]
    controls = np.column_stack([person.base, *own])[rows]
    x = np.column_stack([previous[rows], controls[:, _independent(controls)]])
    try:
        fit = glm.fit_linear(x, values[rows])
    except glm.FitError:
        return 0
    n, p = x.shape
    variance = glm.hac_variance(
        fit, x, 0, np.flatnonzero(rows), person.diary.n_days, glm.bandwidth(n)
    )
    if variance <= 0:
        return 0
    stat = float(fit.coef[0]) / math.sqrt(variance)
    if 2 * stdtr(glm.hac_dof(n, p, glm.bandwidth(n)), -abs(stat)) >= REVERSE_LEVEL:
        return 0
    return 1 if stat > 0 else -1


def _holm(p_values: list[float], weights: list[float]) -> list[float]:
    """Weighted Holm adjusted p-values (Holm 1979): at each step the smallest ``p / w`` left is
    compared with the level times ``w / (sum of the weights still left)``."""
    m = len(p_values)
    if m == 0:
        return []
    p = np.asarray(p_values, dtype=float)
    w = np.asarray(weights, dtype=float)
    order = np.argsort(p / w, kind="stable")
    left = np.cumsum(w[order][::-1])[::-1]
    adjusted = np.maximum.accumulate(p[order] * left / w[order])
    out = np.empty(m)
    out[order] = np.minimum(adjusted, 1.0)
    return [float(v) for v in out]


def _benjamini_hochberg(p_values: list[float]) -> list[float]:
    m = len(p_values)
    if m == 0:
        return []
    order = np.argsort(p_values)
    ranked = np.asarray(p_values)[order] * m / np.arange(1, m + 1)
    adjusted = np.minimum.accumulate(ranked[::-1])[::-1]
    out = np.empty(m)
    out[order] = np.minimum(adjusted, 1.0)
    return [float(v) for v in out]


@dataclass
class _LoadResult:
    test: _Test
    tau: float | None = None
    series: np.ndarray | None = None
    permutations: int = 0
    reason: str = ""


def _fit_load(person: _Person, rng: np.random.Generator) -> _LoadResult:
    episodes = person.diary.factors.get(LOAD_SOURCE)
    test = _Test(LOAD_SOURCE, 0, "load", 0)
    if episodes is None:
        test.shortfall = "missing"
        return _LoadResult(test, reason="missing")
    logged = ~np.isnan(episodes) & person.observed
    test.days = int(logged.sum())
    if test.days < MIN_DAYS or int(np.sum(episodes[logged] > 0)) < MIN_VARIED_DAYS:
        test.shortfall = "few"
        return _LoadResult(test, reason="few")
    assert person.candidate_columns is not None
    series = filled(episodes)[0]
    rows = person.observed
    chosen = sorted({k for _w, k in _selected(person, 0)})
    controls = [
        np.column_stack(
            filled(shift(person.scaled[person.candidates[k][0]], person.candidates[k][1]))
        )
        for k in chosen
    ]
    # The model the load is fitted in: weekday, trend and the factors that go with the
    # outcome.  Its test also holds the outcome before the day (as every factor model does),
    # which takes runs of bad days out of the residuals the scores are made of.
    x0 = np.column_stack([person.base, *controls])[rows]
    x0 = x0[:, _independent(x0)]
    x_null = np.column_stack([x0, person.history[0][rows]])
    x_null = x_null[:, _independent(x_null)]
    y = person.diary.y[rows]
    days = np.flatnonzero(rows)
    try:
        null = (
            glm.fit_negbin(x_null, y, person.alpha) if person.count else glm.fit_linear(x_null, y)
        )
    except glm.FitError:
        test.shortfall = "few"
        return _LoadResult(test, reason="few")
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
        return _LoadResult(test, reason="few")
    g = best[1]
    xg = np.column_stack([grid[rows, g], x0])
    try:
        test.estimate = _estimate(person, xg, y, days)
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
        return _LoadResult(test, reason="few")
    test.estimate = replace(test.estimate, surprise=_surprise(person, fit, y, days))
    person.load = grid[:, g]
    return _LoadResult(test, load.TAU_GRID[g], grid[:, g], len(shifted))


def _load_report(person: _Person, result: _LoadResult, tests: int) -> LoadReport:
    test = result.test
    if test.estimate is None or result.tau is None or result.series is None:
        return LoadReport(
            available=False,
            verdict="not_enough_data",
            summary=wording.load_unavailable_summary(result.reason),
        )
    effect, low, high = _on_scale(person, test.estimate)
    verdict = _verdict(test)
    size = math.log(POWER_RATE_RATIO) if person.count else POWER_POINTS
    more = _more_days(person, test.estimate, size, tests) if verdict == "no_clear_effect" else None
    half_life = load.half_life(result.tau)
    return LoadReport(
        available=True,
        verdict=verdict,
        summary=wording.load_summary(
            person.diary.outcome, verdict, half_life, effect, low, high, more
        ),
        time_constant_days=result.tau,
        effect=effect,
        effect_unit=wording.effect_unit(person.diary.outcome, LOAD_SOURCE, False).replace(
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


def _verdict(test: _Test) -> str:
    if test.estimate is None or test.q_value is None:
        return "not_enough_data"
    if test.q_value > Q_LEVEL or (test.holm or 1.0) > FAMILY_LEVEL or test.reverse:
        return "no_clear_effect"
    return "raises" if test.estimate.coef > 0 else "lowers"


def _on_scale(person: _Person, estimate: _Estimate) -> tuple[float, float, float]:
    """The effect and its interval as reported: a rate ratio for counts, points for ratings."""
    low, high = estimate.interval()
    if person.count:
        return math.exp(estimate.coef), math.exp(low), math.exp(high)
    return estimate.coef, low, high


def _not_enough(test: _Test, unit: str, summary: str) -> Finding:
    return Finding(
        factor=test.factor,
        lag_days=test.lag,
        kind=test.kind,
        effect=None,
        effect_unit=unit,
        ci_low=None,
        ci_high=None,
        p_value=None,
        q_value=None,
        verdict="not_enough_data",
        summary=summary,
        days_used=test.days,
    )


def _finding(person: _Person, test: _Test, tests: int) -> Finding:
    outcome = person.diary.outcome
    binary = test.kind == "binary"
    unit = wording.effect_unit(outcome, test.factor, binary)
    if test.estimate is None:
        reason = wording.not_enough_summary(
            test.factor, test.shortfall or "few", test.days, MIN_DAYS
        )
        return _not_enough(test, unit, reason)
    effect, low, high = _on_scale(person, test.estimate)
    verdict = _verdict(test)
    more = None
    if verdict in ("raises", "lowers"):
        summary = wording.driver_summary(outcome, test.factor, test.lag, binary, effect, low, high)
    elif test.reverse:
        summary = wording.reverse_summary(test.factor)
    else:
        size = math.log(POWER_RATE_RATIO) if person.count else POWER_POINTS
        more = _more_days(person, test.estimate, size, tests)
        summary = wording.unclear_summary(outcome, test.factor, test.lag, binary, more)
    return Finding(
        factor=test.factor,
        lag_days=test.lag,
        kind=test.kind,
        effect=effect,
        effect_unit=unit,
        ci_low=low,
        ci_high=high,
        p_value=test.p_value,
        q_value=test.q_value,
        verdict=verdict,
        summary=summary,
        days_used=test.days,
        more_days_needed=more,
    )


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
    person = _prepare(diary)
    days_used = int(person.observed.sum())
    names = sorted(person.scaled)
    shortfalls = {
        name: _shortfall(person.scaled[name][person.observed], person.binary[name])
        for name in names
    }
    testable = [name for name in names if shortfalls[name] is None]
    steady = _shortfall(diary.y[person.observed], binary=False) == "flat"
    if days_used < MIN_DAYS or steady:
        reason = "steady" if days_used >= MIN_DAYS else "diary"
        empty = tuple(
            _not_enough(
                _Test(
                    name,
                    lag,
                    "binary" if person.binary[name] else "linear",
                    int(np.sum(person.observed & ~np.isnan(shift(person.scaled[name], lag)))),
                ),
                wording.effect_unit(outcome, name, person.binary[name]),
                wording.not_enough_summary(name, reason, days_used, MIN_DAYS),
            )
            for name in names
            for lag in LAGS
        )
        reason = "missing" if LOAD_SOURCE not in diary.factors else "few"
        unavailable = LoadReport(
            available=False,
            verdict="not_enough_data",
            summary=wording.load_unavailable_summary(reason),
        )
        return Report(outcome, days_used, empty, unavailable)

    _select(person, testable)
    _dispersion(person)
    load_result = _fit_load(person, np.random.default_rng(seed))

    tests: list[_Test] = []
    for name in names:
        for lag in LAGS:
            if shortfalls[name] is not None:
                days = int(np.sum(person.observed & ~np.isnan(shift(person.scaled[name], lag))))
                kind = "binary" if person.binary[name] else "linear"
                tests.append(_Test(name, lag, kind, days, shortfall=shortfalls[name]))
            else:
                index = person.candidates.index((name, lag))
                tests.append(_test_factor(person, name, lag, index))

    family = [t for t in [*tests, load_result.test] if t.p_value is not None]
    # Weighted multiple testing (Genovese, Roeder & Wasserman 2006): the stress load is the
    # main suspect named by what is known about anxiety twitching, so it gets a larger,
    # pre-set share of the error budget; weights average 1, so the guarantees still hold.
    raw = np.array([LOAD_WEIGHT if t.kind == "load" else 1.0 for t in family])
    weights = raw * len(raw) / raw.sum() if len(raw) else raw
    p_values = [min(1.0, (t.p_value or 1.0) / w) for t, w in zip(family, weights, strict=True)]
    raw_p = [t.p_value or 1.0 for t in family]
    for test, holm in zip(family, _holm(raw_p, list(weights)), strict=True):
        test.holm = holm
    for test, q in zip(family, _benjamini_hochberg(p_values), strict=True):
        test.q_value = q
    # The reverse check asks whether the factor follows yesterday's surprise in the tested
    # model itself (for the load, its model with the outcome before the day).
    for test in family:
        if test.q_value is None or test.q_value > Q_LEVEL or test.estimate is None:
            continue
        before = REVERSE_LOGGED_BEFORE_LOAD if test.kind == "load" else REVERSE_LOGGED_BEFORE
        reverse = _reverse_sign(person, diary.factors[test.factor], test.estimate.surprise, before)
        test.reverse = reverse == (1 if test.estimate.coef > 0 else -1)

    findings = [_finding(person, test, len(family)) for test in tests]
    load_report = _load_report(person, load_result, len(family))
    if load_result.test.estimate is not None:
        findings.append(
            Finding(
                factor=LOAD_SOURCE,
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
            )
        )
    return Report(outcome, days_used, tuple(findings), load_report)

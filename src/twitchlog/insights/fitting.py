"""One person's models: the prepared diary, control selection, one fit and its estimate.

:func:`prepare` lays the outcome, its history and the factors (in reporting units) on the
calendar; :func:`select_controls` runs post-double-selection for every candidate at once;
:func:`fit_estimate` fits one model and gives the tested coefficient with Newey–West errors.
"""

import math
from dataclasses import dataclass, field

import numpy as np
from scipy.special import ndtri, stdtr, stdtrit

from twitchlog.insights import cycle, design, glm, wording
from twitchlog.insights.errors import FAMILY_LEVEL, Q_LEVEL
from twitchlog.insights.frame import Diary
from twitchlog.insights.selection import double_selection, lasso_given_each, residualize

LOAD_SOURCE = "anxiety_episodes"
POWER = 0.8
POWER_RATE_RATIO = 1.3
POWER_POINTS = 1.0
# The outcome's second lasso, at this share of the theory penalty: a screen for the controls
# picked because they travel with the tested factor (see selected_controls).
RELAXED_RESPONSE = 1
RELAXED_PENALTY = 0.5


@dataclass
class Person:
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
    candidates: list[tuple[str, str]] = field(default_factory=list)  # (factor, pattern)
    candidate_columns: np.ndarray | None = None
    selection: np.ndarray | None = None  # candidates x responses, lasso coefficients
    # Per candidate: the factors it explains away (see _explained_away).
    explained_away: list[set[str]] = field(default_factory=list)
    first_factor_response: int = 2  # responses: the outcome (twice), then each candidate
    # The days before a period as windows of other lengths (design.WINDOW_PATTERNS), when the
    # analysis derived that factor from logged periods.
    windows: dict[str, np.ndarray] = field(default_factory=dict)


@dataclass(frozen=True)
class Estimate:
    coef: float
    se: float
    df: int
    n: int
    # Per calendar day, the part of the outcome this model does not explain (standardized;
    # NaN on days outside the model), for the reverse-causation check.
    surprise: np.ndarray = field(default_factory=lambda: np.zeros(0), compare=False, repr=False)
    # Per calendar day, its influence on the coefficient (HC3-scaled, 0 outside the model):
    # how two estimates of one factor co-vary (see joint.py).
    influence: np.ndarray = field(default_factory=lambda: np.zeros(0), compare=False, repr=False)
    lags: int = 2

    @property
    def p_value(self) -> float:
        return float(2 * stdtr(self.df, -abs(self.coef) / self.se))

    def interval(self) -> tuple[float, float]:
        half = float(stdtrit(self.df, 0.975)) * self.se
        return self.coef - half, self.coef + half


def fit_model(person: Person, x: np.ndarray, y: np.ndarray, days: np.ndarray) -> glm.Fit:
    if person.count:
        start = None if person.start is None else person.start[days]
        return glm.fit_negbin(x, y, person.alpha, start=start)
    return glm.fit_linear(x, y)


def fit_estimate(person: Person, x: np.ndarray, y: np.ndarray, days: np.ndarray) -> Estimate:
    fit = fit_model(person, x, y, days)
    n, p = x.shape
    lags = glm.bandwidth(n)
    influence = glm.influence(fit, x, 0, days, person.diary.n_days)
    variance = glm.hac_covariance(influence, influence, lags) * n / max(n - p, 1)
    se = math.sqrt(max(variance, 1e-300))
    if not (math.isfinite(fit.coef[0]) and math.isfinite(se)) or abs(fit.coef[0]) + 4 * se > 20:
        # No diary can support a change of e^20: the fit did not converge on these data.
        raise glm.FitError("unstable fit")
    return Estimate(
        float(fit.coef[0]),
        se,
        glm.hac_dof(n, p, lags),
        n,
        surprise_of(person, fit, y, days),
        influence * math.sqrt(n / max(n - p, 1)),
        lags,
    )


def surprise_of(person: Person, fit: glm.Fit, y: np.ndarray, days: np.ndarray) -> np.ndarray:
    """Per calendar day, the standardized part of the outcome ``fit`` does not explain."""
    surprise = np.full(person.diary.n_days, np.nan)
    spread = np.sqrt(fit.mu * (1 + person.alpha * fit.mu)) if person.count else 1.0
    surprise[days] = (y - fit.mu) / spread
    return surprise


def prepare(diary: Diary) -> Person:
    observed = ~np.isnan(diary.y)
    count = diary.outcome == wording.COUNT
    transformed = np.log1p(diary.y) if count else diary.y.copy()
    n_logged = int(observed.sum())
    scaled = {
        name: values / wording.per_value(name)
        for name, values in diary.factors.items()
        if name != LOAD_SOURCE
    }
    windows = {}
    if cycle.SOURCE in diary.factors and cycle.BEFORE_PERIOD not in scaled:
        before = cycle.before_period(diary.factors[cycle.SOURCE])
        if before is not None:
            scaled[cycle.BEFORE_PERIOD] = before
            for pattern, days in design.WINDOW_PATTERNS.items():
                window = cycle.before_period(diary.factors[cycle.SOURCE], days)
                if window is not None:
                    windows[pattern] = window
    return Person(
        diary=diary,
        count=count,
        observed=observed,
        transformed=transformed,
        base=design.calendar_terms(diary.dates, observed),
        history={lag: design.outcome_history(transformed, lag, n_logged) for lag in design.LAGS},
        scaled=scaled,
        binary={name: design.is_binary(name, v) for name, v in scaled.items()},
        windows=windows,
    )


def select_controls(person: Person, testable: list[str]) -> None:
    """Post-double-selection for every tested factor and lag, solved together."""
    person.candidates = [(name, p) for name in testable for p in design.CANDIDATE_PATTERNS]
    columns = [design.filled(design.exposure(person.scaled[n], p))[0] for n, p in person.candidates]
    n_days = person.diary.n_days
    person.candidate_columns = np.column_stack(columns) if columns else np.zeros((n_days, 0))
    rows = person.observed
    always = np.column_stack([person.base, person.history[0], person.history[1]])[rows]
    # The outcome twice: at the theory penalty (response 0, the outcome side) and at a lower
    # one (response RELAXED_RESPONSE, a screen for the factor side, see selected_controls).
    responses = [person.transformed[rows], person.transformed[rows]]
    own = person.candidate_columns[rows]
    z = residualize(always, own)
    r = residualize(always, np.column_stack([*responses, own]))
    p = len(person.candidates)
    allowed = np.ones((p, r.shape[1]), dtype=bool)
    names = np.array([name for name, _lag in person.candidates])
    allowed[:, len(responses) :] = names[:, None] != names[None, :]
    scale = np.ones(r.shape[1])
    scale[RELAXED_RESPONSE] = RELAXED_PENALTY
    person.selection = double_selection(z, r, allowed, scale)
    person.first_factor_response = len(responses)
    # The outcome's lassos with each candidate held, for the factor side's screen.
    others = allowed[:, len(responses) :]
    relaxed = lasso_given_each(z, r[:, 0], others, RELAXED_PENALTY)
    strict = lasso_given_each(z, r[:, 0], others, 1.0)
    person.explained_away = _explained_away(list(names), relaxed, strict)


def selected_controls(person: Person, response: int, exclude: str = "") -> list[tuple[float, int]]:
    """(weight, candidate) of the controls ``response``'s lasso picked, without ``exclude``.

    For a tested factor's own lasso (the factor side of double selection), only factors that
    the outcome's relaxed lasso (:data:`RELAXED_PENALTY`) also picks in some form: a factor
    that travels with the tested one but shows no sign of moving the outcome, even at half
    the penalty, can bias the test only through an effect too small for that lasso to see,
    while holding it costs the test
    1 / (1 - r^2) in variance (a factor correlated 0.8 with a driver: 2.8 times).  A real
    driver held when testing its decoy is picked by the outcome's lasso anyway.

    Nor a factor the tested one *explains away* (:func:`_explained_away`): the outcome's
    lasso sees the two as one signal, and when the tested factor is the better explanation
    of the two, holding the other only costs variance.
    """
    assert person.selection is not None
    screened = None
    if response >= person.first_factor_response:
        relaxed = person.selection[:, RELAXED_RESPONSE]
        screened = {person.candidates[k][0] for k in np.flatnonzero(relaxed)}
        screened -= person.explained_away[response - person.first_factor_response]
    out = []
    for k in np.flatnonzero(person.selection[:, response]):
        name = person.candidates[k][0]
        if name != exclude and (screened is None or name in screened):
            out.append((abs(float(person.selection[k, response])), int(k)))
    return out


def _explained_away(names: list[str], relaxed: np.ndarray, strict: np.ndarray) -> list[set[str]]:
    """Per tested candidate, the factors whose link with the outcome it explains, but not
    the other way round: with the tested column held, the relaxed lasso
    (:data:`RELAXED_PENALTY`, ``relaxed``) no longer picks the factor in any form, while with
    *each* form of the factor held in turn, the lasso at the full theory penalty (``strict``)
    still picks the tested factor.  Column k of both is the lasso with candidate k held
    (selection.lasso_given_each).

    Each form in turn, not some form: a lasso that holds one form of a factor may not use its
    other forms, so with a next-day driver held on the same day, its decoy's next-day form
    stands in for the driver and gets picked, which says nothing about the decoy.  The two
    penalties make the rule one-sided: a factor is let go only when the evidence points the
    same way at the theory penalty every time."""

    def picked(screen: np.ndarray, k: int) -> set[str]:
        return {names[j] for j in np.flatnonzero(screen[:, k])}

    forms: dict[str, list[int]] = {}
    for k, name in enumerate(names):
        forms.setdefault(name, []).append(k)
    # Which factors still pick each factor at the theory penalty, whatever form of it is held.
    firm = {name: set.intersection(*(picked(strict, k) for k in ks)) for name, ks in forms.items()}
    return [
        {other for other in forms if name in firm[other]} - picked(relaxed, k) - {name}
        for k, name in enumerate(names)
    ]


def set_dispersion(person: Person) -> None:
    if not person.count:
        return
    assert person.candidate_columns is not None
    rows = person.observed
    chosen = [k for _w, k in selected_controls(person, 0)]
    x = np.column_stack([person.base, person.history[0], person.candidate_columns[:, chosen]])[rows]
    try:
        fit = glm.fit_negbin(x, person.diary.y[rows], 0.0)
        person.alpha = glm.dispersion(person.diary.y[rows], fit.mu)
        person.start = np.full(person.diary.n_days, np.nan)
        person.start[rows] = fit.mu
    except glm.FitError:
        person.alpha = 1.0


@dataclass
class Test:
    factor: str
    lag: int
    kind: str
    days: int
    pattern: str = "same_day"  # see design.PATTERNS
    estimate: Estimate | None = None
    shortfall: str | None = None
    p_value: float | None = None
    q_value: float | None = None
    reverse: bool = False
    holm: float | None = None
    # False for a pattern that does not count for its factor (see joint.py); ``counted_as``
    # then names the test that does.
    counted: bool = True
    counted_as: "Test | None" = None


def more_days_needed(person: Person, estimate: Estimate, size: float, tests: int) -> int:
    """Roughly how many more calendar days would detect ``size`` with 80% power."""
    z = ndtri(1 - Q_LEVEL / (2 * max(tests, 1))) + ndtri(POWER)
    needed = estimate.n * (estimate.se * z / size) ** 2
    logged_per_day = estimate.n / person.diary.n_days
    return max(0, math.ceil((needed - estimate.n) / max(logged_per_day, 1e-9)))


def on_scale(person: Person, estimate: Estimate) -> tuple[float, float, float]:
    """The effect and its interval as reported: a rate ratio for counts, points for ratings."""
    low, high = estimate.interval()
    if person.count:
        return math.exp(estimate.coef), math.exp(low), math.exp(high)
    return estimate.coef, low, high


def verdict_of(test: Test) -> str:
    if test.estimate is None or test.q_value is None:
        return "not_enough_data"
    if test.q_value > Q_LEVEL or (test.holm or 1.0) > FAMILY_LEVEL or test.reverse:
        return "no_clear_effect"
    if not test.counted:
        return "no_clear_effect"
    return "raises" if test.estimate.coef > 0 else "lowers"

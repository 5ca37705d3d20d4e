"""The stress load: anxiety episodes that add up and fade over days.

Each episode adds 1 to the load on its day; the load then fades as ``exp(-age / tau)``.
``tau`` (the time constant, in days) is chosen per person by likelihood over
:data:`TAU_GRID`.  Because the search over ``tau`` would make an ordinary test too eager, the
test compares the best fit found against the best fits found after circularly shifting the
episode series in time: a shift keeps the episodes' own clustering and weekly rhythm but
breaks any link with twitching, so it shows how good a "best fit" gets by chance.
"""

import math

import numpy as np

TAU_GRID = (1.0, 1.5, 2.0, 3.0, 4.0, 5.0, 7.0, 10.0, 14.0, 21.0)
MIN_SHIFT = 7  # days; nearer shifts still carry part of a real effect
MIN_SHIFTS = 20  # fewer shifts cannot tell how the scores vary by chance
DRAWS = 10_000


def load_series(episodes: np.ndarray, taus: tuple[float, ...] | np.ndarray) -> np.ndarray:
    """The load for each tau (columns) from one or more episode series.

    ``episodes`` is ``(n,)`` or ``(n, k)``; the result is ``(n, len(taus))`` or
    ``(n, k, len(taus))``.  Before the first day the load is taken as steady at the average
    rate, so the first weeks are not artificially calm.
    """
    decay = np.exp(-1.0 / np.asarray(taus, dtype=float))
    series = episodes if episodes.ndim == 2 else episodes[:, None]
    level = series.mean(axis=0)[:, None] / (1 - decay)[None, :]
    out = np.empty((series.shape[0], series.shape[1], len(decay)))
    for t in range(series.shape[0]):
        level = level * decay + series[t][:, None]
        out[t] = level
    return out if episodes.ndim == 2 else out[:, 0, :]


def max_score_p_value(
    observed: np.ndarray, shifted: np.ndarray, rng: np.random.Generator, draws: int = DRAWS
) -> float:
    """P-value for the best time constant, allowing for the search over the grid.

    ``observed`` holds the score (the sum of load x residual of the model without the load)
    for each tau; ``shifted`` the same for each circular shift (rows).  The shifts give the
    scores' covariance under "no link" without assuming independent days; the largest
    standardized squared score is then referred to its Gaussian distribution, simulated.
    This keeps the shift test's honesty about autocorrelation and the search over tau, while
    giving p-values finer than 1 / (number of shifts).
    """
    cov = shifted.T @ shifted / len(shifted)
    scale = np.sqrt(np.maximum(np.diag(cov), 1e-300))
    corr = cov / np.outer(scale, scale)
    values, vectors = np.linalg.eigh(corr)
    root = vectors * np.sqrt(np.clip(values, 0, None))
    standardized = (observed / scale) ** 2
    statistic = float(np.max(standardized))
    dof = effective_shifts(shifted[:, int(np.argmax(standardized))])
    draws_z = rng.standard_normal((draws, len(observed))) @ root.T
    spread = np.sqrt(rng.chisquare(dof, draws) / dof)
    null = np.max((draws_z / spread[:, None]) ** 2, axis=1)
    return float((1 + np.sum(null >= statistic)) / (1 + draws))


def effective_shifts(scores: np.ndarray) -> float:
    """How many independent shifts the neighbouring (overlapping) ones are worth.

    Scores of nearby shifts are alike, so the variance they give is less sure than their
    number suggests; the usual effective-sample-size sum of autocorrelations says how much.
    """
    centred = scores - scores.mean()
    denominator = float(centred @ centred)
    if denominator <= 0:
        return 1.0
    total = 1.0
    for lag in range(1, len(scores) // 2):
        rho = float(centred[lag:] @ centred[:-lag]) / denominator
        if rho < 0.05:
            break
        total += 2 * rho
    return max(1.0, len(scores) / total)


def shifts(n_days: int, count: int, rng: np.random.Generator) -> np.ndarray:
    """Up to ``count`` distinct circular shifts, each at least :data:`MIN_SHIFT` days."""
    possible = np.arange(MIN_SHIFT, n_days - MIN_SHIFT + 1)
    if len(possible) <= count:
        return possible
    return np.sort(rng.choice(possible, size=count, replace=False))


def half_life(tau: float) -> float:
    return tau * math.log(2)

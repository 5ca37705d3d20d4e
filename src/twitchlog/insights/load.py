"""The stress load: anxiety episodes that add up and fade over days.

Each episode adds 1 to the load on its day; the load then fades as ``exp(-age / tau)``.
``tau`` (the time constant, in days) is chosen per person by likelihood over
:data:`TAU_GRID`.  The test of "no link" is a score test for every tau at once: the score is
``sum_t load_t * residual_t`` from the model without the load.  How much such scores vary by
chance is read off the same scores with the episode counts moved along the logged days by
every circular shift (which keeps the episodes' own clustering and the outcome's runs of bad
days, and breaks any link between them); the largest standardized score is then referred to
its simulated distribution, which allows for the search over tau
(:func:`max_score_p_value`).
"""

import math

import numpy as np
from scipy.signal import lfilter

TAU_GRID = (1.0, 1.5, 2.0, 3.0, 4.0, 5.0, 7.0, 10.0, 14.0, 21.0)
MIN_SHIFT = 7  # logged days; nearer shifts still carry part of a real effect
MIN_SHIFTS = 20  # fewer shifts cannot tell how sure the covariance is
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


def score_weights(resid: np.ndarray, taus: tuple[float, ...] | np.ndarray) -> np.ndarray:
    """How much one more episode on each calendar day moves each tau's score.

    ``resid`` holds the score residual on logged days and 0 elsewhere.  The score of the load
    at ``tau`` is ``sum_t load_t * resid_t``; an episode on day u adds ``exp(-(t - u) / tau)``
    to every later load, so its weight is ``sum_{t >= u} exp(-(t - u) / tau) * resid_t``.
    With residuals that sum to zero (any model with an intercept), the score is then exactly
    ``sum_u (episodes_u - mean) * weight_u`` over the days with episodes logged.
    """
    reverse = resid[::-1]
    columns = [
        lfilter([1.0], [1.0, -math.exp(-1.0 / tau)], reverse)[::-1] for tau in np.asarray(taus)
    ]
    return np.column_stack(columns)


def shifted_scores(weights: np.ndarray, centred: np.ndarray) -> np.ndarray:
    """The scores (rows: shifts, columns: taus) with the logged counts moved along the logged
    days by every circular shift of at least :data:`MIN_SHIFT` logged days.

    ``weights`` and ``centred`` hold only the days with a count, in calendar order.  Moving
    the counts along the logged days (not the calendar) leaves every blank where it was.  A
    calendar shift would move blanks (filled with the mean) onto logged days, so the shifted
    scores would vary less than the real one does by chance, and the test would be too eager.
    """
    n = len(centred)
    spectrum = np.conj(np.fft.rfft(centred))[:, None]
    scores = np.fft.irfft(np.fft.rfft(weights, axis=0) * spectrum, n, axis=0)
    return scores[MIN_SHIFT : n - MIN_SHIFT + 1]


def effective_shifts(scores: np.ndarray) -> float:
    """How many independent shifts the neighbouring (overlapping) ones are worth.

    Scores of nearby shifts are alike, so the variance they give is less sure than their
    number suggests.  The variance is a mean of squared scores, and the variance of such a
    mean grows with the sum of the *squared* autocorrelations of the scores (for Gaussian
    scores, Var(mean of s^2) = 2 sigma^4 / N * (1 + 2 sum rho_k^2)), so that sum says how
    many independent shifts the rows are worth.
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
        total += 2 * rho * rho
    return max(1.0, len(scores) / total)


def max_score_p_value(
    observed: np.ndarray,
    shifted: np.ndarray,
    rng: np.random.Generator,
    draws: int = DRAWS,
) -> float:
    """P-value of the largest standardized squared score over the grid of time constants.

    ``shifted`` (rows: shifts) give the scores' covariance under "no link" without assuming
    independent days; the scores are taken as Gaussian with that covariance, widened to a
    multivariate t as the covariance rests on fewer independent shifts than there are rows
    (:func:`effective_shifts`).  The search over tau is allowed for by taking the maximum in
    each draw, which gives p-values finer than 1 / (number of shifts).
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


def half_life(tau: float) -> float:
    return tau * math.log(2)

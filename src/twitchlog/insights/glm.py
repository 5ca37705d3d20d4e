"""Small, fast model fits for the insights engine: pure numpy, written to be called in loops.

A person's analysis fits a few dozen models of a few hundred rows each, so the textbook
iteratively reweighted least squares, written out here, is far quicker than building a
statsmodels object per fit (the tests check both give the same numbers).

- :func:`fit_negbin`: negative binomial log-linear model with the dispersion held fixed
  (estimated once per person by :func:`dispersion`).
- :func:`fit_linear`: least squares, for 0–10 ratings.
- :func:`hac_variance`: the Newey–West (Bartlett kernel) variance of one coefficient, with
  days placed on the real calendar so a gap is not mistaken for two neighbouring days.
"""

import math
from dataclasses import dataclass

import numpy as np
from scipy.special import gammaln


class FitError(ValueError):
    """The model cannot be fitted (for example two columns say the same thing)."""


@dataclass(frozen=True)
class Fit:
    coef: np.ndarray
    mu: np.ndarray  # fitted mean per row
    bread: np.ndarray  # inverse of the information matrix (X'WX)^-1
    resid: np.ndarray  # score residual per row: the score of row t is X[t] * resid[t]
    weights: np.ndarray  # IRLS weights at the solution
    loglik: float


def _solve_inverse(a: np.ndarray) -> np.ndarray:
    try:
        inverse = np.linalg.inv(a)
    except np.linalg.LinAlgError as error:
        raise FitError("singular design") from error
    if not np.all(np.isfinite(inverse)):
        raise FitError("singular design")
    return inverse


def negbin_loglik(y: np.ndarray, mu: np.ndarray, alpha: float) -> float:
    if alpha < 1e-8:
        return float(np.sum(y * np.log(mu) - mu - gammaln(y + 1)))
    inv = 1.0 / alpha
    return float(
        np.sum(
            gammaln(y + inv)
            - gammaln(inv)
            - gammaln(y + 1)
            + y * np.log(alpha * mu / (1 + alpha * mu))
            - inv * np.log1p(alpha * mu)
        )
    )


def fit_negbin(
    x: np.ndarray,
    y: np.ndarray,
    alpha: float,
    start: np.ndarray | None = None,
    max_iter: int = 30,
    tol: float = 1e-5,
) -> Fit:
    """Negative binomial regression with log link and fixed dispersion ``alpha``.

    ``alpha = 0`` is Poisson.  Var(y) = mu + alpha * mu**2.  ``start`` is an optional first
    guess of the means (a nearby model's fit), which saves iterations.
    """
    mu = start.copy() if start is not None else (y + y.mean()) / 2 + 0.1
    eta = np.log(mu)
    coef = np.zeros(x.shape[1])
    for _ in range(max_iter):
        w = mu / (1 + alpha * mu)
        z = eta + (y - mu) / mu
        xtw = x.T * w
        try:
            new = np.linalg.solve(xtw @ x, xtw @ z)
        except np.linalg.LinAlgError as error:
            raise FitError("singular design") from error
        eta = np.clip(x @ new, -30, 30)
        mu = np.exp(eta)
        change = float(np.max(np.abs(new - coef)))
        coef = new
        if change < tol:
            break
    w = mu / (1 + alpha * mu)
    bread = _solve_inverse((x.T * w) @ x)
    return Fit(coef, mu, bread, (y - mu) / (1 + alpha * mu), w, negbin_loglik(y, mu, alpha))


def fit_linear(x: np.ndarray, y: np.ndarray) -> Fit:
    """Ordinary least squares; ``loglik`` is the Gaussian profile log-likelihood."""
    bread = _solve_inverse(x.T @ x)
    coef = bread @ (x.T @ y)
    mu = x @ coef
    resid = y - mu
    rss = max(float(resid @ resid), 1e-12)
    n = len(y)
    return Fit(coef, mu, bread, resid, np.ones(n), -0.5 * n * math.log(rss / n))


def dispersion(y: np.ndarray, mu: np.ndarray) -> float:
    """Cameron–Trivedi moment estimate of the NB2 dispersion, kept within [0, 5]."""
    value = float(np.sum((y - mu) ** 2 - y) / max(float(np.sum(mu**2)), 1e-12))
    return min(max(value, 0.0), 5.0)


def bandwidth(n: int) -> int:
    """Newey–West's rule of thumb for the number of lags, at least 2."""
    return max(2, math.floor(4 * (n / 100) ** (2 / 9)))


def hac_dof(n: int, p: int, lags: int) -> int:
    """Degrees of freedom for t quantiles with a Bartlett-kernel variance.

    The kernel averages over ``lags + 1`` neighbouring days, so the variance estimate is
    worth about ``1.5 n / (lags + 1)`` independent pieces (the fixed-b approximation of
    Kiefer & Vogelsang); never more than ``n - p``.
    """
    return max(3, min(n - p, math.floor(1.5 * n / (lags + 1))))


def influence(fit: Fit, x: np.ndarray, column: int, days: np.ndarray, n_days: int) -> np.ndarray:
    """Each calendar day's influence on one coefficient (0 on days outside the model).

    ``days`` gives each row's position on the calendar (0 .. n_days - 1).  Each day's score is
    divided by ``1 - leverage`` (the HC3 idea): with a dozen or more controls on a few months
    of days, plain sandwich errors are too small and invent drivers (docs/insights.md shows
    the calibration).
    """
    leverage = np.einsum("ij,jk,ik->i", x, fit.bread, x) * fit.weights
    series = np.zeros(n_days)
    series[days] = (x @ fit.bread[column]) * fit.resid / (1 - np.minimum(leverage, 0.99))
    return series


def hac_covariance(a: np.ndarray, b: np.ndarray, lags: int) -> float:
    """Newey–West (Bartlett) covariance of the sums of two influence series on the calendar
    (without the small-sample factor of :func:`hac_variance`)."""
    total = float(a @ b)
    for lag in range(1, lags + 1):
        weight = 1 - lag / (lags + 1)
        total += weight * (float(a[lag:] @ b[:-lag]) + float(b[lag:] @ a[:-lag]))
    return total


def hac_variance(
    fit: Fit, x: np.ndarray, column: int, days: np.ndarray, n_days: int, lags: int
) -> float:
    """Autocorrelation-robust variance of one coefficient, with small-sample corrections:
    HC3-scaled influence (:func:`influence`) and the ``n / (n - p)`` factor."""
    series = influence(fit, x, column, days, n_days)
    n, p = x.shape
    return max(hac_covariance(series, series, lags), 0.0) * n / max(n - p, 1)

"""Choosing the controls for each test: post-double-selection with the lasso.

Belloni, Chernozhukov & Hansen (2014): to estimate the effect of one factor, keep every
candidate control that predicts the outcome *or* predicts the factor, each chosen by a lasso
with a penalty set by theory rather than by cross-validation.  A confounder has to do both, so
missing it in one equation is not enough to bias the result.

All the factor equations share one design, so they are solved together: one proximal-gradient
(FISTA) run over a matrix of responses instead of a loop of separate lassos.
"""

import math

import numpy as np
from scipy.stats import norm


def residualize(base: np.ndarray, columns: np.ndarray) -> np.ndarray:
    """What is left of each column after least squares on ``base``."""
    coef, *_ = np.linalg.lstsq(base, columns, rcond=None)
    return columns - base @ coef


def lasso(
    gram: np.ndarray,
    cross: np.ndarray,
    penalty: np.ndarray,
    allowed: np.ndarray,
    iterations: int = 400,
    tol: float = 1e-7,
) -> np.ndarray:
    """Solve min_b (1/2) b'Gb - c'b + penalty * |b|_1 for every response column at once.

    ``gram`` is P x P (Z'Z / n), ``cross`` P x Q (Z'R / n), ``penalty`` length Q, and
    ``allowed`` a P x Q mask of the predictors each response may use.
    """
    step = 1.0 / max(float(np.linalg.eigvalsh(gram)[-1]), 1e-12)
    coef = np.zeros_like(cross)
    moving = coef.copy()
    t = 1.0
    threshold = penalty[None, :] * step
    for _ in range(iterations):
        gradient = gram @ moving - cross
        candidate = moving - step * gradient
        new = np.sign(candidate) * np.maximum(np.abs(candidate) - threshold, 0.0) * allowed
        t_next = (1 + math.sqrt(1 + 4 * t * t)) / 2
        moving = new + ((t - 1) / t_next) * (new - coef)
        change = float(np.max(np.abs(new - coef))) if new.size else 0.0
        coef, t = new, t_next
        if change < tol:
            break
    return coef


def double_selection(
    candidates: np.ndarray,
    responses: np.ndarray,
    allowed: np.ndarray,
    penalty_scale: np.ndarray | None = None,
) -> np.ndarray:
    """Which candidates each response selects, as lasso coefficients (0 = not selected).

    ``candidates`` (n x P) and ``responses`` (n x Q) must already have the always-included
    controls partialled out.  The penalty is BCH's ``1.1 * sigma * Phi^-1(1 - g / 2P) / sqrt n``
    with ``g = 0.1 / log n`` on standardized candidates; sigma is re-estimated once from the
    post-lasso residuals.  ``penalty_scale`` (length Q, default 1) multiplies each response's
    penalty.
    """
    n, p = candidates.shape
    q = responses.shape[1]
    if p == 0 or q == 0 or n < 5:
        return np.zeros((p, q))
    scale = candidates.std(axis=0)
    usable = scale > 1e-9
    z = np.where(usable, candidates / np.where(usable, scale, 1.0), 0.0)
    allowed = allowed & usable[:, None]
    gram = z.T @ z / n
    cross = z.T @ responses / n
    level = 1.1 * norm.ppf(1 - 0.1 / math.log(max(n, 3)) / (2 * p)) / math.sqrt(n)
    sigma = responses.std(axis=0)
    scale_q = np.ones(q) if penalty_scale is None else np.asarray(penalty_scale, dtype=float)
    coef = lasso(gram, cross, level * scale_q * sigma, allowed)
    for j in range(q):
        chosen = np.flatnonzero(coef[:, j])
        if len(chosen) == 0:
            continue
        fit, *_ = np.linalg.lstsq(z[:, chosen], responses[:, j], rcond=None)
        resid = responses[:, j] - z[:, chosen] @ fit
        sigma[j] = math.sqrt(float(resid @ resid) / max(n - len(chosen), 1))
    return lasso(gram, cross, level * scale_q * sigma, allowed)

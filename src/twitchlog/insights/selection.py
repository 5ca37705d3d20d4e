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
    held: np.ndarray | None = None,
) -> np.ndarray:
    """Solve min_b (1/2) b'Gb - c'b + penalty * |b|_1 for every response column at once.

    ``gram`` is P x P (Z'Z / n), ``cross`` P x Q (Z'R / n), ``penalty`` length Q (or P x Q,
    a loading per predictor and response), and ``allowed`` a P x Q mask of the predictors
    each response may use.  With ``held`` (length P, Q = P), response k's Gram matrix is G
    with candidate k partialled out, G - g_k g_k' / held_k (see :func:`lasso_given_each`);
    1 / largest eigenvalue of G is a valid step for each of them.
    """
    step = 1.0 / max(float(np.linalg.eigvalsh(gram)[-1]), 1e-12)
    coef = np.zeros_like(cross)
    moving = coef.copy()
    t = 1.0
    threshold = (penalty if penalty.ndim == 2 else penalty[None, :]) * step
    for _ in range(iterations):
        gradient = gram @ moving - cross
        if held is not None:
            gradient -= gram * (np.sum(gram * moving, axis=0) / held)
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


def lasso_given_each(
    candidates: np.ndarray, response: np.ndarray, allowed: np.ndarray, penalty_scale: float
) -> np.ndarray:
    """For every candidate k, the lasso of ``response`` on the other candidates with k held
    (unpenalized): column k of the result holds its coefficients (P x P, 0 = not selected).

    Holding k is the same as partialling it out of the response and of every other candidate
    (Frisch–Waugh), which changes the Gram matrix by a rank-one term, so all P lassos run as
    one batched FISTA.  Penalty loadings are the candidates' spreads after k is partialled
    out; the penalty level is :func:`double_selection`'s, times ``penalty_scale``, with sigma
    re-estimated once from the post-lasso residuals.  ``allowed`` (P x P) says which
    candidates each lasso may use; candidates must already have the always-included controls
    partialled out, and so must ``response``.
    """
    n, p = candidates.shape
    if p == 0 or n < 5:
        return np.zeros((p, p))
    spread = candidates.std(axis=0)
    usable = spread > 1e-9
    z = np.where(usable, candidates / np.where(usable, spread, 1.0), 0.0)
    gram = z.T @ z / n
    cross = z.T @ response / n
    held = np.where(usable, np.diag(gram), 1.0)
    # Column k: the Gram matrix and cross products with candidate k partialled out.
    cross_k = cross[:, None] - gram * (cross / held)[None, :]
    loading = np.sqrt(np.maximum(np.diag(gram)[:, None] - gram**2 / held[None, :], 0.0))
    allowed = allowed & usable[:, None] & usable[None, :] & (loading > 1e-6 * held[None, :])
    level = 1.1 * norm.ppf(1 - 0.1 / math.log(max(n, 3)) / (2 * p)) / math.sqrt(n)
    sigma = np.sqrt(np.maximum(float(response @ response) / n - cross**2 / held, 1e-12))

    def solve(sigma: np.ndarray) -> np.ndarray:
        penalty = level * penalty_scale * sigma[None, :] * loading
        return lasso(gram, cross_k, penalty, allowed, held=held)

    coef = solve(sigma)
    for k in range(p):
        chosen = np.flatnonzero(coef[:, k])
        if len(chosen) == 0 or not usable[k]:
            continue
        x = z[:, [k, *chosen]]
        fit, *_ = np.linalg.lstsq(x, response, rcond=None)
        resid = response - x @ fit
        sigma[k] = math.sqrt(float(resid @ resid) / max(n - x.shape[1], 1))
    return solve(sigma)

"""One test per factor over the days it may act on.

A factor is estimated for each way it may act (design.PATTERNS: the same day, the day
before, the last three days, any vs none), each in its own model.  For a factor that carries
over from day to day these estimates say nearly the same thing; for one that does not they
are less alike.  Testing each as a separate hypothesis pays the multiple-testing price once
per pattern; this module pays it once per factor, exactly: the factor's p-value is the
chance that the largest of its standardized estimates is at least as large as the one seen,
with the estimates correlated as their influence series say (Newey–West cross-covariance on
the real calendar).  The pattern that shows most clearly describes how the factor acts; the
others are reported or kept but not counted.
"""

import math

import numpy as np
from scipy.special import ndtri
from scipy.stats import multivariate_normal

from twitchlog.insights import glm
from twitchlog.insights.fitting import Estimate


def correlation(a: Estimate, b: Estimate) -> float:
    """Correlation of two estimates from their influence series."""
    lags = max(a.lags, b.lags)
    va = glm.hac_covariance(a.influence, a.influence, lags)
    vb = glm.hac_covariance(b.influence, b.influence, lags)
    if va <= 0 or vb <= 0:
        return 0.0
    rho = glm.hac_covariance(a.influence, b.influence, lags) / math.sqrt(va * vb)
    return float(np.clip(rho, -0.999, 0.999))


def correlations(estimates: list[Estimate]) -> np.ndarray:
    """The correlation matrix of several estimates of one factor."""
    k = len(estimates)
    out = np.eye(k)
    for i in range(k):
        for j in range(i + 1, k):
            out[i, j] = out[j, i] = correlation(estimates[i], estimates[j])
    # Pairwise estimates need not make a valid matrix together: nudge it to the nearest one.
    values, vectors = np.linalg.eigh(out)
    if values.min() < 1e-6:
        out = (vectors * np.clip(values, 1e-6, None)) @ vectors.T
        scale = np.sqrt(np.diag(out))
        out = out / np.outer(scale, scale)
    return out


def max_p_value(p_values: list[float], corr: np.ndarray) -> float:
    """P(max_j |Z_j| >= z) for standard normals with correlation matrix ``corr``, where ``z``
    is the normal equivalent of the smallest of the (two-sided) ``p_values``."""
    smallest = min(p_values)
    k = len(p_values)
    if k == 1:
        return smallest
    z = float(ndtri(1 - smallest / 2))
    if not math.isfinite(z) or z > 8:  # deep in the tail the union bound is exact enough
        return min(1.0, k * smallest)
    # The probability is integrated by quasi-Monte Carlo; a fixed seed makes the same diary
    # give the same p-value every time.
    joint = multivariate_normal(mean=np.zeros(k), cov=corr, allow_singular=True, seed=0)
    inside = float(joint.cdf(np.full(k, z), lower_limit=np.full(k, -z)))
    return float(min(1.0, max(smallest, 1.0 - inside)))

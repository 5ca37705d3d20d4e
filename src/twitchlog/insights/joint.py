"""One test per factor over the days it may act on.

A factor is estimated on the same day and on the day before, each in its own model.  For a
factor that carries over from day to day the two estimates say nearly the same thing; for one
that does not they are nearly independent.  Testing each as a separate hypothesis pays the
multiple-testing price twice in the first case; this module pays it once per factor, exactly:
the factor's p-value is the chance that the larger of the two standardized estimates is at
least as large as the one seen, with the two correlated as their influence series say
(Newey–West cross-covariance on the real calendar).  The estimate that is larger describes
when the factor acts; the other is reported but not counted.
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


def max_p_value(p_values: list[float], rho: float) -> float:
    """P(max |Z_j| >= z) for two standard normals correlated ``rho``, where ``z`` is the
    normal equivalent of the smallest of the two (two-sided) ``p_values``."""
    smallest = min(p_values)
    if len(p_values) == 1:
        return smallest
    z = float(ndtri(1 - smallest / 2))
    if not math.isfinite(z):
        return smallest
    if z > 8:  # deep in the tail the union bound is exact enough
        return min(1.0, 2 * smallest)
    cov = [[1.0, rho], [rho, 1.0]]
    joint = multivariate_normal(mean=[0.0, 0.0], cov=cov)
    inside = (
        joint.cdf([z, z]) - joint.cdf([z, -z]) - joint.cdf([-z, z]) + joint.cdf([-z, -z])
    )
    return float(min(1.0, max(smallest, 1.0 - inside)))

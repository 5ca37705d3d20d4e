"""Error control across one person's tests: weighted Holm and Benjamini–Hochberg.

All of a person's tests form one family.  A driver must pass both a weighted
Benjamini–Hochberg at :data:`Q_LEVEL` (the ``q_value``) and a weighted Holm at
:data:`FAMILY_LEVEL`; weights are fixed in advance and average 1 (Genovese, Roeder &
Wasserman 2006), the stress load counting :data:`LOAD_WEIGHT` times a factor test (about
the share of the budget it had in version 1, when each factor was two tests).
"""

import numpy as np

Q_LEVEL = 0.05  # false discovery rate across all of a person's tests (Benjamini–Hochberg)
FAMILY_LEVEL = 0.05  # chance of any false driver for a person (Holm)
LOAD_WEIGHT = 2.0  # the stress load's share of the error budget, relative to one factor test


def holm_adjust(p_values: list[float], weights: list[float]) -> list[float]:
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


def bh_adjust(p_values: list[float]) -> list[float]:
    m = len(p_values)
    if m == 0:
        return []
    order = np.argsort(p_values)
    ranked = np.asarray(p_values)[order] * m / np.arange(1, m + 1)
    adjusted = np.minimum.accumulate(ranked[::-1])[::-1]
    out = np.empty(m)
    out[order] = np.minimum(adjusted, 1.0)
    return [float(v) for v in out]


def adjust(p_values: list[float], is_load: list[bool]) -> tuple[list[float], list[float]]:
    """(q values, Holm-adjusted p-values) for one person's family of tests."""
    raw = np.array([LOAD_WEIGHT if load else 1.0 for load in is_load])
    weights = raw * len(raw) / raw.sum() if len(raw) else raw
    weighted = [min(1.0, p / w) for p, w in zip(p_values, weights, strict=True)]
    return bh_adjust(weighted), holm_adjust(p_values, list(weights))

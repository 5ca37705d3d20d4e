"""The hand-written fits agree with statsmodels, and the load kernel does what it says."""

import numpy as np
import statsmodels.api as sm

from twitchlog.insights import glm
from twitchlog.insights.load import load_series


def _data(seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    n = 300
    x = np.column_stack([np.ones(n), rng.normal(size=n), rng.random(n) < 0.3])
    mu = np.exp(x @ np.array([1.0, 0.3, -0.4]))
    y = rng.poisson(rng.gamma(1 / 0.3, 0.3 * mu)).astype(float)
    return x, y


def test_negative_binomial_matches_statsmodels() -> None:
    x, y = _data()
    ours = glm.fit_negbin(x, y, 0.3)
    theirs = sm.GLM(y, x, family=sm.families.NegativeBinomial(alpha=0.3)).fit()
    assert np.allclose(ours.coef, theirs.params, atol=1e-6)
    assert np.allclose(ours.bread, theirs.cov_params(), rtol=1e-4)
    assert abs(ours.loglik - theirs.llf) < 1e-4


def test_the_dispersion_estimate_is_near_the_truth() -> None:
    x, y = _data(1)
    fit = glm.fit_negbin(x, y, 0.0)
    assert 0.15 < glm.dispersion(y, fit.mu) < 0.5


def test_linear_fit_matches_least_squares() -> None:
    x, y = _data(2)
    ours = glm.fit_linear(x, y)
    assert np.allclose(ours.coef, np.linalg.lstsq(x, y, rcond=None)[0])


def test_the_hac_variance_without_lags_is_the_hc3_sandwich() -> None:
    x, y = _data(3)
    fit = glm.fit_linear(x, y)
    days = np.arange(len(y))
    ours = glm.hac_variance(fit, x, 1, days, len(y), lags=0)
    theirs = sm.OLS(y, x).fit(cov_type="HC3").cov_params()[1, 1]
    n, p = x.shape
    assert np.isclose(ours, theirs * n / (n - p), rtol=1e-6)


def test_a_gap_is_not_a_neighbouring_day() -> None:
    x, y = _data(4)
    fit = glm.fit_linear(x, y)
    together = glm.hac_variance(fit, x, 1, np.arange(len(y)), len(y), lags=3)
    apart = glm.hac_variance(fit, x, 1, np.arange(len(y)) * 10, len(y) * 10, lags=3)
    no_lags = glm.hac_variance(fit, x, 1, np.arange(len(y)), len(y), lags=0)
    assert np.isclose(apart, no_lags)
    assert not np.isclose(together, apart)


def test_each_episode_adds_one_and_fades() -> None:
    episodes = np.zeros(30)
    episodes[10] = 1
    series = load_series(episodes, (5.0,))[:, 0]
    baseline = series[9]
    assert np.isclose(series[10] - baseline * np.exp(-1 / 5), 1.0)
    assert np.isclose(series[15] - baseline * np.exp(-6 / 5), np.exp(-1.0))

"""One test per factor: the p-value of the largest of a factor's correlated estimates."""

import numpy as np

from twitchlog.insights.joint import max_p_value


def test_identical_patterns_cost_nothing_and_independent_ones_cost_a_bonferroni() -> None:
    same = np.ones((3, 3))
    assert abs(max_p_value([0.01, 0.01, 0.01], same) - 0.01) < 1e-3
    independent = np.eye(3)
    expected = 1 - (1 - 0.01) ** 3  # Šidák: three independent chances
    assert abs(max_p_value([0.01, 0.2, 0.5], independent) - expected) < 1e-4
    between = max_p_value([0.01, 0.2, 0.5], np.full((3, 3), 0.6) + 0.4 * np.eye(3))
    assert 0.01 < between < expected


def test_the_same_estimates_give_the_same_p_value_every_time() -> None:
    corr = np.array([[1.0, 0.5, 0.3], [0.5, 1.0, 0.4], [0.3, 0.4, 1.0]])
    assert len({max_p_value([0.003, 0.02, 0.4], corr) for _ in range(5)}) == 1


def test_one_pattern_is_its_own_p_value() -> None:
    assert max_p_value([0.04], np.eye(1)) == 0.04

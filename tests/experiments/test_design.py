"""The schedule and the length advice."""

import datetime as dt
import random

import numpy as np
import pytest
from scipy import stats

from twitchlog.experiments.design import (
    TYPICAL_SPREAD,
    advise_length,
    condition_on,
    effect_seen,
    expected_power,
    history_spread,
    make_schedule,
)

START = dt.date(2026, 3, 2)


def test_each_pair_holds_one_block_of_each_in_a_random_order() -> None:
    orders = set()
    for seed in range(60):
        blocks = make_schedule(START, 3, 7, False, random.Random(seed))
        assert len(blocks) == 6
        for pair in range(3):
            assert {b.condition for b in blocks[2 * pair : 2 * pair + 2]} == {"A", "B"}
        orders.add("".join(b.condition for b in blocks))
    assert len(orders) == 8


def test_washout_days_sit_between_blocks() -> None:
    blocks = make_schedule(START, 2, 5, True, random.Random(1))
    assert blocks[1].start == blocks[0].end + dt.timedelta(days=2)
    assert condition_on(blocks, blocks[0].end + dt.timedelta(days=1)) == ""
    assert condition_on(blocks, blocks[3].end) == blocks[3].condition
    assert (blocks[-1].end - START).days + 1 == 4 * 5 + 3


def test_too_few_pairs_or_odd_blocks_are_refused() -> None:
    with pytest.raises(ValueError):
        make_schedule(START, 1, 7, False, random.Random(1))
    with pytest.raises(ValueError):
        make_schedule(START, 3, 10, False, random.Random(1))


def test_power_grows_with_length_and_effect() -> None:
    assert expected_power(0.3, 2, -0.7) < expected_power(0.3, 4, -0.7) < 1
    assert expected_power(0.3, 3, -0.2) < expected_power(0.3, 3, -0.7)
    assert expected_power(0.3, 3, 0.0) == pytest.approx(0.025, abs=0.01)


def test_a_steady_diary_gets_a_short_test() -> None:
    rng = np.random.default_rng(3)
    history = rng.poisson(20, 60).astype(float)
    advice = advise_length(history, "twitch_count", np.log(0.5), 7, False)
    assert advice.spread_from_diary and advice.enough
    assert advice.pairs == 2


def test_a_jumpy_diary_is_told_the_test_is_too_short() -> None:
    rng = np.random.default_rng(3)
    history = rng.poisson(np.exp(rng.normal(0.5, 1.2, 60))).astype(float)
    advice = advise_length(history, "twitch_count", np.log(0.75), 7, False)
    assert not advice.enough
    assert advice.pairs == 6 and advice.power < 0.8


def test_a_short_diary_assumes_a_typical_spread() -> None:
    advice = advise_length(np.array([3.0, 4.0, 5.0]), "twitch_severity", -1.0, 7, False)
    assert not advice.spread_from_diary
    assert advice.spread == TYPICAL_SPREAD["twitch_severity"]
    assert history_spread(np.array([3.0] * 20), "twitch_count", 7) is None


def test_the_spread_is_measured_over_back_to_back_blocks_counted_from_the_end() -> None:
    # Two spare days at the start, then weeks whose mean ratings are 2, 4, 6 and 8.
    history = np.array([9.0, 9.0] + [2.0] * 7 + [4.0] * 7 + [6.0] * 7 + [8.0] * 7)
    spread, df = history_spread(history, "twitch_severity", 7)
    assert df == 3
    assert spread == pytest.approx(np.std([2, 4, 6, 8], ddof=1))


def _simulated_power(
    spread: float, spread_df: int, pairs: int, effect: float, diary_df: int, draws: int
) -> float:
    """The same chance by brute force: draw a true spread given the measured one, then the
    test's B − A and the analysis's own spread (its sum of squares on its degrees of
    freedom), and read the 95% interval as the analysis does."""
    rng = np.random.default_rng(7)
    sigma2 = spread**2 * spread_df / rng.chisquare(spread_df, draws)
    diff = effect + np.sqrt(sigma2 * 2 / pairs) * rng.standard_normal(draws)
    df = 2 * pairs - 2 + diary_df
    squares = sigma2 * rng.chisquare(df, draws)
    se = np.sqrt(squares / df * 2 / pairs)
    return float(np.mean(diff / se < -stats.t.ppf(0.975, df)))


@pytest.mark.parametrize(
    ("pairs", "effect", "spread_df"), [(3, -0.6, 7), (4, -0.3, 11), (2, -0.9, 2)]
)
def test_the_expected_power_is_the_chance_over_the_spreads_the_diary_leaves_open(
    pairs: int, effect: float, spread_df: int
) -> None:
    found = expected_power(0.35, pairs, effect, spread_df, spread_df=spread_df)
    assert found == pytest.approx(
        _simulated_power(0.35, spread_df, pairs, effect, spread_df, 400_000), abs=0.005
    )


def test_a_measured_spread_promises_less_than_a_known_one_and_tends_to_it() -> None:
    known = expected_power(0.35, 3, -0.6, 7)
    assert expected_power(0.35, 3, -0.6, 7, spread_df=7) < known - 0.02
    assert expected_power(0.35, 3, -0.6, 7, spread_df=100_000) == pytest.approx(known, abs=0.002)
    # With no effect, the chance of a find is the interval's 2.5% a side, whatever the spread.
    assert expected_power(0.35, 3, 0.0, spread_df=7) == pytest.approx(0.025, abs=0.001)


def test_days_not_kept_dilute_the_rate_not_its_log() -> None:
    assert effect_seen(np.log(0.5), "twitch_count") == pytest.approx(np.log(0.55))
    assert effect_seen(-2.0, "twitch_severity") == pytest.approx(-1.8)


def test_a_diary_of_identical_weeks_never_promises_certain_power() -> None:
    # Eight weeks rated 5 every day: the measured spread is 0, yet rounding alone moves a
    # block's mean, as the verdict's own floor says; a one-point change is not a sure find.
    history = np.full(56, 5.0)
    advice = advise_length(history, "twitch_severity", -0.3, 7, False)
    assert all(option.power < 1.0 for option in advice.options)
    assert advice.options[0].power < 0.99

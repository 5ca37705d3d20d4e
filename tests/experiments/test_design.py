"""The schedule and the length advice."""

import datetime as dt
import random

import numpy as np
import pytest

from twitchlog.experiments.design import (
    TYPICAL_SPREAD,
    advise_length,
    block_spread,
    condition_on,
    expected_power,
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
    assert block_spread(np.array([3.0] * 10), "twitch_count", 7) is None

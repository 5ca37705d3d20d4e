"""Known answers for what real diaries have: factors that carry over, periods and the days
before them, sleep debt, thresholds, two drivers at once (docs/insights.md, "Scenarios")."""

from dataclasses import replace

import numpy as np
import pytest

from twitchlog.insights import analyze, cycle
from twitchlog.insights.scenarios import SCENARIOS, scenario_spec
from twitchlog.insights.simulate import simulate_person

from .conftest import flagged


def strong(name: str, person: int = 0) -> object:
    spec = scenario_spec(name, person)
    return replace(spec, rate_ratio=(2.5, 2.5), hidden_sd=(0.25, 0.3), missing_days=(0.1, 0.1))


def test_period_starts_and_the_days_before_them() -> None:
    days = np.zeros(90)
    for start in (3, 31, 60):
        days[start : start + 5] = 1
    days[45] = np.nan  # a blank day between periods
    assert list(cycle.period_starts(days)) == [3, 31, 60]
    before = cycle.before_period(days)
    assert before is not None
    assert list(np.flatnonzero(before == 1)) == [0, 1, 2, 27, 28, 29, 30, 56, 57, 58, 59]
    assert np.isnan(before[45])  # nothing logged about periods that day
    assert np.isnan(before[60:]).all()  # after the last start nobody knows what comes
    assert before[10] == 0 and before[35] == 0


def test_the_days_before_a_period_in_windows_of_other_lengths() -> None:
    days = np.zeros(90)
    for start in (3, 31, 60):
        days[start : start + 5] = 1
    three = cycle.before_period(days, 3)
    five = cycle.before_period(days, 5)
    assert three is not None and five is not None
    assert list(np.flatnonzero(three == 1)) == [0, 1, 2, 28, 29, 30, 57, 58, 59]
    assert list(np.flatnonzero(five == 1)) == [0, 1, 2, 26, 27, 28, 29, 30, 55, 56, 57, 58, 59]
    assert np.isnan(three[60:]).all() and np.isnan(five[60:]).all()


def test_a_three_day_window_before_a_period_is_found_as_three_days() -> None:
    # Planted on the 3 days before each period (the engine's default window is 4 days): the
    # 3-day window is the one that counts, and its interval is for the planted effect.
    frame, truth = simulate_person(180, 30, strong("premenstrual"))  # type: ignore[arg-type]
    window = np.asarray(truth.drivers[0].exposure)
    assert window[7:10].all() and not window[6] and not window[10]  # 3 days before a period
    report = analyze(frame)
    before = next(f for f in report.findings if f.factor == "before_period" and f.lag_days == 0)
    assert before.pattern == "three_days_before"
    assert before.verdict == "raises"
    assert before.ci_low is not None and before.ci_high is not None
    assert before.ci_low <= truth.drivers[0].rate_ratio <= before.ci_high
    assert "in the last three days before a period" in before.summary
    assert flagged(report) == {"before_period"}


def test_one_period_is_not_a_cycle() -> None:
    days = np.zeros(60)
    days[10:15] = 1
    assert cycle.before_period(days) is None


def test_a_bleed_that_pauses_for_a_day_is_one_period() -> None:
    days = np.zeros(70)
    days[5:8] = 1
    days[9:11] = 1
    days[40:45] = 1
    assert list(cycle.period_starts(days)) == [5, 40]


@pytest.mark.parametrize(
    ("scenario", "factor", "verdict"),
    [
        ("persistent", "stress_level", "raises"),
        ("period", "menstruating", "raises"),
        ("premenstrual", "before_period", "raises"),
        ("sleep_debt", "sleep_hours", "lowers"),
        ("threshold", "missed_meals", "raises"),
    ],
)
def test_a_strong_driver_of_each_kind_is_found_and_nothing_else(
    scenario: str, factor: str, verdict: str
) -> None:
    frame, _truth = simulate_person(240, 21, strong(scenario))  # type: ignore[arg-type]
    report = analyze(frame)
    found = {f.factor: f.verdict for f in report.findings if f.verdict in ("raises", "lowers")}
    assert found.get(factor) == verdict
    assert set(found) == {factor}, f"found besides the driver: {set(found) - {factor}}"


def test_a_period_driver_is_not_reported_as_the_days_before_and_the_reverse() -> None:
    for scenario, right, wrong in (
        ("period", "menstruating", "before_period"),
        ("premenstrual", "before_period", "menstruating"),
    ):
        frame, _truth = simulate_person(240, 22, strong(scenario))  # type: ignore[arg-type]
        found = flagged(analyze(frame))
        assert right in found and wrong not in found


def test_two_drivers_at_once_are_both_found() -> None:
    frame, truth = simulate_person(240, 23, strong("two_drivers"))  # type: ignore[arg-type]
    found = flagged(analyze(frame))
    assert {d.factor for d in truth.drivers} <= found


def test_every_scenario_makes_a_diary_with_its_planted_truth() -> None:
    for name in SCENARIOS:
        frame, truth = simulate_person(90, 5, scenario_spec(name, 1))
        assert len(frame) > 50
        forms = {d.form for d in truth.drivers}
        if name in ("period", "premenstrual", "sleep_debt", "threshold"):
            assert forms == {SCENARIOS[name].driver_form}
        if name == "null":
            assert truth.is_null
        if name == "load":
            assert truth.load is not None and not truth.drivers

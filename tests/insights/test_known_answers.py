"""The engine on simulated diaries whose truth is known."""

import math

from twitchlog.insights import analyze
from twitchlog.insights.simulate import SimSpec, simulate_person

from .conftest import finding, flagged, planted, stress_with_decoy

STRONG = planted("caffeine_mg")


def test_it_finds_a_strong_driver_with_the_right_sign_and_lag() -> None:
    frame, truth = simulate_person(180, 11, STRONG)
    report = analyze(frame)
    caffeine = finding(report, "caffeine_mg", 0)
    assert caffeine.verdict == "raises"
    assert caffeine.ci_low is not None and caffeine.ci_high is not None
    assert caffeine.ci_low <= truth.drivers[0].rate_ratio <= caffeine.ci_high
    assert finding(report, "caffeine_mg", 1).verdict != "raises"
    assert "more twitches" in caffeine.summary or "times as many" in caffeine.summary


def test_it_finds_a_driver_that_acts_the_next_day() -> None:
    frame, truth = simulate_person(180, 12, planted("sleep_hours", lag=1))
    assert truth.drivers[0].lag_days == 1
    report = analyze(frame)
    assert finding(report, "sleep_hours", 1).verdict == "lowers"
    assert finding(report, "sleep_hours", 0).verdict == "no_clear_effect"
    assert "slept an hour less" in finding(report, "sleep_hours", 1).summary


def test_pure_noise_yields_no_driver_in_at_least_95_percent_of_runs() -> None:
    # 200 null diaries of 60–90 days, with the default analysis.
    spec = SimSpec(null_share=1.0, reverse_share=0.0)
    with_false_driver = 0
    for seed in range(200):
        frame, truth = simulate_person(60 + seed % 31, 1000 + seed, spec)
        assert truth.is_null
        with_false_driver += bool(flagged(analyze(frame)))
    assert with_false_driver <= 10


def test_a_confounded_decoy_is_not_flagged() -> None:
    spec = stress_with_decoy()
    decoys_flagged = drivers_found = 0
    for seed in range(10):
        frame, truth = simulate_person(180, 30 + seed, spec)
        assert truth.confounded_decoy is not None
        found = flagged(analyze(frame))
        decoys_flagged += truth.confounded_decoy in found
        drivers_found += "stress_level" in found
    assert decoys_flagged == 0
    assert drivers_found >= 8


def test_a_factor_that_follows_bad_days_is_not_called_a_cause() -> None:
    spec = SimSpec(
        null_share=1.0,
        reverse_share=1.0,
        ar=(0.8, 0.8),
        hidden_sd=(0.45, 0.45),
        factor_names=("magnesium_mg", "sleep_hours", "caffeine_mg", "stress_level"),
    )
    decoys_flagged = 0
    for seed in range(10):
        frame, truth = simulate_person(365, 50 + seed, spec)
        assert truth.reverse_decoy == "magnesium_mg"
        decoys_flagged += "magnesium_mg" in flagged(analyze(frame))
    assert decoys_flagged == 0


def test_it_recovers_the_time_constant_of_the_stress_load() -> None:
    spec = SimSpec(
        driver_names=(),
        drivers=(0, 0),
        null_share=0.0,
        load_share=1.0,
        load_tau=(7.0, 7.0),
        load_rate_ratio=(2.0, 2.0),
        reverse_share=0.0,
        partial_logging=0.0,
    )
    taus = []
    for seed in range(5):
        frame, truth = simulate_person(365, 70 + seed, spec)
        assert truth.load is not None
        report = analyze(frame)
        assert report.load.verdict == "raises"
        assert report.load.time_constant_days is not None
        taus.append(report.load.time_constant_days)
        assert len(report.load.values) == len(report.load.dates)
    median = sorted(taus)[len(taus) // 2]
    assert 4 <= median <= 14
    assert math.isclose(sum(taus) / len(taus), 7, rel_tol=0.6)


def test_it_works_on_the_severity_rating() -> None:
    frame, truth = simulate_person(180, 11, STRONG)
    report = analyze(frame, "twitch_severity")
    caffeine = finding(report, "caffeine_mg", 0)
    assert report.outcome == "twitch_severity"
    assert caffeine.verdict == "raises"
    # Points per 100 mg; rounding to whole points and the 0–10 bounds shrink it a little.
    expected = truth.drivers[0].severity_points
    assert caffeine.effect is not None and 0.5 * expected <= caffeine.effect <= 1.5 * expected
    assert "points" in caffeine.effect_unit
    assert "points higher on the 0–10 scale" in caffeine.summary

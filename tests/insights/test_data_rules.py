"""Too little data, blanks and gaps: the engine never guesses and never fills a blank with 0."""

import numpy as np
import pandas as pd

from twitchlog.insights import analyze
from twitchlog.insights.simulate import SimSpec, simulate_person

from .conftest import finding, table


def test_too_few_days_gives_not_enough_data() -> None:
    frame, _truth = simulate_person(20, 1)
    report = analyze(frame)
    assert report.days_used < 28
    assert report.findings
    assert {f.verdict for f in report.findings} == {"not_enough_data"}
    assert all(f.effect is None and f.p_value is None for f in report.findings)
    assert report.load.verdict == "not_enough_data"


def test_a_constant_factor_gives_not_enough_data() -> None:
    frame, _truth = simulate_person(120, 2)
    frame["vitamin_d_iu"] = 1000
    report = analyze(frame)
    for lag in (0, 1):
        vitamin = finding(report, "vitamin_d_iu", lag)
        assert vitamin.verdict == "not_enough_data"
        assert "hardly changed" in vitamin.summary


def test_a_factor_is_tested_only_on_the_days_it_was_logged() -> None:
    frame, _truth = simulate_person(150, 3, SimSpec(partial_logging=0.0))
    logged_days = frame["caffeine_mg"].notna() & frame["twitch_count"].notna()
    frame.loc[frame.index[::3], "caffeine_mg"] = np.nan
    logged_days &= frame["caffeine_mg"].notna()
    report = analyze(frame)
    assert finding(report, "caffeine_mg", 0).days_used == int(logged_days.sum())


def test_a_blank_is_not_zero() -> None:
    # The factor is always 1 when logged and blank otherwise; blank days are bad days.  Read
    # as zero, it would look like a strong driver; read as "not logged", it never varies.
    rng = np.random.default_rng(4)
    days = 120
    bad = rng.random(days) < 0.5
    counts = np.where(bad, rng.poisson(12, days), rng.poisson(2, days))
    marker = np.where(bad, np.nan, 1.0)
    frame = table(twitch_count=list(counts), cold_exposure=list(marker))
    report = analyze(frame)
    for lag in (0, 1):
        assert finding(report, "cold_exposure", lag).verdict == "not_enough_data"


def test_missing_days_are_left_out_not_filled() -> None:
    frame, _truth = simulate_person(120, 5)
    dates = frame["date"]
    assert len(dates) < 120  # the simulator leaves days out
    report = analyze(frame)
    assert report.days_used == int(frame["twitch_count"].notna().sum())
    first = report.load.dates[0] if report.load.dates else dates.iloc[0]
    assert first == dates.iloc[0]


def test_only_the_last_two_years_are_analysed() -> None:
    # Two years of a diary, then the same two years moved four years back in front of it:
    # the older rows are counted as left out and change nothing in the findings.
    frame, _truth = simulate_person(730, 8, SimSpec(partial_logging=0.0))
    recent = analyze(frame)
    older = frame.copy()
    older["date"] = (pd.to_datetime(older["date"]) - pd.Timedelta(days=1461)).dt.strftime(
        "%Y-%m-%d"
    )
    both = analyze(pd.concat([older, frame], ignore_index=True))
    assert recent.days_left_out == 0
    assert both.days_left_out == len(older)
    assert both.days_used == recent.days_used
    assert [(f.factor, f.verdict, f.p_value) for f in both.findings] == [
        (f.factor, f.verdict, f.p_value) for f in recent.findings
    ]
    # The window ends on the last day twitching was logged, not on a later row without it.
    stray = pd.DataFrame({"date": ["2040-01-01"], "stress_level": [4.0]})
    assert analyze(pd.concat([frame, stray], ignore_index=True)).days_left_out == 0


def test_the_json_has_exactly_the_documented_shape() -> None:
    frame, _truth = simulate_person(120, 6)
    data = analyze(frame).to_dict()
    assert set(data) == {"outcome", "days_used", "findings", "load", "days_left_out"}
    assert data["days_left_out"] == 0
    keys = {
        "factor",
        "lag_days",
        "kind",
        "effect",
        "effect_unit",
        "ci_low",
        "ci_high",
        "p_value",
        "q_value",
        "verdict",
        "summary",
        "days_used",
        "more_days_needed",
        "pattern",
    }
    assert data["findings"]
    for item in data["findings"]:
        assert set(item) == keys
        assert item["verdict"] in {"raises", "lowers", "no_clear_effect", "not_enough_data"}
        assert item["kind"] in {"linear", "binary", "load"}
        assert item["pattern"] in {
            "same_day",
            "next_day",
            "three_days",
            "any",
            "three_days_before",
            "five_days_before",
            "build_up",
        }
    assert {"dates", "values", "time_constant_days", "effect", "p_value", "verdict"} <= set(
        data["load"]
    )
    assert any(item["kind"] == "load" for item in data["findings"])


def test_a_steady_outcome_gives_not_enough_data() -> None:
    frame, _truth = simulate_person(120, 7)
    frame["twitch_count"] = 0
    report = analyze(frame)
    assert {f.verdict for f in report.findings} == {"not_enough_data"}
    assert "hardly changed" in report.findings[0].summary


def test_a_yes_no_factor_almost_always_no_is_told_in_yes_no_words() -> None:
    frame, _truth = simulate_person(120, 2)
    frame["medication_change"] = 0
    frame.loc[frame.index[:4], "medication_change"] = 1
    report = analyze(frame)
    for lag in (0, 1):
        change = finding(report, "medication_change", lag)
        assert change.verdict == "not_enough_data"
        assert "hardly changed" not in change.summary
        assert "too few days of each answer" in change.summary

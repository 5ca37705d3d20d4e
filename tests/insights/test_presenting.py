import datetime as dt

from twitchlog.insights.chart import load_chart
from twitchlog.insights.presenting import page


def finding(factor: str, lag: int, verdict: str, q: float | None = None, more: int | None = None):  # type: ignore[no-untyped-def]
    return {
        "factor": factor,
        "lag_days": lag,
        "kind": "linear",
        "effect": 1.5,
        "effect_unit": "",
        "ci_low": 1.1,
        "ci_high": 2.0,
        "p_value": q,
        "q_value": q,
        "verdict": verdict,
        "summary": f"{factor} at {lag}",
        "more_days_needed": more,
    }


REPORT = {
    "outcome": "twitch_count",
    "days_used": 90,
    "days_left_out": 0,
    "load": {"available": False, "summary": "none"},
    "findings": [
        finding("caffeine_mg", 0, "raises", 0.04),
        finding("sleep_hours", 0, "lowers", 0.001),
        finding("caffeine_mg", 1, "no_clear_effect", 0.6, 300),
        finding("water_l", 0, "no_clear_effect", 0.9, 500),
        finding("water_l", 1, "no_clear_effect", 0.8, 400),
        finding("my_walks", 0, "not_enough_data"),
        finding("my_walks", 1, "not_enough_data"),
    ],
}


def test_drivers_come_first_strongest_evidence_first_with_their_cause() -> None:
    shown = page(REPORT, {})
    assert [d.factor for d in shown.drivers] == ["sleep_hours", "caffeine_mg"]
    assert shown.drivers[0].cause is not None and shown.drivers[0].cause.slug == "sleep"


def test_each_driver_says_which_way_it_moves_twitching() -> None:
    report = {
        **REPORT,
        "findings": [
            finding("sleep_hours", 0, "lowers", 0.001),
            finding("caffeine_mg", 1, "raises", 0.01),
            finding("alcohol_units", 0, "raises", 0.02),
            finding("nicotine", 1, "raises", 0.03),
        ],
    }
    # Told the way the sentence tells it: "On days when you slept an hour less, ... more".
    assert [d.direction for d in page(report, {}).drivers] == [
        "less of it: more twitching",
        "more of it: more twitching the next day",
        "more of it: more twitching",
        "after a day with it: more twitching",
    ]


def test_unclear_and_missing_factors_are_listed_once_and_drivers_not_again() -> None:
    shown = page(REPORT, {"my_walks": "Evening walks"})
    assert [i.factor for i in shown.unclear] == ["water_l"]
    assert [(i.factor, i.label) for i in shown.too_little] == [("my_walks", "Evening walks")]
    assert shown.is_ready and shown.days_to_first == 0


def test_a_short_diary_counts_down_to_the_first_look() -> None:
    shown = page({**REPORT, "days_used": 20}, {})
    assert not shown.is_ready and shown.days_to_first == 8


def test_the_chart_draws_a_bar_per_logged_day_and_the_load_line() -> None:
    days = [dt.date(2026, 3, 1) + dt.timedelta(days=i) for i in range(10)]
    svg = load_chart(days, [0.5] * 10, {days[0]: 3.0, days[4]: 1.0}, "Twitch episodes")
    assert svg.startswith("<svg") and 'role="img"' in svg
    assert svg.count("<rect") == 2
    assert svg.count(",") >= 10  # ten points on the polyline
    assert "Twitch episodes per day" in svg
    assert load_chart([], [], {}, "x") == ""

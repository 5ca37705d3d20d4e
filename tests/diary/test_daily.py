"""The daily table: which days have a row and how each cell is filled."""

import datetime as dt
import math
from typing import Any

from tests.diary.helpers import make_checkin, make_episode, make_factor, make_stress_event
from twitchlog.diary import services
from twitchlog.diary.daily import daily_frame
from twitchlog.knowledge.factors import FACTORS

D1, D2, D3, D4 = (dt.date(2026, 11, d) for d in (10, 11, 12, 13))


def at(day: dt.date, hour: int = 12) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=dt.UTC)


def row(frame: Any, day: dt.date) -> dict[str, float]:
    found = frame[frame["date"].dt.date == day]
    assert len(found) == 1, day
    return found.iloc[0].to_dict()


def test_columns_are_the_csv_columns_in_order(alice: Any) -> None:
    make_factor(alice, "Screen time")
    frame = daily_frame(alice)
    expected = ["date", "twitch_count", "twitch_severity", *(f.name for f in FACTORS)]
    assert list(frame.columns) == [*expected, "screen_time"]
    assert frame.empty


def test_which_days_have_a_row_and_what_count_they_get(alice: Any) -> None:
    make_episode(alice, occurred_at=at(D1))
    make_episode(alice, occurred_at=at(D1, 20))
    make_checkin(alice, D2, sleep_hours=7)  # checked in, no episodes: a real zero
    make_stress_event(alice, occurred_at=at(D3))  # only a stress event: count not logged
    frame = daily_frame(alice)
    assert [d.date() for d in frame["date"]] == [D1, D2, D3]  # D4: nothing, no row
    assert row(frame, D1)["twitch_count"] == 2
    assert math.isnan(row(frame, D1)["sleep_hours"])
    assert row(frame, D2)["twitch_count"] == 0
    assert math.isnan(row(frame, D3)["twitch_count"])


def test_anxiety_episodes_is_the_larger_of_answer_and_events(alice: Any) -> None:
    make_checkin(alice, D1, anxiety_episodes=1)
    for hour in (9, 15):
        make_stress_event(alice, occurred_at=at(D1, hour))
    make_checkin(alice, D2, anxiety_episodes=3)
    make_stress_event(alice, occurred_at=at(D2))
    make_checkin(alice, D3, anxiety_episodes=0)
    make_checkin(alice, D4, sleep_hours=8)  # not answered and no events: blank
    frame = daily_frame(alice)
    assert row(frame, D1)["anxiety_episodes"] == 2
    assert row(frame, D2)["anxiety_episodes"] == 3
    assert row(frame, D3)["anxiety_episodes"] == 0
    assert math.isnan(row(frame, D4)["anxiety_episodes"])


def test_values_are_numbers_yes_no_is_one_zero_and_blank_is_nan(alice: Any) -> None:
    factor = make_factor(alice, "Cold shower", kind="binary")
    services.save_checkin(
        alice,
        D1,
        {"sleep_hours": 6.5, "nicotine": True, "recreational_drugs": False, "twitch_rating": 4},
        {factor: 0.0},
    )
    values = row(daily_frame(alice), D1)
    assert values["sleep_hours"] == 6.5
    assert values["nicotine"] == 1 and values["recreational_drugs"] == 0
    assert values["twitch_severity"] == 4
    assert values["cold_shower"] == 0
    assert math.isnan(values["caffeine_mg"]) and math.isnan(values["menstruating"])


def test_an_imported_count_and_logged_episodes_do_not_add_up(alice: Any) -> None:
    make_checkin(alice, D1, imported_twitch_count=3)
    make_episode(alice, occurred_at=at(D1))
    make_checkin(alice, D2, imported_twitch_count=1)
    for hour in (8, 9, 10):
        make_episode(alice, occurred_at=at(D2, hour))
    make_checkin(alice, D3, counts_episodes=False, sleep_hours=7)
    frame = daily_frame(alice)
    assert row(frame, D1)["twitch_count"] == 3
    assert row(frame, D2)["twitch_count"] == 3
    assert math.isnan(row(frame, D3)["twitch_count"])


def test_start_and_end_are_inclusive_and_others_are_not_mixed_in(alice: Any, charlie: Any) -> None:
    for day in (D1, D2, D3):
        make_episode(alice, occurred_at=at(day))
    make_episode(charlie, occurred_at=at(D2))
    frame = daily_frame(alice, D2, D3)
    assert [d.date() for d in frame["date"]] == [D2, D3]
    assert list(frame["twitch_count"]) == [1, 1]

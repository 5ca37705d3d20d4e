import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from django.urls import reverse

from tests.diary.helpers import make_checkin, make_episode
from twitchlog.diary import services
from twitchlog.diary.charts import Period, factor_chart, split_at_middle, twitch_chart, weekly

MONDAY = dt.date(2026, 11, 2)
LONDON = ZoneInfo("Europe/London")


def test_a_day_with_nothing_logged_is_a_gap_not_a_zero_bar() -> None:
    days = [Period(MONDAY, 3), Period(MONDAY + dt.timedelta(1), None), Period(MONDAY, 0)]
    svg = twitch_chart(days, "day")
    assert svg.count("not logged</title>") == 1
    assert "Mon 2 Nov: 3 twitches" in svg and "Mon 2 Nov: 0 twitches" in svg
    assert twitch_chart([Period(MONDAY, None)], "day") == ""  # nothing to draw


def test_weeks_add_up_the_logged_days_and_say_when_a_week_is_partial() -> None:
    days = [Period(MONDAY + dt.timedelta(n), n if n != 3 else None) for n in range(9)]
    weeks = weekly(days)
    assert weeks == [
        Period(MONDAY, 0 + 1 + 2 + 4 + 5 + 6, 6),
        Period(MONDAY + dt.timedelta(7), 15, 2),
    ]
    assert "Week of 9 Nov: 15 twitches, 2 of 7 days logged" in twitch_chart(weeks, "week")
    assert weekly([Period(MONDAY, None)]) == [Period(MONDAY, None, 0)]


def test_the_factor_view_splits_days_at_the_middle_value() -> None:
    pairs = [(5.0, 9.0), (6.0, 7.0), (7.0, 4.0), (8.0, 2.0)]
    split = split_at_middle(pairs)
    assert split is not None
    assert (split.middle, split.low_days, split.low_mean) == (6.0, 2, 8.0)
    assert (split.high_days, split.high_mean) == (2, 3.0)
    assert factor_chart(pairs, "Sleep").count("<circle") == 4
    assert split_at_middle([(1.0, 3.0), (1.0, 4.0)]) is None  # no days with more


def test_the_timeline_shows_the_charts_as_description(alice_client: Any, alice: Any) -> None:
    today = services.today_for(alice)
    for n, hours in enumerate((5, 6, 8, 9)):
        day = today - dt.timedelta(days=n)
        make_checkin(alice, day, sleep_hours=hours)
        for _ in range(10 - hours):
            make_episode(alice, occurred_at=dt.datetime.combine(day, dt.time(12), LONDON))
    page = alice_client.get(reverse("diary:timeline")).content.decode()
    assert "They are not findings" in page
    assert "Twitches logged per day; gaps are days with nothing logged" in page
    assert "Twitching beside sleep" in page and '<option value="sleep_hours" selected>' in page
    assert page.count("<circle") == 4
    weekly_page = alice_client.get(reverse("diary:timeline"), {"by": "week"}).content.decode()
    assert "Twitches logged per week" in weekly_page

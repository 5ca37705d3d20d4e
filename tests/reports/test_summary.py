"""The report's facts and its weekly chart, with known answers."""

import datetime as dt
import math
from typing import Any

from tests.diary.helpers import NOON, make_episode
from tests.reports.helpers import small_diary
from twitchlog.diary import services as diary
from twitchlog.reports.chart import BAR, GAP, weekly_chart
from twitchlog.reports.summary import summarise, weekly_twitches

MON = dt.date(2026, 11, 16)


def test_weeks_run_monday_to_sunday_and_a_gap_stays_a_gap() -> None:
    daily = {
        MON: 2.0,
        MON + dt.timedelta(1): 3.0,
        MON + dt.timedelta(6): math.nan,  # a day with a stress moment only: not logged
        MON + dt.timedelta(14): 0.0,  # logged, no twitches
    }
    assert weekly_twitches(daily) == [
        (MON, 5),
        (MON + dt.timedelta(7), None),
        (MON + dt.timedelta(14), 0),
    ]


def test_nothing_logged_gives_no_weeks() -> None:
    assert weekly_twitches({}) == []
    assert weekly_twitches({MON: math.nan}) == []
    assert weekly_chart([]) == ""


def test_the_chart_draws_a_bar_per_logged_week_and_a_mark_per_gap() -> None:
    svg = weekly_chart([(MON, 5), (MON + dt.timedelta(7), None), (MON + dt.timedelta(14), 0)])
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert svg.count(f'fill="{BAR}"') == 2
    assert svg.count(f'fill="{GAP}"') == 1
    assert "Week of 16 Nov 2026: 5" in svg
    assert "16 Nov 2026" in svg and "30 Nov 2026" in svg


def test_the_summary_counts_days_twitches_and_places(alice: Any) -> None:
    small_diary(alice, "alicetag")
    make_episode(alice, occurred_at=NOON + dt.timedelta(hours=2))  # another left eyelid
    summary = summarise(alice)
    assert (summary.first_day, summary.last_day) == (dt.date(2026, 11, 20), dt.date(2026, 11, 21))
    assert summary.days_logged == 2
    assert summary.twitches == 3
    assert summary.weeks == [(MON, 3)]
    assert [(s.label, s.count, s.percent) for s in summary.spots] == [
        ("Left eyelid or around the eye", 2, 67),
        ("Right calf", 1, 33),
    ]
    (group,) = summary.results
    assert group.questionnaire == "GAD-7"
    assert [(r.score, r.band) for r in group.rows] == [(10, "moderate")]


def test_warning_signs_are_listed_once_with_the_latest_date(alice: Any) -> None:
    diary.note_red_flags(alice, ["numbness"], dt.date(2026, 11, 1))
    diary.dismiss_red_flags(alice)
    diary.note_red_flags(alice, ["numbness", "weakness"], dt.date(2026, 11, 9))
    rows = summarise(alice).flags
    assert [(r.flag.key, r.last_noted, r.open) for r in rows] == [
        ("weakness", dt.date(2026, 11, 9), True),  # "see a doctor soon" comes first
        ("numbness", dt.date(2026, 11, 9), True),
    ]


def test_the_scale_is_labelled_in_whole_numbers() -> None:
    small = weekly_chart([(MON, 3)])  # the scale runs to 5
    assert ">5</text>" in small and ">2.5</text>" not in small
    larger = weekly_chart([(MON, 7)])  # to 10, with 5 halfway
    assert ">10</text>" in larger and ">5</text>" in larger

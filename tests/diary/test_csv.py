"""The daily CSV: round trips without loss; a bad file names row and column, imports nothing."""

import datetime as dt
import math
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.conftest import make_user
from tests.diary.helpers import make_checkin, make_episode, make_factor, make_stress_event
from twitchlog.diary import services, transfer
from twitchlog.diary.csvfile import CsvProblems, format_number, read_daily
from twitchlog.diary.daily import daily_frame
from twitchlog.diary.demo import seed_demo_diary
from twitchlog.diary.models import CheckIn, CustomFactor


def round_trip(source: Any) -> tuple[str, str]:
    exported = transfer.export_daily(source)
    fresh = make_user("fresh@example.org")
    transfer.import_daily(fresh, transfer.read_for(fresh, exported))
    return exported, transfer.export_daily(fresh)


def test_a_hand_made_diary_round_trips_exactly(alice: Any) -> None:
    factor = make_factor(alice, "Screen time")
    flag = make_factor(alice, "Cold shower", kind="binary")
    make_episode(alice, occurred_at=dt.datetime(2026, 11, 10, 21, tzinfo=dt.UTC))
    make_stress_event(alice, occurred_at=dt.datetime(2026, 11, 12, 9, tzinfo=dt.UTC))
    services.save_checkin(
        alice,
        dt.date(2026, 11, 11),
        {"sleep_hours": 6.25, "caffeine_mg": 0.1 + 0.2, "nicotine": False, "twitch_rating": 0},
        {factor: 2.5, flag: 1.0},
    )
    make_checkin(alice, dt.date(2026, 11, 12), anxiety_episodes=0)
    exported, again = round_trip(alice)
    assert exported == again
    lines = exported.splitlines()
    assert lines[0].startswith("date,twitch_count,twitch_severity,sleep_hours,")
    assert lines[0].endswith(",screen_time,cold_shower")
    assert lines[1].startswith("2026-11-10,1,,")  # episodes but no check-in
    assert "0.30000000000000004" in lines[2]
    assert len(lines) == 4


def test_the_demo_diary_round_trips_exactly(alice: Any) -> None:
    seed_demo_diary(alice, days=30, seed=3)
    exported, again = round_trip(alice)
    assert exported == again
    assert len(exported.splitlines()) > 20


def test_a_bad_file_names_row_and_column_and_imports_nothing(alice: Any) -> None:
    text = (
        "date,sleep_hours,stress_level,nicotine,my_factor\n"
        "2026-11-01,7,3,0,1\n"
        "2026-11-02,seven,3,0,1\n"
        "2026-11-03,7,12,yes,1\n"
        "2026-11-31,7,3,0,1\n"
    )
    with pytest.raises(CsvProblems) as caught:
        transfer.read_for(alice, text)
    problems = [(p.row, p.column) for p in caught.value.problems]
    assert problems == [
        (3, "sleep_hours"),
        (4, "stress_level"),
        (4, "nicotine"),
        (5, "date"),
    ]
    assert str(caught.value.problems[0]) == "Row 3, column sleep_hours: “seven” is not a number"
    assert not CheckIn.objects.exists() and not CustomFactor.objects.exists()


def test_the_import_page_lists_problems_and_imports_nothing(alice_client: Any) -> None:
    upload = SimpleUploadedFile("d.csv", b"date,caffeine_mg\n2026-11-01,100\n2026-11-01,-5\n")
    response = alice_client.post(reverse("diary:import"), {"file": upload})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Nothing was imported" in page
    assert "Row 3, column date" in page and "Row 3, column caffeine_mg" in page
    assert not CheckIn.objects.exists()


def test_the_import_page_imports_a_good_file(alice_client: Any, alice: Any) -> None:
    upload = SimpleUploadedFile(
        "d.csv", "\ufeffdate,twitch_count,sleep_hours,late_coffee\n2026-11-01,4,,1\n".encode()
    )
    response = alice_client.post(reverse("diary:import"), {"file": upload})
    assert response.status_code == 302
    checkin = CheckIn.objects.get()
    assert checkin.imported_twitch_count == 4 and checkin.sleep_hours is None
    assert CustomFactor.objects.get().kind == "binary"


def test_a_missing_date_column_or_a_reserved_column_is_refused() -> None:
    with pytest.raises(CsvProblems, match="needs a date column"):
        read_daily("day,sleep_hours\n2026-11-01,7\n")
    with pytest.raises(CsvProblems, match="self-experiment"):
        read_daily("date,condition\n2026-11-01,A\n")
    with pytest.raises(CsvProblems, match="small letters"):
        read_daily("date,Screen Time\n2026-11-01,3\n")


def test_an_empty_twitch_count_stays_not_logged(alice: Any) -> None:
    table = read_daily("date,twitch_count,twitch_severity\n2026-11-01,,5\n2026-11-02,0,1\n")
    transfer.import_daily(alice, table)
    frame = daily_frame(alice)
    assert math.isnan(frame.loc[0, "twitch_count"]) and frame.loc[0, "twitch_severity"] == 5
    assert frame.loc[1, "twitch_count"] == 0


def test_an_import_overwrites_only_its_own_columns(alice: Any) -> None:
    make_checkin(alice, dt.date(2026, 11, 1), sleep_hours=8, stress_level=6)
    transfer.import_daily(alice, read_daily("date,sleep_hours\n2026-11-01,\n"))
    checkin = CheckIn.objects.get()
    assert checkin.sleep_hours is None and checkin.stress_level == 6


def test_a_yes_no_factor_refuses_other_numbers(alice: Any) -> None:
    make_factor(alice, "Cold shower", kind="binary")
    with pytest.raises(CsvProblems, match="use 1 for yes"):
        transfer.read_for(alice, "date,cold_shower\n2026-11-01,2\n")


def test_numbers_are_written_as_people_write_them() -> None:
    assert [format_number(v) for v in (6.0, 6.5, math.nan, None, 0.0, True)] == [
        "6",
        "6.5",
        "",
        "",
        "0",
        "1",
    ]


def test_the_episode_export_has_one_row_per_twitch(alice_client: Any, alice: Any) -> None:
    make_episode(alice, occurred_at=dt.datetime(2026, 7, 1, 22, 15, tzinfo=dt.UTC), strength=4)
    response = alice_client.get(reverse("diary:export_episodes"))
    lines = response.content.decode().splitlines()
    assert response["Content-Type"].startswith("text/csv")
    assert lines[0].startswith("date,time,time_zone,occurred_at_utc,region,side")
    assert lines[1].startswith("2026-07-01,23:15,Europe/London,2026-07-01T22:15:00Z,eyelid,left")


def test_the_daily_export_downloads_as_a_file(alice_client: Any, alice: Any) -> None:
    make_checkin(alice, dt.date(2026, 11, 1), sleep_hours=7)
    response = alice_client.get(reverse("diary:export"))
    assert "attachment" in response["Content-Disposition"]
    assert response.content.decode().splitlines()[1].startswith("2026-11-01,0,,7,")

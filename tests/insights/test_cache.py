"""The stored report is current while the diary version has not moved; every write moves it."""

import contextlib
import datetime as dt
import re
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from tests.insights.test_page import computations, give_diary
from twitchlog.diary import device_import, transfer, versions
from twitchlog.diary import services as diary
from twitchlog.diary.demo import seed_demo_diary
from twitchlog.diary.devices.days import DayValue
from twitchlog.diary.models import CheckIn, Episode
from twitchlog.insights import services

DAY = dt.date(2025, 3, 3)
AT = dt.datetime(2025, 3, 3, 12, tzinfo=dt.UTC)


def moved(user: Any, write: Any) -> bool:
    before = versions.current(user)
    write()
    return versions.current(user) > before


def test_every_kind_of_diary_write_moves_the_version(alice: Any) -> None:
    episode, _ = diary.log_episode(
        alice, region="calf", side="left", sensation="twitch", occurred_at=AT
    )
    assert moved(
        alice,
        lambda: diary.log_episode(
            alice, region="calf", side="left", sensation="twitch", occurred_at=AT
        ),
    )
    assert moved(alice, lambda: diary.update_episode(alice, episode, {"notes": "after a run"}))
    assert moved(alice, lambda: diary.delete_episode(alice, episode))
    assert moved(alice, lambda: diary.save_checkin(alice, DAY, {"sleep_hours": 6.5}))
    factor, _ = diary.add_factor(alice, "Late screens", "numeric")
    assert moved(alice, lambda: diary.save_checkin(alice, DAY, {}, custom={factor: 3.0}))
    assert moved(alice, lambda: diary.delete_factor(alice, factor))
    assert moved(
        alice, lambda: diary.log_stress_event(alice, kind="pressure", strength=3, occurred_at=AT)
    )
    assert moved(alice, lambda: diary.delete_checkin(alice, CheckIn.objects.get(user=alice)))
    table = transfer.read_for(alice, "date,twitch_count\n2025-03-04,5\n")
    assert moved(alice, lambda: transfer.import_daily(alice, table))
    assert moved(alice, lambda: seed_demo_diary(alice, days=30))  # bulk_create: bumped by hand
    assert moved(alice, lambda: Episode.objects.filter(user=alice).delete())
    found = {"sleep_hours": {DAY: DayValue(7.5, ("Watch",))}}
    assert moved(alice, lambda: device_import.save_values(alice, "apple", found, DAY))


def test_a_write_that_is_rolled_back_leaves_the_version_alone(alice: Any) -> None:
    before = versions.current(alice)
    with pytest.raises(RuntimeError), transaction.atomic():
        diary.save_checkin(alice, DAY, {"sleep_hours": 6.5})
        raise RuntimeError("the request failed after the write")
    assert versions.current(alice) == before
    assert not CheckIn.objects.filter(user=alice).exists()


def test_another_persons_write_leaves_my_report_current(alice: Any, charlie: Any) -> None:
    give_diary(alice, days=40)
    services.current_report(alice, "twitch_count")
    diary.save_checkin(charlie, DAY, {"sleep_hours": 6.5})
    services.current_report(alice, "twitch_count")
    assert computations(alice) == 1


def test_reading_a_current_report_computes_nothing_and_reads_no_diary_rows(alice: Any) -> None:
    give_diary(alice, days=60)
    first = services.current_report(alice, "twitch_count").stored
    refuse = mock.Mock(side_effect=AssertionError("computed again"))
    with (
        mock.patch("twitchlog.insights.engine.analyze", refuse),
        mock.patch("twitchlog.diary.daily.daily_frame", refuse),
        CaptureQueriesContext(connection) as queries,
    ):
        again = services.current_report(alice, "twitch_count")
    assert again.stored.pk == first.pk
    assert len(queries) <= 2
    assert not any("diary_episode" in q["sql"] or "diary_checkin" in q["sql"] for q in queries)
    assert again.outcome_by_day()  # the chart's data came with the report


def test_a_write_makes_the_next_read_compute_again(alice: Any) -> None:
    give_diary(alice, days=60)
    services.current_report(alice, "twitch_count")
    diary.save_checkin(alice, dt.date(2025, 1, 7), {"stress_level": 9})
    services.current_report(alice, "twitch_count")
    assert computations(alice) == 2


def test_every_bulk_write_of_the_diary_bumps_the_version_by_hand() -> None:
    # bulk_create, bulk_update and QuerySet.update send no signals: a module that writes the
    # diary's rows that way must call versions.bump itself (as the demo, the CSV import and
    # the device import do), or a stored report would stay "current" after the write.
    package = Path(versions.__file__).parents[1]
    watched = [model.__name__ for model in versions.WATCHED]
    pattern = re.compile(
        rf"\b({'|'.join(watched)})\.objects\b[^\n]*\.(bulk_create|bulk_update|update)\("
    )
    for source in package.rglob("*.py"):
        text = source.read_text()
        if pattern.search(text):
            assert "versions.bump(" in text, f"{source.relative_to(package)} skips the version"


def test_a_request_that_wrote_keeps_nothing_it_worked_out(alice: Any) -> None:
    # A request whose write rolls back must not leave a value under the version number that
    # the next committed write takes again.
    worked: list[int] = []

    def work(version: int) -> int:
        worked.append(version)
        return version

    versions._request_started()
    try:
        with contextlib.suppress(RuntimeError), transaction.atomic():
            versions.bump(alice.pk)
            versions.remembered(alice, "probe", work)
            raise RuntimeError
    finally:
        versions._request_finished()
    versions.bump(alice.pk)  # committed: the same version number as the rolled-back one
    assert versions.remembered(alice, "probe", work) == 1
    assert worked == [1, 1]


def test_deleting_a_check_in_moves_the_version_once_not_once_per_value(alice: Any) -> None:
    from tests.diary.helpers import make_factor

    factors = [make_factor(alice, f"Factor {n}") for n in range(5)]
    checkin, _ = diary.save_checkin(
        alice, AT.date(), {"sleep_hours": 7}, dict.fromkeys(factors, 1.0)
    )
    before = versions.current(alice)
    diary.delete_checkin(alice, checkin)
    assert versions.current(alice) == before + 1
    # A factor's deletion, which takes its values on every day, likewise moves it once.
    diary.save_checkin(alice, AT.date(), {"sleep_hours": 7}, {factors[0]: 2.0})
    before = versions.current(alice)
    diary.delete_factor(alice, factors[0])
    assert versions.current(alice) == before + 1
    # A queryset delete of check-ins still moves it (once per check-in, as ever).
    diary.save_checkin(alice, AT.date(), {"sleep_hours": 6}, {factors[1]: 1.0})
    before = versions.current(alice)
    CheckIn.objects.filter(user=alice).delete()
    assert versions.current(alice) > before

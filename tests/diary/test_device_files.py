"""Reading phone and watch exports: known answers for the sleep rule and hostile files.

Every file here is synthetic (``twitchlog.diary.devices.synthetic``), built in each
platform's real structure.
"""

import datetime as dt
import io
import json
import tracemalloc
import zipfile
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from twitchlog.diary.devices import apple, fitbit
from twitchlog.diary.devices import synthetic as s
from twitchlog.diary.devices.days import (
    Period,
    Readings,
    daily_values,
    merge,
    sleep_by_day,
    sleep_day,
)
from twitchlog.diary.devices.files import read_export, sniff
from twitchlog.diary.devices.limits import MAX_LOG_ENTRIES, BoundedReader, Budget, ExportError

LONDON = ZoneInfo("Europe/London")
GMT = dt.UTC
BST = dt.timezone(dt.timedelta(hours=1))


def at(day: str, time: str, tz: dt.tzinfo = GMT) -> dt.datetime:
    return dt.datetime.fromisoformat(f"{day}T{time}").replace(tzinfo=tz)


def write(tmp_path: Path, data: bytes, name: str = "upload.bin") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


class Counted(dt.datetime):
    """A datetime that counts how often it is compared: the work of a sweep over times."""

    comparisons = 0

    def _count(self, other: object, result: bool) -> bool:
        Counted.comparisons += 1
        return result

    def __lt__(self, other: dt.datetime) -> bool:  # type: ignore[override]
        return self._count(other, dt.datetime.__lt__(self, other))

    def __le__(self, other: dt.datetime) -> bool:  # type: ignore[override]
        return self._count(other, dt.datetime.__le__(self, other))

    def __gt__(self, other: dt.datetime) -> bool:  # type: ignore[override]
        return self._count(other, dt.datetime.__gt__(self, other))

    def __ge__(self, other: dt.datetime) -> bool:  # type: ignore[override]
        return self._count(other, dt.datetime.__ge__(self, other))


def values(tmp_path: Path, data: bytes, tz: ZoneInfo = LONDON) -> dict:
    path = write(tmp_path, data)
    kind = sniff(path)
    assert kind is not None
    return daily_values(read_export(path, kind, tz), tz)


class TestSleepRule:
    def test_two_devices_on_one_night_are_merged_not_added(self) -> None:
        watch = Period(at("2026-01-10", "23:00"), at("2026-01-11", "07:00"), "Watch")
        phone = Period(at("2026-01-10", "23:30"), at("2026-01-11", "07:30"), "Phone")
        days = sleep_by_day([watch, phone], LONDON)
        assert days[dt.date(2026, 1, 11)].value == 8.5
        assert days[dt.date(2026, 1, 11)].sources == ("Phone", "Watch")

    def test_a_nap_before_six_counts_for_the_same_day(self) -> None:
        night = Period(at("2026-01-10", "23:00"), at("2026-01-11", "06:00"), "W")
        nap = Period(at("2026-01-11", "14:00"), at("2026-01-11", "14:45"), "W")
        assert sleep_by_day([night, nap], LONDON)[dt.date(2026, 1, 11)].value == 7.75

    def test_a_sleep_ending_after_six_in_the_evening_belongs_to_the_next_day(self) -> None:
        assert sleep_day(at("2026-01-11", "18:30"), LONDON) == dt.date(2026, 1, 12)
        assert sleep_day(at("2026-01-11", "18:00"), LONDON) == dt.date(2026, 1, 11)

    def test_the_boundary_is_local_time(self) -> None:
        # 17:30 UTC is 18:30 in British summer time: the next day there.
        assert sleep_day(at("2026-06-11", "17:30"), LONDON) == dt.date(2026, 6, 12)

    def test_merge_keeps_gaps(self) -> None:
        a = Period(at("2026-01-10", "23:00"), at("2026-01-11", "02:00"), "W")
        b = Period(at("2026-01-11", "03:00"), at("2026-01-11", "06:00"), "W")
        assert len(merge([b, a])) == 2


class TestApple:
    def test_asleep_stages_count_and_in_bed_and_awake_do_not(self, tmp_path: Path) -> None:
        records = [
            s.Record(
                "HKCategoryTypeIdentifierSleepAnalysis",
                "HKCategoryValueSleepAnalysisInBed",
                at("2026-01-10", "22:00"),
                at("2026-01-11", "08:00"),
                "iPhone",
            ),
            s.asleep(at("2026-01-10", "23:00"), at("2026-01-11", "02:00"), stage="Core"),
            s.asleep(at("2026-01-11", "02:00"), at("2026-01-11", "03:00"), stage="Deep"),
            s.Record(
                "HKCategoryTypeIdentifierSleepAnalysis",
                "HKCategoryValueSleepAnalysisAwake",
                at("2026-01-11", "03:00"),
                at("2026-01-11", "03:30"),
            ),
            s.asleep(at("2026-01-11", "03:30"), at("2026-01-11", "06:30"), stage="REM"),
        ]
        found = values(tmp_path, s.apple_zip(records))
        assert found["sleep_hours"][dt.date(2026, 1, 11)].value == 7.0

    def test_overlapping_sources_in_one_file(self, tmp_path: Path) -> None:
        records = [
            s.asleep(at("2026-01-10", "23:00"), at("2026-01-11", "06:00"), "Apple Watch"),
            s.asleep(
                at("2026-01-10", "23:00"), at("2026-01-11", "07:00"), "Sleep app", "Unspecified"
            ),
        ]
        day = values(tmp_path, s.apple_xml(records))["sleep_hours"][dt.date(2026, 1, 11)]
        assert (day.value, day.sources) == (8.0, ("Apple Watch", "Sleep app"))

    def test_spring_clock_change_night_is_seven_real_hours(self, tmp_path: Path) -> None:
        # 29 March 2026: London's clocks go from 01:00 GMT to 02:00 BST.
        night = s.asleep(at("2026-03-28", "23:00", GMT), at("2026-03-29", "07:00", BST))
        assert (
            values(tmp_path, s.apple_xml([night]))["sleep_hours"][dt.date(2026, 3, 29)].value == 7
        )

    def test_autumn_clock_change_night_is_nine_real_hours(self, tmp_path: Path) -> None:
        # 25 October 2026: 02:00 BST becomes 01:00 GMT.
        night = s.asleep(at("2026-10-24", "23:00", BST), at("2026-10-25", "07:00", GMT))
        assert (
            values(tmp_path, s.apple_xml([night]))["sleep_hours"][dt.date(2026, 10, 25)].value == 9
        )

    def test_a_record_with_another_offset_is_read_at_its_own_offset(self, tmp_path: Path) -> None:
        # A nap logged in New York (UTC-5), 12:00-14:00 there: 17:00-19:00 in London, so it
        # ends after 18:00 London time and belongs to the next London day.
        new_york = dt.timezone(dt.timedelta(hours=-5))
        nap = s.asleep(at("2026-01-11", "12:00", new_york), at("2026-01-11", "14:00", new_york))
        found = values(tmp_path, s.apple_xml([nap]))["sleep_hours"]
        assert list(found) == [dt.date(2026, 1, 12)]
        assert found[dt.date(2026, 1, 12)].value == 2

    def test_exercise_and_resting_heart_rate(self, tmp_path: Path) -> None:
        records = [
            s.Record(
                "HKQuantityTypeIdentifierRestingHeartRate",
                "58",
                at("2026-01-11", "08:00"),
                at("2026-01-11", "08:00"),
                unit="count/min",
            ),
            s.Record(
                "HKQuantityTypeIdentifierRestingHeartRate",
                "61",
                at("2026-01-11", "20:00"),
                at("2026-01-11", "20:00"),
                unit="count/min",
            ),
            s.Record(
                "HKQuantityTypeIdentifierAppleExerciseTime",
                "20",
                at("2026-01-11", "10:00"),
                at("2026-01-11", "10:20"),
                unit="min",
            ),
            s.Record(
                "HKQuantityTypeIdentifierAppleExerciseTime",
                "10",
                at("2026-01-11", "10:10"),
                at("2026-01-11", "10:30"),
                "iPhone",
                unit="min",
            ),
        ]
        found = values(tmp_path, s.apple_xml(records))
        assert found["resting_hr"][dt.date(2026, 1, 11)].value == 59.5
        # Two sources logging one walk: the larger, not the sum.
        assert found["exercise_min"][dt.date(2026, 1, 11)].value == 20

    def test_heart_rate_samples_are_skipped(self, tmp_path: Path) -> None:
        xml = (
            s.APPLE_HEAD + "".join(s.filler_records(at("2026-01-11", "00:00"), 50)) + s.APPLE_TAIL
        ).encode()
        assert values(tmp_path, xml) == {}

    def test_records_inside_other_elements_are_read_and_their_children_ignored(
        self, tmp_path: Path
    ) -> None:
        # Apple nests blood-pressure and food records in a Correlation, and workouts carry
        # events and metadata; only the attributes of a Record or Workout are ever read.
        t = s.apple_time
        start, end = at("2026-01-11", "10:00"), at("2026-01-11", "10:30")
        xml = (
            s.APPLE_HEAD + f'<Correlation type="BP" startDate="{t(start)}" endDate="{t(start)}">'
            f'<Record type="{apple.RESTING_HR}" value="57" sourceName="Cuff" '
            f'startDate="{t(start)}" endDate="{t(start)}"/></Correlation>'
            + f'<Workout workoutActivityType="Run" sourceName="Watch" startDate="{t(start)}" '
            f'endDate="{t(end)}"><WorkoutEvent type="Lap"/><MetadataEntry key="k" value="v"/>'
            "</Workout>" + '<ActivitySummary dateComponents="2026-01-11"/>' + s.APPLE_TAIL
        ).encode()
        found = values(tmp_path, xml)
        assert found["resting_hr"][dt.date(2026, 1, 11)].value == 57
        assert found["exercise_min"][dt.date(2026, 1, 11)].value == 30


class TestHealthConnect:
    def test_asleep_stages_and_a_session_without_stages(self, tmp_path: Path) -> None:
        staged = s.Session(
            at("2026-01-10", "23:00"),
            at("2026-01-11", "07:00"),
            (
                (at("2026-01-10", "23:00"), at("2026-01-11", "01:00"), 4),  # light
                (at("2026-01-11", "01:00"), at("2026-01-11", "02:00"), 1),  # awake
                (at("2026-01-11", "02:00"), at("2026-01-11", "04:00"), 5),  # deep
                (at("2026-01-11", "04:00"), at("2026-01-11", "05:00"), 7),  # awake in bed
                (at("2026-01-11", "05:00"), at("2026-01-11", "07:00"), 6),  # REM
            ),
        )
        bare = s.Session(at("2026-01-11", "23:00"), at("2026-01-12", "06:30"), app="Other app")
        data = s.health_connect_zip(
            [staged, bare], resting=[(at("2026-01-11", "09:00"), 55, "Watch app")]
        )
        found = values(tmp_path, data)
        assert found["sleep_hours"][dt.date(2026, 1, 11)].value == 6.0
        assert found["sleep_hours"][dt.date(2026, 1, 12)].value == 7.5
        assert found["sleep_hours"][dt.date(2026, 1, 11)].sources == (
            "Health Connect: Sleep as Android",
        )
        assert found["resting_hr"][dt.date(2026, 1, 11)].value == 55

    def test_two_apps_on_one_night_are_merged(self, tmp_path: Path) -> None:
        a = s.Session(at("2026-01-10", "23:00"), at("2026-01-11", "06:00"), app="A")
        b = s.Session(at("2026-01-11", "05:00"), at("2026-01-11", "07:00"), app="B")
        assert (
            values(tmp_path, s.health_connect_zip([a, b]))["sleep_hours"][
                dt.date(2026, 1, 11)
            ].value
            == 8
        )

    def test_a_zip_whose_database_is_not_sqlite(self, tmp_path: Path) -> None:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as archive:
            archive.writestr("health_connect_export.db", b"not a database at all")
        path = write(tmp_path, out.getvalue())
        with pytest.raises(ExportError, match="no Health Connect database"):
            read_export(path, "health_connect", LONDON)


class TestFitbit:
    def test_levels_with_short_wakes_cut_out(self, tmp_path: Path) -> None:
        start = dt.datetime(2026, 1, 10, 23, 0)
        log = s.fitbit_sleep_log(
            start,
            [("light", 3600), ("deep", 3600), ("wake", 1800), ("rem", 3600 * 4)],
            short_wakes=[(dt.datetime(2026, 1, 11, 3, 0), 600)],
        )
        data = s.fitbit_zip(
            [log], resting=[(dt.date(2026, 1, 11), 57.4), (dt.date(2026, 1, 12), 0)]
        )
        found = values(tmp_path, data)
        # 6 asleep hours, less a 10-minute short wake.
        assert found["sleep_hours"][dt.date(2026, 1, 11)].value == round(6 - 1 / 6, 2)
        assert found["resting_hr"] == {
            dt.date(2026, 1, 11): found["resting_hr"][dt.date(2026, 1, 11)]
        }
        assert found["resting_hr"][dt.date(2026, 1, 11)].value == 57.4

    def test_fitbit_times_are_the_persons_own(self, tmp_path: Path) -> None:
        # 12:00-19:00 local in Tokyo ends after 18:00: the next day there.
        log = s.fitbit_sleep_log(dt.datetime(2026, 1, 11, 12, 0), [("asleep", 7 * 3600)])
        found = values(tmp_path, s.fitbit_zip([log]), ZoneInfo("Asia/Tokyo"))
        assert list(found["sleep_hours"]) == [dt.date(2026, 1, 12)]

    def test_short_wakes_are_cut_out_in_one_sweep(self) -> None:
        # Before, each wake walked every piece cut so far: 16,000 wakes (a 1.1 MB file) took
        # 21 s, and cutting these 4,000 compared times 8 million times. Sorting and one sweep
        # take 28,000 comparisons; the bound leaves room for any sort, not for a square.
        night = Counted(2026, 1, 11)
        holes = [
            (night + dt.timedelta(seconds=2 * i + 1), night + dt.timedelta(seconds=2 * i + 2))
            for i in range(4_000)
        ]
        end = night + dt.timedelta(seconds=8_010)
        Counted.comparisons = 0
        pieces = list(fitbit.subtract([(night, end)], reversed(holes)))
        assert len(pieces) == 4_001
        assert sum((p.end - p.start).total_seconds() for p in pieces) == 8_010 - 4_000
        assert Counted.comparisons < 40 * 4_000

    def test_a_sleep_log_with_50000_wakes_is_refused_before_any_is_read(self) -> None:
        start = dt.datetime(2026, 1, 11, 0, 0)
        wakes = [(start + dt.timedelta(seconds=2 * i + 1), 1) for i in range(50_000)]
        log = s.fitbit_sleep_log(start, [("light", 100_010)], wakes)
        budget = Budget()
        with pytest.raises(ExportError, match="50,000 sleep stages or wakes"):
            fitbit.read_sleep(json.dumps([log]).encode(), LONDON, Readings(), budget)
        assert budget.left == Budget().left - 1  # the one stage read, not a single wake
        assert MAX_LOG_ENTRIES < 50_000

    def test_wakes_are_charged_to_the_budget_as_they_are_read(self) -> None:
        # Before, only the asleep pieces kept were counted, after all the cutting was done:
        # wakes outside any asleep stage cost nothing however many there were.
        start = dt.datetime(2026, 1, 11, 0, 0)
        wakes = [(start - dt.timedelta(seconds=2 * i + 2), 1) for i in range(150)]
        log = s.fitbit_sleep_log(start, [("light", 3_600)], wakes)
        with pytest.raises(ExportError, match="more readings than one import may bring in"):
            fitbit.read_sleep(json.dumps([log]).encode(), LONDON, Readings(), Budget(100))

    def test_a_damaged_json_file_is_named(self, tmp_path: Path) -> None:
        data = s.fitbit_zip(extra={s.FITBIT_FOLDER + "sleep-2026-04-01.json": b"[{"})
        with pytest.raises(ExportError, match=r"sleep-2026-04-01\.json"):
            values(tmp_path, data)


class TestHostileFiles:
    def test_billion_laughs_is_refused(self, tmp_path: Path) -> None:
        bomb = b"""<?xml version="1.0"?>
<!DOCTYPE HealthData [
 <!ENTITY a "aaaaaaaaaa">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
]>
<HealthData><Record type="&c;" startDate="x" endDate="y"/></HealthData>"""
        path = write(tmp_path, bomb)
        with pytest.raises(ExportError, match="entities"):
            read_export(path, "apple", LONDON)

    def test_millions_of_elements_apple_never_writes_keep_no_memory(self, tmp_path: Path) -> None:
        # Before, only a Record or Workout that ended cleared the tree: a 19 MB file of
        # <a/> grew memory by 436 MB, and this file peaked at 16.5 MB traced. No tree is
        # kept now, so other elements and those nested in a record cost next to nothing.
        xml = (
            b"<HealthData>"
            + b"<a/>" * 100_000
            + b'<Record type="x">'
            + b"<b/>" * 100_000
            + b"</Record></HealthData>"
        )
        path = write(tmp_path, xml)
        tracemalloc.start()
        try:
            read_export(path, "apple", LONDON)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert peak < 2 << 20

    def test_elements_nested_deeper_than_any_export_are_refused(self, tmp_path: Path) -> None:
        depth = apple.MAX_XML_DEPTH + 1
        path = write(
            tmp_path, b"<HealthData>" + b"<a>" * depth + b"</a>" * depth + b"</HealthData>"
        )
        with pytest.raises(ExportError, match="nests its elements far deeper"):
            read_export(path, "apple", LONDON)

    def test_more_elements_than_an_export_may_hold_are_refused(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(apple, "MAX_XML_ELEMENTS", 1_000)
        path = write(tmp_path, b"<HealthData>" + b"<a/>" * 1_000 + b"</HealthData>")
        with pytest.raises(ExportError, match="more elements than one import may read"):
            read_export(path, "apple", LONDON)

    def test_a_tag_that_never_ends_is_refused_after_a_megabyte(self, tmp_path: Path) -> None:
        # Before, the parser kept rescanning the growing tag: a 200 MB attribute ran for over
        # ten minutes. Now reading stops one megabyte (and a chunk) past the last element.
        xml = b'<HealthData><Record type="' + b"x" * (50 << 20) + b'"/></HealthData>'
        reader = BoundedReader(io.BytesIO(xml), len(xml), "The file")
        with pytest.raises(ExportError, match="tag or text far longer"):
            apple.read_apple(reader)  # type: ignore[arg-type]
        assert reader.read_bytes <= apple.MAX_XML_QUIET_BYTES + 2 * apple.CHUNK_BYTES

    def test_zip_bomb_is_refused_before_it_is_inflated(self, tmp_path: Path) -> None:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("apple_health_export/export.xml", b"\0" * (50 << 20))
        path = write(tmp_path, out.getvalue())
        assert path.stat().st_size < 1 << 20
        with pytest.raises(ExportError, match="times"):
            read_export(path, "apple", LONDON)

    def test_truncated_xml(self, tmp_path: Path) -> None:
        xml = s.apple_xml([s.asleep(at("2026-01-10", "23:00"), at("2026-01-11", "06:00"))])
        path = write(tmp_path, xml[: len(xml) // 2])
        with pytest.raises(ExportError, match="damaged or cut short"):
            read_export(path, "apple", LONDON)

    def test_truncated_zip(self, tmp_path: Path) -> None:
        data = s.apple_zip([s.asleep(at("2026-01-10", "23:00"), at("2026-01-11", "06:00"))])
        path = write(tmp_path, data[: len(data) - 40])
        with pytest.raises(ExportError):
            read_export(path, sniff(path) or "apple", LONDON)

    def test_an_unknown_zip(self, tmp_path: Path) -> None:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as archive:
            archive.writestr("holiday.jpg", b"...")
        with pytest.raises(ExportError, match="not an export this app knows"):
            sniff(write(tmp_path, out.getvalue()))

    def test_other_xml_is_not_taken_for_apple(self, tmp_path: Path) -> None:
        path = write(tmp_path, b'<?xml version="1.0"?><gpx></gpx>')
        with pytest.raises(ExportError, match="not an Apple Health export"):
            read_export(path, "apple", LONDON)

    def test_a_csv_is_not_a_device_export(self, tmp_path: Path) -> None:
        assert sniff(write(tmp_path, b"date,sleep_hours\n2026-01-01,7\n")) is None

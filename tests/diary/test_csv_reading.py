"""What the daily CSV reader takes and how it refuses, the same on every way in: the import
page, the API and the ``diary import`` command all read a file through csvfile."""

import datetime as dt
import io
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from tests.conftest import make_user
from tests.diary.test_api import api_client
from twitchlog.accounts.models import User
from twitchlog.diary import services, transfer
from twitchlog.diary.csvfile import CsvProblems, read_daily
from twitchlog.diary.models import CheckIn, CustomFactor

Importer = Callable[[User, bytes, Path], str | None]


def via_page(user: User, data: bytes, folder: Path, name: str = "diary.csv") -> str | None:
    """None when imported, or the page's refusal."""
    client = Client()
    client.force_login(user)
    response = client.post(reverse("diary:import"), {"file": SimpleUploadedFile(name, data)})
    return None if response.status_code == 302 else response.content.decode()


def via_api(user: User, data: bytes, folder: Path, name: str = "diary.csv") -> str | None:
    response = api_client(user).post("/api/diary/imports", {"file": SimpleUploadedFile(name, data)})
    return None if response.status_code == 200 else response.content.decode()


def via_command(user: User, data: bytes, folder: Path, name: str = "diary.csv") -> str | None:
    target = folder / name
    target.write_bytes(data)
    errors = io.StringIO()
    try:
        call_command(
            "diary", "import", "--user", user.email, str(target),
            stdout=io.StringIO(), stderr=errors,
        )  # fmt: skip
    except CommandError as error:
        return f"{errors.getvalue()}\n{error}"
    return None


WAYS_IN: dict[str, Importer] = {"page": via_page, "api": via_api, "command": via_command}


# --- Days after today ----------------------------------------------------------------------


def test_a_row_after_today_is_refused_with_its_row() -> None:
    tomorrow = dt.date.today() + dt.timedelta(days=2)
    with pytest.raises(CsvProblems) as refused:
        read_daily(f"date,twitch_count\n2026-11-01,2\n{tomorrow},3\n")
    assert [str(p) for p in refused.value.problems] == [
        f"Row 3, column date: {tomorrow} has not come yet"
    ]


@pytest.mark.parametrize("way", WAYS_IN)
def test_a_day_after_the_persons_today_is_refused_on_every_way_in(
    db: Any, way: str, tmp_path: Path
) -> None:
    # Samoa's neighbour Pago Pago is UTC-11: its tomorrow is still today somewhere on Earth,
    # which the reader alone would let through. The check-in refuses it; so does the file.
    person = make_user("pago@example.org", time_zone="Pacific/Pago_Pago")
    today = services.today_for(person)
    tomorrow = today + dt.timedelta(days=1)
    text = f"date,twitch_count\n{today},2\n{tomorrow},3\n"
    refusal = WAYS_IN[way](person, text.encode(), tmp_path)
    assert refusal is not None
    assert f"Row 3, column date: {tomorrow} has not come yet" in refusal
    assert not CheckIn.objects.exists()
    assert WAYS_IN[way](person, f"date,twitch_count\n{today},2\n".encode(), tmp_path) is None
    assert CheckIn.objects.get().local_date == today


# --- Files that are no CSV at all -----------------------------------------------------------


def empty_zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w"):
        pass
    return out.getvalue()  # starts PK\x05\x06: no phone export, and valid UTF-8 besides


NOT_CSV = {
    "an empty zip": (empty_zip(), "This is a zip file, not a CSV"),
    "a split zip": (b"PK\x07\x08" + bytes(range(1, 40)), "This is a zip file, not a CSV"),
    "a picture": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "holds binary data"),
    "an old Excel file": (bytes.fromhex("d0cf11e0a1b11ae1") + bytes(40), "holds binary data"),
    "UTF-16": ("date,sleep_hours\n2026-11-01,7\n".encode("utf-16"), "holds binary data"),
    "Latin-1": ("date,café\n2026-11-01,7\n".encode("latin-1"), "is not UTF-8 text"),
}


@pytest.mark.parametrize("way", WAYS_IN)
@pytest.mark.parametrize("kind", NOT_CSV)
def test_a_file_that_is_no_csv_says_what_it_is_on_every_way_in(
    alice: Any, way: str, kind: str, tmp_path: Path
) -> None:
    # Before: "Row 1, column date: the file needs a date column (YYYY-MM-DD)".
    data, said = NOT_CSV[kind]
    refusal = WAYS_IN[way](alice, data, tmp_path)
    assert refusal is not None and said in refusal
    assert "date column" not in refusal
    assert not CheckIn.objects.exists()


def test_a_zip_points_to_the_phone_and_watch_import() -> None:
    with pytest.raises(CsvProblems) as refused:
        read_daily(empty_zip().decode("utf-8"))
    [problem] = refused.value.problems
    assert str(problem).startswith("This is a zip file, not a CSV. If it is an export from")
    assert "“From a phone or watch” on the import page" in str(problem)
    assert "Row" not in str(problem)  # the whole file, not its first row


# --- Semicolons, decimal commas, column names -----------------------------------------------


@pytest.mark.parametrize("way", WAYS_IN)
def test_a_semicolon_file_with_decimal_commas_is_read_on_every_way_in(
    alice: Any, way: str, tmp_path: Path
) -> None:
    # As Excel saves a CSV where the decimal separator is a comma (most of Europe).
    text = "date;twitch_count;sleep_hours;water_l\r\n2026-11-01;3;7,5;1.5\r\n2026-11-02;;6;\r\n"
    assert WAYS_IN[way](alice, text.encode("utf-8-sig"), tmp_path) is None
    first, second = CheckIn.objects.order_by("local_date")
    assert (first.imported_twitch_count, first.sleep_hours, first.water_l) == (3, 7.5, 1.5)
    assert (second.imported_twitch_count, second.sleep_hours, second.water_l) == (None, 6, None)


def test_a_semicolon_file_reads_numbers_as_the_check_in_does() -> None:
    # The shared number reader: a comma that may separate thousands is refused, not guessed.
    with pytest.raises(CsvProblems) as refused:
        read_daily("date;caffeine_mg;sleep_hours\n2026-11-01;1,000;7,25\n")
    [problem] = refused.value.problems
    assert str(problem).startswith("Row 2, column caffeine_mg: “1,000” could be read two ways")
    table = read_daily("date;caffeine_mg\n2026-11-01;0,5\n")
    assert table.rows[dt.date(2026, 11, 1)] == {"caffeine_mg": 0.5}


def test_a_comma_file_keeps_commas_apart_from_the_values() -> None:
    # A header with a comma is a comma file even when a cell holds a semicolon.
    table = read_daily('date,sleep_hours\n2026-11-01,"7,5"\n')
    assert table.rows[dt.date(2026, 11, 1)] == {"sleep_hours": 7.5}
    with pytest.raises(CsvProblems, match="“7;5” is not a number"):
        read_daily("date,sleep_hours\n2026-11-01,7;5\n")


@pytest.mark.parametrize("way", WAYS_IN)
def test_column_names_match_in_any_case_and_with_spaces_around_them(
    alice: Any, way: str, tmp_path: Path
) -> None:
    text = "Date , Sleep_Hours,TWITCH_COUNT , Cold_Shower\n2026-11-01,7,2,1\n"
    assert WAYS_IN[way](alice, text.encode(), tmp_path) is None
    checkin = CheckIn.objects.get()
    assert (checkin.local_date, checkin.sleep_hours, checkin.imported_twitch_count) == (
        dt.date(2026, 11, 1),
        7,
        2,
    )
    assert CustomFactor.objects.get().column == "cold_shower"


def test_a_header_problem_names_the_column_as_the_file_writes_it() -> None:
    with pytest.raises(CsvProblems) as refused:
        read_daily("Date,Condition,date\n2026-11-01,A,2026-11-01\n")
    assert [str(p) for p in refused.value.problems] == [
        "Row 1, column date: this column appears twice",
        "Row 1, column Condition: this column belongs to self-experiment files, not the diary",
    ]


def test_the_export_keeps_its_one_format(alice: Any) -> None:
    services.save_checkin(alice, dt.date(2026, 11, 1), {"sleep_hours": 7.5, "caffeine_mg": 200})
    exported = transfer.export_daily(alice)
    header, row = exported.splitlines()[:2]
    assert header.startswith("date,twitch_count,") and ";" not in exported
    assert row.startswith("2026-11-01,0,") and ",7.5," in row


@pytest.mark.parametrize("way", WAYS_IN)
def test_a_spreadsheet_workbook_is_told_to_be_saved_as_csv(
    alice: Any, way: str, tmp_path: Path
) -> None:
    # An .xlsx is a zip, so it reaches the phone and watch reader, which said only "This zip
    # is not an export this app knows".
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as workbook:
        workbook.writestr("[Content_Types].xml", "<Types/>")
        workbook.writestr("xl/workbook.xml", "<workbook/>")
    refusal = WAYS_IN[way](alice, out.getvalue(), tmp_path, "diary.xlsx")
    assert refusal is not None and "Save it from your spreadsheet as CSV" in refusal
    assert not CheckIn.objects.exists()

"""Hostile daily CSV files are refused early and cheaply, as listed problems, never a 500.

Before: the header's repeat check called ``header.count`` for every column, so a 101 KB header
of 16,000 columns held a core for 2.9 s (32,000 columns: 11.8 s) before its 400; nothing
limited rows, columns or cells; a cell over the csv module's field limit or a file
with bare CR line endings raised csv.Error, a 500 on the import page.
"""

from collections.abc import Iterator
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from twitchlog.diary import csvfile
from twitchlog.diary.csvfile import CsvProblems, Limits, read_daily
from twitchlog.diary.models import CheckIn


def problems_of(text: Any, existing: dict[str, str] | None = None) -> list[csvfile.Problem]:
    with pytest.raises(CsvProblems) as caught:
        read_daily(text, existing or {})
    return caught.value.problems


def test_a_huge_header_is_refused_without_reading_further() -> None:
    header = "date," + ",".join(f"c{i}" for i in range(16_000)) + ",c7\n"
    pulled = []

    def lines() -> Iterator[str]:
        yield header
        pulled.append("the first row")
        yield "2026-11-01\n"

    [problem] = problems_of(lines())
    assert (problem.row, problem.column) == (1, "")
    assert "longer than 8,000 characters" in problem.message
    assert pulled == []  # the reader stopped at the header


def test_too_many_short_columns_are_one_problem() -> None:
    header = "date," + ",".join(f"c{i}" for i in range(csvfile.LIMITS.columns))
    [problem] = problems_of(header + "\n2026-11-01\n")
    assert problem.message == "the file has 81 columns; a diary file may have at most 80"


def test_a_repeated_column_is_named_once() -> None:
    problems = problems_of("date,sleep_hours,x,sleep_hours,x,x\n2026-11-01,7,1,7,1,1\n")
    assert [(p.column, p.message) for p in problems] == [
        ("sleep_hours", "this column appears twice"),
        ("x", "this column appears twice"),
    ]


def test_rows_beyond_the_limit_stop_the_reading(monkeypatch: Any) -> None:
    monkeypatch.setattr(csvfile, "LIMITS", Limits(rows=3))
    pulled = []

    def lines() -> Iterator[str]:
        yield "date,sleep_hours\n"
        for day in range(1, 10):
            pulled.append(day)
            yield f"2026-11-{day:02},7\n"

    [problem] = problems_of(lines())
    assert problem.row == 5 and "more than 3 days" in problem.message
    assert pulled == [1, 2, 3, 4]


def test_one_import_adds_a_bounded_number_of_new_factors() -> None:
    header = "date," + ",".join(f"factor_{i}" for i in range(21))
    [problem] = problems_of(header + "\n2026-11-01" + ",1" * 21 + "\n")
    assert "would add 21 new factors" in problem.message and "at most 20" in problem.message
    # Columns the person already tracks are not new.
    existing = {f"factor_{i}": "numeric" for i in range(5)}
    twenty = "date," + ",".join(f"factor_{i}" for i in range(20))
    assert len(read_daily(twenty + "\n", existing).custom) == 20


def test_a_diary_holds_a_bounded_number_of_own_factors() -> None:
    existing = {f"factor_{i}": "numeric" for i in range(15)}
    header = "date," + ",".join(f"factor_{i}" for i in range(10, 21))  # 6 new: 21 in all
    [problem] = problems_of(header + "\n", existing)
    assert "would add 6 new factors to the 15 you track" in problem.message
    assert "at most 20 of your own" in problem.message


def test_a_long_cell_is_a_problem_not_a_number() -> None:
    [problem] = problems_of("date,sleep_hours\n2026-11-01," + "7" * 41 + "\n")
    assert (problem.row, problem.column) == (2, "sleep_hours")
    assert problem.message == "this cell is too long for a number"


def test_a_cell_over_the_csv_modules_limit_is_a_listed_problem() -> None:
    # A quoted cell may run over many short lines; the csv module stops it at 131,072 chars.
    text = 'date,sleep_hours\n2026-11-01,"' + ("7" * 1000 + "\n") * 200 + '"\n'
    [problem] = problems_of(text)
    assert problem.row == 2 and "field larger than field limit" in problem.message


def test_a_file_with_bare_cr_line_endings_is_read() -> None:
    table = read_daily("date,sleep_hours\r2026-11-01,7\r2026-11-02,8.5\r")
    assert [row["sleep_hours"] for row in table.rows.values()] == [7, 8.5]
    table = read_daily("date,sleep_hours\r\n2026-11-01,7\r\n")
    assert len(table.rows) == 1


@pytest.mark.parametrize(
    "content",
    [
        b'date,sleep_hours\n2026-11-01,"' + (b"7" * 1000 + b"\n") * 200 + b'"\n',
        b"date," + b",".join(b"c%d" % i for i in range(16_000)) + b"\n",
    ],
)
def test_the_import_page_lists_csv_errors_and_keeps_the_form(
    alice_client: Any, content: bytes
) -> None:
    upload = SimpleUploadedFile("d.csv", content)
    response = alice_client.post(reverse("diary:import"), {"file": upload})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Nothing was imported" in page and "Row " in page
    assert not CheckIn.objects.exists()


def test_the_import_page_reads_a_cr_only_file(alice_client: Any) -> None:
    upload = SimpleUploadedFile("d.csv", b"date,sleep_hours\r2026-11-01,7\r2026-11-02,8\r")
    response = alice_client.post(reverse("diary:import"), {"file": upload})
    assert response.status_code == 302
    assert sorted(CheckIn.objects.values_list("sleep_hours", flat=True)) == [7, 8]

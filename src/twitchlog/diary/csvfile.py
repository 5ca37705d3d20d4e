"""Reading and writing the daily diary CSV. Pure: no Django.

Reading checks the whole file before anything is stored: a problem is reported with its row
(as a spreadsheet numbers it, the header being row 1) and its column, and a file with any
problem imports nothing. A file that is no CSV at all (a zip, a spreadsheet's own format) is
one problem of the whole file, saying what it is.

What is read: cells separated by commas, or by semicolons when the header line has a
semicolon and no comma (a spreadsheet set to a decimal comma saves so); column names in any
case and with spaces around them; numbers as columns.read_number reads them, so "7,5" is 7.5
whatever the separator. Writing is always the one format: commas, points, small letters.
"""

import csv
import datetime as dt
import io
import itertools
import math
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from twitchlog.core.spreadsheet import safe_cell, safe_row
from twitchlog.diary.columns import (
    RESERVED,
    SOURCES,
    STANDARD_BY_NAME,
    Column,
    ColumnError,
    NumberError,
    check_day,
    check_value,
    column_for,
    own_column,
    read_number,
)

MAX_PROBLEMS = 20
MAX_FILE_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """What one file may hold. A real diary is far inside every one of them: 27 years of days,
    the 19 standard columns and dozens of the person's own, numbers of a few digits."""

    rows: int = 10_000
    columns: int = 80
    new_factors: int = 20
    # A person's own factors in all, however they were added (the factors page, the API, a
    # file): each is one more test in every driver analysis, which runs on a diary write.
    factors: int = 20
    cell_chars: int = 40
    line_chars: int = 8_000


LIMITS = Limits()


@dataclass(frozen=True)
class Problem:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        if self.row == WHOLE_FILE:
            return self.message[:1].upper() + self.message[1:]
        where = f"Row {self.row}" + (f", column {self.column}" if self.column else "")
        return f"{where}: {self.message}"


# A problem with no row: the file as a whole is not a diary CSV.
WHOLE_FILE = 0

# Every zip starts with one of these: a file, an empty archive, a split archive.
ZIP_SIGNATURES = ("PK\x03\x04", "PK\x05\x06", "PK\x07\x08")
A_ZIP = (
    "this is a zip file, not a CSV. If it is an export from Apple Health, Health Connect or "
    "Fitbit, import the zip as it is, under “From a phone or watch” on the import page; this "
    "one cannot be opened as one (it may be damaged or cut short), so export it again. A diary "
    "CSV is plain text, one row per day"
)
NOT_TEXT = (
    "this is not a CSV file: it holds binary data, such as a spreadsheet's own format (.xlsx, "
    ".numbers, .ods) or a picture. Save it from your spreadsheet as CSV and import that"
)
NOT_UTF8 = "this file is not UTF-8 text. Save it as CSV (UTF-8) and import that"
# Characters no text file holds (tab, line ends, form feed and DOS's end-of-file mark aside).
_BINARY = frozenset(map(chr, range(32))) - set("\t\n\r\f\x1a")


def not_a_csv(head: str) -> str | None:
    """Why a file starting with ``head`` is no CSV at all (a zip, other binary data), in
    plain words; None when it may be one."""
    if head.startswith(ZIP_SIGNATURES):
        return A_ZIP
    if any(ch in _BINARY for ch in head[:1024]):
        return NOT_TEXT
    return None


def decode(data: bytes) -> str:
    """The text of an uploaded diary CSV, for every way in (page, API, command). Raises
    CsvProblems with one problem of the whole file for a zip, other binary data or text that
    is not UTF-8."""
    reason = not_a_csv(data[:1024].decode("latin-1"))  # every byte is one character
    if reason is None:
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError:
            reason = NOT_UTF8
    raise CsvProblems([Problem(WHOLE_FILE, "", reason)])


@dataclass
class DailyTable:
    """A checked file: its standard and custom columns and one dict of values per date."""

    standard: list[str] = field(default_factory=list)
    custom: dict[str, str] = field(default_factory=dict)  # column -> "numeric" | "binary"
    rows: dict[dt.date, dict[str, float | None]] = field(default_factory=dict)


class CsvProblems(ValueError):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = problems


def format_number(value: Any) -> str:
    """How a value is written: blank for not logged, 6 rather than 6.0, 6.5 as it is."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, str):
        return str(safe_cell(value))  # text (the sources note) may come from a device file
    number = float(value)
    return str(int(number)) if number.is_integer() else repr(number)


def write_daily(frame: pd.DataFrame) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(safe_row(frame.columns))
    for record in frame.itertuples(index=False):
        day, *values = record
        writer.writerow([pd.Timestamp(day).date().isoformat(), *map(format_number, values)])
    return out.getvalue()


def write_rows(header: Iterable[str], rows: Iterable[Iterable[Any]]) -> str:
    """A CSV of text cells; text that a spreadsheet would run as a formula is made inert."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(safe_row(header))
    writer.writerows(map(safe_row, rows))
    return out.getvalue()


def read_daily(
    text: str | Iterable[str],
    existing_kinds: dict[str, str] | None = None,
    latest: dt.date | None = None,
) -> DailyTable:
    """Check and read a daily CSV, given as its text or as its lines. ``existing_kinds`` are
    the person's custom factors (column -> kind), so a yes/no factor is not fed numbers.
    ``latest`` is the person's today: a later row is refused, as the check-in refuses it
    (columns.check_day; without it, the latest today anywhere on Earth).

    The file is read line by line and every limit (LIMITS) is checked as the line arrives, so a
    hostile file costs at most one line's work past the limit it breaks. Lines may end in
    ``\\n``, ``\\r\\n`` or a bare ``\\r`` (old spreadsheets on a Mac).

    Raises CsvProblems listing up to MAX_PROBLEMS problems.
    """
    lines = _lines(text)
    try:
        # The header line says the separator: a semicolon file (a spreadsheet set to a
        # decimal comma) has one and no comma.
        first = next(lines, "")
        delimiter = ";" if ";" in first and "," not in first else ","
        reader = csv.reader(itertools.chain([first], lines), delimiter=delimiter)
        table, columns, header = _read_header(reader, existing_kinds or {})
        problems = _read_rows(reader, table, columns, header, latest)
    except _Stop as stop:
        raise CsvProblems([stop.problem]) from None
    if problems:
        raise CsvProblems(problems[:MAX_PROBLEMS])
    for name, kind in table.custom.items():
        if not kind:
            seen = {v[name] for v in table.rows.values() if v.get(name) is not None}
            table.custom[name] = "binary" if seen and seen <= {0.0, 1.0} else "numeric"
    return table


class _Stop(Exception):
    """A limit is broken: reading stops at once with this one problem."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def _lines(text: str | Iterable[str]) -> Iterator[str]:
    """The file's lines, each refused as soon as it is longer than MAX_LINE_CHARS."""
    if isinstance(text, str):
        # newline=None reads \n, \r\n and a bare \r alike as the end of a line.
        text = io.StringIO(text.removeprefix("\ufeff"), newline=None)
    for number, line in enumerate(text, start=1):
        if number == 1 and (reason := not_a_csv(line)):
            raise _Stop(Problem(WHOLE_FILE, "", reason))
        if len(line) > LIMITS.line_chars:
            raise _Stop(
                Problem(
                    number,
                    "",
                    f"this line is longer than {LIMITS.line_chars:,} characters; a diary row "
                    "is much shorter, so this does not look like a daily diary CSV",
                )
            )
        yield line


def _next_record(reader: Any, row: int) -> list[str] | None:
    """The next record, or None at the end; a malformed record stops the reading."""
    try:
        return next(reader, None)
    except csv.Error as error:
        # e.g. "field larger than field limit" or "line contains NUL"
        raise _Stop(
            Problem(row, "", f"this row cannot be read as CSV ({error}); save the file as CSV")
        ) from None


def _read_header(
    reader: Any, existing_kinds: dict[str, str]
) -> tuple[DailyTable, dict[str, Column], list[str]]:
    # Names are matched in any case and with spaces around them trimmed ("Date ", "Sleep_Hours");
    # a problem of the header names the column as the file writes it.
    written = [name.strip() for name in _next_record(reader, 1) or []]
    header = [name.lower() for name in written]
    as_written = dict(zip(header, written, strict=True))
    if len(header) > LIMITS.columns:
        raise _Stop(
            Problem(
                1,
                "",
                f"the file has {len(header):,} columns; a diary file may have at most "
                f"{LIMITS.columns}",
            )
        )
    if "date" not in header:
        raise _Stop(Problem(1, "date", "the file needs a date column (YYYY-MM-DD)"))
    problems: list[Problem] = []
    table = DailyTable()
    columns: dict[str, Column] = {}
    counts = Counter(header)
    for name in counts:
        if name in ("date", SOURCES) and counts[name] == 1:
            continue
        if counts[name] > 1:
            problems.append(Problem(1, as_written[name], "this column appears twice"))
        elif name in STANDARD_BY_NAME:
            table.standard.append(name)
            columns[name] = STANDARD_BY_NAME[name]
        elif name in RESERVED:
            problems.append(
                Problem(
                    1,
                    as_written[name],
                    "this column belongs to self-experiment files, not the diary",
                )
            )
        elif not _is_column_name(name):
            problems.append(
                Problem(
                    1,
                    as_written[name],
                    "a custom column name may use only small letters, digits and _, "
                    "and must start with a letter",
                )
            )
        else:
            table.custom[name] = existing_kinds.get(name, "")
    new_factors = [name for name in table.custom if name not in existing_kinds]
    if len(new_factors) > LIMITS.new_factors:
        problems.append(
            Problem(
                1,
                "",
                f"the file would add {len(new_factors)} new factors; one import may add at "
                f"most {LIMITS.new_factors} (add the rest in the diary's factors page, or "
                "import the file in parts)",
            )
        )
    elif len(existing_kinds) + len(new_factors) > LIMITS.factors:
        problems.append(
            Problem(
                1,
                "",
                f"the file would add {len(new_factors)} new factors to the "
                f"{len(existing_kinds)} you track; a diary can have at most {LIMITS.factors} "
                "of your own (remove some on the diary's factors page, or leave those "
                "columns out of the file)",
            )
        )
    if problems:
        raise CsvProblems(problems[:MAX_PROBLEMS])
    return table, columns, header


def _read_rows(
    reader: Any,
    table: DailyTable,
    columns: dict[str, Column],
    header: list[str],
    latest: dt.date | None,
) -> list[Problem]:
    problems: list[Problem] = []
    row_number = 1
    while (cells := _next_record(reader, row_number + 1)) is not None:
        row_number += 1
        if not any(cell.strip() for cell in cells):
            continue
        if len(table.rows) >= LIMITS.rows:
            raise _Stop(
                Problem(
                    row_number,
                    "",
                    f"the file has more than {LIMITS.rows:,} days; import it in parts, "
                    "a few years at a time",
                )
            )
        if len(cells) > len(header):
            problems.append(
                Problem(row_number, "", f"has {len(cells)} cells, more than the header")
            )
            continue
        record = dict(zip(header, [c.strip() for c in cells], strict=False))
        day = _read_date(record.get("date", ""), row_number, table, problems, latest)
        values: dict[str, float | None] = {}
        for name in header:
            if name in ("date", SOURCES):
                continue
            cell = record.get(name, "")
            if cell == "":
                values[name] = None
                continue
            if len(cell) > LIMITS.cell_chars:
                problems.append(Problem(row_number, name, "this cell is too long for a number"))
                continue
            try:
                value = read_number(cell)
            except NumberError as error:
                problems.append(Problem(row_number, name, f"“{cell}” {error}"))
                continue
            column = columns.get(name) or own_column(name, table.custom[name] or "numeric")
            if reason := check_value(column, value):
                problems.append(Problem(row_number, name, f"“{cell}” {reason}"))
                continue
            values[name] = value
        if day is not None:
            table.rows[day] = values
        if len(problems) >= MAX_PROBLEMS:
            break
    return problems


def _is_column_name(name: str) -> bool:
    try:
        return column_for(name) == name
    except ColumnError:
        return False


def _read_date(
    text: str, row: int, table: DailyTable, problems: list[Problem], latest: dt.date | None
) -> dt.date | None:
    try:
        day = dt.date.fromisoformat(text)
        if len(text) != 10:
            raise ValueError(text)
    except ValueError:
        problems.append(Problem(row, "date", f"“{text}” is not a date like 2026-11-20"))
        return None
    # The one rule of the check-in and the device imports: 1900 to the person's today.
    if reason := check_day(day, latest):
        problems.append(Problem(row, "date", f"{text} {reason}"))
        return None
    if day in table.rows:
        problems.append(Problem(row, "date", f"{text} appears twice; keep one row per day"))
        return None
    return day

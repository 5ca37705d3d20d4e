"""The daily diary CSV's columns and the rules their values follow. Pure: no Django.

One definition shared by the importer, the check-in form and the daily table, so a value the
form accepts is a value the file accepts and the other way round.
"""

import datetime as dt
import math
import re
import unicodedata
from dataclasses import dataclass

from twitchlog.knowledge.factors import FACTORS, FACTORS_BY_NAME, OUTCOMES


@dataclass(frozen=True)
class Column:
    name: str  # CSV column
    field: str  # CheckIn field that stores it
    kind: str  # "numeric" or "binary"
    integer: bool = False
    high: float | None = None  # every value is at least 0


# Every standard number gets a ceiling well above anything real (knowledge/factors.py says why
# each), so a slip of the finger ("100000") is caught and counts fit the database's small
# integers.
FACTOR_COLUMNS = tuple(Column(f.name, f.name, f.kind, f.integer, f.high) for f in FACTORS)
TWITCH_COUNT = Column("twitch_count", "imported_twitch_count", "numeric", integer=True, high=10000)
TWITCH_SEVERITY = Column("twitch_severity", "twitch_rating", "numeric", integer=True, high=10)
STANDARD_COLUMNS = (TWITCH_COUNT, TWITCH_SEVERITY, *FACTOR_COLUMNS)
STANDARD_BY_NAME = {column.name: column for column in STANDARD_COLUMNS}

# The export's note of where imported values came from ("sleep_hours: Apple Health: Apple
# Watch"); the importer reads past it, so an exported file imports again unchanged.
SOURCES = "sources"

# Names a custom factor may not take: the standard columns, the sources note, and the two
# columns a self-experiment file adds to the daily CSV.
RESERVED = frozenset({"date", SOURCES, "condition", "adhered", *OUTCOMES, *STANDARD_BY_NAME})


# The widest span of diary days: before or after it a date is a typing slip.
FIRST_DAY = dt.date(1900, 1, 1)
LAST_DAY = dt.date(2200, 12, 31)


class DiaryInputError(ValueError):
    """A value that cannot become diary data, with the reason in plain words. Every entry point
    shows it as it fits there: a form error (on ``field`` when the form has it), a 422, a
    command error, a file problem."""

    field: str | None = None


class DayError(DiaryInputError):
    """A date or time outside the diary's span."""

    field = "occurred_at"


class NotesError(DiaryInputError):
    field = "notes"


class ChoiceError(DiaryInputError):
    """A twitch's or stress moment's detail that is not one the diary knows."""


class EmptyCheckIn(DiaryInputError):
    """A new check-in with no answer in it: saving it would claim a day was logged."""


# Notes are a few lines: more is refused (never cut), so a pasted file is not kept as one.
NOTES_MAX_LENGTH = 2000


def check_notes(text: str) -> None:
    if len(text) > NOTES_MAX_LENGTH:
        raise NotesError(
            f"Notes hold up to {NOTES_MAX_LENGTH:,} characters and these have {len(text):,}. "
            "Shorten them and save again; nothing has been saved yet."
        )


def check_moment(day_given: dt.date, local_day: dt.date) -> None:
    """A time is a diary time when both its date as written (in its own offset) and the date
    it falls on in the entry's zone are diary days: ``1900-01-01T00:30+14:00`` is 31 December
    1899 in London, and is refused there."""
    for day in (day_given, local_day):
        if reason := check_day(day):
            raise DayError(f"That date {reason}.")


class ColumnError(DiaryInputError):
    """A custom factor's name or value that does not fit."""


def latest_day() -> dt.date:
    """The latest date that is today somewhere on Earth (UTC+14), so no one's today is refused."""
    return (dt.datetime.now(dt.UTC) + dt.timedelta(hours=14)).date()


def check_day(day: dt.date, latest: dt.date | None = None) -> str | None:
    """Why ``day`` cannot be a diary day, in plain words; None when it can."""
    if day < FIRST_DAY:
        return f"is before {FIRST_DAY.year}; check the year"
    if day > (latest or latest_day()):
        return "has not come yet"
    return None


def column_for(name: str) -> str:
    """The CSV column for a custom factor called ``name``: "Screen time!" -> "screen_time"."""
    slug = re.sub(r"[^a-z0-9]+", "_", name.strip().lower()).strip("_")[:60].strip("_")
    if not slug:
        raise ColumnError("Give the factor a name with at least one letter or digit.")
    if slug[0].isdigit():
        slug = f"f_{slug}"[:60]
    if slug in RESERVED:
        raise ColumnError(
            f"“{slug}” is already a standard diary column. Pick a different name, for example "
            f"“my {name.strip()}”."
        )
    return slug


# A person's own factor can be anything they count (steps, minutes on a screen), so its ceiling
# is only there to catch a row of nines that would spill out of the pages.
OWN_FACTOR_HIGH = 1_000_000


def own_column(name: str, kind: str) -> Column:
    """How a person's own factor's values are checked, whichever way they come in."""
    return Column(name, name, kind, high=OWN_FACTOR_HIGH)


def number_words(value: float) -> str:
    """A number as the diary writes it in a message: 3000, 28.5; never 3e+03, and without a
    thousands comma, which could be read as a decimal comma."""
    return str(int(value)) if float(value).is_integer() else f"{value:.10g}"


def allowed_range(column: Column) -> str:
    """What a numeric column takes, in words: "between 0 and 24"."""
    return "0 or more" if column.high is None else f"between 0 and {number_words(column.high)}"


def check_value(column: Column, value: float) -> str | None:
    """Why ``value`` does not fit ``column``, in plain words; None when it fits."""
    if column.kind == "binary":
        return None if value in (0, 1) else "use 1 for yes and 0 for no"
    # NaN passes every comparison, so it is named: a device export can hold one ("NaN" in
    # Apple's XML reads as a float), where typed text never reaches here as one (read_number).
    if math.isnan(value) or value < 0 or (column.high is not None and value > column.high):
        return f"must be {allowed_range(column)}"
    if column.integer and value != int(value):
        return "must be a whole number"
    return None


class NumberError(DiaryInputError):
    """Text that cannot be read as a number; ``str()`` is the reason, to follow the text."""


NOT_A_NUMBER = "is not a number"
UNSURE_COMMA = (
    "could be read two ways: write a thousand as 1000, and a decimal with one comma or point, "
    "such as 7,5 or 7.5"
)
# A number as typed: digits with at most one decimal point, or a point number with an
# exponent as the CSV export writes very small numbers (1e-05).
_POINT_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?", re.IGNORECASE | re.ASCII)
_COMMA_NUMBER = re.compile(r"[+-]?(\d*),(\d+)", re.ASCII)


def read_number(text: str) -> float:
    """A number as a person types it, for every entry point: "6.5", " 7 ", and "7,5" with a
    decimal comma (7.5, never 75), in any script's digits. Raises NumberError.

    A comma is a decimal comma only when it can be nothing else. "1,000" may be a thousand
    or one, and "1,000,000" and "1,000.5" hold a thousands separator, so these are refused
    with a reason rather than guessed; "0,500" is a half. Words, "1e" and "1_000" (which
    Python would read as 1000) are not numbers."""
    typed = "".join(
        str(unicodedata.decimal(ch)) if ch.isdecimal() else ch for ch in text.strip()
    ).replace("\u066b", ".")  # the Arabic decimal separator
    if _POINT_NUMBER.fullmatch(typed):
        value = float(typed)
    elif match := _COMMA_NUMBER.fullmatch(typed):
        whole, decimals = match.groups()
        if len(decimals) == 3 and whole.strip("0"):
            raise NumberError(UNSURE_COMMA)
        value = float(typed.replace(",", "."))
    elif "," in typed and any(ch.isdigit() for ch in typed):
        raise NumberError(UNSURE_COMMA)
    else:
        raise NumberError(NOT_A_NUMBER)
    if not math.isfinite(value):  # "1e999"
        raise NumberError(NOT_A_NUMBER)
    return value


class RangeError(DiaryInputError):
    """A standard factor's value outside what the diary takes; ``field`` names it."""

    def __init__(self, message: str, field: str) -> None:
        super().__init__(message)
        self.field = field


def check_values(values: dict[str, object]) -> None:
    """The one range rule over a check-in's standard values (by field name), as the services
    apply it whatever the entry point. Raises RangeError."""
    for column in STANDARD_COLUMNS:
        value = values.get(column.field)
        if isinstance(value, bool | int | float) and (reason := check_value(column, value)):
            factor = FACTORS_BY_NAME.get(column.name)
            label = factor.label if factor else column.name
            raise RangeError(f"{label}: {number_words(value)} {reason}.", column.field)

"""Reading a daily diary table into arrays on a full calendar.

Days missing from the table become days with nothing logged, and an empty cell stays "not
logged" (NaN): nothing is ever filled with zero here.
"""

from dataclasses import dataclass

import numpy as np
import pandas as pd

from twitchlog.knowledge.factors import OUTCOMES

# The analysis looks at the last two years of a diary, up to the last day its outcome was
# logged: what drives someone's twitching now shows in their recent days, and the work grows
# with the days (a year of 20 factors takes about 0.3 s of CPU), so a diary of decades holds
# no core for long.
WINDOW_DAYS = 730


class DiaryError(ValueError):
    """The table cannot be analysed; the message says why in plain words."""


@dataclass(frozen=True)
class Diary:
    dates: pd.DatetimeIndex  # every calendar day from the first to the last row
    outcome: str
    y: np.ndarray  # the outcome per calendar day, NaN when not logged
    factors: dict[str, np.ndarray]  # factor name -> values per calendar day, NaN = blank
    left_out: int = 0  # rows before the window (WINDOW_DAYS), not analysed

    @property
    def n_days(self) -> int:
        return len(self.dates)


def read_numbers(column: pd.Series, name: str, error: type[ValueError] = DiaryError) -> np.ndarray:
    """A column of numbers, blanks as NaN; a cell that is not a number raises ``error``."""
    if pd.api.types.is_numeric_dtype(column.dtype):
        return column.to_numpy(dtype=float, na_value=np.nan)
    converted = pd.to_numeric(column, errors="coerce")
    bad = converted.isna() & column.notna() & (column.astype(str).str.strip() != "")
    if bad.any():
        example = column[bad].iloc[0]
        raise error(f"The column “{name}” has a value that is not a number: “{example}”.")
    return converted.to_numpy(dtype=float, na_value=np.nan)


def read_dates(column: pd.Series, error: type[ValueError] = DiaryError) -> pd.Series:
    """A column of dates written YYYY-MM-DD, each day at most once; else ``error`` says why.
    The diary's analysis and a self-experiment's table read their dates alike."""
    try:
        dates = pd.to_datetime(column.astype(str).str.strip(), format="%Y-%m-%d")
    except (ValueError, TypeError) as problem:
        raise error("Every date must be written as YYYY-MM-DD.") from problem
    if dates.duplicated().any():
        day = dates[dates.duplicated()].iloc[0].date().isoformat()
        raise error(f"The date {day} appears more than once; keep one row per day.")
    return dates


def read_diary(frame: pd.DataFrame, outcome: str) -> Diary:
    """Check the table and lay it out on a full calendar."""
    if outcome not in OUTCOMES:
        choices = " or ".join(OUTCOMES)
        raise DiaryError(f"The outcome must be {choices}, not “{outcome}”.")
    if "date" not in frame.columns:
        raise DiaryError("The table needs a “date” column (YYYY-MM-DD).")
    if outcome not in frame.columns:
        raise DiaryError(f"The table has no “{outcome}” column to analyse.")
    dates = read_dates(frame["date"])
    if len(dates) == 0:
        raise DiaryError("The table has no days in it.")
    outcome_values = read_numbers(frame[outcome], outcome)
    # The window ends on the last day the outcome was logged: a stray row of a factor alone,
    # years later, must not push the diary out of it.
    logged = ~np.isnan(outcome_values)
    last = dates[logged].max() if logged.any() else dates.max()
    recent = ((last - dates).dt.days < WINDOW_DAYS).to_numpy()
    left_out = int((~recent).sum())
    if left_out:
        frame, dates, outcome_values = frame[recent], dates[recent], outcome_values[recent]
    calendar = pd.date_range(dates.min(), dates.max(), freq="D")
    position = ((dates - calendar[0]).dt.days).to_numpy()

    def on_calendar(values: np.ndarray) -> np.ndarray:
        out = np.full(len(calendar), np.nan)
        out[position] = values
        return out

    y = on_calendar(outcome_values)
    if outcome == "twitch_count" and np.nanmin(np.append(y, 0)) < 0:
        raise DiaryError("Twitch counts cannot be negative.")
    factors = {
        str(name): on_calendar(read_numbers(frame[name], str(name)))
        for name in frame.columns
        if name != "date" and name not in OUTCOMES
    }
    return Diary(calendar, outcome, y, factors, left_out)

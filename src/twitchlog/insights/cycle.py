"""Cycle phase from logged period days: which days came just before a period.

A person who logs ``menstruating`` (period days) gives the analysis a second factor for
free: *the days before a period*.  A period *starts* on a logged period day with no other
period day in the :data:`NEW_PERIOD_AFTER` days before it; the :data:`DAYS_BEFORE` days before
each start are "before a period" (1), other days 0.  How many days before a period matter
differs from person to person, so the factor is also tested with the windows of
:data:`OTHER_WINDOWS` days (one test over all of them, see design.WINDOW_PATTERNS).  Days
after the last logged start are blank: whether a period is coming cannot be known yet.
Fewer than :data:`MIN_STARTS` starts: no factor (a single period says nothing about a
cycle).  "During a period" is ``menstruating`` itself, tested like any yes/no factor.
"""

import numpy as np

BEFORE_PERIOD = "before_period"
SOURCE = "menstruating"
DAYS_BEFORE = 4
OTHER_WINDOWS = (3, 5)  # days before a period, also tested (design.WINDOW_PATTERNS)
NEW_PERIOD_AFTER = 14  # days without a logged period day before a new period starts
MIN_STARTS = 2


def period_starts(menstruating: np.ndarray) -> np.ndarray:
    """Calendar positions where a period starts (see the module docstring)."""
    days = np.flatnonzero(menstruating == 1)
    if len(days) == 0:
        return days
    gaps = np.diff(days, prepend=days[0] - NEW_PERIOD_AFTER - 1)
    return days[gaps > NEW_PERIOD_AFTER]


def before_period(menstruating: np.ndarray, days: int = DAYS_BEFORE) -> np.ndarray | None:
    """Per calendar day: 1 in the ``days`` days before a period starts, 0 otherwise, NaN where
    it cannot be known (after the last start, or nothing logged about periods that day and
    the days around); None when the diary shows too few periods."""
    starts = period_starts(menstruating)
    if len(starts) < MIN_STARTS:
        return None
    n = len(menstruating)
    out = np.zeros(n)
    for start in starts:
        out[max(start - days, 0) : start] = 1.0
    out[starts[-1] :] = np.nan
    out[np.isnan(menstruating) & (out == 0)] = np.nan
    return out

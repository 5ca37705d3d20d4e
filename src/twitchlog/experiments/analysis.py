"""The verdict of a self-experiment: did the change (B) lower the outcome against the usual (A)?

Pure: no Django. Input is one row per day with the day's condition (``A``, ``B``, or blank
for a washout day), whether the plan was kept (1/0, blank = not said), the block it belongs
to, and the outcome (blank = not logged; never read as zero).

Method (the one registered with every experiment):

- Each block is one unit. Its value is the log of the daily twitch rate (half a twitch added
  to the block's total) for counts, or the mean rating for the 0–10 scale. Bad days come in
  runs, so days within a block are not independent; blocks of 5–7 days are nearly so, and
  the block order was randomised, so comparing block values respects both.
- Effect: mean block value of B minus that of A, with a 95% interval and p-value from a
  t distribution on the pooled spread. The spread is pooled from the test's blocks around
  their condition's mean ((blocks − 2) degrees of freedom) and, when the diary has them,
  back-to-back blocks of the same length over the eight weeks before the test around their
  mean (their number − 1 more): six blocks alone leave only four degrees of freedom, which
  costs more power than anything else (docs/experiments.md). The spread is never taken
  below what counting noise (or rounding of a rating) alone would give, so a few identical
  blocks cannot make a tiny interval. For counts the effect is reported as a rate ratio
  (exp), for ratings as points.
- Blocks with fewer than three logged days are left out; fewer than two blocks of each
  condition is "too little data".
- As planned: every day of a block counts, kept to the plan or not. Per protocol: only
  days kept to the plan (or not said). The verdict is the as-planned one; both are shown.
- "Likely helps" / "likely worsens" when the 95% interval lies wholly below / above no
  difference. Otherwise the interval holds no difference, and two readings must never be
  mixed up: "no meaningful difference" when it also lies wholly within the difference that
  matters (the plan's registered effect of interest, either way: a halving rules out
  between 0.5 and 2 times as many), and "could not tell" when it reaches that far (it holds
  both no change and a change that matters), or when no such difference was given. A test
  stopped early can never be "likely helps": looking and stopping when it looks good is how
  chance findings are made, so it then reads "could not tell".
"""

import math
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

from twitchlog.experiments.design import (
    BLOCK_DAYS,
    CHANGE,
    DIARY_BEFORE_DAYS,
    MIN_DAYS_PER_BLOCK,
    RATING_ROUNDING_VAR,
    USUAL,
    block_value,
    diary_blocks,
)
from twitchlog.insights.frame import read_dates, read_numbers

OUTCOMES = ("twitch_count", "twitch_severity")
VERDICTS = (
    "likely_helps",
    "likely_worsens",
    "no_meaningful_difference",
    "could_not_tell",
    "too_little_data",
)
MIN_BLOCKS_EACH = 2
METHOD = (
    "Blocks as units: log daily rate (counts) or mean rating per block; B minus A with a "
    "95% t interval whose spread is pooled from the test's blocks (blocks − 2 degrees of "
    "freedom) and back-to-back blocks of the 8 weeks of diary before the test; blocks need "
    "3 logged days; analysed as planned (verdict) and per protocol; stopping early never "
    "gives 'likely helps'."
)
# The method registered before the diary's blocks joined the spread; tests registered with
# it keep it (services.result).
METHOD_WITHOUT_DIARY = (
    "Blocks as units: log daily rate (counts) or mean rating per block; B minus A with a "
    "pooled t interval on blocks − 2 degrees of freedom; 95% interval; blocks need 3 logged "
    "days; analysed as planned (verdict) and per protocol; stopping early never gives "
    "'likely helps'."
)


class TableError(ValueError):
    """The table cannot be analysed; the message says why in plain words."""


@dataclass(frozen=True)
class Comparison:
    effect: float | None  # rate ratio (counts) or difference in points (ratings), B vs A
    ci_low: float | None
    ci_high: float | None
    p_value: float | None
    blocks_a: int
    blocks_b: int
    days_a: int  # logged days that counted
    days_b: int
    mean_a: float | None  # twitches a day, or mean rating
    mean_b: float | None
    verdict: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Result:
    outcome: str
    effect_kind: str  # "rate_ratio" or "difference"
    as_planned: Comparison
    per_protocol: Comparison
    adherence: float | None  # share of test days kept to the plan, of those answered
    days_not_kept: int
    stopped_early: bool
    stopped_early_changed_verdict: bool  # "likely helps" before the stopping rule
    diary_blocks: int = 0  # blocks of the diary before the test pooled into the spread
    method: str = METHOD
    # The difference that matters on the analysis's scale (log rate ratio, or points; the
    # plan's registered effect of interest), or None when none was given.
    meaningful: float | None = None

    @property
    def verdict(self) -> str:
        return self.as_planned.verdict

    def to_dict(self) -> dict[str, Any]:
        plan = self.as_planned
        return {
            "outcome": self.outcome,
            "effect_kind": self.effect_kind,
            "effect": plan.effect,
            "ci_low": plan.ci_low,
            "ci_high": plan.ci_high,
            "p_value": plan.p_value,
            "adherence": self.adherence,
            "verdict": plan.verdict,
            "as_planned": plan.to_dict(),
            "per_protocol": self.per_protocol.to_dict(),
            "days_not_kept": self.days_not_kept,
            "stopped_early": self.stopped_early,
            "stopped_early_changed_verdict": self.stopped_early_changed_verdict,
            "diary_blocks": self.diary_blocks,
            "meaningful_effect": self.meaningful_effect,
            "method": self.method,
        }

    @property
    def meaningful_effect(self) -> float | None:
        """The difference that matters on the reported scale (a rate ratio such as 0.5, or
        points such as -1), or None."""
        if self.meaningful is None:
            return None
        return math.exp(self.meaningful) if self.effect_kind == "rate_ratio" else self.meaningful


def _floor_variance(values: np.ndarray, outcome: str) -> float:
    """The block-value variance that counting noise (or rounding) alone would give."""
    logged = values[~np.isnan(values)]
    if outcome == "twitch_count":
        return 1 / (logged.sum() + 0.5)
    return RATING_ROUNDING_VAR / len(logged)


def compare(
    days: pd.DataFrame,
    outcome: str,
    stopped_early: bool = False,
    diary: np.ndarray | None = None,
    meaningful: float | None = None,
) -> Comparison:
    """Compare B with A over ``days`` (columns ``block``, ``condition``, ``y``); ``diary``:
    block values from before the test whose spread is pooled in (``design.diary_blocks``);
    ``meaningful``: the difference that matters on the analysis's scale (its sign is not
    used: a change that large either way matters)."""
    units: dict[str, list[float]] = {USUAL: [], CHANGE: []}
    floors: list[float] = []
    counted = {USUAL: 0, CHANGE: 0}
    raw: dict[str, list[np.ndarray]] = {USUAL: [], CHANGE: []}
    for (_block, condition), rows in days.groupby(["block", "condition"], sort=True):
        values = rows["y"].to_numpy(dtype=float)
        logged = int(np.count_nonzero(~np.isnan(values)))
        if logged < MIN_DAYS_PER_BLOCK:
            continue
        units[str(condition)].append(block_value(values, outcome))
        floors.append(_floor_variance(values, outcome))
        counted[str(condition)] += logged
        raw[str(condition)].append(values[~np.isnan(values)])
    a, b = np.array(units[USUAL]), np.array(units[CHANGE])
    mean_a = float(np.concatenate(raw[USUAL]).mean()) if raw[USUAL] else None
    mean_b = float(np.concatenate(raw[CHANGE]).mean()) if raw[CHANGE] else None

    def comparison(effect: tuple[float, float, float, float] | None, verdict: str) -> Comparison:
        diff, low, high, p = effect if effect else (None, None, None, None)
        counts = (len(a), len(b), counted[USUAL], counted[CHANGE])
        return Comparison(diff, low, high, p, *counts, mean_a, mean_b, verdict)

    if len(a) < MIN_BLOCKS_EACH or len(b) < MIN_BLOCKS_EACH:
        return comparison(None, "too_little_data")
    df = len(a) + len(b) - 2
    squares = ((a - a.mean()) ** 2).sum() + ((b - b.mean()) ** 2).sum()
    if diary is not None and len(diary):
        squares += ((diary - diary.mean()) ** 2).sum()
        df += len(diary) - 1
    variance = max(float(squares / df), float(np.mean(floors)))
    se = math.sqrt(variance * (1 / len(a) + 1 / len(b)))
    diff = float(b.mean() - a.mean())
    half = float(stats.t.ppf(0.975, df)) * se
    p_value = float(2 * stats.t.sf(abs(diff) / se, df))
    low, high = diff - half, diff + half
    verdict = _verdict(low, high, stopped_early, meaningful)
    if outcome == "twitch_count":
        diff, low, high = math.exp(diff), math.exp(low), math.exp(high)
    return comparison((diff, low, high, p_value), verdict)


def _verdict(low: float, high: float, stopped_early: bool, meaningful: float | None) -> str:
    """The reading of a 95% interval (``low``, ``high``) on the analysis's scale."""
    if high < 0:
        return "could_not_tell" if stopped_early else "likely_helps"
    if low > 0:
        return "likely_worsens"
    if meaningful is not None and -abs(meaningful) < low and high < abs(meaningful):
        return "no_meaningful_difference"
    return "could_not_tell"


def read_table(frame: pd.DataFrame, outcome: str) -> pd.DataFrame:
    """Check a daily table (``date``, ``condition``, ``adhered``, the outcome; ``block``
    optional) and return the test days with columns ``date``, ``block``, ``condition``,
    ``adhered``, ``y`` in date order. Without a ``block`` column, each run of days with the
    same condition is one block (a blank condition, a washout day, ends a run)."""
    if outcome not in OUTCOMES:
        raise TableError(f"The outcome must be {' or '.join(OUTCOMES)}, not “{outcome}”.")
    for column in ("date", "condition", outcome):
        if column not in frame.columns:
            raise TableError(f"The table has no “{column}” column.")
    if frame.empty:
        raise TableError("The table has no days in it.")
    dates = read_dates(frame["date"], TableError)
    condition = frame["condition"].fillna("").astype(str).str.strip().str.upper()
    bad = ~condition.isin(["A", "B", ""])
    if bad.any():
        example = frame["condition"][bad].iloc[0]
        raise TableError(
            f"A condition must be A (usual), B (the change) or blank, not “{example}”."
        )
    y = read_numbers(frame[outcome], outcome, TableError)
    if outcome == "twitch_count" and (y[~np.isnan(y)] < 0).any():
        raise TableError("Twitch counts cannot be negative.")
    if outcome == "twitch_severity" and ((y[~np.isnan(y)] < 0) | (y[~np.isnan(y)] > 10)).any():
        raise TableError("Twitch ratings go from 0 to 10.")
    adhered = (
        read_numbers(frame["adhered"], "adhered", TableError)
        if "adhered" in frame.columns
        else np.full(len(frame), np.nan)
    )
    if (~np.isin(adhered[~np.isnan(adhered)], [0.0, 1.0])).any():
        raise TableError("“adhered” must be 1 (kept to the plan), 0 (not kept) or blank.")
    table = pd.DataFrame({"date": dates, "condition": condition, "adhered": adhered, "y": y})
    if "block" in frame.columns:  # by position, before sorting: any index will do
        table["block"] = read_numbers(frame["block"], "block", TableError)
    table = table.sort_values("date", kind="stable")
    if "block" not in frame.columns:
        table["block"] = (table["condition"] != table["condition"].shift()).cumsum()
    return table[table["condition"] != ""].reset_index(drop=True)


def block_length(table: pd.DataFrame) -> int:
    """The block length in days: the shortest calendar span of a block but the last (which
    may be cut short), within the lengths a test can have. (Without a ``block`` column a run
    of BB or AA reads as one long block; the first block is never such a run.)"""
    dates = pd.to_datetime(table["date"])
    spans = dates.groupby(table["block"], sort=True).agg(lambda d: (d.max() - d.min()).days + 1)
    usable = spans.iloc[:-1] if len(spans) > 1 else spans
    return int(min(max(int(usable.min()), min(BLOCK_DAYS)), max(BLOCK_DAYS)))


def analyze(
    table: pd.DataFrame,
    outcome: str,
    stopped_early: bool = False,
    before: np.ndarray | None = None,
    meaningful: float | None = None,
) -> Result:
    """The verdict over a table from :func:`read_table` (or built the same way). ``before``:
    the outcome per calendar day up to the day before the test (NaN = not logged), whose
    back-to-back blocks join the spread; None or too few logged blocks: the test alone.
    ``meaningful``: the difference that matters (log rate ratio, or points); without it an
    interval that holds no difference reads "could not tell", as nothing is ruled out."""
    stated = table["adhered"].dropna()
    adherence = float((stated == 1).mean()) if len(stated) else None
    kept = table[table["adhered"].fillna(1) == 1]
    diary = None
    if before is not None and len(table):
        diary = diary_blocks(before, outcome, block_length(table))
    planned = compare(table, outcome, stopped_early, diary, meaningful)
    unstopped = (
        compare(table, outcome, diary=diary, meaningful=meaningful) if stopped_early else planned
    )
    return Result(
        outcome=outcome,
        effect_kind="rate_ratio" if outcome == "twitch_count" else "difference",
        as_planned=planned,
        per_protocol=compare(kept, outcome, stopped_early, diary, meaningful),
        adherence=adherence,
        days_not_kept=int((stated == 0).sum()),
        stopped_early=stopped_early,
        stopped_early_changed_verdict=unstopped.verdict != planned.verdict,
        diary_blocks=0 if diary is None else len(diary),
        meaningful=meaningful,
    )


def read_before(frame: pd.DataFrame, outcome: str) -> np.ndarray | None:
    """From a daily CSV's frame that :func:`read_table` accepted: the outcome per calendar
    day over the DIARY_BEFORE_DAYS before the first day of A or B (NaN = not logged), or
    None when the table holds no such days."""
    dates = read_dates(frame["date"], TableError)
    condition = frame["condition"].fillna("").astype(str).str.strip().str.upper()
    if not (condition != "").any():
        return None
    first = dates[condition != ""].min()
    start = first - pd.Timedelta(days=DIARY_BEFORE_DAYS)
    earlier = (dates < first) & (dates >= start) & (condition == "")
    if not earlier.any():
        return None
    y = read_numbers(frame[outcome], outcome, TableError)
    series = pd.Series(y[earlier.to_numpy()], index=dates[earlier].to_numpy())
    calendar = pd.date_range(start, first - pd.Timedelta(days=1), freq="D")
    return series.reindex(calendar).to_numpy(dtype=float)


def analyze_frame(
    frame: pd.DataFrame,
    outcome: str,
    stopped_early: bool = False,
    meaningful: float | None = None,
) -> Result:
    """:func:`read_table` then :func:`analyze`: a daily CSV's frame straight to a verdict,
    with the diary days before the test (blank condition) pooled into the spread."""
    table = read_table(frame, outcome)
    return analyze(table, outcome, stopped_early, read_before(frame, outcome), meaningful)

"""What the printed report says, gathered from the diary, the questionnaires and the insights.

Kept apart from the PDF rendering so the facts can be checked without reading a PDF.
"""

import datetime as dt
import math
from dataclasses import dataclass
from typing import Any

from django.db.models import Count

from twitchlog.accounts.models import User
from twitchlog.assessments.models import AssessmentResult
from twitchlog.core.timezones import local_date, local_now
from twitchlog.diary.daily import daily_frame
from twitchlog.diary.models import Episode, RedFlagNote
from twitchlog.diary.spots import spot_label
from twitchlog.experiments import export as experiments
from twitchlog.insights import presenting
from twitchlog.insights import services as insights
from twitchlog.knowledge.red_flags import RED_FLAGS_BY_KEY, TIERS, RedFlag

MAX_WEEKS = 52  # a year of bars still reads on A4; older weeks are summed in the totals only
MAX_SPOTS = 8


@dataclass(frozen=True)
class Spot:
    label: str
    count: int
    percent: int


@dataclass(frozen=True)
class ResultRow:
    taken_on: dt.date
    score: int
    max_score: int
    band: str
    safety: dict[str, Any] | None  # PHQ-9 item 9: question, answer, alert


@dataclass(frozen=True)
class ResultGroup:
    questionnaire: str
    validation_tag: str  # "not a validated test" for our own checklist, else ""
    rows: list[ResultRow]  # newest first


@dataclass(frozen=True)
class FlagRow:
    flag: RedFlag
    last_noted: dt.date
    open: bool  # still shown as a reminder in the app


@dataclass(frozen=True)
class Period:
    """The days a report covers, both ends included; None for no limit on that side."""

    start: dt.date | None = None
    end: dt.date | None = None

    def __contains__(self, day: dt.date) -> bool:
        return (self.start is None or day >= self.start) and (self.end is None or day <= self.end)

    @property
    def chosen(self) -> bool:
        return self.start is not None or self.end is not None


@dataclass(frozen=True)
class Summary:
    name: str  # the display name, or "" (an email address is never printed)
    made_on: dt.date
    first_day: dt.date | None
    last_day: dt.date | None
    days_logged: int
    twitches: int
    weeks: list[tuple[dt.date, int | None]]
    weeks_cut: bool  # True when older weeks were left off the chart
    partial_week: bool  # the last week was not over by the end of the period (or today)
    period: Period
    spots: list[Spot]
    insights: presenting.Page
    results: list[ResultGroup]  # the questionnaire taken most recently first
    flags: list[FlagRow]
    experiments: list[experiments.Record]  # finished or stopped in the period, newest first


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def weekly_twitches(daily: dict[dt.date, float]) -> list[tuple[dt.date, int | None]]:
    """Twitches per week (Monday first) from a count per day; NaN days are not logged.

    Every week between the first and the last logged day is present, so a gap shows as a gap:
    ``None`` for a week with no day logged, 0 for a logged week without twitches.
    """
    logged = {day: value for day, value in daily.items() if not math.isnan(value)}
    if not logged:
        return []
    totals: dict[dt.date, int] = {}
    for day, value in logged.items():
        week = _monday(day)
        totals[week] = totals.get(week, 0) + round(value)
    week, last = _monday(min(logged)), _monday(max(logged))
    weeks: list[tuple[dt.date, int | None]] = []
    while week <= last:
        weeks.append((week, totals.get(week)))
        week += dt.timedelta(days=7)
    return weeks


def _spots(user: User, period: Period) -> list[Spot]:
    episodes = Episode.objects.filter(user=user)
    if period.start is not None:
        episodes = episodes.filter(local_date__gte=period.start)
    if period.end is not None:
        episodes = episodes.filter(local_date__lte=period.end)
    rows = list(
        episodes.values("region", "side").annotate(n=Count("id")).order_by("-n", "region", "side")
    )
    total = sum(row["n"] for row in rows)
    return [
        Spot(spot_label(row["region"], row["side"]), row["n"], round(100 * row["n"] / total))
        for row in rows[:MAX_SPOTS]
    ]


def _results(user: User, period: Period) -> list[ResultGroup]:
    groups: dict[str, ResultGroup] = {}
    for result in AssessmentResult.objects.filter(user=user).order_by("-taken_at", "-pk"):
        if local_date(result.taken_at, user.time_zone) not in period:
            continue
        name = result.definition.name
        group = groups.setdefault(name, ResultGroup(name, result.definition.validation_tag, []))
        group.rows.append(
            ResultRow(
                taken_on=local_date(result.taken_at, user.time_zone),
                score=result.score,
                max_score=result.max_score,
                band=result.band,
                safety=result.safety_answer,
            )
        )
    return list(groups.values())


def _flags(user: User, period: Period) -> list[FlagRow]:
    seen: dict[str, FlagRow] = {}
    for note in RedFlagNote.objects.filter(user=user).order_by("noted_on", "pk"):
        flag = RED_FLAGS_BY_KEY.get(note.key)
        if flag is None or note.noted_on not in period:
            continue
        before = seen.get(note.key)
        still_open = note.dismissed_at is None or (before is not None and before.open)
        seen[note.key] = FlagRow(flag, note.noted_on, still_open)
    order = [tier.key for tier in TIERS]
    return sorted(seen.values(), key=lambda row: (order.index(row.flag.urgency), row.last_noted))


def _daily_counts(frame: Any) -> dict[dt.date, float]:
    pairs = zip(frame["date"], frame["twitch_count"], strict=True)
    return {stamp.date(): float(value) for stamp, value in pairs}


def summarise(user: User, period: Period | None = None) -> Summary:
    """The report's content, over ``period`` (default: the whole diary).

    The driver analysis always uses the whole diary: fewer days would only make it weaker.
    """
    period = period or Period()
    current = insights.current_report(user, "twitch_count")
    daily = {day: n for day, n in _daily_counts(daily_frame(user)).items() if day in period}
    weeks = weekly_twitches(daily)
    logged_days = sorted(daily)
    made_on = local_now(user.time_zone).date()
    over_by = min(made_on, period.end) if period.end else made_on
    return Summary(
        name=user.display_name,
        made_on=made_on,
        first_day=logged_days[0] if logged_days else None,
        last_day=logged_days[-1] if logged_days else None,
        days_logged=len(logged_days),
        twitches=sum(round(v) for v in daily.values() if not math.isnan(v)),
        weeks=weeks[-MAX_WEEKS:],
        weeks_cut=len(weeks) > MAX_WEEKS,
        partial_week=bool(weeks) and weeks[-1][0] + dt.timedelta(days=6) > over_by,
        period=period,
        spots=_spots(user, period),
        insights=presenting.page(current.stored.report, insights.custom_labels(user)),
        results=_results(user, period),
        flags=_flags(user, period),
        experiments=[
            r
            for r in experiments.records(user, finished_only=True)
            if r.experiment.last_day in period or r.experiment.start_date in period
        ],
    )

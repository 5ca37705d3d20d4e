"""Looking back: today, one day, the timeline, the month calendar and the heat map."""

import calendar as cal
import datetime as dt
import math
import uuid
from typing import Any

import pandas as pd
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from twitchlog.accounts.models import User
from twitchlog.accounts.types import AuthedRequest
from twitchlog.diary import device_import, services, versions
from twitchlog.diary.csvfile import format_number
from twitchlog.diary.daily import daily_frame, twitch_count
from twitchlog.diary.models import CheckIn, CustomFactor, Episode, StressEvent
from twitchlog.diary.overview import overview
from twitchlog.diary.panels import red_flag_advice
from twitchlog.diary.spots import Spot
from twitchlog.knowledge.factors import FACTORS

TIMELINE_PAGE = 30
TIMELINE_COLUMNS = (
    "twitch_count",
    "twitch_severity",
    "sleep_hours",
    "stress_level",
    "anxiety_episodes",
    "caffeine_mg",
)
MAP_PERIODS = {"7": "Last 7 days", "30": "Last 30 days", "90": "Last 90 days", "all": "All time"}

# The most entries of one kind a day's page lists; the rest are in the CSV export.
DAY_LIST_LIMIT = 100


# Where each colour step from 1 to 4 begins: by the twitches logged that day, and by the day's
# overall rating (0-10). The calendar's key is built from these, so it says what the colours do.
COUNT_STEPS = (1, 3, 6, 10)
RATING_STEPS = (1, 4, 6, 8)
RATING_TOP = 10


def burden_level(count: float, severity: float) -> int | None:
    """How heavy a day was, 0-4, for colouring; None when nothing about twitching was logged.

    From the episode count (0, 1-2, 3-5, 6-9, 10+) or, if higher, the day's rating
    (0, 1-3, 4-5, 6-7, 8-10): few twitches logged on a day rated as hard still shows it was
    hard. The steps are fixed so colours mean the same every month.
    """
    levels = []
    if not math.isnan(count):
        levels.append(sum(count >= edge for edge in COUNT_STEPS))
    if not math.isnan(severity):
        levels.append(sum(severity >= edge for edge in RATING_STEPS))
    return max(levels) if levels else None


def _band(steps: tuple[int, ...], level: int, top: int | None) -> str:
    low = steps[level - 1]
    high = steps[level] - 1 if level < len(steps) else top
    if high is None:
        return f"{low} or more"
    return str(low) if low == high else f"{low}–{high}"


def burden_legend() -> list[tuple[int, str]]:
    """The colour key: each level of ``burden_level`` with the counts and ratings it stands for."""
    return [(0, "no twitching")] + [
        (
            level,
            f"{_band(COUNT_STEPS, level, None)} twitches, "
            f"or rated {_band(RATING_STEPS, level, RATING_TOP)}",
        )
        for level in range(1, len(COUNT_STEPS) + 1)
    ]


# Units as the factors name them, and how to say one of each ("1 episode", not "1 episodes").
SINGULAR_UNITS = {
    "episodes": "episode",
    "hours": "hour",
    "litres": "litre",
    "meals": "meal",
    "minutes": "minute",
    "units": "unit",
}


def _shown(value: Any, unit: str) -> str:
    if isinstance(value, bool):
        return "Yes" if value else "No"
    number = format_number(value)
    if number == "1":
        unit = SINGULAR_UNITS.get(unit, unit)
    return f"{number} {unit}" if unit and not unit[0].isdigit() else number


def checkin_summary(checkin: CheckIn) -> list[dict[str, str]]:
    """What was filled in, as label and value, in the check-in's own order."""
    items = []
    for factor in FACTORS:
        value = getattr(checkin, factor.name)
        if value is not None:
            items.append({"label": factor.label, "value": _shown(value, factor.unit)})
    if checkin.twitch_rating is not None:
        items.append({"label": "Twitching overall", "value": f"{checkin.twitch_rating} of 10"})
    for custom in checkin.custom_values.select_related("factor"):
        own = custom.factor
        shown = (
            ("Yes" if custom.value else "No")
            if own.kind == CustomFactor.BINARY
            else _shown(custom.value, own.unit)
        )
        items.append({"label": own.name, "value": shown})
    if checkin.notes:
        items.append({"label": "Notes", "value": checkin.notes})
    return items


def _latest(queryset: Any) -> tuple[list[Any], int]:
    """A day's entries in time order, at most DAY_LIST_LIMIT of them (the latest), and how many
    there are in all: a day logged in bulk (an import, a script) cannot make a page of
    thousands of rows."""
    latest = list(queryset.order_by("-occurred_at", "-id")[: DAY_LIST_LIMIT + 1])
    if len(latest) <= DAY_LIST_LIMIT:
        return latest[::-1], len(latest)  # the usual day: no count query needed
    return latest[DAY_LIST_LIMIT - 1 :: -1], queryset.count()


# A day's page is remembered per diary version (versions.remembered) while it lists no more
# than this many entries of each kind, as most days do; a day logged in bulk is read each time
# rather than kept in memory for every person.
REMEMBER_UP_TO = 20


def _short(context: dict[str, Any]) -> bool:
    return max(len(context["episodes"]), len(context["events"])) <= REMEMBER_UP_TO


def _day_context(user: User, day: dt.date, *, with_last: bool = False) -> dict[str, Any]:
    """What a day's page shows (and, for today, the last twitch for "Same as last time"), all
    of it from the diary: worked out again only after a diary write. A fresh dict each time,
    so the caller may add to it."""

    def worked_out(version: int) -> dict[str, Any]:
        context = _read_day(user, day)
        if with_last:
            context["last"] = services.last_episode(user)
        return context

    found = versions.remembered(user, ("day", day, with_last), worked_out, keep=_short)
    context = dict(found)
    # The warning-sign panel names the country's emergency number and crisis lines, so it is
    # read apart from the day: a change of country (no diary write) shows at once.
    advice = red_flag_advice(user)
    context.update(red_flags=advice is not None, red_flag_panel=advice)
    return context


def _read_day(user: User, day: dt.date) -> dict[str, Any]:
    episodes, episode_total = _latest(Episode.objects.filter(user=user, local_date=day))
    events, event_total = _latest(StressEvent.objects.filter(user=user, local_date=day))
    checkin = CheckIn.objects.filter(user=user, local_date=day).first()
    count = twitch_count(checkin, episode_total)
    return {
        "day": day,
        "episodes": episodes,
        "episodes_hidden": episode_total - len(episodes),
        "episode_total": episode_total,
        "events": events,
        "events_hidden": event_total - len(events),
        "checkin": checkin,
        "summary": checkin_summary(checkin) if checkin else [],
        "count": None if math.isnan(count) else int(count),
        "imported": device_import.day_values(user, checkin, day),
    }


@login_required
def today(request: AuthedRequest) -> HttpResponse:
    user = request.user
    context = _day_context(user, services.today_for(user), with_last=True)
    context.update(is_today=True, client_id=uuid.uuid4())
    return render(request, "diary/day.html", context)


@login_required
def day(request: AuthedRequest, day: dt.date) -> HttpResponse:
    today_date = services.today_for(request.user)
    if day == today_date:
        return redirect("diary:today")
    context = _day_context(request.user, day)
    context.update(is_today=False, is_future=day > today_date)
    return render(request, "diary/day.html", context)


@login_required
def timeline(request: AuthedRequest) -> HttpResponse:
    frame = daily_frame(request.user)
    before = request.GET.get("before", "")
    if before:
        try:
            frame = frame[frame["date"] < pd.Timestamp(dt.date.fromisoformat(before))]
        except ValueError as error:
            raise Http404 from error
    page = frame.iloc[::-1].head(TIMELINE_PAGE)
    rows = []
    for record in page.to_dict("records"):
        day_date = record["date"].date()
        rows.append(
            {
                "day": day_date,
                "cells": [format_number(record[name]) for name in TIMELINE_COLUMNS],
                "level": burden_level(record["twitch_count"], record["twitch_severity"]),
            }
        )
    older = rows[-1]["day"] if len(frame) > TIMELINE_PAGE else None
    by = "week" if request.GET.get("by") == "week" else "day"
    context = {"rows": rows, "older": older, "before": before}
    if not before:  # the charts sit above the newest days only
        today_date = services.today_for(request.user)
        factor = request.GET.get("factor", "")
        context.update(overview(request.user, frame, today_date, by, factor))
    return render(request, "diary/timeline.html", context)


@login_required
def calendar_now(request: AuthedRequest) -> HttpResponse:
    today_date = services.today_for(request.user)
    return redirect("diary:calendar", year=today_date.year, month=today_date.month)


@login_required
def calendar(request: AuthedRequest, year: int, month: int) -> HttpResponse:
    if not (1 <= month <= 12 and 1900 <= year <= 2200):
        raise Http404
    weeks = cal.Calendar(firstweekday=0).monthdatescalendar(year, month)
    frame = daily_frame(request.user, weeks[0][0], weeks[-1][-1])
    by_day = {record["date"].date(): record for record in frame.to_dict("records")}
    today_date = services.today_for(request.user)
    grid = []
    for week in weeks:
        cells = []
        for day_date in week:
            record = by_day.get(day_date)
            level = (
                burden_level(record["twitch_count"], record["twitch_severity"]) if record else None
            )
            count = record["twitch_count"] if record else math.nan
            cells.append(
                {
                    "day": day_date,
                    "in_month": day_date.month == month,
                    "level": level,
                    "count": None if math.isnan(count) else int(count),
                    "is_today": day_date == today_date,
                    # Not yet: shown greyed and without a link, never as "nothing logged".
                    "is_future": day_date > today_date,
                }
            )
        grid.append(cells)
    first = dt.date(year, month, 1)
    previous = first - dt.timedelta(days=1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    context = {
        "grid": grid,
        "month": first,
        "previous": previous,
        "next": following if following <= today_date else None,
        "weekdays": [cal.day_abbr[i] for i in range(7)],
        "legend": burden_legend(),
    }
    return render(request, "diary/calendar.html", context)


@login_required
def heat_map(request: AuthedRequest) -> HttpResponse:
    user = request.user
    period = request.GET.get("period", "30")
    if period not in MAP_PERIODS:
        period = "30"
    episodes = Episode.objects.filter(user=user)
    if period != "all":
        start = services.today_for(user) - dt.timedelta(days=int(period) - 1)
        episodes = episodes.filter(local_date__gte=start)
    rows = episodes.values("region", "side").annotate(n=Count("id")).order_by("-n")
    spots = [(Spot(row["region"], row["side"]), row["n"]) for row in rows]
    context = {
        "counts": {spot.slug: n for spot, n in spots},
        "spots": spots,
        "total": sum(n for _, n in spots),
        "period": period,
        "period_label": MAP_PERIODS[period],
        "periods": MAP_PERIODS,
    }
    return render(request, "diary/map.html", context)

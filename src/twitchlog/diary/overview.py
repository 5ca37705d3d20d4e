"""What the diary can show from the first day: twitching over time, where, and beside a factor.

Description only: what was logged, drawn plainly. Whether a factor really goes with the
twitching is for the insights engine, which waits for enough days and corrects for chance.
"""

import datetime as dt
import math
from typing import Any

import pandas as pd
from django.db.models import Count

from twitchlog.accounts.models import User
from twitchlog.diary import charts
from twitchlog.diary.models import Episode
from twitchlog.diary.spots import Spot
from twitchlog.knowledge.factors import FACTORS

DAYS_SHOWN = 56
WEEKS_SHOWN = 26
PLACES_SHOWN = 3


def _number(value: Any) -> float | None:
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else value


def overview(user: User, frame: pd.DataFrame, today: dt.date, by: str, factor: str) -> dict:
    """The charts' context. ``by`` is "day" or "week"; ``factor`` a standard factor's name."""
    counts = {
        record["date"].date(): _number(record["twitch_count"])
        for record in frame[["date", "twitch_count"]].to_dict("records")
    }
    span = DAYS_SHOWN if by == "day" else 7 * WEEKS_SHOWN
    days = [
        charts.Period(day, counts.get(day))
        for day in (today - dt.timedelta(days=n) for n in range(span - 1, -1, -1))
    ]
    periods = days if by == "day" else charts.weekly(days)[-WEEKS_SHOWN:]

    usable = []
    for option in FACTORS:
        both = frame[["twitch_count", option.name]].dropna()
        if len(both) >= 2:
            usable.append((option, [(float(x), float(y)) for y, x in both.to_numpy()]))
    chosen = next((u for u in usable if u[0].name == factor), usable[0] if usable else None)

    since = today - dt.timedelta(days=29)
    rows = (
        Episode.objects.filter(user=user, local_date__gte=since)
        .values("region", "side")
        .annotate(n=Count("id"))
        .order_by("-n")[:PLACES_SHOWN]
    )
    return {
        "by": by,
        "twitch_chart": charts.twitch_chart(periods, by),
        "partial_week": by == "week" and today.weekday() < 6,
        "places": [(Spot(row["region"], row["side"]).label, row["n"]) for row in rows],
        "factors": [option for option, _ in usable],
        "factor": chosen[0] if chosen else None,
        "factor_chart": charts.factor_chart(chosen[1], chosen[0].label) if chosen else "",
        "split": charts.split_at_middle(chosen[1]) if chosen else None,
        "factor_days": len(chosen[1]) if chosen else 0,
    }

"""Descriptive charts of a person's own diary, from the first day. Pure: no Django.

They describe what was logged and claim nothing about causes: the insights engine decides
what holds up. Hand-built SVG like the other charts (insights.chart, assessments.chart), in
the page's CSS colours so they follow dark mode.

- ``twitch_chart``: twitches per day or per week as bars. A day or week with nothing logged is
  a gap with a small mark under the axis, never a zero bar.
- ``factor_chart``: one dot per day, a factor across and twitches up.
"""

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

# About as wide as a phone shows it, so the 12-px labels stay 12 px there.
WIDTH, HEIGHT = 340, 190
LEFT, RIGHT, TOP, BOTTOM = 30, 10, 10, 34
TEXT = 'style="fill:var(--muted);font-size:12px"'


@dataclass(frozen=True)
class Period:
    start: dt.date
    twitches: float | None  # None: nothing logged in it
    days_logged: int = 1


def nice_max(value: float) -> float:
    for step in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000):
        if value <= step:
            return float(step)
    return float(math.ceil(value))


def weekly(days: Sequence[Period]) -> list[Period]:
    """Days grouped into Monday-to-Sunday weeks: the sum of the days that were logged."""
    weeks: dict[dt.date, list[Period]] = {}
    for day in days:
        monday = day.start - dt.timedelta(days=day.start.weekday())
        weeks.setdefault(monday, []).append(day)
    result = []
    for monday, members in sorted(weeks.items()):
        logged = [d.twitches for d in members if d.twitches is not None]
        result.append(Period(monday, sum(logged) if logged else None, len(logged)))
    return result


def _frame(top: float) -> list[str]:
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    parts = []
    for tick in (0, top / 2, top) if (top / 2).is_integer() else (0, top):
        y = TOP + plot_h * (1 - tick / top)
        parts.append(
            f'<line x1="{LEFT}" y1="{y:.1f}" x2="{LEFT + plot_w}" y2="{y:.1f}" '
            f'style="stroke:var(--border);stroke-width:{1 if tick == 0 else 0.5}"/>'
            f'<text x="{LEFT - 4}" y="{y + 4:.1f}" text-anchor="end" {TEXT}>{tick:g}</text>'
        )
    return parts


def _svg(title: str, parts: list[str]) -> str:
    return (
        f'<svg class="chart compact" viewBox="0 0 {WIDTH} {HEIGHT}" role="img">'
        f"<title>{escape(title)}</title>" + "".join(parts) + "</svg>"
    )


def twitch_chart(periods: Sequence[Period], unit: str) -> str:
    """Bars of twitches per ``unit`` ("day" or "week"), oldest first; "" when there are none."""
    if not periods or all(p.twitches is None for p in periods):
        return ""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    top = nice_max(max(p.twitches or 0 for p in periods) or 1)
    slot = plot_w / len(periods)
    bar_w = max(slot * 0.75, 1.0)
    base = TOP + plot_h
    parts = _frame(top)
    for n, period in enumerate(periods):
        x = LEFT + n * slot + (slot - bar_w) / 2
        when = (
            f"{unit.capitalize()} of {period.start:%-d %b}"
            if unit == "week"
            else (f"{period.start:%a %-d %b}")
        )
        if period.twitches is None:
            parts.append(
                f'<rect x="{x:.1f}" y="{base + 3}" width="{bar_w:.1f}" height="3" '
                f'style="fill:var(--border)"><title>{when}: not logged</title></rect>'
            )
            continue
        height = plot_h * period.twitches / top
        partly = (
            f", {period.days_logged} of 7 days logged"
            if unit == "week" and period.days_logged < 7
            else ""
        )
        parts.append(
            f'<rect x="{x:.1f}" y="{base - height:.1f}" width="{bar_w:.1f}" '
            f'height="{height:.1f}" style="fill:var(--heat-3)"><title>{when}: '
            f"{period.twitches:g} twitch{'' if period.twitches == 1 else 'es'}{partly}"
            "</title></rect>"
        )
    first, last = periods[0].start, periods[-1].start
    parts.append(f'<text x="{LEFT}" y="{HEIGHT - 14}" {TEXT}>{first:%-d %b}</text>')
    parts.append(
        f'<text x="{LEFT + plot_w}" y="{HEIGHT - 14}" text-anchor="end" {TEXT}>{last:%-d %b}</text>'
    )
    parts.append(
        f'<text x="{LEFT + plot_w / 2}" y="{HEIGHT - 2}" text-anchor="middle" {TEXT}>'
        "a mark under the line: nothing logged</text>"
    )
    return _svg(f"Twitches logged per {unit}; gaps are {unit}s with nothing logged", parts)


def factor_chart(pairs: Sequence[tuple[float, float]], factor_label: str) -> str:
    """One dot per day: ``(factor value, twitches)``; "" with fewer than two days."""
    if len(pairs) < 2:
        return ""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    low_x, high_x = min(x for x, _ in pairs), max(x for x, _ in pairs)
    span_x = (high_x - low_x) or 1.0
    top = nice_max(max(y for _, y in pairs) or 1)
    parts = _frame(top)
    for value, twitches in pairs:
        cx = LEFT + 6 + (plot_w - 12) * (value - low_x) / span_x
        cy = TOP + plot_h * (1 - twitches / top)
        parts.append(
            f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="4" '
            'style="fill:var(--accent);fill-opacity:0.55"/>'
        )
    parts.append(f'<text x="{LEFT}" y="{HEIGHT - 14}" {TEXT}>{low_x:g}</text>')
    parts.append(
        f'<text x="{LEFT + plot_w}" y="{HEIGHT - 14}" text-anchor="end" {TEXT}>{high_x:g}</text>'
    )
    parts.append(
        f'<text x="{LEFT + plot_w / 2}" y="{HEIGHT - 2}" text-anchor="middle" {TEXT}>'
        f"{escape(factor_label)}</text>"
    )
    return _svg(f"Each logged day: {factor_label} across, twitches up", parts)


@dataclass(frozen=True)
class Split:
    """Twitches on the days with less and with more of a factor than its middle value."""

    middle: float
    low_days: int
    low_mean: float
    high_days: int
    high_mean: float


def split_at_middle(pairs: Sequence[tuple[float, float]]) -> Split | None:
    """Days at or below the median value against days above it; None if either side is empty."""
    values = sorted(x for x, _ in pairs)
    if not values:
        return None
    middle = values[(len(values) - 1) // 2]
    low = [y for x, y in pairs if x <= middle]
    high = [y for x, y in pairs if x > middle]
    if not low or not high:
        return None
    return Split(middle, len(low), sum(low) / len(low), len(high), sum(high) / len(high))

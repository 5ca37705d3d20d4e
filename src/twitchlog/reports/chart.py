"""Twitches per week as a small bar chart in inline SVG, for the printed report. Pure: no Django.

Hand-built like the other charts (insights.chart, assessments.chart). Unlike theirs, its
colours are fixed rather than CSS variables: it is drawn on white paper by WeasyPrint, never
in dark mode, and a PDF must not depend on a stylesheet.
"""

import datetime as dt
from collections.abc import Sequence
from html import escape

WIDTH, HEIGHT = 640, 180
LEFT, RIGHT, TOP, BOTTOM = 34, 8, 10, 26
BAR, AXIS, TEXT, GAP = "#5b7fa6", "#b8c2cc", "#55606b", "#eef1f4"
PARTIAL = "#a9bdd3"  # a week still going: paler, and labelled


def _nice_max(value: float) -> float:
    for step in (5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000):
        if value <= step:
            return float(step)
    return float(value)


def weekly_chart(weeks: Sequence[tuple[dt.date, int | None]], partial: bool = False) -> str:
    """Bars of ``(week start, twitches)``; ``None`` is a week with nothing logged (a pale mark).

    ``partial``: the last week is not over; its bar is drawn paler and labelled "so far".
    """
    if not weeks:
        return ""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    top = _nice_max(max([count or 0 for _, count in weeks] + [1]))
    slot = plot_w / len(weeks)
    bar_w = max(slot * 0.7, 1.0)
    base = TOP + plot_h
    parts = []
    middle = top / 2
    for tick in (0, middle, top) if middle.is_integer() else (0, top):
        y = base - plot_h * tick / top
        parts.append(
            f'<line x1="{LEFT}" y1="{y:.1f}" x2="{LEFT + plot_w}" y2="{y:.1f}" '
            f'stroke="{AXIS}" stroke-width="{1 if tick == 0 else 0.5}"/>'
            f'<text x="{LEFT - 5}" y="{y + 4:.1f}" text-anchor="end" font-size="11" '
            f'fill="{TEXT}">{tick:g}</text>'
        )
    for n, (start, count) in enumerate(weeks):
        x = LEFT + n * slot + (slot - bar_w) / 2
        if count is None:
            parts.append(
                f'<rect x="{x:.1f}" y="{base - 3}" width="{bar_w:.1f}" height="3" fill="{GAP}"/>'
            )
            continue
        height = plot_h * count / top
        so_far = partial and n == len(weeks) - 1
        parts.append(
            f'<rect x="{x:.1f}" y="{base - height:.1f}" width="{bar_w:.1f}" '
            f'height="{height:.1f}" fill="{PARTIAL if so_far else BAR}"><title>Week of '
            f"{start:%-d %b %Y}: {count}{' so far (the week is not over)' if so_far else ''}"
            "</title></rect>"
        )
        if so_far:
            parts.append(
                f'<text x="{x + bar_w / 2:.1f}" y="{base - height - 3:.1f}" text-anchor="end" '
                f'font-size="10" fill="{TEXT}">so far</text>'
            )
    first, last = weeks[0][0], weeks[-1][0]
    parts.append(
        f'<text x="{LEFT}" y="{HEIGHT - 6}" font-size="11" fill="{TEXT}">{first:%-d %b %Y}</text>'
    )
    if len(weeks) > 1:
        parts.append(
            f'<text x="{LEFT + plot_w}" y="{HEIGHT - 6}" text-anchor="end" font-size="11" '
            f'fill="{TEXT}">{last:%-d %b %Y}</text>'
        )
    title = escape("Twitches logged each week")
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" role="img"><title>{title}</title>'
        + "".join(parts)
        + "</svg>"
    )

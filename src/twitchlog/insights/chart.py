"""The stress-load chart: daily twitching as bars with the fitted load as a line over them.

Pure: no Django. Hand-built SVG like the assessments chart, for the same reasons: it is quick,
and it uses the page's CSS colours, so it follows dark mode and prints.
"""

import datetime as dt
from collections.abc import Mapping, Sequence
from html import escape

WIDTH, HEIGHT = 420, 226
LEFT, RIGHT, TOP, BOTTOM = 26, 26, 26, 24
LOAD_AXIS = "build-up, episodes"


def _nice_max(value: float) -> float:
    for step in (1, 2, 5, 10, 20, 50, 100, 200, 500):
        if value <= step:
            return float(step)
    return float(value)


def load_chart(
    dates: Sequence[dt.date],
    load: Sequence[float],
    outcome: Mapping[dt.date, float],
    outcome_label: str,
    outcome_axis: str = "twitches a day",
) -> str:
    """SVG of ``outcome`` per day (bars, left axis, labelled ``outcome_axis``) and ``load``
    (line, right axis, in episodes)."""
    if not dates:
        return ""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    first = dates[0]
    days = max((dates[-1] - first).days, 1)
    bar_w = max(plot_w / (days + 1) - 1, 1)
    top_outcome = _nice_max(max([*outcome.values(), 1.0]))
    top_load = _nice_max(max([*load, 0.1]))

    def x(day: dt.date) -> float:
        return LEFT + plot_w * (day - first).days / (days + 1)

    parts = [
        f'<line x1="{LEFT}" y1="{TOP + plot_h}" x2="{LEFT + plot_w}" y2="{TOP + plot_h}" '
        'style="stroke:var(--border)"/>'
    ]
    for day, value in sorted(outcome.items()):
        if day < first or day > dates[-1]:
            continue
        height = plot_h * value / top_outcome
        parts.append(
            f'<rect x="{x(day):.1f}" y="{TOP + plot_h - height:.1f}" width="{bar_w:.1f}" '
            f'height="{height:.1f}" style="fill:var(--heat-1)"/>'
        )
    points = " ".join(
        f"{x(day) + bar_w / 2:.1f},{TOP + plot_h * (1 - value / top_load):.1f}"
        for day, value in zip(dates, load, strict=True)
    )
    parts.append(
        f'<polyline points="{points}" style="fill:none;stroke:var(--accent);stroke-width:2.5"/>'
    )
    text = 'style="fill:var(--muted);font-size:12px"'
    parts += [
        f'<text x="0" y="12" {text}>{escape(outcome_axis)}</text>',
        f'<text x="{WIDTH}" y="12" text-anchor="end" {text}>{LOAD_AXIS}</text>',
        f'<text x="{LEFT - 4}" y="{TOP + 10}" text-anchor="end" {text}>{top_outcome:g}</text>',
        f'<text x="{LEFT - 4}" y="{TOP + plot_h}" text-anchor="end" {text}>0</text>',
        f'<text x="{LEFT + plot_w + 4}" y="{TOP + 10}" {text}>{top_load:g}</text>',
        f'<text x="{LEFT}" y="{HEIGHT - 6}" {text}>{first:%-d %b}</text>',
        f'<text x="{LEFT + plot_w}" y="{HEIGHT - 6}" text-anchor="end" {text}>'
        f"{dates[-1]:%-d %b}</text>",
    ]
    title = escape(
        f"{outcome_label} per day (bars, left scale) and the build-up of anxiety episodes "
        "(line, right scale, in episodes)"
    )
    return (
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="load-chart-title"><title id="load-chart-title">{title}</title>'
        + "".join(parts)
        + "</svg>"
    )

"""A small score-over-time chart as inline SVG. Pure: no Django.

Hand-built rather than drawn with matplotlib: the chart is a line, some dots and a few shaded
bands, which takes well under a millisecond this way (matplotlib costs a slow first import and
tens of milliseconds a figure on every history page). Drawing it ourselves also lets it use
the page's CSS colours, so it follows dark mode and prints cleanly.
"""

import datetime as dt
from collections.abc import Sequence
from html import escape

from twitchlog.assessments.instruments.base import Instrument

WIDTH, HEIGHT = 400, 250
LEFT, RIGHT, TOP, BOTTOM = 30, 8, 8, 28
PAD = 14  # keeps the first and last dots clear of the frame


def _label_date(when: dt.datetime) -> str:
    return f"{when.day} {when:%b %Y}"


def score_chart(instrument: Instrument, points: Sequence[tuple[dt.datetime, int]]) -> str:
    """SVG of ``points`` (local time, score) against the instrument's bands, oldest first."""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    top = instrument.max_score

    def y(value: float) -> float:
        return TOP + plot_h * (1 - value / top)

    start = points[0][0].timestamp() if points else 0.0
    span = (points[-1][0].timestamp() - start) if points else 0.0

    def x(when: dt.datetime) -> float:
        if span <= 0:
            return LEFT + plot_w / 2
        return LEFT + PAD + (plot_w - 2 * PAD) * (when.timestamp() - start) / span

    parts, labels = [], []
    for i, band in enumerate(instrument.bands):
        # A band covers whole scores, so it runs from half a point below to half above.
        low, high = max(band.low - 0.5, 0), min(band.high + 0.5, top)
        shade = "var(--surface-2)" if i % 2 == 0 else "var(--surface)"
        parts.append(
            f'<rect x="{LEFT}" y="{y(high):.1f}" width="{plot_w}" height="{y(low) - y(high):.1f}" '
            f'style="fill:{shade}"/>'
        )
        if band.low > 0:
            parts.append(
                f'<line x1="{LEFT}" x2="{LEFT + plot_w}" y1="{y(low):.1f}" y2="{y(low):.1f}" '
                'style="stroke:var(--border)" stroke-dasharray="4 3"/>'
            )
        # Each band is named inside its own stripe, so the chart needs no side margin and
        # stays readable on a phone. The names go on top of the dots, with a halo.
        labels.append(
            f'<text x="{LEFT + 6}" y="{y(high) + 15:.1f}" font-size="12" style="fill:var(--muted);'
            f'stroke:{shade};stroke-width:3px;paint-order:stroke">'
            f"{escape(band.label)} {band.low}–{band.high}</text>"
        )
    for value in sorted({0, top, *(band.low for band in instrument.bands)}):
        parts.append(
            f'<text x="{LEFT - 6}" y="{y(value) + 4:.1f}" text-anchor="end" '
            f'style="fill:var(--muted)">{value}</text>'
        )
    parts.append(
        f'<rect x="{LEFT}" y="{TOP}" width="{plot_w}" height="{plot_h}" fill="none" '
        'style="stroke:var(--border)"/>'
    )
    if len(points) > 1:
        path = " ".join(f"{x(when):.1f},{y(value):.1f}" for when, value in points)
        parts.append(
            f'<polyline points="{path}" fill="none" stroke-width="2.5" '
            'style="stroke:var(--accent)"/>'
        )
    radius = 5 if len(points) <= 24 else 3.5
    for when, value in points:
        parts.append(
            f'<circle cx="{x(when):.1f}" cy="{y(value):.1f}" r="{radius}" '
            f'style="fill:var(--accent)"><title>{_label_date(when)}: {value}</title></circle>'
        )
    parts += labels
    if points:
        first, last = points[0][0], points[-1][0]
        same_day = _label_date(first) == _label_date(last)
        ticks = [(first, "middle" if span <= 0 else "start")]
        if not same_day:
            ticks.append((last, "end"))
        for when, anchor in ticks:
            parts.append(
                f'<text x="{x(when):.1f}" y="{HEIGHT - 10}" text-anchor="{anchor}" '
                f'style="fill:var(--muted)">{_label_date(when)}</text>'
            )

    if points:
        summary = (
            f"{len(points)} result{'s' if len(points) != 1 else ''} from "
            f"{_label_date(points[0][0])} to {_label_date(points[-1][0])}; "
            f"latest score {points[-1][1]} of {top}."
        )
    else:
        summary = "No results yet."
    title = f"{instrument.name} scores over time"
    return (
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-label="{escape(title)}. {escape(summary)}" font-size="14" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>'
        + "".join(parts)
        + "</svg>"
    )

import functools
import math

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from twitchlog.diary.bodymap import CROP_LEFT, CROP_WIDTH, HEIGHT, VIEWS, Shape

register = template.Library()

VIEW_LABELS = {"front": "Front", "back": "Back"}
# Which side of the person is on which side of the picture: the front view faces us.
SIDE_MARKS = {"front": ("Right", "Left"), "back": ("Left", "Right")}


def heat_level(count: int, highest: int) -> int:
    """0 for none, then 1-4 in equal steps up to the busiest spot."""
    if count <= 0 or highest <= 0:
        return 0
    return max(1, math.ceil(4 * count / highest))


def _svg_shape(shape: Shape, level: int | None, css: str = "shape") -> SafeString:
    if level is not None:
        css = f"{css} heat-{level}"
    if shape.kind == "ellipse":
        return format_html(
            '<ellipse class="{}" cx="{}" cy="{}" rx="{}" ry="{}"/>',
            css,
            shape.x,
            shape.y,
            shape.w,
            shape.h,
        )
    return format_html(
        '<rect class="{}" x="{}" y="{}" width="{}" height="{}" rx="{}"/>',
        css,
        shape.x,
        shape.y,
        shape.w,
        shape.h,
        shape.r,
    )


def _percent(value: float, whole: float) -> str:
    return f"{100 * value / whole:.2f}%"


def _button(shape: Shape) -> SafeString:
    left, top, width, height = shape.box
    radius = (
        "50%"
        if shape.kind == "ellipse"
        else f"{_percent(shape.r, width)} / {_percent(shape.r, height)}"
    )
    style = (
        f"left:{_percent(left - CROP_LEFT, CROP_WIDTH)};top:{_percent(top, HEIGHT)};"
        f"width:{_percent(width, CROP_WIDTH)};height:{_percent(height, HEIGHT)};"
        f"border-radius:{radius}"
    )
    return format_html(
        '<button class="spot-button" type="submit" name="spot" value="{}" style="{}" '
        'title="{}"><span class="visually-hidden">{}</span></button>',
        shape.spot.slug,
        style,
        shape.spot.label,
        shape.spot.label,
    )


@register.simple_tag
def body_map(mode: str = "log", counts: dict[str, int] | None = None) -> SafeString:
    """Both views of the body map.

    ``mode="log"``: every spot is a submit button named ``spot``; put the map inside a form.
    ``mode="heat"``: spots are shaded by ``counts`` (spot slug -> episodes); the drawing is
    hidden from screen readers, so show the same numbers as text beside it.
    """
    return _log_map() if mode == "log" else _draw_map(mode, counts or {})


@functools.cache
def _log_map() -> SafeString:
    """The log map is the same for everyone, and home and the diary show it on every visit:
    drawn once per process."""
    return _draw_map("log", {})


def _draw_map(mode: str, counts: dict[str, int]) -> SafeString:
    highest = max(counts.values(), default=0)
    views = []
    for name, shapes in VIEWS.items():
        levels = [
            None if mode == "log" else heat_level(counts.get(s.spot.slug, 0), highest)
            for s in shapes
        ]
        # A wide outline of every shape first, then the shapes: together a silhouette with a
        # thin seam between regions.
        outline = format_html_join("", "{}", ((_svg_shape(s, None, "outline"),) for s in shapes))
        drawing = format_html_join(
            "", "{}", ((_svg_shape(s, lvl),) for s, lvl in zip(shapes, levels, strict=True))
        )
        buttons = (
            format_html_join("", "{}", ((_button(s),) for s in shapes)) if mode == "log" else ""
        )
        ours, theirs = SIDE_MARKS[name]
        views.append(
            format_html(
                '<figure class="bodymap-view"><figcaption>{}'
                '<span class="visually-hidden"> (your {} side on the left)</span></figcaption>'
                '<div class="bodymap-canvas" style="aspect-ratio:{} / {}">'
                '<svg viewBox="{} 0 {} {}" aria-hidden="true" focusable="false">{}{}</svg>'
                '<span class="side-mark start" aria-hidden="true">{}</span>'
                '<span class="side-mark end" aria-hidden="true">{}</span>'
                "{}</div></figure>",
                VIEW_LABELS[name],
                ours.lower(),
                CROP_WIDTH,
                HEIGHT,
                CROP_LEFT,
                CROP_WIDTH,
                HEIGHT,
                outline,
                drawing,
                ours,
                theirs,
                buttons,
            )
        )
    # With JavaScript the log map is one Tab stop, and the arrow keys move between places.
    group = (
        ' role="group" aria-label="Body map: the arrow keys move between places"'
        if mode == "log"
        else ""
    )
    return format_html(
        '<div class="bodymap bodymap-{}"{}>{}</div>',
        mode,
        SafeString(group),
        format_html_join("", "{}", ((v,) for v in views)),
    )

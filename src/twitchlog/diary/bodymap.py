"""The body map's drawing, as data. Pure: no Django.

Two views of a simple figure, 200 x 400 units each, built from one shape per spot: an ellipse
or a rounded box. The same shapes draw the SVG and place the tap targets over it, so what a
person sees is exactly what they tap. The front view shows the person facing us, so their
right side is on our left; the back view shows them from behind, so their left is on our left.
"""

from dataclasses import dataclass

from twitchlog.diary.spots import Spot

WIDTH = 200  # the figure is drawn on this width, symmetric around x = 100
HEIGHT = 444
# The part of the width the figure uses; the drawing is cropped to it so it can be larger.
CROP_LEFT = 32
CROP_WIDTH = 136
# No shape is narrower or shorter than this. Two figures side by side on a 390-px phone are
# about 155 px wide each, 1.14 px per unit, so the smallest tap target is about 27 px (WCAG
# 2.2 asks for 24); the head is drawn large for that reason.
MIN_SIZE = 24


@dataclass(frozen=True)
class Shape:
    spot: Spot
    kind: str  # "ellipse" or "box"
    x: float  # ellipse: centre; box: left edge
    y: float  # ellipse: centre; box: top edge
    w: float  # ellipse: radius; box: width
    h: float  # ellipse: radius; box: height
    r: float = 0  # box corner radius

    @property
    def box(self) -> tuple[float, float, float, float]:
        """Left, top, width and height of the bounding box."""
        if self.kind == "ellipse":
            return self.x - self.w, self.y - self.h, 2 * self.w, 2 * self.h
        return self.x, self.y, self.w, self.h


def _pair(
    region: str, kind: str, x: float, y: float, w: float, h: float, r: float = 0, mirror: str = ""
) -> tuple[Shape, Shape]:
    """A shape on our left and its mirror image on our right.

    ``mirror`` is the side on our left: "right" for the front view, "left" for the back view.
    """
    other = "left" if mirror == "right" else "right"
    mirrored_x = WIDTH - x if kind == "ellipse" else WIDTH - x - w
    return (
        Shape(Spot(region, mirror), kind, x, y, w, h, r),
        Shape(Spot(region, other), kind, mirrored_x, y, w, h, r),
    )


def _middle(region: str, kind: str, x: float, y: float, w: float, h: float, r: float = 0) -> Shape:
    return Shape(Spot(region, "middle"), kind, x, y, w, h, r)


def _limbs(ours: str) -> list[Shape]:
    """Arms and hands, drawn alike from the front and the back."""
    return [
        *_pair("upper_arm", "box", 40, 138, 24, 56, 10, ours),
        *_pair("forearm", "box", 36, 196, 24, 54, 10, ours),
        *_pair("hand", "ellipse", 48, 264, 13, 13, mirror=ours),
        *_pair("finger", "box", 36, 278, 24, 24, 8, ours),
    ]


# Drawn in order: later shapes sit on top of earlier ones (eyes on the head).
FRONT = (
    _middle("head", "ellipse", 100, 48, 38, 46),
    *_pair("eyelid", "ellipse", 85, 32, 13, 12, mirror="right"),
    *_pair("face", "ellipse", 76, 58, 12, 12, mirror="right"),
    _middle("mouth", "ellipse", 100, 58, 12, 12),
    *_pair("jaw", "ellipse", 86, 82, 14, 12, mirror="right"),
    *_pair("neck", "box", 64, 94, 24, 24, 4, "right"),
    _middle("throat", "box", 88, 94, 24, 24, 4),
    *_pair("shoulder", "ellipse", 56, 128, 18, 12, mirror="right"),
    *_pair("chest", "box", 68, 118, 32, 44, 8, "right"),
    *_pair("abdomen", "box", 70, 163, 30, 46, 6, "right"),
    _middle("stomach", "ellipse", 100, 178, 12, 12),
    *_pair("groin", "box", 64, 210, 24, 26, 6, "right"),
    _middle("genitals", "box", 88, 210, 24, 26, 6),
    *_limbs("right"),
    *_pair("thigh", "box", 66, 237, 32, 70, 10, "right"),
    *_pair("knee", "ellipse", 82, 318, 14, 12, mirror="right"),
    *_pair("shin", "box", 70, 330, 24, 64, 9, "right"),
    *_pair("foot", "ellipse", 82, 406, 16, 12, mirror="right"),
    *_pair("toe", "ellipse", 82, 430, 14, 12, mirror="right"),
)

BACK = (
    _middle("head", "ellipse", 100, 48, 38, 46),
    *_pair("neck", "box", 76, 94, 24, 24, 4, "left"),
    *_pair("shoulder", "ellipse", 56, 128, 18, 12, mirror="left"),
    *_pair("upper_back", "box", 68, 118, 32, 50, 8, "left"),
    *_pair("lower_back", "box", 70, 169, 30, 42, 6, "left"),
    *_pair("buttock", "ellipse", 83, 226, 17, 16, mirror="left"),
    *_limbs("left"),
    *_pair("thigh", "box", 66, 243, 32, 64, 10, "left"),
    *_pair("calf", "box", 70, 308, 26, 86, 10, "left"),
    *_pair("foot", "ellipse", 83, 408, 15, 13, mirror="left"),
)

VIEWS = {"front": FRONT, "back": BACK}

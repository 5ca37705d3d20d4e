"""The body map's drawing, as data. Pure: no Django.

Two views of a simple figure, 200 x 400 units each, built from one shape per spot: an ellipse
or a rounded box. The same shapes draw the SVG and place the tap targets over it, so what a
person sees is exactly what they tap. The front view shows the person facing us, so their
right side is on our left; the back view shows them from behind, so their left is on our left.
"""

from dataclasses import dataclass

from twitchlog.diary.spots import Spot

WIDTH = 200  # the figure is drawn on this width, symmetric around x = 100
HEIGHT = 400
# The part of the width the figure uses; the drawing is cropped to it so it can be larger.
CROP_LEFT = 30
CROP_WIDTH = 140


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
        *_pair("upper_arm", "box", 44, 108, 18, 52, 9, ours),
        *_pair("forearm", "box", 40, 162, 18, 50, 9, ours),
        *_pair("hand", "ellipse", 49, 224, 12, 13, mirror=ours),
        *_pair("finger", "box", 40, 238, 18, 18, 8, ours),
    ]


# Drawn in order: later shapes sit on top of earlier ones (eyes on the head).
FRONT = (
    _middle("head", "ellipse", 100, 40, 31, 37),
    *_pair("eyelid", "ellipse", 87, 33, 10, 8, mirror="right"),
    *_pair("face", "ellipse", 80, 51, 8, 9, mirror="right"),
    _middle("mouth", "ellipse", 100, 57, 11, 6),
    *_pair("jaw", "ellipse", 87, 69, 10, 6, mirror="right"),
    *_pair("neck", "box", 82, 78, 12, 14, 3, "right"),
    _middle("throat", "box", 94, 78, 12, 14, 3),
    *_pair("shoulder", "ellipse", 60, 100, 17, 11, mirror="right"),
    *_pair("chest", "box", 72, 93, 28, 40, 8, "right"),
    *_pair("abdomen", "box", 74, 134, 26, 44, 6, "right"),
    _middle("stomach", "ellipse", 100, 146, 11, 10),
    *_pair("groin", "box", 74, 179, 20, 19, 6, "right"),
    _middle("genitals", "box", 94, 181, 12, 17, 5),
    *_limbs("right"),
    *_pair("thigh", "box", 74, 199, 25, 70, 10, "right"),
    *_pair("knee", "ellipse", 86, 278, 12, 9, mirror="right"),
    *_pair("shin", "box", 77, 288, 19, 68, 9, "right"),
    *_pair("foot", "ellipse", 85, 365, 14, 8, mirror="right"),
    *_pair("toe", "ellipse", 84, 382, 12, 6, mirror="right"),
)

BACK = (
    _middle("head", "ellipse", 100, 40, 31, 37),
    *_pair("neck", "box", 84, 78, 16, 14, 3, "left"),
    *_pair("shoulder", "ellipse", 60, 100, 17, 11, mirror="left"),
    *_pair("upper_back", "box", 72, 93, 28, 46, 8, "left"),
    *_pair("lower_back", "box", 74, 140, 26, 38, 6, "left"),
    *_pair("buttock", "ellipse", 87, 192, 14, 14, mirror="left"),
    *_limbs("left"),
    *_pair("thigh", "box", 74, 207, 25, 64, 10, "left"),
    *_pair("calf", "box", 76, 274, 21, 80, 10, "left"),
    *_pair("foot", "ellipse", 86, 366, 13, 9, mirror="left"),
)

VIEWS = {"front": FRONT, "back": BACK}

"""A spot on the body: a region from the vocabulary plus a side. Pure: no Django.

Spots have one text form used by the body map's buttons, the command line and the API:
``left-eyelid``, ``right-upper-back``, ``both-calf``, or just ``throat`` for a region in the
middle of the body. Region slugs are stored with underscores (``upper_back``); hyphens are
accepted as well, since that is what people type.
"""

from dataclasses import dataclass

from twitchlog.diary.columns import DiaryInputError
from twitchlog.knowledge.vocabulary import REGIONS, REGIONS_BY_SLUG, SIDES

SIDE_SLUGS = tuple(side.slug for side in SIDES)


class SpotError(DiaryInputError):
    """A spot that does not name a known region and a side that fits it."""


@dataclass(frozen=True)
class Spot:
    region: str
    side: str

    @property
    def slug(self) -> str:
        region = self.region.replace("_", "-")
        return region if self.side == "middle" else f"{self.side}-{region}"

    @property
    def label(self) -> str:
        return spot_label(self.region, self.side)


def spot_label(region_slug: str, side: str) -> str:
    region = REGIONS_BY_SLUG.get(region_slug)
    name = region.label if region else region_slug
    if side in ("left", "right"):
        return f"{side.capitalize()} {name[0].lower()}{name[1:]}"
    if side == "both":
        return f"{name}, both sides"
    return name


def resolve_spot(region_slug: str, side: str) -> Spot:
    """The one rule for a region and a side, whichever way they came in (form, API, command
    line): hyphens read as underscores; a region without sides is "middle" whatever side was
    given with it; a region with sides needs left, right or both. Raises SpotError."""
    slug = region_slug.strip().lower().replace("-", "_")
    region = REGIONS_BY_SLUG.get(slug)
    if region is None:
        raise SpotError(f"“{region_slug}” is not a body region we know, e.g. eyelid or throat.")
    side = (side or "").strip().lower()
    if side and side not in SIDE_SLUGS:
        raise SpotError(f"“{side}” is not a side: use left, right or both.")
    if not region.sided:
        return Spot(slug, "middle")
    if side in ("", "middle"):
        raise SpotError(f"Say which side for the {region.label.lower()}: left, right or both.")
    return Spot(slug, side)


def parse_spot(text: str) -> Spot:
    """``left-eyelid`` -> Spot("eyelid", "left"); ``throat`` -> Spot("throat", "middle")."""
    words = text.strip().lower().replace("_", "-").split("-")
    side = ""
    if words and words[0] in SIDE_SLUGS:
        side, words = words[0], words[1:]
    region_slug = "_".join(words)
    if region_slug not in REGIONS_BY_SLUG:
        raise SpotError(f"“{text}” is not a body region we know, e.g. left-eyelid or throat.")
    return resolve_spot(region_slug, side)


def spot_groups() -> list[tuple[str, list[Spot]]]:
    """Every left, right and middle spot, grouped as the vocabulary groups regions."""
    groups: dict[str, list[Spot]] = {}
    for region in REGIONS:
        sides = ("left", "right") if region.sided else ("middle",)
        groups.setdefault(region.group, []).extend(Spot(region.slug, side) for side in sides)
    return list(groups.items())

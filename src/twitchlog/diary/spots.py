"""A spot on the body: a region from the vocabulary plus a side. Pure: no Django.

Spots have one text form used by the body map's buttons, the command line and the API:
``left-eyelid``, ``right-upper-back``, ``both-calf``, or just ``throat`` for a region in the
middle of the body. Region slugs are stored with underscores (``upper_back``); hyphens are
accepted as well, since that is what people type.
"""

from dataclasses import dataclass

from twitchlog.knowledge.vocabulary import REGIONS, REGIONS_BY_SLUG, SIDES, Region

SIDE_SLUGS = tuple(side.slug for side in SIDES)


class SpotError(ValueError):
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


def check_side(region: Region, side: str) -> None:
    if side not in SIDE_SLUGS:
        raise SpotError(f"“{side}” is not a side: use left, right, both or middle.")
    if region.sided and side == "middle":
        raise SpotError(f"Say which side for the {region.label.lower()}: left, right or both.")
    if not region.sided and side != "middle":
        raise SpotError(f"The {region.label.lower()} has no sides; leave the side out.")


def parse_spot(text: str) -> Spot:
    """``left-eyelid`` -> Spot("eyelid", "left"); ``throat`` -> Spot("throat", "middle")."""
    words = text.strip().lower().replace("_", "-").split("-")
    side = "middle"
    if words and words[0] in SIDE_SLUGS:
        side, words = words[0], words[1:]
    region_slug = "_".join(words)
    region = REGIONS_BY_SLUG.get(region_slug)
    if region is None:
        raise SpotError(f"“{text}” is not a body region we know, e.g. left-eyelid or throat.")
    if side == "middle" and region.sided:
        raise SpotError(f"Say which side, e.g. left-{region_slug.replace('_', '-')}.")
    check_side(region, side)
    return Spot(region_slug, side)


def spot_groups() -> list[tuple[str, list[Spot]]]:
    """Every left, right and middle spot, grouped as the vocabulary groups regions."""
    groups: dict[str, list[Spot]] = {}
    for region in REGIONS:
        sides = ("left", "right") if region.sided else ("middle",)
        groups.setdefault(region.group, []).extend(Spot(region.slug, side) for side in sides)
    return list(groups.items())

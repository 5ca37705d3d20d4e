from typing import Any

from django import template

from twitchlog.diary.spots import Spot
from twitchlog.knowledge.vocabulary import REGIONS, SENSATIONS
from twitchlog.pwa.offline_pages import PAGES

register = template.Library()


@register.simple_tag
def offline_vocabulary(path: str) -> dict[str, Any] | None:
    """What pwa/offline.js needs to log a twitch offline: every spot's region, side and label
    (keyed by the body map's button values) and the sensations, in the form's order. Only on
    the pages kept for offline use."""
    if path not in PAGES:
        return None
    spots = {}
    for region in REGIONS:
        for side in ("left", "right", "both") if region.sided else ("middle",):
            spot = Spot(region.slug, side)
            spots[spot.slug] = {"region": spot.region, "side": spot.side, "label": spot.label}
    return {"spots": spots, "sensations": [[term.slug, term.label] for term in SENSATIONS]}

from functools import cache

from django import template
from django.utils.html import json_script
from django.utils.safestring import SafeString

from twitchlog.diary.spots import Spot
from twitchlog.knowledge.vocabulary import REGIONS, SENSATIONS
from twitchlog.pwa.offline_pages import LOGGING_PAGES

register = template.Library()


@register.simple_tag
def offline_vocabulary(path: str) -> SafeString:
    """What pwa/offline.js needs to log a twitch offline, as a ``json_script``: every spot's
    region, side and label (keyed by the body map's button values) and the sensations, in the
    form's order. Only on the pages kept to log on offline; the same for everyone, so made once
    per process."""
    return _vocabulary_script() if path in LOGGING_PAGES else SafeString("")


@cache
def _vocabulary_script() -> SafeString:
    spots = {}
    for region in REGIONS:
        for side in ("left", "right", "both") if region.sided else ("middle",):
            spot = Spot(region.slug, side)
            spots[spot.slug] = {"region": spot.region, "side": spot.side, "label": spot.label}
    vocabulary = {"spots": spots, "sensations": [[term.slug, term.label] for term in SENSATIONS]}
    return json_script(vocabulary, "offline-vocabulary")

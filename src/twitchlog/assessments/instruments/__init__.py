"""Every questionnaire Twitchlog offers, keyed by the short name used in URLs and commands."""

from twitchlog.assessments.instruments import gad2, gad7, hyperstim, phq4, phq9, phq15, pss10
from twitchlog.assessments.instruments.base import Instrument

INSTRUMENTS: dict[str, Instrument] = {
    module.INSTRUMENT.slug: module.INSTRUMENT
    for module in (gad7, gad2, phq4, phq9, phq15, pss10, hyperstim)
}


def get(slug: str) -> Instrument | None:
    return INSTRUMENTS.get(slug)

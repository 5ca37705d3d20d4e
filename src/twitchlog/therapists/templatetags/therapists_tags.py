import datetime as dt
from decimal import Decimal
from typing import Any

from django import template

from twitchlog.assessments.services import crisis_lines
from twitchlog.therapists import display
from twitchlog.therapists.choices import APPROACHES, LANGUAGES, SessionFormat, labels

register = template.Library()


@register.filter
def slot_key(instant: dt.datetime) -> str:
    """A slot's start as it travels in links and forms: '2026-03-02T14:00Z' (UTC)."""
    return instant.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%MZ")


@register.filter
def money(amount: Decimal, currency: str) -> str:
    return display.money(amount, currency)


@register.filter
def approach_names(codes: list[str]) -> list[str]:
    return labels(codes, APPROACHES)


@register.filter
def language_names(codes: list[str]) -> list[str]:
    return labels(codes, LANGUAGES)


@register.filter
def format_names(codes: list[str]) -> list[str]:
    return labels(codes, dict(SessionFormat.choices))


@register.filter
def zone_place(zone_name: str) -> str:
    return display.place_name(zone_name)


_TITLES = {"dr", "dr.", "prof", "prof.", "mr", "mrs", "ms", "mx"}


@register.filter
def initial(name: str) -> str:
    """The first letter of a name, skipping a title: 'Dr Maya Okafor' -> 'M'."""
    words = [w for w in name.split() if w.lower() not in _TITLES] or name.split() or ["?"]
    return words[0][:1].upper()


@register.simple_tag
def crisis_lines_for(user: Any) -> list[dict[str, str]]:
    """Crisis lines for the viewer's country (the default list for visitors)."""
    return crisis_lines(getattr(user, "country", "") or "")

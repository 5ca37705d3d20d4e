"""Time zones: validating IANA names and turning instants into a person's local day.

A diary day is the person's own calendar date in the zone they had when they logged it, so
moving to another zone never moves days already logged.
"""

import datetime as dt
import importlib.resources
import zoneinfo
from functools import cache


@cache
def _known_zones() -> frozenset[str]:
    # available_timezones() walks the zone folders on every call (milliseconds); once is enough.
    return frozenset(zoneinfo.available_timezones())


@cache
def all_zones() -> list[str]:
    return sorted(z for z in _known_zones() if "/" in z or z == "UTC")


def is_valid_zone(name: str) -> bool:
    return bool(name) and name in _known_zones()


def zone(name: str) -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(name if is_valid_zone(name) else "UTC")


def local_date(instant: dt.datetime, zone_name: str) -> dt.date:
    """The calendar date of an aware ``instant`` in the zone ``zone_name``."""
    return instant.astimezone(zone(zone_name)).date()


def local_now(zone_name: str) -> dt.datetime:
    return dt.datetime.now(dt.UTC).astimezone(zone(zone_name))


@cache
def _zone_countries() -> dict[str, str]:
    # tzdata's zone.tab: "CC<TAB>coordinates<TAB>Zone/Name[<TAB>comment]" per line.
    text = (importlib.resources.files("tzdata.zoneinfo") / "zone.tab").read_text()
    rows = (line.split("\t") for line in text.splitlines() if line and not line.startswith("#"))
    return {row[2]: row[0] for row in rows if len(row) >= 3}


def country_for_zone(name: str) -> str:
    """The two-letter country a zone belongs to ("Europe/Berlin" -> "DE"), or "" for zones
    such as UTC that belong to none. A guess a person can correct on their profile."""
    return _zone_countries().get(name, "")

"""Appointment times in words, in the zone of whoever reads them."""

import datetime as dt
from decimal import Decimal

from twitchlog.core.timezones import zone
from twitchlog.therapists.choices import CURRENCIES


def place_name(zone_name: str) -> str:
    """'Europe/London' -> 'London', 'America/Argentina/Buenos_Aires' -> 'Buenos Aires'."""
    return zone_name.rsplit("/", 1)[-1].replace("_", " ")


def when(instant: dt.datetime, zone_name: str) -> str:
    """'Tuesday 3 March 2026 at 14:00 London time (GMT)'.

    The abbreviation tells summer from winter time, which matters on the two change days.
    """
    local = instant.astimezone(zone(zone_name))
    day = f"{local:%A} {local.day} {local:%B %Y}"
    if zone_name == "UTC":
        return f"{day} at {local:%H:%M} UTC"
    return f"{day} at {local:%H:%M} {place_name(zone_name)} time ({local:%Z})"


def short_when(instant: dt.datetime, zone_name: str) -> str:
    """'Tue 3 Mar, 14:00 GMT', for subject lines and lists."""
    local = instant.astimezone(zone(zone_name))
    return f"{local:%a} {local.day} {local:%b}, {local:%H:%M} {local:%Z}"


def money(amount: Decimal, currency: str) -> str:
    """'£90', '€87.50', 'SEK 900'."""
    symbol = CURRENCIES.get(currency, f"{currency} ")
    whole = amount == amount.to_integral_value()
    return f"{symbol}{amount:.0f}" if whole else f"{symbol}{amount:.2f}"

"""Alcohol in the measure people count in, stored in one unit. Pure: no Django.

The diary stores alcohol in the column ``alcohol_units`` as **UK units: 8 g of pure alcohol
each**, whatever the person's country, so the analysis, the CSV and the API never mix
measures. The check-in asks in the person's own measure (a standard drink is 14 g in the US,
13.45 g in Canada and 10 g in Australia) and converts on the way in and out.
"""

from dataclasses import dataclass

from twitchlog.knowledge.care import normalise_country

GRAMS_PER_STORED_UNIT = 8.0  # one UK unit


@dataclass(frozen=True)
class Measure:
    key: str
    name: str  # how the check-in names it, plural
    grams: float  # grams of pure alcohol in one


UK_UNITS = Measure("uk_unit", "UK units", 8.0)
MEASURES = (
    UK_UNITS,
    Measure("us_drink", "US standard drinks", 14.0),
    Measure("ca_drink", "Canadian standard drinks", 13.45),
    Measure("au_drink", "Australian standard drinks", 10.0),
)
_BY_COUNTRY = {"US": MEASURES[1], "CA": MEASURES[2], "AU": MEASURES[3]}


def measure_for(country: str) -> Measure:
    """The measure a person in this country counts in; UK units elsewhere."""
    return _BY_COUNTRY.get(normalise_country(country), UK_UNITS)


def to_stored_units(amount: float, measure: Measure) -> float:
    """``amount`` of ``measure`` as the stored UK units: 2 US drinks -> 3.5."""
    return amount * measure.grams / GRAMS_PER_STORED_UNIT


def from_stored_units(units: float, measure: Measure) -> float:
    """Stored UK units in ``measure``: 3.5 units -> 2 US drinks."""
    return units * GRAMS_PER_STORED_UNIT / measure.grams

"""Countries by name, for a list to choose from. Pure: no Django.

Read from the ISO 3166 table that ships with ``tzdata`` (already a dependency for time zones),
so the project keeps no list of its own. The table shortens a few names for its own columns
("Britain (UK)", "Korea (South)"); a person from the UK looks under U, so those few are given
the names people look for (the country sets the emergency number and the crisis lines).
"""

from functools import cache
from importlib import resources

_NAMES = {
    "GB": "United Kingdom",
    "US": "United States",
    "KR": "South Korea",
    "KP": "North Korea",
    "BQ": "Caribbean Netherlands",
    "CF": "Central African Republic",
    "CD": "Congo (Democratic Republic)",
    "CG": "Congo (Republic)",
    "TF": "French Southern Territories",
    "TC": "Turks and Caicos Islands",
    "WS": "Samoa",
    "AS": "American Samoa",
    "VC": "St Vincent and the Grenadines",
}


@cache
def countries() -> list[tuple[str, str]]:
    """``(code, name)`` for every country, sorted by name."""
    text = resources.files("tzdata.zoneinfo").joinpath("iso3166.tab").read_text("utf-8")
    rows = []
    for line in text.splitlines():
        if line and not line.startswith("#"):
            code, name = line.split("\t", 1)
            rows.append((code, _NAMES.get(code, name.strip())))
    return sorted(rows, key=lambda row: row[1])

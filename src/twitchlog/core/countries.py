"""Countries by name, for a list to choose from. Pure: no Django.

Read from the ISO 3166 table that ships with ``tzdata`` (already a dependency for time zones),
so the project keeps no list of its own. The table names a few places informally
("Britain (UK)"); that is how people look for them.
"""

from functools import cache
from importlib import resources


@cache
def countries() -> list[tuple[str, str]]:
    """``(code, name)`` for every country, sorted by name."""
    text = resources.files("tzdata.zoneinfo").joinpath("iso3166.tab").read_text("utf-8")
    rows = []
    for line in text.splitlines():
        if line and not line.startswith("#"):
            code, name = line.split("\t", 1)
            rows.append((code, name.strip()))
    return sorted(rows, key=lambda row: row[1])

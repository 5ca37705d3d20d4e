"""Cells for the CSV files people open in a spreadsheet. Pure: no Django.

A spreadsheet runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` (and, in some, a tab or
a carriage return) as a formula, so a note such as ``=HYPERLINK("http://…")`` could act when
its owner, or their doctor, opens the export. Every CSV the project writes passes its cells
through ``safe_cell``: such text gets a leading apostrophe, which spreadsheets show as text
and do not run. Numbers are written as they are.
"""

from collections.abc import Iterable
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(values: Iterable[Any]) -> list[Any]:
    return [safe_cell(value) for value in values]

"""A paragraph of the guides with the sources behind it (keys in references.py). Pure data."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Para:
    text: str
    refs: tuple[str, ...] = ()

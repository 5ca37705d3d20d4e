"""Small fixed lists the diary's forms offer: drinks with caffeine, medication events, stress
event kinds. Pure data: no Django.

The caffeine figures are rounded typical amounts (a person picks "a mug of coffee", not a
milligram count); they are a starting point the person can correct in the "other" box.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from twitchlog.knowledge.vocabulary import Term


@dataclass(frozen=True)
class Drink:
    slug: str
    label: str
    caffeine_mg: int


DRINKS = (
    Drink("espresso", "Espresso (single shot)", 65),
    Drink("coffee_mug", "Mug of coffee", 120),
    Drink("tea", "Cup of tea", 45),
    Drink("cola", "Can of cola", 35),
    Drink("energy_drink", "Can of energy drink", 80),
)

DRINKS_BY_SLUG = {drink.slug: drink for drink in DRINKS}

MEDICATION_EVENTS = (
    Term("started", "Started a medicine"),
    Term("stopped", "Stopped a medicine"),
    Term("changed_dose", "Changed a dose"),
    Term("missed_dose", "Missed a dose"),
)

STRESS_KINDS = (
    Term("panic_attack", "Panic attack"),
    Term("anxiety_spike", "Sudden rise in anxiety"),
    Term("fright", "Fright or shock"),
    Term("conflict", "Conflict or argument"),
    Term("bad_news", "Bad news"),
    Term("pressure", "Pressure or deadline"),
    Term("health_worry", "Worry about health"),
    Term("other", "Something else"),
)


def caffeine_total(
    drinks: dict[str, int | None] | dict[str, int], other_mg: float | None
) -> float | None:
    """Milligrams of caffeine from counted drinks plus any other amount.

    None when nothing at all was filled in (not logged); a typed 0 anywhere means "none today".
    """
    counted = {slug: n for slug, n in drinks.items() if n is not None}
    if not counted and other_mg is None:
        return None
    return float(drinks_total(counted)) + (other_mg or 0.0)


def drinks_total(drinks: dict[str, int]) -> int:
    return sum(DRINKS_BY_SLUG[slug].caffeine_mg * n for slug, n in drinks.items())


def split_caffeine(
    total: float | None, drinks: dict[str, int]
) -> tuple[dict[str, int], float | None]:
    """A stored total as (drinks, other mg) for the form. Drinks that no longer fit inside the
    total (it was changed elsewhere) are dropped, so "other" is never negative."""
    if total is None:
        return {}, None
    if not drinks or drinks_total(drinks) > total:
        return {}, total
    return drinks, total - drinks_total(drinks)


def settle_caffeine(
    old_total: float | None, old_drinks: dict[str, int], changes: Mapping[str, Any]
) -> tuple[float | None, dict[str, int]]:
    """The caffeine total and its drink breakdown after ``changes`` (which may hold
    ``caffeine_mg``, ``caffeine_drinks`` or both), kept consistent whichever one changed.

    - a new total keeps the drinks while they still fit inside it and drops them otherwise
      (what the drinks do not explain is "other caffeine");
    - new drinks alone keep the old "other" amount and give a new total;
    - both together: the total wins, and the drinks stay only if they fit inside it.
    """
    drinks: dict[str, int] = dict(changes.get("caffeine_drinks", old_drinks) or {})
    total: float | None
    if "caffeine_mg" in changes:
        total = changes["caffeine_mg"]
    elif "caffeine_drinks" in changes:
        _, other = split_caffeine(old_total, old_drinks)
        total = caffeine_total(drinks, other)
    else:
        total = old_total
    kept, _ = split_caffeine(total, drinks)
    return (None if total is None else float(total)), kept

"""Small fixed lists the diary's forms offer: drinks with caffeine, medication events, stress
event kinds. Pure data: no Django.

The caffeine figures are rounded typical amounts (a person picks "a mug of coffee", not a
milligram count); they are a starting point the person can correct in the "other" box.
"""

from dataclasses import dataclass

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


def caffeine_total(drinks: dict[str, int | None], other_mg: float | None) -> float | None:
    """Milligrams of caffeine from counted drinks plus any other amount.

    None when nothing at all was filled in (not logged); a typed 0 anywhere means "none today".
    """
    counted = {slug: n for slug, n in drinks.items() if n is not None}
    if not counted and other_mg is None:
        return None
    from_drinks = sum(DRINKS_BY_SLUG[slug].caffeine_mg * n for slug, n in counted.items())
    return float(from_drinks) + (other_mg or 0.0)

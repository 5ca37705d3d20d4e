import pytest

from twitchlog.knowledge.alcohol import (
    UK_UNITS,
    from_stored_units,
    measure_for,
    to_stored_units,
)


@pytest.mark.parametrize(
    ("country", "grams"),
    [("GB", 8.0), ("UK", 8.0), ("US", 14.0), ("CA", 13.45), ("AU", 10.0), ("DE", 8.0), ("", 8.0)],
)
def test_each_country_counts_in_its_own_standard_drink(country: str, grams: float) -> None:
    assert measure_for(country).grams == grams


@pytest.mark.parametrize(
    ("country", "amount", "units"),
    [("GB", 3, 3.0), ("US", 2, 3.5), ("CA", 1, 1.68125), ("AU", 4, 5.0), ("US", 0, 0.0)],
)
def test_the_stored_unit_is_the_uk_unit_of_8_g(country: str, amount: float, units: float) -> None:
    measure = measure_for(country)
    assert to_stored_units(amount, measure) == pytest.approx(units)
    assert from_stored_units(units, measure) == pytest.approx(amount)


def test_uk_units_pass_through_unchanged() -> None:
    assert to_stored_units(2.5, UK_UNITS) == 2.5 == from_stored_units(2.5, UK_UNITS)

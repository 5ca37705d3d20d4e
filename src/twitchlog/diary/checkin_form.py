"""The evening check-in form: its fields come from knowledge/factors.py (caffeine asked as
drinks plus any other amount), laid out in sections, and filled from a stored check-in."""

import math
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from django import forms

from twitchlog.diary.columns import (
    STANDARD_BY_NAME,
    Column,
    allowed_range,
    check_value,
    number_words,
    own_column,
)
from twitchlog.diary.forms import (
    also_noticed_field,
    notes_field,
    number_field,
    scale_field,
    yes_no_field,
)
from twitchlog.diary.models import CheckIn, CustomFactor
from twitchlog.diary.presets import (
    DRINKS,
    MEDICATION_EVENTS,
    caffeine_total,
    split_caffeine,
)
from twitchlog.knowledge.alcohol import UK_UNITS, Measure, from_stored_units, to_stored_units
from twitchlog.knowledge.factors import FACTORS, FACTORS_BY_NAME
from twitchlog.knowledge.vocabulary import (
    choices,
)

# More cups of one drink than this in a day is a typing slip; the drinks' total is checked
# against caffeine's own ceiling (knowledge/factors.py).
MAX_DRINKS = 30
CAFFEINE = STANDARD_BY_NAME["caffeine_mg"]

# The check-in, section by section: (heading, field names). Custom factors come last.
CHECKIN_SECTIONS = (
    ("Sleep", ("sleep_hours", "sleep_quality")),
    (
        "Caffeine",
        (*(f"drink_{d.slug}" for d in DRINKS), "caffeine_other_mg"),
    ),
    (
        "Other substances",
        ("alcohol_units", "nicotine", "recreational_drugs"),
    ),
    ("Food and drink", ("water_l", "missed_meals")),
    ("Supplements", ("magnesium_mg", "calcium_mg", "vitamin_d_iu")),
    ("Medication", ("medication_change", "medication_events")),
    ("Body", ("exercise_min", "overbreathing", "menstruating", "resting_hr")),
    ("Stress", ("stress_level", "anxiety_episodes")),
    ("Twitching today", ("twitch_rating",)),
)
ALWAYS_OPEN = frozenset({"Sleep", "Caffeine", "Stress", "Twitching today"})


def _answered(field: forms.BoundField) -> bool:
    return bool(field.errors) or field.value() not in (None, "", [])


# Values offered from yesterday's check-in: everything but what only that day could know.
NOT_COPIED = frozenset({"twitch_rating", "medication_events", "medication_change", "notes"})


def _factor_field(name: str) -> forms.Field:
    factor = FACTORS_BY_NAME[name]
    column = STANDARD_BY_NAME[name]
    if factor.kind == "binary":
        return yes_no_field(factor.question)
    if column.integer and column.high == 10:
        return scale_field(factor.question)
    return number_field(factor.question, column, factor.unit)


def _alcohol_column(measure: Measure) -> Column:
    """Alcohol's ceiling in the person's own measure, rounded down so that it stays within
    the stored ceiling (50 UK units are 28.5 US standard drinks)."""
    column = STANDARD_BY_NAME["alcohol_units"]
    assert column.high is not None
    high = math.floor(from_stored_units(column.high, measure) * 10) / 10
    return replace(column, high=high)


def _caffeine_fields() -> dict[str, forms.Field]:
    """Caffeine is asked as drinks counted plus any other amount; they add up to caffeine_mg."""
    fields: dict[str, forms.Field] = {}
    for drink in DRINKS:
        name = f"drink_{drink.slug}"
        count = number_field(
            f"{drink.label} (about {drink.caffeine_mg} mg each)",
            Column(name, name, "numeric", integer=True, high=MAX_DRINKS),
        )
        count.widget.attrs["data-caffeine-mg"] = str(drink.caffeine_mg)
        fields[name] = count
    other = number_field("Other caffeine", replace(CAFFEINE, name="caffeine_other_mg"))
    other.widget.attrs["data-caffeine-mg"] = "1"
    other.help_text = "In mg, e.g. from tablets or chocolate. We add up the drinks and this."
    fields["caffeine_other_mg"] = other
    return fields


class CheckInForm(forms.Form):
    def __init__(
        self,
        *args: Any,
        factors: list[CustomFactor] | None = None,
        show_menstruation: bool = True,
        alcohol: Measure = UK_UNITS,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.factors = factors or []
        self.alcohol = alcohol
        fields = self.fields
        for standard in FACTORS:
            if standard.name == "menstruating" and not show_menstruation:
                continue
            if standard.name == "caffeine_mg":
                fields.update(_caffeine_fields())
            else:
                fields[standard.name] = _factor_field(standard.name)
        fields["medication_events"] = forms.MultipleChoiceField(
            label="What happened (optional)",
            required=False,
            choices=choices(MEDICATION_EVENTS),
            widget=forms.CheckboxSelectMultiple,
            help_text="Any of these counts as a medication change for today.",
        )
        fields["sleep_hours"].help_text = "The sleep that ended this morning, in hours."
        # Asked in the person's own measure; stored as UK units (knowledge/alcohol.py).
        fields["alcohol_units"] = number_field(
            f"How many {alcohol.name} of alcohol did you drink?", _alcohol_column(alcohol)
        )
        fields["alcohol_units"].help_text = f"One is {alcohol.grams:g} g of pure alcohol."
        stored = self.initial.get("alcohol_units")
        if stored is not None and alcohol is not UK_UNITS:
            self.initial["alcohol_units"] = round(from_stored_units(stored, alcohol), 2)
        fields[
            "anxiety_episodes"
        ].help_text = (
            "Stress moments you log with their time count too; the diary uses the larger number."
        )
        fields["twitch_rating"] = scale_field(
            "Overall, how much did you twitch today? (0 = not at all, 10 = constantly)"
        )
        for factor in self.factors:
            if factor.kind == CustomFactor.BINARY:
                fields[f"custom_{factor.pk}"] = yes_no_field(factor.name)
            else:
                fields[f"custom_{factor.pk}"] = number_field(
                    factor.name, own_column(factor.column, factor.kind), factor.unit
                )
        fields["notes"] = notes_field()
        fields["also_noticed"] = also_noticed_field()

    def sections(self) -> Iterator[tuple[str, list[forms.BoundField], bool]]:
        """(heading, fields, open): the less common sections start folded unless they
        already hold an answer or an error."""
        for heading, names in CHECKIN_SECTIONS:
            fields = [self[name] for name in names if name in self.fields]
            yield heading, fields, heading in ALWAYS_OPEN or any(map(_answered, fields))
        if self.factors:
            yield "Your own factors", [self[f"custom_{f.pk}"] for f in self.factors], True
        yield "Anything else", [self["notes"], self["also_noticed"]], True

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        drinks = {d.slug: cleaned.get(f"drink_{d.slug}") for d in DRINKS}
        total = caffeine_total(drinks, cleaned.get("caffeine_other_mg"))
        if total is not None and check_value(CAFFEINE, total):
            self.add_error(
                "caffeine_other_mg",
                f"Together this comes to about {number_words(total)} mg of caffeine, and the "
                f"diary takes {allowed_range(CAFFEINE)} mg a day. Check the numbers above.",
            )
        return cleaned

    def checkin_values(self) -> dict[str, Any]:
        data = self.cleaned_data
        values: dict[str, Any] = {
            name: data[name]
            for name in (*(c.name for c in STANDARD_BY_NAME.values()), "notes", "twitch_rating")
            if name in data
        }
        drinks = {d.slug: data[f"drink_{d.slug}"] for d in DRINKS}
        values["caffeine_mg"] = caffeine_total(drinks, data["caffeine_other_mg"])
        values["caffeine_drinks"] = {slug: n for slug, n in drinks.items() if n is not None}
        values["medication_events"] = data["medication_events"]
        if values.get("alcohol_units") is not None:
            values["alcohol_units"] = to_stored_units(values["alcohol_units"], self.alcohol)
        return values

    def custom_values(self) -> dict[CustomFactor, float | None]:
        values: dict[CustomFactor, float | None] = {}
        for factor in self.factors:
            value = self.cleaned_data[f"custom_{factor.pk}"]
            values[factor] = None if value is None else float(value)
        return values


def checkin_initial(checkin: CheckIn, copying: bool = False) -> dict[str, Any]:
    """Form values from a stored check-in (``copying``: as a start for another day)."""
    initial: dict[str, Any] = {}
    for column in STANDARD_BY_NAME.values():
        value = getattr(checkin, column.field)
        if column.name != "twitch_count" and value is not None:
            initial[column.field] = ("1" if value else "0") if column.kind == "binary" else value
    drinks, other = split_caffeine(checkin.caffeine_mg, checkin.caffeine_drinks or {})
    for slug, count in drinks.items():
        initial[f"drink_{slug}"] = count
    if other is not None and (other or not drinks):
        initial["caffeine_other_mg"] = other
    initial.pop("caffeine_mg", None)
    initial["medication_events"] = checkin.medication_events
    initial["notes"] = checkin.notes
    for value in checkin.custom_values.all():
        initial[f"custom_{value.factor_id}"] = (
            ("1" if value.value else "0")
            if value.factor.kind == CustomFactor.BINARY
            else value.value
        )
    if copying:
        initial = {k: v for k, v in initial.items() if k not in NOT_COPIED}
    return initial

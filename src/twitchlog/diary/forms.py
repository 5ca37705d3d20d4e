"""Diary forms. An empty box stays empty ("not logged"); nothing here turns it into 0."""

import uuid
from collections.abc import Iterator
from typing import Any

from django import forms

from twitchlog.diary import csvfile
from twitchlog.diary.columns import (
    NOTES_MAX_LENGTH,
    STANDARD_BY_NAME,
    DiaryInputError,
    check_notes,
)
from twitchlog.diary.models import CheckIn, CustomFactor, Episode, StressEvent
from twitchlog.diary.presets import (
    DRINKS,
    MEDICATION_EVENTS,
    STRESS_KINDS,
    caffeine_total,
    split_caffeine,
)
from twitchlog.diary.spots import SpotError, parse_spot, resolve_spot
from twitchlog.knowledge.alcohol import UK_UNITS, Measure, from_stored_units, to_stored_units
from twitchlog.knowledge.factors import FACTORS, FACTORS_BY_NAME
from twitchlog.knowledge.red_flags import RED_FLAGS
from twitchlog.knowledge.vocabulary import (
    CONTEXTS,
    DURATIONS,
    REGIONS,
    RHYTHMS,
    SENSATIONS,
    SIDES,
    TIMINGS,
    choices,
)

NOT_SAID = ("", "Not said")
NOT_LOGGED = ("", "Not logged")
DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
# More cups of one drink than this in a day is a typing slip.
MAX_DRINKS = 50


def _notes_fit(text: str) -> None:
    try:
        check_notes(text)
    except DiaryInputError as error:
        raise forms.ValidationError(str(error)) from error


def _notes() -> forms.CharField:
    # No maxlength attribute: a browser would cut a longer paste without a word. The page
    # counts the characters instead (diary.js), and a longer note is refused, never cut.
    return forms.CharField(
        label="Notes",
        required=False,
        validators=[_notes_fit],
        help_text=f"Up to {NOTES_MAX_LENGTH:,} characters.",
        widget=forms.Textarea(attrs={"rows": 3, "data-max-length": str(NOTES_MAX_LENGTH)}),
    )


def show_refusal(form: forms.BaseForm, error: DiaryInputError) -> None:
    """Show a rule the services refused with on its field (or on the whole form)."""
    form.add_error(error.field if error.field in form.fields else None, str(error))


def _chips(options: list[tuple[str, str]], blank: tuple[str, str] = NOT_SAID) -> dict[str, Any]:
    return {"choices": [blank, *options], "widget": forms.RadioSelect, "required": False}


def _scale(label: str, help_text: str = "") -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        help_text=help_text,
        coerce=int,
        empty_value=None,
        **_chips([(str(n), str(n)) for n in range(11)], NOT_LOGGED),
    )


def _yes_no(label: str) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        coerce=lambda value: value == "1",
        empty_value=None,
        **_chips([("1", "Yes"), ("0", "No")], NOT_LOGGED),
    )


def _range_errors(high: float | None, integer: bool) -> dict[str, str]:
    """Plain words for a number out of range, or for something that is not a number."""
    kind = "a whole number" if integer else "a number"
    allowed = f"Use {kind} from 0 to {high:g}." if high is not None else "Use 0 or more."
    example = "2" if integer else "6.5"
    return {
        "invalid": f"Type {kind}, such as {example}.",
        "min_value": allowed,
        "max_value": allowed,
    }


def _number(label: str, unit: str = "", integer: bool = False, high: float | None = None) -> Any:
    attrs = {"inputmode": "numeric" if integer else "decimal", "min": "0"}
    if high is not None:
        attrs["max"] = f"{high:g}"
    help_text = f"In {unit}." if unit and not unit[0].isdigit() else ""
    if integer:
        return forms.IntegerField(
            label=label,
            required=False,
            min_value=0,
            max_value=None if high is None else int(high),
            help_text=help_text,
            error_messages=_range_errors(high, integer=True),
            widget=forms.NumberInput(attrs=attrs),
        )
    attrs["step"] = "any"
    return forms.FloatField(
        label=label,
        required=False,
        min_value=0,
        max_value=high,
        help_text=help_text,
        error_messages=_range_errors(high, integer=False),
        widget=forms.NumberInput(attrs=attrs),
    )


def _also_noticed() -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label="Also noticed (optional)",
        required=False,
        choices=[(flag.key, flag.label) for flag in RED_FLAGS],
        widget=forms.CheckboxSelectMultiple,
        help_text="Tick any of these and we will show you when to see a doctor.",
    )


def _client_id() -> forms.UUIDField:
    # A fresh id per form shown: a double tap on Save stores one entry, not two.
    return forms.UUIDField(required=False, widget=forms.HiddenInput, initial=uuid.uuid4)


class TimedEntryForm(forms.ModelForm):
    """What the episode and stress-event forms share: the time (empty for now) and, for a
    new entry, a client id against double taps."""

    occurred_at = forms.DateTimeField(
        label="When",
        required=False,
        widget=DATETIME_WIDGET,
        help_text="Leave empty to use the time now.",
        error_messages={
            "required": "Give the date and time it happened.",
            "invalid": "Give a date and a time, such as 2026-11-20 22:30.",
        },
    )
    client_id = _client_id()
    notes = _notes()

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if editing:
            self.fields["occurred_at"].required = True
            self.fields["occurred_at"].help_text = ""
            for name in ("client_id", "also_noticed"):
                self.fields.pop(name, None)


class EpisodeForm(TimedEntryForm):
    region = forms.ChoiceField(
        label="Where",
        choices=[
            (group, [(r.slug, r.label) for r in REGIONS if r.group == group])
            for group in dict.fromkeys(r.group for r in REGIONS)
        ],
    )
    side = forms.ChoiceField(
        label="Which side",
        choices=choices(SIDES),
        widget=forms.RadioSelect,
        initial="left",
        required=False,  # resolve_spot says when a side is needed
    )
    sensation = forms.ChoiceField(
        label="What did it feel like?",
        choices=choices(SENSATIONS),
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what it felt like; “Twitch” if unsure."},
    )
    strength = forms.TypedChoiceField(
        label="How strong (0 = barely, 10 = very strong)",
        coerce=int,
        empty_value=None,
        **_chips([(str(n), str(n)) for n in range(11)]),
    )
    duration = forms.ChoiceField(
        label="How long", **_chips([(term.slug, term.label) for term, _ in DURATIONS])
    )
    rhythm = forms.ChoiceField(label="Rhythm", **_chips(choices(RHYTHMS)))
    context = forms.ChoiceField(label="What were you doing?", **_chips(choices(CONTEXTS)))
    timing = forms.ChoiceField(label="Anxiety around it", **_chips(choices(TIMINGS)))
    also_noticed = _also_noticed()

    class Meta:
        model = Episode
        fields = [
            "region",
            "side",
            "sensation",
            "occurred_at",
            "strength",
            "duration",
            "rhythm",
            "context",
            "timing",
            "notes",
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        region, side = cleaned.get("region"), cleaned.get("side")
        if region and "side" not in self.errors:
            try:
                cleaned["side"] = resolve_spot(region, side or "").side
            except SpotError as error:
                self.add_error("side", str(error))
        return cleaned

    def details(self) -> dict[str, Any]:
        """The episode's fields as the service takes them (blank time: not given)."""
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        for name in ("duration", "rhythm", "context", "timing"):
            data[name] = data[name] or ""
        return data


def spot_initial(text: str) -> dict[str, str] | None:
    """Form defaults for a tapped spot (``left-eyelid``), or None if it is not one."""
    try:
        spot = parse_spot(text)
    except SpotError:
        return None
    # A twitch is by far the commonest feeling, so a first log is tap, Save.
    return {"region": spot.region, "side": spot.side, "sensation": "twitch"}


class StressEventForm(TimedEntryForm):
    kind = forms.ChoiceField(
        label="What happened", choices=choices(STRESS_KINDS), widget=forms.RadioSelect
    )
    strength = forms.TypedChoiceField(
        label="How strong (0 = mild, 10 = overwhelming)",
        coerce=int,
        choices=[(str(n), str(n)) for n in range(11)],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how strong it was, from 0 to 10."},
    )

    class Meta:
        model = StressEvent
        fields = ["kind", "strength", "occurred_at", "notes"]


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
        return _yes_no(factor.question)
    if column.integer and column.high == 10:
        return _scale(factor.question)
    return _number(factor.question, factor.unit, column.integer, column.high)


def _caffeine_fields() -> dict[str, forms.Field]:
    """Caffeine is asked as drinks counted plus any other amount; they add up to caffeine_mg."""
    fields: dict[str, forms.Field] = {}
    for drink in DRINKS:
        fields[f"drink_{drink.slug}"] = forms.IntegerField(
            label=f"{drink.label} (about {drink.caffeine_mg} mg each)",
            required=False,
            min_value=0,
            max_value=MAX_DRINKS,
            error_messages=_range_errors(MAX_DRINKS, integer=True),
            widget=forms.NumberInput(
                attrs={
                    "inputmode": "numeric",
                    "min": "0",
                    "max": str(MAX_DRINKS),
                    "data-caffeine-mg": str(drink.caffeine_mg),
                }
            ),
        )
    other = _number("Other caffeine", "mg")
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
        fields["alcohol_units"].label = f"How many {alcohol.name} of alcohol did you drink?"
        fields["alcohol_units"].help_text = f"One is {alcohol.grams:g} g of pure alcohol."
        stored = self.initial.get("alcohol_units")
        if stored is not None and alcohol is not UK_UNITS:
            self.initial["alcohol_units"] = round(from_stored_units(stored, alcohol), 2)
        fields[
            "anxiety_episodes"
        ].help_text = (
            "Stress moments you log with their time count too; the diary uses the larger number."
        )
        fields["twitch_rating"] = _scale(
            "Overall, how much did you twitch today? (0 = not at all, 10 = constantly)"
        )
        for factor in self.factors:
            if factor.kind == CustomFactor.BINARY:
                fields[f"custom_{factor.pk}"] = _yes_no(factor.name)
            else:
                fields[f"custom_{factor.pk}"] = _number(factor.name, factor.unit)
        fields["notes"] = _notes()
        fields["also_noticed"] = _also_noticed()

    def sections(self) -> Iterator[tuple[str, list[forms.BoundField], bool]]:
        """(heading, fields, open): the less common sections start folded unless they
        already hold an answer or an error."""
        for heading, names in CHECKIN_SECTIONS:
            fields = [self[name] for name in names if name in self.fields]
            yield heading, fields, heading in ALWAYS_OPEN or any(map(_answered, fields))
        if self.factors:
            yield "Your own factors", [self[f"custom_{f.pk}"] for f in self.factors], True
        yield "Anything else", [self["notes"], self["also_noticed"]], True

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


class CustomFactorForm(forms.ModelForm):
    kind = forms.ChoiceField(
        label="Kind of answer", choices=CustomFactor.KINDS, widget=forms.RadioSelect
    )

    class Meta:
        model = CustomFactor
        fields = ["name", "kind", "unit"]
        labels = {"name": "What do you want to track?", "unit": "Unit"}
        help_texts = {
            "name": "For example “Screen time after 10 pm” or “Hours at the computer”.",
            "unit": "For numbers, e.g. hours or cups.",
        }


class PreferencesForm(forms.Form):
    show_menstruation = forms.BooleanField(
        label="Ask about periods and hormonal changes in the check-in",
        required=False,
        help_text="Turn this off if it does not apply to you. Past answers are kept.",
    )
    log_less = forms.BooleanField(
        label="Log less: one rating a day instead of each twitch",
        required=False,
        help_text=(
            "Logging every twitch keeps your attention on your body, and watching a symptom "
            "closely can keep the worry about it going. With this on, the home page asks once "
            "a day how much twitching bothered you; the analysis can follow that rating."
        ),
    )
    seen_doctor = forms.BooleanField(
        label="I have seen a doctor about my twitching",
        required=False,
        help_text=(
            "The diary then stops offering the list of warning signs while you log. You can "
            "still report something new below whenever you choose."
        ),
    )


class RedFlagsForm(forms.Form):
    """Reporting something new on its own, outside an episode or a check-in."""

    also_noticed = _also_noticed()


class DailyRatingForm(forms.Form):
    """The one question of the "log less" mode."""

    twitch_rating = forms.TypedChoiceField(
        label="How much did twitching bother you today? (0 = not at all, 10 = very much)",
        coerce=int,
        choices=[(str(n), str(n)) for n in range(11)],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose a number from 0 to 10."},
    )


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Diary file",
        help_text=(
            "A daily diary CSV (up to 5 MB), or the export file from Apple Health, Health "
            "Connect or Fitbit (up to 300 MB)."
        ),
        error_messages={"required": "Choose a CSV file to import.", "empty": "That file is empty."},
    )

    def clean_file(self) -> str:
        upload = self.cleaned_data["file"]
        if upload.size > csvfile.MAX_FILE_BYTES:
            raise forms.ValidationError(
                "That file is larger than 5 MB. A diary of many years is well under that; "
                "check it is the right file, or import it in parts."
            )
        try:
            return str(upload.read().decode("utf-8-sig"))
        except UnicodeDecodeError as error:
            raise forms.ValidationError(
                "That file is not plain text (UTF-8). Save it as CSV and try again."
            ) from error

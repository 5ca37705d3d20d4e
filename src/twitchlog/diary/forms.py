"""Diary forms. An empty box stays empty ("not logged"); nothing here turns it into 0."""

import uuid
from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile

from twitchlog.core.forms import ChoiceField, MultipleChoiceField, TypedChoiceField, single_line
from twitchlog.diary import csvfile, device_import
from twitchlog.diary.columns import (
    NOTES_MAX_LENGTH,
    UNSURE_COMMA,
    Column,
    DiaryInputError,
    NumberError,
    allowed_range,
    check_notes,
    check_value,
    number_words,
    read_number,
)
from twitchlog.diary.models import CustomFactor
from twitchlog.diary.presets import (
    STRESS_KINDS,
)
from twitchlog.diary.spots import SpotError, parse_spot, resolve_spot
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


def notes_fit(text: str) -> None:
    try:
        check_notes(text)
    except DiaryInputError as error:
        raise forms.ValidationError(str(error)) from error


def notes_field() -> forms.CharField:
    # No maxlength attribute: a browser would cut a longer paste without a word. The page
    # counts the characters instead (diary.js), and a longer note is refused, never cut.
    return forms.CharField(
        label="Notes",
        required=False,
        validators=[notes_fit],
        help_text=f"Up to {NOTES_MAX_LENGTH:,} characters.",
        widget=forms.Textarea(attrs={"rows": 3, "data-max-length": str(NOTES_MAX_LENGTH)}),
    )


def show_refusal(form: forms.BaseForm, error: DiaryInputError) -> None:
    """Show a rule the services refused with on its field (or on the whole form)."""
    form.add_error(error.field if error.field in form.fields else None, str(error))


def chips(options: list[tuple[str, str]], blank: tuple[str, str] = NOT_SAID) -> dict[str, Any]:
    return {"choices": [blank, *options], "widget": forms.RadioSelect, "required": False}


ZERO_TO_TEN = [(str(n), str(n)) for n in range(11)]


def scale_field(
    label: str, help_text: str = "", blank: tuple[str, str] = NOT_LOGGED
) -> forms.TypedChoiceField:
    """A 0–10 answer that may be left out (``blank`` says how)."""
    return TypedChoiceField(
        label=label, help_text=help_text, coerce=int, empty_value=None, **chips(ZERO_TO_TEN, blank)
    )


def required_scale_field(label: str, when_missing: str) -> forms.TypedChoiceField:
    """A 0–10 answer that must be given."""
    return TypedChoiceField(
        label=label,
        coerce=int,
        choices=ZERO_TO_TEN,
        widget=forms.RadioSelect,
        error_messages={"required": when_missing},
    )


def yes_no_field(label: str) -> forms.TypedChoiceField:
    return TypedChoiceField(
        label=label,
        coerce=lambda value: value == "1",
        empty_value=None,
        **chips([("1", "Yes"), ("0", "No")], NOT_LOGGED),
    )


class NumberField(forms.Field):
    """A number typed in a text box and read by the diary's one rule (columns.read_number,
    columns.check_value), as the CSV import, the API and the command read theirs.

    Not ``<input type="number">``: with the forms' ``novalidate``, a browser sends such a box
    empty when it cannot read what was typed ("seven", "1e"), so the server saw "not logged"
    and saved the check-in without a word. A text box sends what was typed, so the person gets
    a plain reason with everything kept; ``inputmode`` still brings up the phone's number
    keys, and a decimal comma ("7,5") is read as 7.5."""

    def __init__(self, *, column: Column, label: str, help_text: str = "") -> None:
        self.column = column
        attrs = {
            "inputmode": "numeric" if column.integer else "decimal",
            "pattern": "[0-9]*" if column.integer else "[0-9]*[.,]?[0-9]*",
            "autocomplete": "off",
        }
        super().__init__(
            label=label, required=False, help_text=help_text, widget=forms.TextInput(attrs=attrs)
        )

    def _kind(self) -> str:
        return "a whole number" if self.column.integer else "a number"

    def prepare_value(self, value: Any) -> Any:
        # 7 rather than 7.0 when a stored value fills the box again.
        return number_words(value) if isinstance(value, int | float) else value

    def to_python(self, value: Any) -> int | float | None:
        if value in self.empty_values or not str(value).strip():
            return None
        text = str(value).strip()
        not_a_number = f"Type {self._kind()}, such as {'2' if self.column.integer else '6.5'}."
        try:
            number = read_number(text)
        except NumberError as error:
            if str(error) == UNSURE_COMMA:
                raise forms.ValidationError(f"“{text}” {error}.") from error
            raise forms.ValidationError(not_a_number) from error
        if reason := check_value(self.column, number):
            # Out of range, or a fraction where a count is asked for.
            in_range = allowed_range(self.column) in reason
            raise forms.ValidationError(
                f"Use {self._kind()} {allowed_range(self.column)}." if in_range else not_a_number
            )
        return int(number) if self.column.integer else number


def number_field(label: str, column: Column, unit: str = "") -> NumberField:
    help_text = f"In {unit}." if unit and not unit[0].isdigit() else ""
    return NumberField(column=column, label=label, help_text=help_text)


def also_noticed_field() -> forms.MultipleChoiceField:
    return MultipleChoiceField(
        label="Also noticed (optional)",
        required=False,
        choices=[(flag.key, flag.label) for flag in RED_FLAGS],
        widget=forms.CheckboxSelectMultiple,
        help_text="Tick any of these and we will show you when to see a doctor.",
    )


def client_id_field() -> forms.UUIDField:
    # A fresh id per form shown: a double tap on Save stores one entry, not two.
    return forms.UUIDField(required=False, widget=forms.HiddenInput, initial=uuid.uuid4)


class TimedEntryForm(forms.Form):
    """What the episode and stress-event forms share: the time (empty for now) and, for a
    new entry, a client id against double taps.

    Plain forms, not model forms: the diary's services check every value and store the entry
    (the one rule for every entry point, docs/architecture.md), so the model's own validation
    of a copy of the entry was work done twice on the busiest form (0.07 ms of a twitch's).
    ``instance`` fills the form with an entry's values to change it."""

    FIELDS: tuple[str, ...] = ()

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
    client_id = client_id_field()
    notes = notes_field()

    def __init__(
        self, *args: Any, instance: Any = None, editing: bool = False, **kwargs: Any
    ) -> None:
        if instance is not None:
            kwargs.setdefault("initial", {name: getattr(instance, name) for name in self.FIELDS})
        super().__init__(*args, **kwargs)
        if editing:
            self.fields["occurred_at"].required = True
            self.fields["occurred_at"].help_text = ""
            for name in ("client_id", "also_noticed"):
                self.fields.pop(name, None)


class EpisodeForm(TimedEntryForm):
    region = ChoiceField(
        label="Where",
        choices=[
            (group, [(r.slug, r.label) for r in REGIONS if r.group == group])
            for group in dict.fromkeys(r.group for r in REGIONS)
        ],
    )
    side = ChoiceField(
        label="Which side",
        choices=choices(SIDES),
        widget=forms.RadioSelect,
        initial="left",
        required=False,  # resolve_spot says when a side is needed
    )
    sensation = ChoiceField(
        label="What did it feel like?",
        choices=choices(SENSATIONS),
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what it felt like; “Twitch” if unsure."},
    )
    strength = scale_field("How strong (0 = barely, 10 = very strong)", blank=NOT_SAID)
    duration = ChoiceField(
        label="How long", **chips([(term.slug, term.label) for term, _ in DURATIONS])
    )
    rhythm = ChoiceField(label="Rhythm", **chips(choices(RHYTHMS)))
    context = ChoiceField(label="What were you doing?", **chips(choices(CONTEXTS)))
    timing = ChoiceField(label="Anxiety around it", **chips(choices(TIMINGS)))
    also_noticed = also_noticed_field()

    FIELDS = (
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
    )
    field_order = FIELDS  # the model form's order, which its Meta.fields gave

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
        data = {name: self.cleaned_data[name] for name in self.FIELDS}
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
    kind = ChoiceField(
        label="What happened", choices=choices(STRESS_KINDS), widget=forms.RadioSelect
    )
    strength = required_scale_field(
        "How strong (0 = mild, 10 = overwhelming)", "Choose how strong it was, from 0 to 10."
    )

    FIELDS = ("kind", "strength", "occurred_at", "notes")
    field_order = FIELDS


class CustomFactorForm(forms.ModelForm):
    kind = ChoiceField(label="Kind of answer", choices=CustomFactor.KINDS, widget=forms.RadioSelect)

    class Meta:
        model = CustomFactor
        fields = ["name", "kind", "unit"]
        labels = {"name": "What do you want to track?", "unit": "Unit"}
        help_texts = {
            "name": "For example “Screen time after 10 pm” or “Hours at the computer”.",
            "unit": "For numbers, e.g. hours or cups.",
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        single_line(self, "name", "unit")


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

    also_noticed = also_noticed_field()


class DailyRatingForm(forms.Form):
    """The one question of the "log less" mode."""

    twitch_rating = required_scale_field(
        "How much did twitching bother you today? (0 = not at all, 10 = very much)",
        "Choose a number from 0 to 10.",
    )


class ImportForm(forms.Form):
    """A diary CSV, read here (``cleaned_data["file"]`` is its text), or a phone or watch
    export (``device_export`` is the upload, read off the request by device_import)."""

    file = forms.FileField(
        label="Diary file",
        help_text=(
            f"A daily diary CSV (up to {csvfile.MAX_FILE_BYTES >> 20} MB), or the export file "
            f"from Apple Health, Health Connect or Fitbit (up to "
            f"{settings.DEVICE_UPLOAD_MAX_BYTES >> 20} MB)."
        ),
        error_messages={"required": "Choose a file to import.", "empty": "That file is empty."},
    )
    device_export: UploadedFile | None = None

    def clean_file(self) -> str:
        upload = self.cleaned_data["file"]
        problem = device_import.size_problem(upload)
        if problem:
            raise forms.ValidationError(problem)
        if device_import.is_device_upload(upload):
            self.device_export = upload
            return ""
        try:
            return csvfile.decode(upload.read())
        except csvfile.CsvProblems as error:  # a zip, a spreadsheet's own format, not UTF-8
            raise forms.ValidationError(str(error.problems[0])) from None

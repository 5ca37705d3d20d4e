"""The therapists app's forms: a therapist's profile and hours, a client's booking, series,
waitlist and intake answers.

Why one module of some 450 lines: the forms share their field helpers and choices, and each
is small; split by page they would repeat those helpers.
"""

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone

from twitchlog.accounts.forms import TimeZoneField
from twitchlog.core.forms import single_line
from twitchlog.therapists import photos
from twitchlog.therapists.choices import (
    APPROACHES,
    CURRENCIES,
    LANGUAGES,
    Qualification,
    SessionFormat,
)
from twitchlog.therapists.intake import DIARY_DAYS as INTAKE_DIARY_DAYS
from twitchlog.therapists.models import (
    ExtraHours,
    IntakeQuestion,
    TherapistProfile,
    TimeOff,
    WeeklyHours,
)
from twitchlog.therapists.slots import within_reach

_CHIPS = forms.CheckboxSelectMultiple


class ProfileForm(forms.ModelForm):
    approaches = forms.MultipleChoiceField(
        choices=list(APPROACHES.items()),
        widget=_CHIPS,
        error_messages={"required": "Choose at least one way you work."},
    )
    languages = forms.MultipleChoiceField(
        label="Languages you offer sessions in",
        choices=list(LANGUAGES.items()),
        widget=_CHIPS,
        error_messages={"required": "Choose at least one language."},
    )
    formats = forms.MultipleChoiceField(
        label="How you see people",
        choices=SessionFormat.choices,
        widget=_CHIPS,
        error_messages={"required": "Choose at least one: video, phone or in person."},
    )
    qualification = forms.ChoiceField(
        label="Highest qualification",
        choices=Qualification.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose your highest qualification."},
    )
    currency = forms.ChoiceField(choices=[(c, c) for c in CURRENCIES])
    time_zone = TimeZoneField(
        help_text="Your weekly hours are in this zone. Type a city, e.g. Europe/London."
    )
    # A plain file field: photos.check_pixels reads the header and square_jpeg decodes, last.
    photo = forms.FileField(
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/*"}),
        help_text="A friendly, recent photo of your face; JPEG or PNG, up to 5 MB.",
    )
    remove_photo = forms.BooleanField(label="Remove my current photo", required=False)

    class Meta:
        model = TherapistProfile
        fields = [
            "name",
            "credentials",
            "qualification",
            "licence_number",
            "licence_body",
            "jurisdiction",
            "lived_experience",
            "approaches",
            "languages",
            "formats",
            "city",
            "session_minutes",
            "fee",
            "currency",
            "time_zone",
            "bio",
        ]
        error_messages = {
            "name": {"required": "Please give the name clients will see."},
            "credentials": {"required": "Please list your degrees and registrations."},
            "licence_number": {"required": "Please give your licence or registration number."},
            "licence_body": {"required": "Please name the body you are registered with."},
            "jurisdiction": {"required": "Please say where your licence holds."},
            "fee": {
                "required": "Please give your fee for one session.",
                "invalid": "Type the fee as a number, such as 90 or 90.50.",
            },
            "bio": {"required": "Please write a few sentences about how you work."},
        }
        widgets = {
            "bio": forms.Textarea(attrs={"rows": 6}),
            # Text, not type="number": a browser sends an empty value for "90 EUR" in a number
            # box, and the form (novalidate) would say "required" and lose what was typed.
            "fee": forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("licence_number", "licence_body", "jurisdiction"):
            self.fields[name].required = True
        if not (self.instance.pk and self.instance.photo_updated_at):
            del self.fields["remove_photo"]
        single_line(
            self, "name", "credentials", "city", "licence_number", "licence_body", "jurisdiction"
        )

    def clean_photo(self) -> Any:
        upload = self.cleaned_data.get("photo")
        if not upload:
            return None
        if upload.size > photos.MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                "That photo is larger than 5 MB. Please pick a smaller one."
            )
        try:
            photos.check_pixels(upload)
        except photos.BadPhoto as error:
            raise forms.ValidationError(str(error)) from error
        return upload

    def full_clean(self) -> None:
        super().full_clean()
        # Decoding is the costly step, so it comes after every other check (the model's too)
        # and only for an otherwise valid form; cleaned_data["photo"] is then the square JPEG.
        if not self.is_bound:
            return
        upload = self.cleaned_data.get("photo")
        if upload is None or self.errors:
            self.cleaned_data["photo"] = None
            return
        try:
            self.cleaned_data["photo"] = photos.square_jpeg(upload)
        except photos.BadPhoto as error:
            self.add_error("photo", str(error))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if SessionFormat.IN_PERSON in cleaned.get("formats", []) and not cleaned.get("city"):
            self.add_error("city", "Please say which city you see people in.")
        return cleaned


def _whole_number(
    required: str, out_of_range: str, invalid: str = "Type a whole number, such as 24."
) -> dict[str, str]:
    """Plain sentences for a whole-number field, instead of Django's stock wording."""
    return {
        "required": required,
        "invalid": invalid,
        "min_value": out_of_range,
        "max_value": out_of_range,
    }


class BookingRulesForm(forms.ModelForm):
    class Meta:
        model = TherapistProfile
        fields = ["buffer_minutes", "notice_hours", "horizon_days", "cancel_notice_hours"]
        error_messages = {
            "buffer_minutes": _whole_number(
                "Please give the break after each session in minutes (0 for none).",
                "The break after a session can be from 0 to 120 minutes.",
                "Type the break as a whole number of minutes, such as 10.",
            ),
            "notice_hours": _whole_number(
                "Please give the notice you need for a booking in hours (0 for none).",
                "The notice for a booking can be from 0 to 336 hours (two weeks).",
            ),
            "horizon_days": _whole_number(
                "Please say how many days ahead people can book.",
                "People can book from 1 to 365 days ahead.",
                "Type a whole number of days, such as 60.",
            ),
            "cancel_notice_hours": _whole_number(
                "Please give the notice a client needs to cancel or move, in hours (0 for none).",
                "The notice to cancel or move can be from 0 to 336 hours (two weeks).",
            ),
        }


def _time_input() -> forms.TimeInput:
    return forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class _HoursForm(forms.ModelForm):
    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end <= start:
            self.add_error("end", "The end time needs to be later than the start time.")
        return cleaned


_TIMES_REQUIRED = {
    "start": {"required": "Please give the time you start."},
    "end": {"required": "Please give the time you finish."},
}


class WeeklyHoursForm(_HoursForm):
    class Meta:
        model = WeeklyHours
        fields = ["weekday", "start", "end"]
        widgets = {"start": _time_input(), "end": _time_input()}
        error_messages = {
            "weekday": {"required": "Choose a day of the week."},
            **_TIMES_REQUIRED,
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        weekday = self.fields["weekday"]
        assert isinstance(weekday, forms.TypedChoiceField)
        weekday.choices = [("", "Choose a day"), *WeeklyHours.Weekday.choices]


class ExtraHoursForm(_HoursForm):
    class Meta:
        model = ExtraHours
        fields = ["day", "start", "end"]
        error_messages = {"day": {"required": "Please give the date."}, **_TIMES_REQUIRED}
        widgets = {
            "day": forms.DateInput(attrs={"type": "date"}),
            "start": _time_input(),
            "end": _time_input(),
        }


class TimeOffForm(forms.ModelForm):
    class Meta:
        model = TimeOff
        fields = ["first_day", "last_day"]
        error_messages = {
            "first_day": {"required": "Please give the first day off."},
            "last_day": {"required": "Please give the last day off (the same day for one day)."},
        }
        widgets = {
            "first_day": forms.DateInput(attrs={"type": "date"}),
            "last_day": forms.DateInput(attrs={"type": "date"}),
        }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        first, last = cleaned.get("first_day"), cleaned.get("last_day")
        if first and last and last < first:
            self.add_error("last_day", "The last day off cannot be before the first one.")
        return cleaned


WITHIN_CHOICES = [("", "Any time"), ("3", "Within 3 days"), ("7", "Within a week")]
WITHIN_CHOICES += [("14", "Within 2 weeks")]


# In the viewer's own zone; the bounds are those of slots.PARTS_OF_DAY.
TIME_OF_DAY_CHOICES = [
    ("", "Any time of day"),
    ("morning", "Mornings (06:00 to 12:00)"),
    ("afternoon", "Afternoons (12:00 to 17:00)"),
    ("evening", "Evenings (17:00 to midnight)"),
]


class TimeOfDayForm(forms.Form):
    when = forms.ChoiceField(label="Show", choices=TIME_OF_DAY_CHOICES, required=False)


class DirectoryFilterForm(forms.Form):
    language = forms.ChoiceField(choices=[("", "Any language"), *LANGUAGES.items()], required=False)
    format = forms.ChoiceField(
        label="Format", choices=[("", "Any format"), *SessionFormat.choices], required=False
    )
    approach = forms.ChoiceField(
        choices=[("", "Any approach"), *APPROACHES.items()], required=False
    )
    within = forms.ChoiceField(label="Next free time", choices=WITHIN_CHOICES, required=False)
    time_of_day = forms.ChoiceField(
        label="Time of day", choices=TIME_OF_DAY_CHOICES, required=False
    )
    jurisdiction = forms.ChoiceField(label="Licensed in", required=False)

    def __init__(self, *args: Any, places: list[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["jurisdiction"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "Anywhere"), *((p, p) for p in places or [])]

    def within_days(self) -> int | None:
        value = self.cleaned_data.get("within") if self.is_valid() else ""
        return int(value) if value else None


def parse_start(value: str) -> dt.datetime | None:
    """A slot's start as sent by a slot button (ISO 8601 in UTC), or None."""
    try:
        start = dt.datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return None
    if start.tzinfo is None or not within_reach(start, timezone.now()):
        return None
    return start.astimezone(dt.UTC)


def _intake_field(question: IntakeQuestion) -> forms.Field:
    required = question.required
    message = {"required": "Please answer this question."}
    if question.kind == IntakeQuestion.Kind.CHOICE:
        return forms.ChoiceField(
            label=question.text,
            choices=[(o, o) for o in question.options],
            widget=forms.RadioSelect,
            required=required,
            error_messages=message,
        )
    if question.kind == IntakeQuestion.Kind.YES_NO:
        return forms.ChoiceField(
            label=question.text,
            choices=[("yes", "Yes"), ("no", "No")],
            widget=forms.RadioSelect,
            required=required,
            error_messages=message,
        )
    return forms.CharField(
        label=question.text,
        max_length=1000,
        required=required,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages=message,
    )


class IntakeQuestionForm(forms.Form):
    text = forms.CharField(
        label="Question",
        max_length=200,
        error_messages={"required": "Please write the question."},
    )
    kind = forms.ChoiceField(
        label="Answered by", choices=IntakeQuestion.Kind.choices, widget=forms.RadioSelect
    )
    options = forms.CharField(
        label="Answers to choose from (for “one of several”), one a line",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    required = forms.BooleanField(label="The client must answer it", required=False)

    def clean_options(self) -> list[str]:
        lines = [line.strip()[:100] for line in self.cleaned_data["options"].splitlines()]
        return [line for line in lines if line]


def _way_to_meet_field() -> forms.ChoiceField:
    """How the client would like to meet; its choices are set per therapist."""
    return forms.ChoiceField(
        label="How would you like to meet?",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how you would like to meet."},
    )


def _offer_ways_to_meet(form: forms.Form, profile: TherapistProfile) -> list[tuple[str, str]]:
    """Limit the form's ``session_format`` to the ways this therapist offers; returns them."""
    offered = [(v, label) for v, label in SessionFormat.choices if v in profile.formats]
    field = form.fields["session_format"]
    assert isinstance(field, forms.ChoiceField)
    field.choices = offered
    return offered


class BookForm(forms.Form):
    start = forms.CharField(widget=forms.HiddenInput)
    session_format = _way_to_meet_field()

    repeat = forms.TypedChoiceField(
        label="How often?",
        choices=[(0, "Just this time"), (1, "Every week"), (2, "Every two weeks")],
        coerce=int,
        initial=0,
        widget=forms.RadioSelect,
        required=False,
        empty_value=None,
    )
    count = forms.IntegerField(
        label="For a series: how many sessions in all?",
        min_value=2,
        max_value=12,
        initial=6,
        required=False,
        help_text="From 2 to 12, at this time of day on the same weekday.",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        error_messages={
            "invalid": "Type the number of sessions as digits, from 2 to 12.",
            "min_value": "A series has at least 2 sessions.",
            "max_value": "A series has at most 12 sessions.",
        },
    )
    # Sessions of the series to leave out, after the client chose to book the rest.
    skip = forms.MultipleChoiceField(widget=forms.MultipleHiddenInput, required=False)

    def __init__(
        self,
        profile: TherapistProfile,
        *args: Any,
        intake: list[IntakeQuestion] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.intake = intake or []
        for question in self.intake:
            self.fields[f"q{question.pk}"] = _intake_field(question)
        if self.intake:
            self.fields["attach_scores"] = forms.BooleanField(
                label="Attach my latest questionnaire results",
                required=False,
                help_text="Each questionnaire's latest score, its band and the date.",
            )
            self.fields["attach_diary"] = forms.BooleanField(
                label=f"Attach a summary of my diary (last {INTAKE_DIARY_DAYS} days)",
                required=False,
                help_text="How many days you logged, how many twitches, and the three "
                "places they happened most.",
            )
        skip = self.fields["skip"]
        assert isinstance(skip, forms.MultipleChoiceField)
        sent = self.data.getlist("skip") if hasattr(self.data, "getlist") else []
        skip.choices = [(v, v) for v in sent]
        offered = _offer_ways_to_meet(self, profile)
        if len(offered) == 1:
            self.fields["session_format"].initial = offered[0][0]

    def clean_start(self) -> dt.datetime:
        start = parse_start(self.cleaned_data["start"])
        if start is None:
            raise forms.ValidationError("Please pick a time from the list.")
        return start

    def intake_fields(self) -> list[Any]:
        return [self[f"q{q.pk}"] for q in self.intake]

    def intake_answers(self) -> list[dict[str, str]]:
        """The questions with the client's answers, as kept with the appointment."""
        answers = []
        for question in self.intake:
            value = self.cleaned_data.get(f"q{question.pk}")
            if question.kind == IntakeQuestion.Kind.YES_NO:
                value = {"yes": "Yes", "no": "No"}.get(value or "", "")
            answers.append({"question": question.text, "answer": str(value or "")})
        return answers

    def clean_skip(self) -> list[dt.datetime]:
        parsed = [parse_start(v) for v in self.cleaned_data["skip"]]
        return [p for p in parsed if p is not None]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("repeat") and not data.get("count") and "count" not in self.errors:
            self.add_error("count", "Say how many sessions you would like, from 2 to 12.")
        return data


class RescheduleForm(forms.Form):
    start = forms.CharField(error_messages={"required": "Please pick a new time from the list."})

    def clean_start(self) -> dt.datetime:
        start = parse_start(self.cleaned_data["start"])
        if start is None:
            raise forms.ValidationError("Please pick a new time from the list.")
        return start


class WaitlistForm(forms.Form):
    session_format = _way_to_meet_field()
    anyone = forms.BooleanField(
        label="Any other listed therapist who offers this and speaks the same language will do",
        required=False,
    )

    def __init__(self, profile: TherapistProfile, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        offered = _offer_ways_to_meet(self, profile)
        if offered:
            self.fields["session_format"].initial = offered[0][0]

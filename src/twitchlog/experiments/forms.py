"""The planning form and the one-tap "kept to the plan today?" form.

A registered plan has no edit form: the only forms about an existing experiment are the
answer for a day, the reminder time and stopping early.
"""

import datetime as dt
from typing import Any

from django import forms

from twitchlog.experiments import design
from twitchlog.experiments.changes import CHANGES, CUSTOM, EFFECT_CHOICES
from twitchlog.experiments.services import LABEL_MAX_LENGTH, LATEST_START, PlanInput

AIMS = [
    (f"{outcome}:{value}", label)
    for outcome, options in EFFECT_CHOICES.items()
    for value, label in options
]


class PlanForm(forms.Form):
    change = forms.ChoiceField(
        label="What will you change?",
        choices=[(c.key, c.label) for c in CHANGES] + [(CUSTOM, "Something else")],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose the change to test, or “Something else” to describe your own.",
            "invalid_choice": "Choose the change to test from the list.",
        },
    )
    custom_label = forms.CharField(
        label="Your own change",
        required=False,
        max_length=LABEL_MAX_LENGTH,
        help_text="Only for “something else”, e.g. “a short walk after lunch”.",
    )
    aim = forms.ChoiceField(
        label="What difference would matter to you?",
        choices=AIMS,
        initial=AIMS[0][0],
        widget=forms.RadioSelect,
        help_text="A smaller difference needs a longer test to be seen.",
        error_messages={
            "required": "Choose the difference that would matter to you.",
            "invalid_choice": "Choose the difference that would matter to you from the list.",
        },
    )
    block_days = forms.TypedChoiceField(
        label="Days in each block",
        choices=[(d, f"{d} days") for d in design.BLOCK_DAYS],
        coerce=int,
        initial=7,
        help_text="Seven days make every block hold each weekday once.",
        error_messages={
            "required": "Choose how many days each block lasts: 5, 6 or 7.",
            "invalid_choice": "Choose how many days each block lasts: 5, 6 or 7.",
        },
    )
    washout = forms.BooleanField(
        label="A washout day between blocks",
        required=False,
        help_text="For changes whose effect may linger for a day (sleep, magnesium).",
    )
    pairs = forms.TypedChoiceField(
        label="Length",
        choices=[("", "As suggested")]
        + [(p, f"{p} pairs of blocks") for p in range(design.MIN_PAIRS, design.MAX_PAIRS + 1)],
        coerce=int,
        empty_value=None,
        required=False,
        error_messages={"invalid_choice": "Choose a length from the list, or “As suggested”."},
    )
    start_date = forms.DateField(
        label="Start on",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={
            "required": "Give the day the test starts: today or a later day.",
            "invalid": "Give the day the test starts as a date, such as 2026-12-01.",
        },
    )
    reminder_time = forms.TimeField(
        label="Daily reminder email",
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}),
        help_text="A short email at this time that points to your home page. It never says "
        "what you are testing.",
        error_messages={"invalid": "Give a time, such as 20:30, or leave it empty."},
    )

    def __init__(self, *args: Any, today: dt.date | None = None, **kwargs: Any) -> None:
        """``today``: the person's local day, against which the start is checked (a registered
        plan is fixed before the test begins, so it never starts in the past)."""
        super().__init__(*args, **kwargs)
        self.today = today

    def clean_start_date(self) -> dt.date:
        start: dt.date = self.cleaned_data["start_date"]
        if self.today is not None:
            if start < self.today:
                raise forms.ValidationError(
                    "A test starts today or later, so the plan is fixed before it begins. "
                    "Choose today or a later day."
                )
            if start > self.today + LATEST_START:
                raise forms.ValidationError(f"Start within the next {LATEST_START.days} days.")
        return start

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("change") == CUSTOM and not (data.get("custom_label") or "").strip():
            self.add_error("custom_label", "Say in a few words what you will change.")
        return data

    def outcome_and_effect(self) -> tuple[str, str]:
        outcome, _, value = self.cleaned_data["aim"].partition(":")
        return outcome, value

    def plan(self, pairs: int) -> PlanInput:
        outcome, effect = self.outcome_and_effect()
        data = self.cleaned_data
        return PlanInput(
            change_key=data["change"],
            custom_label=data.get("custom_label") or "",
            outcome=outcome,
            effect_choice=effect,
            block_days=data["block_days"],
            pairs=pairs,
            washout=data["washout"],
            start_date=data["start_date"],
            reminder_time=data.get("reminder_time"),
        )


class KeptForm(forms.Form):
    day = forms.DateField(
        widget=forms.HiddenInput,
        error_messages={
            "required": "The day was missing; open the page again and answer once more.",
            "invalid": "The day was missing; open the page again and answer once more.",
        },
    )
    kept = forms.TypedChoiceField(
        label="Kept to the plan today?",
        choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose yes or no.",
            "invalid_choice": "Choose yes or no.",
        },
    )


class ReminderForm(forms.Form):
    reminder_time = forms.TimeField(
        label="Daily reminder time",
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}),
        help_text="Leave empty for no reminder.",
    )


def default_start(today: dt.date) -> dict[str, Any]:
    return {"start_date": today, "block_days": 7, "aim": AIMS[0][0]}

from typing import Any

from django import forms

from twitchlog.assessments.instruments.base import Instrument
from twitchlog.assessments.scoring import Answer

SKIP = "na"


def _numbers_in_words(numbers: list[int]) -> str:
    if len(numbers) == 1:
        return f"Question {numbers[0]} still needs an answer."
    listed = ", ".join(str(n) for n in numbers[:-1]) + f" and {numbers[-1]}"
    return f"Questions {listed} still need an answer."


class AnswersForm(forms.Form):
    """One radio group per question, built from the instrument's data.

    Every question is checked in ``clean`` rather than by ``required``, so a half-filled form
    comes back with each gap named and every answer given still picked.
    """

    def __init__(self, instrument: Instrument, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instrument = instrument
        choices = [(str(option.value), option.label) for option in instrument.options]
        for n, item in enumerate(instrument.items, start=1):
            item_choices = [*choices, (SKIP, item.skip_label)] if item.skip_label else choices
            self.fields[f"q{n}"] = forms.ChoiceField(
                label=f"{n}. {item.text}",
                choices=item_choices,
                widget=forms.RadioSelect,
                required=False,
            )
        if instrument.follow_up is not None:
            self.fields["difficulty"] = forms.ChoiceField(
                label=instrument.follow_up.text,
                choices=[(str(o.value), o.label) for o in instrument.follow_up.options],
                widget=forms.RadioSelect,
                required=False,
                help_text="Not part of the score. You can leave it out.",
            )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        missing = []
        for n in range(1, len(self.instrument.items) + 1):
            if not cleaned.get(f"q{n}") and f"q{n}" not in self.errors:
                self.add_error(f"q{n}", "Please pick an answer for this question.")
                missing.append(n)
        if missing:
            raise forms.ValidationError(_numbers_in_words(missing))
        return cleaned

    def answers(self) -> list[Answer]:
        values = (self.cleaned_data[f"q{n}"] for n in range(1, len(self.instrument.items) + 1))
        return [None if value == SKIP else int(value) for value in values]

    def difficulty(self) -> int | None:
        value = self.cleaned_data.get("difficulty")
        return int(value) if value else None

import copy
from typing import Any, TypeVar

from django import forms
from django.core.exceptions import ValidationError
from django.forms.renderers import TemplatesSetting

from twitchlog.core.text import SINGLE_LINE_MESSAGE, has_control_characters

M = TypeVar("M")


def working_copy(instance: M) -> M:
    """A copy of a stored object for a ModelForm to write into.

    Validating a ModelForm writes every value it accepted onto its instance, even when the
    form as a whole is refused, so a page that shows the object elsewhere (a status line, a
    heading, a preview) would show values that were never saved. Bind the form to this copy
    and show the object itself: it stays what is stored. On success, save the copy."""
    return copy.copy(instance)


class Renderer(TemplatesSetting):
    """Every form renders through our templates: labels, help, errors and big tap targets."""

    form_template_name = "core/forms/form.html"
    field_template_name = "core/forms/field.html"


def refuse_control_characters(value: str) -> None:
    """A form validator for single-line fields (core/text.py says why)."""
    if has_control_characters(value):
        raise ValidationError(SINGLE_LINE_MESSAGE)


def single_line(form: Any, *names: str) -> None:
    """Make the form's fields ``names`` (those present) refuse control characters."""
    for name in names:
        if name in form.fields:
            form.fields[name].validators.append(refuse_control_characters)


class SharedChoices:
    """A choice field whose form instances share its choices instead of deep-copying them.

    Every form instance deep-copies its fields, and Django's choice fields copy their choices
    with them (and normalise them again for the widget): for the twitch form's places and
    chips, a third of a millisecond on every log. Choices here are fixed when the form class
    is made and never changed in place (setting ``field.choices`` anew still works: it
    replaces the list on that instance only), so one copy serves them all.
    """

    widget: forms.Widget
    error_messages: dict[str, Any]
    validators: list[Any]

    def __deepcopy__(self, memo: dict[int, Any]) -> Any:
        result = copy.copy(self)
        memo[id(self)] = result
        result.widget = copy.copy(self.widget)
        result.widget.attrs = self.widget.attrs.copy()
        result.error_messages = self.error_messages.copy()
        result.validators = self.validators[:]
        return result


class ChoiceField(SharedChoices, forms.ChoiceField):
    pass


class TypedChoiceField(SharedChoices, forms.TypedChoiceField):
    pass


class MultipleChoiceField(SharedChoices, forms.MultipleChoiceField):
    pass

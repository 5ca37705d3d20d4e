from typing import Any

from django.core.exceptions import ValidationError
from django.forms.renderers import TemplatesSetting

from twitchlog.core.text import SINGLE_LINE_MESSAGE, has_control_characters


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

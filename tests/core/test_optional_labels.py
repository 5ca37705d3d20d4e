"""The forms' template adds "(optional)" to the label of a box that may be left empty
(core/templates/core/forms/field.html), so no such label says it itself: the experiment plan
read "Daily reminder email (optional) (optional)"."""

import importlib
import inspect
import pkgutil
import re
from typing import Any

from django import forms
from django.test import Client

import twitchlog
from twitchlog.diary.checkin_form import CheckInForm

# Widgets that field.html shows with a legend or beside a tick box, without the suffix.
NO_SUFFIX = (
    forms.RadioSelect,
    forms.CheckboxSelectMultiple,
    forms.CheckboxInput,
    forms.HiddenInput,
)


def _project_forms() -> list[type[forms.BaseForm]]:
    found = []
    for module_info in pkgutil.walk_packages(twitchlog.__path__, "twitchlog."):
        if not module_info.name.endswith(("forms", "_form")):
            continue
        module = importlib.import_module(module_info.name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__:
                found.append(cls)
    return found


def _suffixed_labels(fields: dict[str, forms.Field]) -> dict[str, str]:
    return {
        name: str(field.label)
        for name, field in fields.items()
        if not field.required and not isinstance(field.widget, NO_SUFFIX)
    }


def test_no_optional_box_says_optional_in_its_own_label() -> None:
    classes = _project_forms()
    assert len(classes) > 20  # the walk found the project's forms
    doubled = {
        f"{cls.__module__}.{cls.__name__}.{name}": label
        for cls in classes
        for name, label in _suffixed_labels(cls.base_fields).items()
        if "optional" in label.lower()
    }
    # The check-in's fields are made per person, so it is looked at as made.
    doubled.update(
        {
            f"CheckInForm.{name}": label
            for name, label in _suffixed_labels(CheckInForm().fields).items()
            if "optional" in label.lower()
        }
    )
    assert doubled == {}


def test_the_experiment_plan_says_optional_once(alice: Any, alice_client: Client) -> None:
    page = alice_client.get("/experiments/plan/").content.decode()
    text = re.sub(r"<[^>]+>", "", page)
    assert "Daily reminder email (optional)" in text
    assert "(optional) (optional)" not in text and "(optional)(optional)" not in text

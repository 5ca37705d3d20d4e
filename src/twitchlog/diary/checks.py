"""Start-up check that the check-in model stores exactly the standard factors of
knowledge/factors.py, each in a column of the right kind.

The columns are written out in models.py (so migrations and type checking see them), and this
check keeps them from drifting: a factor added to the list without its column, or a column
of the wrong kind, stops ``twitchlog check``, the server and the tests with a clear error.
"""

from collections.abc import Iterable
from typing import Any

from django.core import checks
from django.db import models

from twitchlog.knowledge.factors import FACTORS, Factor

# CheckIn columns that are not standard factors.
NOT_FACTORS = frozenset(
    {
        "id",
        "user",
        "client_id",
        "local_date",
        "caffeine_drinks",
        "medication_events",
        "twitch_rating",
        "imported_twitch_count",
        "counts_episodes",
        "notes",
        "created_at",
        "updated_at",
    }
)


def _expected_field(factor: Factor) -> "type[models.Field[Any, Any]]":
    if factor.kind == "binary":
        return models.BooleanField
    if factor.integer:
        return models.PositiveSmallIntegerField
    return models.FloatField


def factor_column_problems(model: type[models.Model], factors: Iterable[Factor]) -> list[str]:
    """What does not match between ``model``'s columns and ``factors``, in words."""
    fields = {field.name: field for field in model._meta.get_fields() if field.concrete}
    problems = []
    names = set()
    for factor in factors:
        names.add(factor.name)
        field = fields.get(factor.name)
        expected = _expected_field(factor)
        if field is None:
            problems.append(f"{factor.name} has no column on {model.__name__}")
        elif type(field) is not expected or not field.null:
            problems.append(f"{factor.name} must be a nullable {expected.__name__}")
    for extra in sorted(set(fields) - names - NOT_FACTORS):
        problems.append(f"{model.__name__}.{extra} is not a factor in knowledge/factors.py")
    return problems


def check_factor_columns(**_: Any) -> list[checks.CheckMessage]:
    from twitchlog.diary.models import CheckIn

    return [
        checks.Error(problem, id="diary.E001")
        for problem in factor_column_problems(CheckIn, FACTORS)
    ]

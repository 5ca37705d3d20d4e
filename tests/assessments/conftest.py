import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from twitchlog.accounts.models import User
from twitchlog.assessments import services
from twitchlog.assessments.instruments import INSTRUMENTS
from twitchlog.assessments.models import AssessmentResult


def answers_from(digits: str) -> list[int | None]:
    """ "3310" -> [3, 3, 1, 0]; "-" stands for "does not apply"."""
    return [None if ch == "-" else int(ch) for ch in digits]


def save_result(
    user: User,
    slug: str,
    digits: str,
    days_ago: float = 0,
    difficulty: int | None = None,
) -> AssessmentResult:
    taken_at = dt.datetime.now(dt.UTC) - dt.timedelta(days=days_ago)
    return services.take_assessment(
        user, INSTRUMENTS[slug], answers_from(digits), difficulty=difficulty, taken_at=taken_at
    )


@pytest.fixture
def result_for() -> Callable[..., AssessmentResult]:
    return save_result


@pytest.fixture
def alice_gad7(alice: User) -> AssessmentResult:
    return save_result(alice, "gad7", "3331000")  # 10: moderate, a positive screen


def page(response: Any) -> str:
    return response.content.decode()

"""Taking a questionnaire and reading results back. The one place results are written."""

import datetime as dt
from collections.abc import Sequence
from functools import cache
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q

from twitchlog.accounts.models import User
from twitchlog.assessments.instruments.base import Instrument
from twitchlog.assessments.models import AssessmentResult
from twitchlog.assessments.scoring import Answer, AnswerError, Problem, score
from twitchlog.core import audit, sql
from twitchlog.core.access import get_owned_or_404
from twitchlog.knowledge.care import normalise_country


@transaction.atomic
def take_assessment(
    user: User,
    instrument: Instrument,
    answers: Sequence[Answer],
    difficulty: int | None = None,
    taken_at: dt.datetime | None = None,
) -> AssessmentResult:
    """Score and store one completed questionnaire; raises AnswerError for bad answers.

    A safety alert never stops the result being saved: the person's answers are kept either way.
    """
    result = score(instrument, answers)
    if difficulty is not None:
        follow_up = instrument.follow_up
        if follow_up is None or difficulty not in {o.value for o in follow_up.options}:
            allowed = (
                ", ".join(str(o.value) for o in follow_up.options) if follow_up else "no answer"
            )
            raise AnswerError([Problem(f"difficulty: {difficulty} is not one of {allowed}")])
    extra: dict[str, Any] = {"taken_at": taken_at} if taken_at is not None else {}
    stored = AssessmentResult.objects.create(
        user=user,
        instrument=instrument.slug,
        answers=list(answers),
        score=result.score,
        max_score=result.max_score,
        band=result.band,
        positive_screen=result.positive_screen,
        safety_alert=result.safety_alert,
        subscales=result.to_dict()["subscales"],
        difficulty=difficulty,
        **extra,
    )
    # Which questionnaire and how it came out are health data: the entry names the row only.
    audit.log(user, "assessment.taken", stored)
    return stored


def get_result_for_user(user: Any, pk: Any) -> AssessmentResult:
    """The person's own result, or 404 for anyone else."""
    return get_owned_or_404(AssessmentResult.objects.all(), user, pk=pk)


@cache
def _latest_sql() -> str:
    q = connection.ops.quote_name
    table = q(AssessmentResult._meta.db_table)
    pk, user, kind, at = q("id"), q("user_id"), q("instrument"), q("taken_at")
    # Only the table's and columns' names go into the text; the person is a parameter.
    return (
        f"SELECT {sql.columns(AssessmentResult, 'r')} FROM {table} r"  # noqa: S608
        f" WHERE r.{user} = %s AND r.{pk} = ("
        f"SELECT n.{pk} FROM {table} n WHERE n.{user} = r.{user} AND n.{kind} = r.{kind}"
        f" ORDER BY n.{at} DESC, n.{pk} DESC LIMIT 1) ORDER BY r.{at} DESC, r.{pk} DESC"
    )


def latest_results(user: User) -> list[AssessmentResult]:
    """The most recent result for each questionnaire the person has taken, newest first.

    On every home page, so the query is written out: building it through the ORM (a filter on
    the person and ``pk=Subquery(newest of the same instrument)``) cost ten times running it.
    """
    return sql.instances(AssessmentResult, _latest_sql(), [user.pk])


def previous_result(result: AssessmentResult) -> AssessmentResult | None:
    """The same person's result on the same questionnaire just before this one."""
    before = Q(taken_at__lt=result.taken_at) | Q(taken_at=result.taken_at, pk__lt=result.pk)
    return (
        AssessmentResult.objects.filter(user_id=result.user_id, instrument=result.instrument)
        .filter(before)
        .first()
    )


def history(user: User, instrument: Instrument) -> list[AssessmentResult]:
    """Every result on one questionnaire, oldest first."""
    return list(
        AssessmentResult.objects.filter(user=user, instrument=instrument.slug).order_by(
            "taken_at", "pk"
        )
    )


def crisis_lines(country: str) -> list[dict[str, str]]:
    """Crisis lines for the person's country, or the default list."""
    lines: dict[str, list[dict[str, str]]] = settings.CRISIS_LINES
    return lines.get(normalise_country(country)) or lines["default"]

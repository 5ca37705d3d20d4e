"""Questionnaires and your own results. Answers are checked with the same messages as the
command line ("item 3: 5 is not one of 0, 1, 2, 3")."""

import datetime as dt
from typing import Any

from ninja import Query, Router, Schema, Status

from twitchlog.accounts.types import AuthedRequest
from twitchlog.api.diary.common import Window
from twitchlog.assessments import services
from twitchlog.assessments.instruments import INSTRUMENTS
from twitchlog.assessments.instruments.base import Instrument
from twitchlog.assessments.models import AssessmentResult
from twitchlog.assessments.scoring import AnswerError

router = Router(tags=["assessments"])


class OptionOut(Schema):
    value: int
    label: str


class ItemOut(Schema):
    number: int
    text: str
    reverse_scored: bool
    skip_label: str


class BandOut(Schema):
    low: int
    high: int
    label: str


class FollowUpOut(Schema):
    text: str
    options: list[OptionOut]


class InstrumentOut(Schema):
    slug: str
    name: str
    title: str
    checks: str
    validated: bool
    validation_note: str
    recall: str
    stem: str
    items: list[ItemOut]
    options: list[OptionOut]
    min_score: int
    max_score: int
    bands: list[BandOut]
    bands_note: str
    positive_screen_at: int | None
    follow_up: FollowUpOut | None
    licence: str


class AnswersIn(Schema):
    instrument: str
    answers: list[int | None]
    difficulty: int | None = None


class CrisisLineOut(Schema):
    name: str
    detail: str


class ResultOut(Schema):
    id: int
    instrument: str
    taken_at: dt.datetime
    answers: list[int | None]
    score: int
    max_score: int
    band: str
    positive_screen: bool | None
    safety_alert: bool
    subscales: dict[str, Any]
    difficulty: int | None
    crisis_lines: list[CrisisLineOut] = []


class ProblemsOut(Schema):
    detail: str
    errors: list[str]


def _options(options: Any) -> list[OptionOut]:
    return [OptionOut(value=o.value, label=o.label) for o in options]


def _instrument_out(i: Instrument) -> InstrumentOut:
    return InstrumentOut(
        slug=i.slug,
        name=i.name,
        title=i.title,
        checks=i.checks,
        validated=i.validated,
        validation_note=i.validation_note,
        recall=i.recall,
        stem=i.stem,
        items=[
            ItemOut(
                number=n, text=item.text, reverse_scored=item.reverse, skip_label=item.skip_label
            )
            for n, item in enumerate(i.items, start=1)
        ],
        options=_options(i.options),
        min_score=i.min_score,
        max_score=i.max_score,
        bands=[BandOut(low=b.low, high=b.high, label=b.label) for b in i.bands],
        bands_note=i.bands_note,
        positive_screen_at=i.screen.at_least if i.screen else None,
        follow_up=(
            FollowUpOut(text=i.follow_up.text, options=_options(i.follow_up.options))
            if i.follow_up
            else None
        ),
        licence=i.licence,
    )


def _result_out(result: AssessmentResult, country: str) -> ResultOut:
    lines = services.crisis_lines(country) if result.definition.safety_item is not None else []
    return ResultOut(
        id=result.pk,
        instrument=result.instrument,
        taken_at=result.taken_at,
        answers=result.answers,
        score=result.score,
        max_score=result.max_score,
        band=result.band,
        positive_screen=result.positive_screen,
        safety_alert=result.safety_alert,
        subscales=result.subscales,
        difficulty=result.difficulty,
        crisis_lines=[CrisisLineOut(**line) for line in lines],
    )


@router.get(
    "/instruments",
    response=list[InstrumentOut],
    auth=None,
    url_name="assessment_instruments",
    summary="Every questionnaire, with its questions, answers and bands",
)
def list_instruments(request: Any) -> list[InstrumentOut]:
    return [_instrument_out(i) for i in INSTRUMENTS.values()]


@router.post(
    "/results",
    response={201: ResultOut, 422: ProblemsOut},
    url_name="assessment_submit",
    summary="Submit answers; returns the scored, saved result",
)
def submit(request: AuthedRequest, payload: AnswersIn) -> Status[Any]:
    instrument = INSTRUMENTS.get(payload.instrument)
    if instrument is None:
        names = ", ".join(INSTRUMENTS)
        message = f"instrument: {payload.instrument} is not one of {names}"
        return Status(422, ProblemsOut(detail="Unknown questionnaire.", errors=[message]))
    try:
        result = services.take_assessment(
            request.user, instrument, payload.answers, difficulty=payload.difficulty
        )
    except AnswerError as exc:
        errors = [problem.message for problem in exc.problems]
        return Status(422, ProblemsOut(detail="Some answers need another look.", errors=errors))
    return Status(201, _result_out(result, request.user.country))


@router.get(
    "/results",
    response=list[ResultOut],
    url_name="assessment_results",
    summary="Your own results, newest first (500 at a time: ?limit= up to 1000, ?offset=)",
)
def list_results(
    request: AuthedRequest, window: Query[Window], instrument: str | None = None
) -> list[ResultOut]:
    results = AssessmentResult.objects.filter(user=request.user)
    if instrument:
        results = results.filter(instrument=instrument)
    return [_result_out(r, request.user.country) for r in window.of(results)]


@router.get(
    "/results/{result_id}",
    response=ResultOut,
    url_name="assessment_result",
    summary="One of your results",
)
def get_result(request: AuthedRequest, result_id: int) -> ResultOut:
    return _result_out(services.get_result_for_user(request.user, result_id), request.user.country)

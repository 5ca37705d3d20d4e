"""One scoring function for every questionnaire. Pure: no Django.

Answers are the option values a person picked, one per item in the instrument's order. An item
that may be skipped (PHQ-15's menstrual item) takes ``None`` for "does not apply" and scores 0.
"""

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from twitchlog.assessments.instruments.base import Instrument

Answer = int | None


@dataclass(frozen=True)
class Problem:
    """Why a set of answers cannot be scored. ``item`` is the 1-based number, if about one."""

    message: str
    item: int | None = None


class AnswerError(ValueError):
    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("; ".join(problem.message for problem in problems))


@dataclass(frozen=True)
class SubscaleScore:
    label: str
    score: int
    max_score: int
    positive_screen: bool | None


@dataclass(frozen=True)
class Score:
    instrument: str
    score: int
    max_score: int
    band: str
    positive_screen: bool | None  # None: the instrument has no screening cut-off
    safety_alert: bool
    subscales: dict[str, SubscaleScore] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The public shape used by ``twitchlog assess score --json``."""
        return {
            "instrument": self.instrument,
            "score": self.score,
            "band": self.band,
            "positive_screen": self.positive_screen,
            "safety_alert": self.safety_alert,
            "subscales": {key: asdict(sub) for key, sub in self.subscales.items()},
        }


def allowed_values(instrument: Instrument, position: int) -> str:
    """The answers an item takes, as words for messages: "0, 1, 2, 3"."""
    values = ", ".join(str(option.value) for option in instrument.options)
    skip = instrument.items[position].skip_label
    return f"{values} or none ({skip.lower()})" if skip else values


def check_answer(instrument: Instrument, position: int, answer: object) -> Problem | None:
    """What is wrong with one answer to the item at ``position``, if anything."""
    if answer is None and instrument.items[position].skip_label:
        return None
    values = {option.value for option in instrument.options}
    # bool is an int in Python; True is not an answer.
    if isinstance(answer, int) and not isinstance(answer, bool) and answer in values:
        return None
    shown = "no answer" if answer is None else str(answer)
    return Problem(
        f"item {position + 1}: {shown} is not one of {allowed_values(instrument, position)}",
        position + 1,
    )


def check_answers(instrument: Instrument, answers: Sequence[object]) -> list[Problem]:
    """Everything wrong with ``answers``, in item order; an empty list means they can be scored."""
    expected = len(instrument.items)
    if len(answers) != expected:
        return [
            Problem(
                f"{instrument.name} has {expected} questions, "
                f"so it needs {expected} answers; {len(answers)} were given"
            )
        ]
    found = (check_answer(instrument, i, answer) for i, answer in enumerate(answers))
    return [problem for problem in found if problem is not None]


def item_scores(instrument: Instrument, answers: Sequence[Answer]) -> list[int]:
    """What each answer adds to the total, after reversing and skipping."""
    top = instrument.highest_option
    return [
        0 if answer is None else (top - answer if item.reverse else answer)
        for item, answer in zip(instrument.items, answers, strict=True)
    ]


def score(instrument: Instrument, answers: Sequence[Answer]) -> Score:
    """Score ``answers``; raises AnswerError naming each item that is wrong."""
    if problems := check_answers(instrument, answers):
        raise AnswerError(problems)
    points = item_scores(instrument, answers)
    total = sum(points)

    subscales = {}
    for sub in instrument.subscales:
        sub_total = sum(points[i] for i in sub.items)
        subscales[sub.key] = SubscaleScore(
            label=sub.label,
            score=sub_total,
            max_score=instrument.highest_option * len(sub.items),
            positive_screen=None if sub.screen is None else sub_total >= sub.screen.at_least,
        )

    positive: bool | None = None
    if instrument.screen is not None:
        positive = total >= instrument.screen.at_least
    elif any(sub.positive_screen is not None for sub in subscales.values()):
        positive = any(sub.positive_screen for sub in subscales.values())

    safety = instrument.safety_item is not None and (answers[instrument.safety_item] or 0) > 0
    return Score(
        instrument=instrument.slug,
        score=total,
        max_score=instrument.max_score,
        band=instrument.band_for(total).label,
        positive_screen=positive,
        safety_alert=safety,
        subscales=subscales,
    )

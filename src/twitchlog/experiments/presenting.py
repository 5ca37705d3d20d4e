"""What the experiment pages show, worked out once for the templates."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from twitchlog.experiments import design, services, wording
from twitchlog.experiments.analysis import Result
from twitchlog.experiments.models import Experiment
from twitchlog.knowledge.factors import OUTCOMES

STATE_LABELS = {
    "waiting": "Registered, not started yet",
    "running": "Running",
    "stopped": "Stopped early",
    "finished": "Finished",
}


def condition_words(experiment: Experiment, day: dt.date) -> str:
    """Today's instruction, e.g. "Today: no caffeine after noon"."""
    condition = services.condition_today(experiment, day)
    if condition == design.CHANGE:
        return f"Today: {experiment.change_label[0].lower()}{experiment.change_label[1:]}."
    if condition == design.USUAL:
        return "Today: your usual. Nothing to change."
    if services.is_running(experiment, day):
        return "Today is a washout day between blocks: nothing to change, just log as usual."
    return ""


@dataclass(frozen=True)
class Summary:
    experiment: Experiment
    state: str
    state_label: str
    verdict: str
    verdict_label: str
    period: str


def summary(experiment: Experiment, today: dt.date) -> Summary:
    state = services.state(experiment, today)
    verdict = services.result(experiment).verdict if state in ("stopped", "finished") else ""
    return Summary(
        experiment,
        state,
        STATE_LABELS[state],
        verdict,
        wording.VERDICT_LABELS.get(verdict, ""),
        services.period(experiment),
    )


def advice(advice: design.LengthAdvice) -> dict[str, Any]:
    return {
        "options": advice.options,
        "pairs": advice.pairs,
        "power": advice.power,
        "enough": advice.enough,
        "from_diary": advice.spread_from_diary,
        "shortfall": ""
        if advice.enough
        else wording.length_shortfall(advice.pairs, advice.power, advice.spread_from_diary),
    }


def _effect_of_interest(registration: dict[str, Any]) -> str:
    from twitchlog.experiments.changes import EFFECT_CHOICES

    options = dict(EFFECT_CHOICES[registration["outcome"]])
    return options.get(registration["effect_choice"], registration["effect_choice"])


@dataclass(frozen=True)
class ScheduleRow:
    block: design.Block
    label: str
    is_current: bool
    kept: int
    answered: int


def detail(experiment: Experiment, today: dt.date) -> dict[str, Any]:
    registration = experiment.registration
    # Every answer given, the day a test was stopped included: the schedule shows them all;
    # the result card says when one is left out of the result.
    kept = {k.local_date: k.kept for k in experiment.kept_days.all()}
    rows = []
    for block in experiment.blocks:
        answers = [v for d, v in kept.items() if block.holds(d)]
        rows.append(
            ScheduleRow(
                block,
                experiment.change_label if block.condition == design.CHANGE else "Your usual",
                block.holds(today) and services.is_running(experiment, today),
                sum(answers),
                len(answers),
            )
        )
    state = services.state(experiment, today)
    final = state in ("stopped", "finished")
    result: Result = services.result(experiment)
    meaning = wording.verdict_meaning(result)
    if experiment.stopped_on is not None and not experiment.has_days:
        meaning = wording.no_days(experiment.start_date, experiment.stopped_on)
    return {
        "experiment": experiment,
        "registration": registration,
        "outcome_label": OUTCOMES[experiment.outcome],
        "effect_of_interest": _effect_of_interest(registration),
        "state": state,
        "state_label": STATE_LABELS[state],
        "period": services.period(experiment),
        "today": condition_words(experiment, today),
        "answered_today": today in kept,
        "schedule": rows,
        "result": result,
        "final": final,
        "verdict_label": wording.VERDICT_LABELS[result.verdict],
        "verdict_meaning": meaning,
        "no_days": not experiment.has_days,
        "planned": wording.effect_sentence(result.as_planned, experiment.outcome),
        "per_protocol": wording.effect_sentence(result.per_protocol, experiment.outcome),
        "per_protocol_label": wording.VERDICT_LABELS[result.per_protocol.verdict],
        "adherence": (
            wording.adherence_sentence(result, services.answers_left_out(experiment))
            if final
            else wording.answers_so_far(sum(kept.values()), len(kept))
        ),
        "diary": wording.diary_sentence(result),
        "stopped_note": wording.STOPPED_EARLY if result.stopped_early else "",
        "power_percent": round(100 * registration["expected_power"]),
    }

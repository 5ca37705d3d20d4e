"""A person's experiments with their results, for the data export, the printed report and the
summary they share with a therapist."""

import json
from dataclasses import dataclass
from typing import Any

from twitchlog.accounts.models import User
from twitchlog.experiments import services, wording
from twitchlog.experiments.analysis import Result
from twitchlog.experiments.models import Experiment
from twitchlog.knowledge.factors import OUTCOMES


@dataclass(frozen=True)
class Record:
    experiment: Experiment
    state: str
    final: bool
    result: Result
    verdict_label: str
    planned: str  # the as-planned effect in words
    per_protocol: str
    adherence: str
    period: str  # when it ran, with the day it was stopped rather than its planned end

    @property
    def change(self) -> str:
        return self.experiment.change_label

    @property
    def outcome_label(self) -> str:
        return OUTCOMES[self.experiment.outcome]


def records(user: User, finished_only: bool = False) -> list[Record]:
    """Each experiment, newest first; with ``finished_only``, those finished or stopped."""
    today = services.today_for(user)
    found = []
    for experiment in services.history(user):
        state = services.state(experiment, today)
        final = state in ("stopped", "finished")
        if finished_only and not final:
            continue
        result = services.result(experiment)
        planned = wording.effect_sentence(result.as_planned, experiment.outcome)
        if experiment.stopped_on is not None and not experiment.has_days:
            planned = wording.no_days(experiment.start_date, experiment.stopped_on)
        found.append(
            Record(
                experiment,
                state,
                final,
                result,
                wording.VERDICT_LABELS[result.verdict],
                planned,
                wording.effect_sentence(result.per_protocol, experiment.outcome),
                wording.adherence_sentence(result, services.answers_left_out(experiment)),
                services.period(experiment),
            )
        )
    return found


def to_json(user: User) -> str:
    """Every experiment: the registered plan, what happened, and the result (final or not)."""
    rows = [
        {
            "id": r.experiment.pk,
            "state": r.state,
            "registration": r.experiment.registration,
            "stopped_at": r.experiment.stopped_at.isoformat() if r.experiment.stopped_at else None,
            "kept_days": [
                {"date": k.local_date.isoformat(), "kept": k.kept}
                for k in r.experiment.kept_days.all()
            ],
            "final": r.final,
            "result": r.result.to_dict(),
        }
        for r in records(user)
    ]
    return json.dumps(rows, indent=2, ensure_ascii=False) + "\n"


def _component(system: str, code: str, display: str, value: dict[str, Any]) -> dict[str, Any]:
    return {"code": {"coding": [{"system": system, "code": code, "display": display}]}, **value}


def fhir_observations(user: User, subject: dict[str, str], system: str) -> list[dict[str, Any]]:
    """One Observation per finished or stopped experiment: the design and the result as
    components, the verdict as its value (``system`` is the diary's own code system)."""
    out = []
    for r in records(user, finished_only=True):
        e, plan = r.experiment, r.result.as_planned
        components = [
            _component(system, "experiment-change", "Change tested (B)", {"valueString": r.change}),
            _component(system, "experiment-outcome", "Outcome", {"valueString": r.outcome_label}),
            _component(
                system,
                "experiment-design",
                "Design",
                {
                    "valueString": (
                        f"{e.registration['pairs']} pairs of {e.registration['block_days']}-day "
                        "blocks, A/B order randomised within each pair"
                        + (", washout day between blocks" if e.registration["washout"] else "")
                    )
                },
            ),
            _component(system, "experiment-method", "Analysis", {"valueString": r.result.method}),
            _component(
                system,
                "experiment-stopped-early",
                "Stopped early",
                {"valueBoolean": r.result.stopped_early},
            ),
        ]
        if plan.effect is not None:
            kind = "Rate ratio B vs A" if r.result.effect_kind == "rate_ratio" else "Difference"
            components.append(
                _component(
                    system,
                    "experiment-effect",
                    kind,
                    {
                        "valueQuantity": {"value": round(plan.effect, 4)},
                        "referenceRange": [
                            {
                                "low": {"value": round(plan.ci_low or 0, 4)},
                                "high": {"value": round(plan.ci_high or 0, 4)},
                                "text": "95% interval",
                            }
                        ],
                    },
                )
            )
        if r.result.adherence is not None:
            components.append(
                _component(
                    system,
                    "experiment-adherence",
                    "Days kept to the plan",
                    {"valueQuantity": {"value": round(100 * r.result.adherence, 1), "unit": "%"}},
                )
            )
        out.append(
            {
                "resourceType": "Observation",
                "id": f"experiment-{e.pk}",
                "status": "final",
                "code": {
                    "coding": [
                        {"system": system, "code": "self-experiment", "display": "Self-experiment"}
                    ]
                },
                "subject": subject,
                "effectivePeriod": {
                    "start": e.start_date.isoformat(),
                    # A test stopped on its first day has no day of its own: never an end
                    # before the start.
                    "end": max(e.last_day, e.start_date).isoformat(),
                },
                "valueString": r.verdict_label,
                "component": components,
            }
        )
    return out

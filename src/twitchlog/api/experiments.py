"""Self-experiments over the API: plan, register, follow (kept days, stop) and read results.

A registered plan is frozen: ``PATCH`` changes only the reminder time, and a request to change
anything else is refused with 409 and nothing changed.
"""

import datetime as dt
import json
from typing import Any

from ninja import Router, Schema, Status

from twitchlog.accounts.types import AuthedRequest
from twitchlog.api.problems import ProblemOut
from twitchlog.experiments import services
from twitchlog.experiments.access import get_experiment_for_user
from twitchlog.experiments.models import Experiment

router = Router(tags=["experiments"])


class AdviceIn(Schema):
    outcome: str = "twitch_count"
    effect: str = "0.5"
    block_days: int = 7
    washout: bool = False


class PlanIn(AdviceIn):
    change: str
    custom_label: str = ""
    pairs: int | None = None
    start_date: dt.date
    reminder_time: dt.time | None = None


class ReminderIn(Schema):
    reminder_time: dt.time | None = None


class KeptIn(Schema):
    date: dt.date
    kept: bool


def _out(experiment: Experiment) -> dict[str, Any]:
    today = services.today_for(experiment.user)
    return {
        "id": experiment.pk,
        "state": services.state(experiment, today),
        "change": experiment.registration["change"],
        "registration": experiment.registration,
        "start_date": experiment.start_date.isoformat(),
        "end_date": experiment.end_date.isoformat(),
        "stopped_on": experiment.stopped_on.isoformat() if experiment.stopped_on else None,
        "today": services.condition_today(experiment, today) or None,
        "reminder_time": experiment.reminder_time.isoformat() if experiment.reminder_time else None,
        "kept_days": [
            {"date": k.local_date.isoformat(), "kept": k.kept} for k in experiment.kept_days.all()
        ],
    }


@router.get("/", url_name="experiments", summary="Your experiments")
def list_experiments(request: AuthedRequest) -> list[dict[str, Any]]:
    return [_out(e) for e in services.history(request.user)]


@router.post(
    "/advice",
    response={200: dict[str, Any], 422: ProblemOut},
    url_name="experiments_advice",
    summary="How long a test needs to be",
    description=(
        "The expected power of each length (2–6 pairs of blocks) for the effect you care "
        "about (`effect`: `0.5`, `0.67` or `0.75` as a rate ratio for `twitch_count`; `-1` "
        "or `-2` points for `twitch_severity`), from your own diary; nothing is stored."
    ),
)
def advice(request: AuthedRequest, data: AdviceIn) -> Any:
    found = services.advise(request.user, data.outcome, data.effect, data.block_days, data.washout)
    return {
        "suggested_pairs": found.pairs,
        "enough": found.enough,
        "spread_from_diary": found.spread_from_diary,
        "options": [{"pairs": o.pairs, "days": o.days, "power": o.power} for o in found.options],
    }


@router.post(
    "/",
    response={201: dict[str, Any], 422: ProblemOut},
    url_name="experiments",
    summary="Register a test",
    description=(
        "Registers (freezes) the plan and makes the randomised schedule. `change` is a preset "
        "key or `custom` with `custom_label`; without `pairs` the suggested length is used."
    ),
)
def create(request: AuthedRequest, data: PlanIn) -> Any:
    pairs = (
        data.pairs
        or services.advise(
            request.user, data.outcome, data.effect, data.block_days, data.washout
        ).pairs
    )
    plan = services.PlanInput(
        change_key=data.change,
        custom_label=data.custom_label,
        outcome=data.outcome,
        effect_choice=data.effect,
        block_days=data.block_days,
        pairs=pairs,
        washout=data.washout,
        start_date=data.start_date,
        reminder_time=data.reminder_time,
    )
    return Status(201, _out(services.register(request.user, plan)))


@router.get("/{experiment_id}", url_name="experiment", summary="One experiment")
def get(request: AuthedRequest, experiment_id: int) -> dict[str, Any]:
    return _out(get_experiment_for_user(request.user, experiment_id))


@router.patch(
    "/{experiment_id}",
    response={200: dict[str, Any], 409: ProblemOut},
    url_name="experiment",
    summary="Change the reminder time",
    description="Only `reminder_time` can change; the registered plan is refused with 409.",
)
def update(request: AuthedRequest, experiment_id: int, data: ReminderIn) -> Any:
    experiment = get_experiment_for_user(request.user, experiment_id)
    # The schema reads only the reminder; any other key sent is an attempt to change the plan.
    sent = json.loads(request.body or b"{}")
    others = set(sent if isinstance(sent, dict) else {}) - {"reminder_time"}
    if others:
        return Status(
            409,
            ProblemOut(
                detail=f"The registered plan cannot be changed ({', '.join(sorted(others))})."
            ),
        )
    if "reminder_time" in data.model_fields_set:
        services.set_reminder(request.user, experiment, data.reminder_time)
    return _out(experiment)


@router.post(
    "/{experiment_id}/kept",
    response={200: dict[str, Any], 422: ProblemOut},
    url_name="experiment_kept",
    summary="Kept to the plan that day?",
)
def kept(request: AuthedRequest, experiment_id: int, data: KeptIn) -> Any:
    experiment = get_experiment_for_user(request.user, experiment_id)
    services.mark_kept(request.user, experiment, data.date, data.kept)
    return _out(experiment)


@router.post(
    "/{experiment_id}/stop",
    url_name="experiment_stop",
    summary="Stop early",
    description="Recorded and reported with the result, which can then never be 'likely helps'.",
)
def stop(request: AuthedRequest, experiment_id: int) -> dict[str, Any]:
    experiment = get_experiment_for_user(request.user, experiment_id)
    services.stop(request.user, experiment)
    return _out(experiment)


@router.get(
    "/{experiment_id}/result",
    url_name="experiment_result",
    summary="The result",
    description=(
        "The registered analysis over the days so far, in the JSON of `twitchlog experiment "
        "analyze` (`effect`, `ci_low`, `ci_high`, `p_value`, `adherence`, `verdict`, ...), "
        "plus `final` (false while the test runs) and the registered plan."
    ),
)
def result(request: AuthedRequest, experiment_id: int) -> dict[str, Any]:
    experiment = get_experiment_for_user(request.user, experiment_id)
    state = services.state(experiment, services.today_for(request.user))
    return {
        **services.result(experiment).to_dict(),
        "final": state in ("stopped", "finished"),
        "registration": experiment.registration,
    }

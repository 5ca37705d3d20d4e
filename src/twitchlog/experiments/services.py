"""Self-experiments: planning, registering, following and reading them.

Every state change is here and writes the audit log (ids and field names only). A plan is
registered — frozen — when it is made; afterwards only stopping early, the answers to "kept
to the plan today?" and the reminder time change.
"""

import datetime as dt
import math
import random
from dataclasses import dataclass, replace
from functools import cache

import numpy as np
import pandas as pd
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from twitchlog.accounts.models import User
from twitchlog.core import audit, sql
from twitchlog.core.timezones import local_date, local_now
from twitchlog.diary.daily import daily_frame
from twitchlog.experiments import design, wording
from twitchlog.experiments.analysis import METHOD, METHOD_WITHOUT_DIARY, Result, analyze
from twitchlog.experiments.changes import CHANGES_BY_KEY, CUSTOM, EFFECT_CHOICES
from twitchlog.experiments.models import Experiment, KeptDay

HISTORY_DAYS = 90
LATEST_START = dt.timedelta(days=60)
LABEL_MAX_LENGTH = 80


class ExperimentInputError(ValueError):
    """A plan or answer that cannot be accepted; the message says why in plain words."""


def today_for(user: User) -> dt.date:
    return local_now(user.time_zone).date()


def _history(user: User, outcome: str, before: dt.date) -> np.ndarray:
    """The outcome per calendar day over the HISTORY_DAYS before ``before`` (NaN = not
    logged)."""
    start = before - dt.timedelta(days=HISTORY_DAYS)
    frame = daily_frame(user, start, before - dt.timedelta(days=1))
    calendar = pd.date_range(start, before - dt.timedelta(days=1), freq="D")
    series = pd.Series(frame[outcome].to_numpy(), index=frame["date"]).reindex(calendar)
    return series.to_numpy(dtype=float)


def target_effect(outcome: str, choice: str) -> float:
    """The effect size of interest on the analysis's scale (log rate ratio, or points)."""
    allowed = {value for value, _ in EFFECT_CHOICES.get(outcome, ())}
    if choice not in allowed:
        raise ExperimentInputError("Choose how big a difference the test should be able to see.")
    value = float(choice)
    return math.log(value) if outcome == "twitch_count" else value


def advise(
    user: User,
    outcome: str,
    effect_choice: str,
    block_days: int,
    washout: bool,
    *,
    on: dt.date | None = None,
) -> design.LengthAdvice:
    """How long a test needs to be for this person, from their own diary before ``on``
    (default today)."""
    _check_design(outcome, block_days)
    effect = target_effect(outcome, effect_choice)
    history = _history(user, outcome, on or today_for(user))
    return design.advise_length(history, outcome, effect, block_days, washout)


def _check_design(outcome: str, block_days: int) -> None:
    if outcome not in EFFECT_CHOICES:
        raise ExperimentInputError("Choose what to measure: twitches logged or the 0–10 rating.")
    if block_days not in design.BLOCK_DAYS:
        raise ExperimentInputError("Blocks last 5, 6 or 7 days.")


@dataclass(frozen=True)
class PlanInput:
    change_key: str
    custom_label: str
    outcome: str
    effect_choice: str
    block_days: int
    pairs: int
    washout: bool
    start_date: dt.date
    reminder_time: dt.time | None = None


def _change(plan: PlanInput) -> dict[str, str]:
    if plan.change_key == CUSTOM:
        label = " ".join(plan.custom_label.split())
        if not label:
            raise ExperimentInputError("Say in a few words what you will change.")
        if len(label) > LABEL_MAX_LENGTH:
            raise ExperimentInputError(f"Keep the change under {LABEL_MAX_LENGTH} characters.")
        return {"key": CUSTOM, "label": label, "factor": ""}
    change = CHANGES_BY_KEY.get(plan.change_key)
    if change is None:
        raise ExperimentInputError("Choose a change to test, or describe your own.")
    return {"key": change.key, "label": change.label, "factor": change.factor}


def register(
    user: User,
    plan: PlanInput,
    *,
    allow_past_start: bool = False,
    seed: int | None = None,
    registered_at: dt.datetime | None = None,
) -> Experiment:
    """Freeze the plan and make the schedule. ``allow_past_start`` is for tests only.
    ``registered_at`` is for demo data only: a test that ran in the past is registered as
    it would have been, at that moment and from the diary before it, so its page does not
    say it was fixed after the fact; the start must then come on or after that day."""
    _check_design(plan.outcome, plan.block_days)
    change = _change(plan)
    if not design.MIN_PAIRS <= plan.pairs <= design.MAX_PAIRS:
        raise ExperimentInputError("A test has 2 to 6 pairs of blocks.")
    now = registered_at.astimezone(dt.UTC) if registered_at else timezone.now()
    today = local_date(now, user.time_zone)
    if plan.start_date < today and not allow_past_start:
        raise ExperimentInputError("A test starts today or later, so the plan comes first.")
    if plan.start_date > today + LATEST_START:
        raise ExperimentInputError("Start within the next 60 days.")
    advice = advise(user, plan.outcome, plan.effect_choice, plan.block_days, plan.washout, on=today)
    blocks = design.make_schedule(
        plan.start_date, plan.pairs, plan.block_days, plan.washout, random.Random(seed)
    )
    power = next(o.power for o in advice.options if o.pairs == plan.pairs)
    registration = {
        "change": change,
        "outcome": plan.outcome,
        "effect_choice": plan.effect_choice,
        "effect_of_interest": target_effect(plan.outcome, plan.effect_choice),
        "block_days": plan.block_days,
        "pairs": plan.pairs,
        "washout": plan.washout,
        "blocks": [
            {
                "index": b.index,
                "condition": b.condition,
                "start": b.start.isoformat(),
                "end": b.end.isoformat(),
            }
            for b in blocks
        ],
        "expected_power": round(power, 3),
        "spread": round(advice.spread, 4),
        "spread_from_diary": advice.spread_from_diary,
        "method": METHOD,
        "registered_at": now.isoformat(),
    }
    with transaction.atomic():
        overlapping = Experiment.objects.select_for_update().filter(
            user=user, start_date__lte=blocks[-1].end, end_date__gte=plan.start_date
        )
        if any(e.stopped_on is None or e.stopped_on > plan.start_date for e in overlapping):
            raise ExperimentInputError(
                "Another test runs on some of these days; one test at a time keeps each fair."
            )
        experiment = Experiment.objects.create(
            user=user,
            registration=registration,
            registered_at=now,
            start_date=plan.start_date,
            end_date=blocks[-1].end,
            reminder_time=plan.reminder_time,
        )
        audit.log(user, "experiment.registered", experiment, pairs=plan.pairs)
    return experiment


def stop(user: User, experiment: Experiment) -> bool:
    """Stop a test early (once); recorded and reported with the result. False if it had
    already ended or been stopped."""
    today = today_for(user)
    if experiment.end_date < today:
        return False
    with transaction.atomic():
        stopped = Experiment.objects.filter(pk=experiment.pk, stopped_at__isnull=True).update(
            stopped_at=timezone.now(), stopped_on=today
        )
        if stopped:
            audit.log(user, "experiment.stopped", experiment)
    experiment.refresh_from_db()
    return bool(stopped)


def is_running(experiment: Experiment, day: dt.date) -> bool:
    return experiment.start_date <= day <= experiment.last_day


def condition_today(experiment: Experiment, day: dt.date) -> str:
    """ "A", "B", "" (a washout day), or "" outside the test."""
    if not is_running(experiment, day):
        return ""
    return design.condition_on(experiment.blocks, day)


def mark_kept(user: User, experiment: Experiment, day: dt.date, kept: bool) -> KeptDay:
    """Answer "kept to the plan?" for one day of the test (today or before)."""
    if day > today_for(user):
        raise ExperimentInputError("You can answer for today or earlier days, not ahead.")
    if condition_today(experiment, day) == "":
        raise ExperimentInputError("That day is not a day of this test.")
    try:
        with transaction.atomic():
            answer, _ = KeptDay.objects.update_or_create(
                experiment=experiment, local_date=day, defaults={"kept": kept}
            )
    except IntegrityError:  # two taps at once: the other one stored the row
        answer = KeptDay.objects.get(experiment=experiment, local_date=day)
        answer.kept = kept
        answer.save(update_fields=["kept", "answered_at"])
    audit.log(user, "experiment.kept_answered", experiment)
    return answer


def set_reminder(user: User, experiment: Experiment, at: dt.time | None) -> None:
    """The daily reminder time (None: no reminder). Not part of the registered plan."""
    experiment.reminder_time = at
    experiment.save(update_fields=["reminder_time"])
    audit.log(user, "experiment.reminder_set", experiment, on=at is not None)


def table(experiment: Experiment, upto: dt.date, frame: pd.DataFrame | None = None) -> pd.DataFrame:
    """The test's days up to ``upto``: ``date``, ``block``, ``condition``, ``adhered``,
    ``y`` (the registered outcome from the diary; NaN when not logged). ``frame``: the
    person's daily frame over those days when already read."""
    last = min(experiment.last_day, upto)
    blocks = [b for b in experiment.blocks if b.start <= last]
    kept = {k.local_date: k.kept for k in experiment.kept_days.all()}
    if frame is None:
        frame = daily_frame(experiment.user, experiment.start_date, last)
    logged = dict(zip(frame["date"].dt.date, frame[experiment.outcome], strict=True))
    rows = []
    for block in blocks:
        day = block.start
        while day <= min(block.end, last):
            answer = kept.get(day)
            rows.append(
                {
                    "date": pd.Timestamp(day),
                    "block": block.index,
                    "condition": block.condition,
                    "adhered": np.nan if answer is None else float(answer),
                    "y": logged.get(day, np.nan),
                }
            )
            day += dt.timedelta(days=1)
    return pd.DataFrame(rows, columns=["date", "block", "condition", "adhered", "y"])


def result(experiment: Experiment) -> Result:
    """The registered analysis over the days so far (today left out until the test ends,
    as today's diary is not complete). A test registered before the diary's blocks joined
    the spread keeps the method it was registered with."""
    today = today_for(experiment.user)
    upto = experiment.last_day if experiment.last_day < today else today - dt.timedelta(days=1)
    stopped = experiment.stopped_on is not None and experiment.stopped_on <= experiment.end_date
    # The difference that matters to the person, registered with the plan: an interval
    # wholly within it rules such a change out; one that reaches it could not tell.
    meaningful = float(experiment.registration["effect_of_interest"])
    if experiment.registration.get("method") == METHOD_WITHOUT_DIARY:
        days = table(experiment, upto)
        found = analyze(days, experiment.outcome, stopped_early=stopped, meaningful=meaningful)
        return replace(found, method=METHOD_WITHOUT_DIARY)
    # One read of the diary for the weeks before the test and the test's days.
    first = experiment.start_date - dt.timedelta(days=design.DIARY_BEFORE_DAYS)
    last = max(min(experiment.last_day, upto), experiment.start_date - dt.timedelta(days=1))
    frame = daily_frame(experiment.user, first, last)
    calendar = pd.date_range(first, experiment.start_date - dt.timedelta(days=1), freq="D")
    series = pd.Series(frame[experiment.outcome].to_numpy(), index=frame["date"])
    before = series.reindex(calendar).to_numpy(dtype=float)
    days = table(experiment, upto, frame[frame["date"] >= pd.Timestamp(experiment.start_date)])
    return analyze(
        days, experiment.outcome, stopped_early=stopped, before=before, meaningful=meaningful
    )


def answers_left_out(experiment: Experiment) -> tuple[tuple[dt.date, bool], ...]:
    """Answers to "kept to the plan?" given on a day the result does not cover: the day a
    test was stopped. They are kept, and the result says so."""
    return tuple(
        (k.local_date, k.kept)
        for k in experiment.kept_days.all()
        if k.local_date > experiment.last_day
    )


def period(experiment: Experiment) -> str:
    """When the test ran, with the day it was stopped rather than its planned end."""
    return wording.period(experiment.start_date, experiment.end_date, experiment.stopped_on)


def state(experiment: Experiment, today: dt.date) -> str:
    """ "waiting", "running", "stopped" or "finished"."""
    if experiment.stopped_on is not None:
        return "stopped"
    if today < experiment.start_date:
        return "waiting"
    return "running" if today <= experiment.end_date else "finished"


@cache
def _in_dates_sql() -> str:
    q = connection.ops.quote_name
    table, pk, user = q(Experiment._meta.db_table), q("id"), q("user_id")
    start, end = q("start_date"), q("end_date")
    # Only the table's and columns' names go into the text; the values are parameters.
    return (
        f"SELECT {sql.columns(Experiment)} FROM {table}"  # noqa: S608
        f" WHERE {user} = %s AND {start} <= %s AND {end} >= %s"
        f" ORDER BY {start} DESC, {pk} DESC"
    )


def current(user: User) -> Experiment | None:
    """The test running today, if any.

    On every home page, so the query is written out: it is ``Experiment.objects.filter(
    user=user, start_date__lte=today, end_date__gte=today)``, whose building in the ORM cost
    several times running it."""
    today = today_for(user)
    day = connection.ops.adapt_datefield_value(today)
    for experiment in sql.instances(Experiment, _in_dates_sql(), [user.pk, day, day]):
        if is_running(experiment, today):
            return experiment
    return None


def history(user: User) -> list[Experiment]:
    return list(Experiment.objects.filter(user=user).prefetch_related("kept_days"))

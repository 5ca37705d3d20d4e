"""Makers for experiments, shared by the tests and the access probes."""

import datetime as dt

from twitchlog.accounts.models import User
from twitchlog.experiments import services
from twitchlog.experiments.models import Experiment


def plan(start: dt.date, **changes: object) -> services.PlanInput:
    fields: dict[str, object] = {
        "change_key": "no-caffeine-after-noon",
        "custom_label": "",
        "outcome": "twitch_count",
        "effect_choice": "0.5",
        "block_days": 7,
        "pairs": 2,
        "washout": False,
        "start_date": start,
        "reminder_time": None,
    }
    fields.update(changes)
    return services.PlanInput(**fields)  # type: ignore[arg-type]


def make_experiment(user: User, days_ago: int = 3, seed: int = 1, **changes: object) -> Experiment:
    """A registered test that started ``days_ago`` days ago (0: today)."""
    start = services.today_for(user) - dt.timedelta(days=days_ago)
    return services.register(user, plan(start, **changes), allow_past_start=True, seed=seed)

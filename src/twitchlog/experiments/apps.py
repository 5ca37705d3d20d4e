from typing import Any, cast

from django.apps import AppConfig
from django.http import HttpRequest


def home_panel(request: HttpRequest) -> dict[str, Any] | None:
    """Today's condition of a running test, with the one-tap "kept to the plan today?"."""
    from twitchlog.accounts.models import User
    from twitchlog.experiments import presenting, services

    user = cast(User, request.user)
    experiment = services.current(user)
    if experiment is None:
        return None
    today = services.today_for(user)
    return {
        "experiment": experiment,
        "today": today,
        "words": presenting.condition_words(experiment, today),
        "ask": services.condition_today(experiment, today) != "",
        "answered": experiment.kept_days.filter(local_date=today).exists(),
    }


class ExperimentsConfig(AppConfig):
    name = "twitchlog.experiments"
    label = "experiments"
    verbose_name = "Experiments"

    def ready(self) -> None:
        from twitchlog.core import registry

        registry.add_nav_link("Experiments", "experiments:index", 45, "/experiments/")
        registry.add_home_panel("experiments", "experiments/_home_panel.html", 15, home_panel)

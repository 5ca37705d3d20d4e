"""The one lookup of an experiment on behalf of a person: anything not theirs is a 404."""

from typing import Any

from twitchlog.core.access import get_owned_or_404
from twitchlog.experiments.models import Experiment


def get_experiment_for_user(user: Any, pk: Any) -> Experiment:
    return get_owned_or_404(Experiment.objects.all(), user, pk=pk)

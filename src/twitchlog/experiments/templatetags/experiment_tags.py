"""Lines for other pages: today's "kept to the plan?" on the check-in, "test it" on insights."""

from typing import Any

from django import template

from twitchlog.experiments import presenting, services
from twitchlog.experiments.changes import change_for_factor

register = template.Library()


@register.inclusion_tag("experiments/_kept_link.html", takes_context=True)
def experiment_kept_link(context: Any) -> dict[str, Any]:
    user = context["request"].user
    experiment = services.current(user) if user.is_authenticated else None
    if experiment is None:
        return {}
    today = services.today_for(user)
    if services.condition_today(experiment, today) == "":
        return {}
    return {"experiment": experiment, "words": presenting.condition_words(experiment, today)}


@register.inclusion_tag("experiments/_test_it_link.html")
def experiment_test_it_link(factor: str) -> dict[str, Any]:
    """A link to plan a test of the change that belongs to a diary factor, if there is one."""
    change = change_for_factor(factor)
    return {"change": change}

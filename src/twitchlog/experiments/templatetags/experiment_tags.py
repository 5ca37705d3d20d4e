"""A line for other pages (the check-in) pointing to today's "kept to the plan?" answer."""

from typing import Any

from django import template

from twitchlog.experiments import presenting, services

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

from typing import Any, cast

from django.apps import AppConfig
from django.http import HttpRequest


def home_panel(request: HttpRequest) -> dict[str, Any] | None:
    """The strongest driver found so far, or how many more days until the first look."""
    from twitchlog.accounts.models import User
    from twitchlog.diary import versions
    from twitchlog.insights import presenting, services

    user = cast(User, request.user)

    def worked_out(version: int) -> presenting.Page:
        current = services.current_report(user, "twitch_count")
        return presenting.page(current.stored.report, services.custom_labels(user))

    # The report and the names of the person's own factors both follow the diary version.
    page = versions.remembered(user, ("insights-home",), worked_out)
    if page.days_used == 0:
        return None
    return {"page": page, "top": page.drivers[:2]}


class InsightsConfig(AppConfig):
    name = "twitchlog.insights"
    label = "insights"
    verbose_name = "Insights"

    def ready(self) -> None:
        from twitchlog.core import registry
        from twitchlog.core.warmup import add_warm_up

        add_warm_up("twitchlog.insights.engine")
        registry.add_nav_link("Insights", "insights:index", 40, "/insights/")
        registry.add_home_panel("insights", "insights/_home_panel.html", 40, home_panel)

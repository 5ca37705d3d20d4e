import datetime as dt
from typing import Any

from django.apps import AppConfig
from django.http import HttpRequest
from django.utils import timezone

# How long before the home page suggests taking the GAD-7 again.
RETAKE_AFTER = dt.timedelta(days=28)


def home_panel(request: HttpRequest) -> dict[str, Any] | None:
    """Latest results, and one gentle suggestion of what to take next."""
    from twitchlog.assessments import services
    from twitchlog.assessments.instruments import INSTRUMENTS

    if not request.user.is_authenticated:
        return None
    results = services.latest_results(request.user)
    by_slug = {r.instrument: r for r in results}
    suggestion = None
    gad7 = by_slug.get("gad7")
    if gad7 is None:
        suggestion = {
            "instrument": INSTRUMENTS["gad7"],
            "text": "A good place to start is the GAD-7: seven questions about anxiety, about a "
            "minute. It shows how much anxiety may be behind the twitching.",
        }
    elif timezone.now() - gad7.taken_at > RETAKE_AFTER:
        suggestion = {
            "instrument": INSTRUMENTS["gad7"],
            "text": "It has been a few weeks since your last GAD-7. Taking it again shows how "
            "things are changing.",
        }
    elif "hyperstim" not in by_slug:
        suggestion = {
            "instrument": INSTRUMENTS["hyperstim"],
            "text": "The stress build-up checklist looks at body signs of stress that has not "
            "switched off. It is our own checklist, not a validated test, but handy for following "
            "your own change over time.",
        }
    return {"results": results, "suggestion": suggestion}


class AssessmentsConfig(AppConfig):
    name = "twitchlog.assessments"
    label = "assessments"
    verbose_name = "Tests"

    def ready(self) -> None:
        from twitchlog.core import registry

        registry.add_nav_link("Tests", "assessments:index", 30, "/tests/")
        registry.add_home_panel("assessments", "assessments/_home_panel.html", 30, home_panel)

from typing import Any

from django.http import HttpRequest

from twitchlog.knowledge.care import care_for


def care(request: HttpRequest) -> dict[str, Any]:
    """Where this person turns for help (emergency number, "GP" or "doctor"), for every page."""
    user = getattr(request, "user", None)
    country = getattr(user, "country", "")
    return {"care": care_for(country)}

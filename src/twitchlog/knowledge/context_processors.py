from typing import Any

from django.http import HttpRequest

from twitchlog.knowledge.care import care_for
from twitchlog.knowledge.symptom import DISCLAIMER


def care(request: HttpRequest) -> dict[str, Any]:
    """Where this person turns for help (emergency number, "GP" or "doctor"), and the
    disclaimer every page ends with."""
    user = getattr(request, "user", None)
    country = getattr(user, "country", "")
    return {"care": care_for(country), "disclaimer": DISCLAIMER}

"""What the diary adds to a person's home page."""

import datetime as dt
import uuid
from typing import Any, cast

from django.http import HttpRequest
from django.utils import timezone

from twitchlog.accounts.models import User
from twitchlog.diary import services, versions
from twitchlog.diary.forms import DailyRatingForm
from twitchlog.diary.models import CheckIn, Episode
from twitchlog.knowledge.care import care_for
from twitchlog.knowledge.red_flags import RED_FLAGS_BY_KEY, grouped


def red_flag_advice(user: User) -> dict[str, Any] | None:
    """Warning signs ticked and not yet dismissed, grouped by how soon to get help."""

    def worked_out(version: int) -> dict[str, Any] | None:
        notes = services.active_red_flags(user)
        flags = [RED_FLAGS_BY_KEY[note.key] for note in notes if note.key in RED_FLAGS_BY_KEY]
        if not flags:
            return None
        return {"groups": grouped(flags, care_for(user.country))}

    # Warning-sign notes move the diary version on (versions.WATCHED); the country picks
    # the care lines.
    return versions.remembered(user, ("red-flags", user.country), worked_out)


def red_flags(request: HttpRequest) -> dict[str, Any] | None:
    return red_flag_advice(cast(User, request.user))


# How long an account counts as new: the welcome note shows for its first weeks.
NEW_FOR = dt.timedelta(days=30)


def start(request: HttpRequest) -> dict[str, Any] | None:
    """For a new account: the guide on the fear of ALS/MND first, and that logging less is
    fine. Left out once the account is older than NEW_FOR."""
    user = cast(User, request.user)
    return {} if timezone.now() - user.date_joined < NEW_FOR else None


def quick_log(request: HttpRequest) -> dict[str, Any] | None:
    """The body map to log a twitch from home, today's count and the check-in prompt; in the
    "log less" mode, only today's one rating."""
    user = cast(User, request.user)
    today = services.today_for(user)

    def so_far(version: int) -> dict[str, Any]:
        if services.preferences_for(user).log_less:
            checkin = CheckIn.objects.filter(user=user, local_date=today).first()
            return {"log_less": True, "rating": checkin.twitch_rating if checkin else None}
        return {
            "count": Episode.objects.filter(user=user, local_date=today).count(),
            "checked_in": CheckIn.objects.filter(user=user, local_date=today).exists(),
            "last": services.last_episode(user),
        }

    # The diary settings and today's entries move the diary version on: worked out again only
    # after a write.
    found = versions.remembered(user, ("quick-log", today), so_far)
    if found.get("log_less"):
        form = DailyRatingForm(initial={"twitch_rating": found["rating"]})
        return {**found, "today": today, "form": form, "next": request.path}
    return {**found, "today": today, "client_id": uuid.uuid4(), "next": request.path}

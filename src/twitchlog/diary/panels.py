"""What the diary adds to a person's home page."""

import datetime as dt
import uuid
from typing import Any, cast

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

from twitchlog.accounts.models import User
from twitchlog.core.context_processors import page_token
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


# Stand-ins in the quick-log panel's remembered markup for what must be new on every page:
# the CSRF token (masked afresh for each page), the client_id that makes a tap on "Same as
# last time" count once however often it is sent, and the body map (the same for everyone,
# too big to keep a copy of for each person).
_TOKEN, _CLIENT_ID, _MAP = "stand-in-csrf-token", "stand-in-client-id", "stand-in-body-map"


# The quick map's markup for each page it returns to (home's address): the same for everyone.
_maps: dict[str, str] = {}


def _quick_map(back: str) -> str:
    made = _maps.get(back)
    if made is None:
        made = render_to_string("diary/_quick_map.html", {"next": back})
        if len(_maps) < 16:  # home's address, with or without a script prefix
            _maps[back] = made
    return made


def quick_log(request: HttpRequest) -> dict[str, Any] | None:
    """The body map to log a twitch from home, today's count and the check-in prompt; in the
    "log less" mode, only today's one rating."""
    user = cast(User, request.user)
    today = services.today_for(user)

    def markup(version: int) -> str:
        panel: dict[str, Any] = {"today": today, "next": request.path}
        if services.preferences_for(user).log_less:
            checkin = CheckIn.objects.filter(user=user, local_date=today).first()
            rating = checkin.twitch_rating if checkin else None
            form = DailyRatingForm(initial={"twitch_rating": rating})
            panel.update(log_less=True, rating=rating, form=form)
        else:
            panel.update(
                count=Episode.objects.filter(user=user, local_date=today).count(),
                checked_in=CheckIn.objects.filter(user=user, local_date=today).exists(),
                last=services.last_episode(user),
                client_id=_CLIENT_ID,
                map=_MAP,
            )
        context = {"panel": panel, "csrf_token": _TOKEN}
        return render_to_string("diary/panels/_quick_log_markup.html", context)

    # The diary settings and today's entries move the diary version on: the markup is made
    # again only after a write (0.27 of home's 1.4 ms of CPU when it was made every time).
    made = versions.remembered(user, ("quick-log", today, request.path), markup)
    if _MAP in made:
        made = made.replace(_MAP, _quick_map(request.path))
    if _TOKEN in made:  # not without a twitch to repeat: the map's form sends no token
        made = made.replace(_TOKEN, page_token(request))
    made = made.replace(_CLIENT_ID, str(uuid.uuid4()))
    return {"markup": mark_safe(made)}  # made by the template above

"""Logging and changing diary entries: episodes, check-ins, stress events, red flags."""

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, cast
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from twitchlog.accounts.models import User
from twitchlog.accounts.types import AuthedRequest
from twitchlog.core.navigation import safe_next
from twitchlog.core.timezones import zone
from twitchlog.diary import services
from twitchlog.diary.access import (
    get_checkin_for_date,
    get_episode_for_user,
    get_stress_event_for_user,
)
from twitchlog.diary.checkin_form import CheckInForm, checkin_initial
from twitchlog.diary.columns import DiaryInputError, EmptyCheckIn
from twitchlog.diary.forms import (
    DailyRatingForm,
    EpisodeForm,
    RedFlagsForm,
    StressEventForm,
    show_refusal,
    spot_initial,
)
from twitchlog.diary.models import CheckIn, CustomFactor
from twitchlog.diary.spots import spot_groups, spot_label
from twitchlog.knowledge.alcohol import measure_for


def next_url(request: HttpRequest, default: str) -> str:
    """Where to go after saving: a local ``next`` if one was given, else ``default``."""
    return safe_next(request) or default


def posted(request: HttpRequest) -> Any:
    """The form data of a POST, even an empty one (``request.POST or None`` drops those)."""
    return request.POST if request.method == "POST" else None


def day_url(day: dt.date) -> str:
    return reverse("diary:day", args=[day])


def confirm_delete(
    request: HttpRequest, what: str, delete: Callable[[], None], back: str, done: str
) -> HttpResponse:
    """Ask once, then delete.

    With JavaScript the delete button's ``data-confirm`` dialog asks and diary.js marks the
    form as confirmed; without it the first POST (or a GET) lands on this confirmation page.
    """
    if request.method == "POST" and request.POST.get("confirmed") == "1":
        delete()
        messages.success(request, f"{what} is deleted.")
        return redirect(done)
    return render(request, "diary/confirm_delete.html", {"what": what, "back": back})


# --- Episodes ------------------------------------------------------------------------------


@login_required
def log(request: AuthedRequest) -> HttpResponse:
    """Log a twitch: tap a spot on the map (a GET), then what it felt like, then Save."""
    user = request.user
    back = next_url(request, reverse("diary:today"))
    if request.method == "POST" and request.POST.get("step") == "details":
        form = EpisodeForm(request.POST)
        if form.is_valid():
            try:
                services.log_episode(
                    user,
                    client_id=form.cleaned_data["client_id"],
                    also_noticed=form.cleaned_data["also_noticed"],
                    **form.details(),
                )
            except DiaryInputError as error:
                show_refusal(form, error)
            else:
                messages.success(request, "Your twitch is logged.")
                return redirect(back)
        return _log_page(request, form, back)
    if request.method == "POST":
        # A page from before tapping became a link: show the same step at its own address, so
        # Back and reload never ask to send a form again.
        query = urlencode({"spot": request.POST.get("spot", ""), "next": back})
        return redirect(f"{reverse('diary:log')}?{query}")
    initial = spot_initial(request.GET.get("spot", ""))
    if initial is None:
        context = {"next": back, "spot_groups": spot_groups()}
        return render(request, "diary/log_where.html", context)
    return _log_page(request, EpisodeForm(initial=initial), back)


def _log_page(request: HttpRequest, form: EpisodeForm, back: str) -> HttpResponse:
    first_step = {"sensation", "client_id"}
    context = {
        "form": form,
        "next": back,
        "ask_red_flags": services.asks_about_red_flags(cast(User, request.user)),
        "place": spot_label(str(form["region"].value()), str(form["side"].value())),
        "details_open": bool(set(form.errors) - first_step),
    }
    return render(request, "diary/log.html", context)


@login_required
@require_POST
def repeat(request: AuthedRequest) -> HttpResponse:
    """ "Same as last time", in one tap."""
    try:
        client_id = uuid.UUID(request.POST.get("client_id", ""))
    except ValueError:
        client_id = None
    episode = services.repeat_last_episode(request.user, client_id=client_id)
    if episode is None:
        messages.warning(request, "There is no earlier twitch to repeat yet.")
    else:
        messages.success(request, "Logged the same as last time.")
    return redirect(next_url(request, reverse("diary:today")))


@dataclass(frozen=True)
class TimedKind:
    """What differs between a twitch episode's and a stress moment's pages: the one pair of
    views below (change, delete) serves both, so a rule changed for one holds for the other."""

    find: Callable[[Any, int], Any]
    form_class: type[EpisodeForm] | type[StressEventForm]
    update: Callable[[Any, Any, dict[str, Any]], Any]
    delete: Callable[[Any, Any], None]
    template: str
    name: str  # what the template calls the entry
    what: str  # how the confirmation names it
    url_name: str


def timed_views(
    kind: TimedKind,
) -> tuple[Callable[..., HttpResponse], Callable[..., HttpResponse]]:
    """The change and delete views of one kind of timed entry."""

    @login_required
    def change(request: AuthedRequest, pk: int) -> HttpResponse:
        """Change the entry; its time is read and shown in its own zone."""
        found = kind.find(request.user, pk)
        with timezone.override(zone(found.time_zone)):
            form = kind.form_class(posted(request), instance=found, editing=True)
            if request.method == "POST" and form.is_valid():
                changes = {name: form.cleaned_data[name] for name in form.FIELDS}
                try:
                    kind.update(request.user, found, changes)
                except DiaryInputError as error:
                    show_refusal(form, error)
                else:
                    messages.success(request, "Your changes are saved.")
                    return redirect(day_url(found.local_date))
            return render(request, kind.template, {"form": form, kind.name: found})

    @login_required
    def delete(request: AuthedRequest, pk: int) -> HttpResponse:
        found = kind.find(request.user, pk)
        return confirm_delete(
            request,
            kind.what,
            lambda: kind.delete(request.user, found),
            reverse(kind.url_name, args=[found.pk]),
            day_url(found.local_date),
        )

    return change, delete


episode, episode_delete = timed_views(
    TimedKind(
        find=get_episode_for_user,
        form_class=EpisodeForm,
        update=services.update_episode,
        delete=services.delete_episode,
        template="diary/episode.html",
        name="episode",
        what="This twitch",
        url_name="diary:episode",
    )
)


# --- Check-ins -----------------------------------------------------------------------------


@login_required
def checkin_today(request: AuthedRequest) -> HttpResponse:
    return redirect("diary:checkin", day=services.today_for(request.user))


@login_required
def checkin(request: AuthedRequest, day: dt.date) -> HttpResponse:
    user = request.user
    today = services.today_for(user)
    if day > today:
        messages.warning(request, "That day has not come yet; here is today's check-in.")
        return redirect("diary:checkin", day=today)
    existing = (
        CheckIn.objects.filter(user=user, local_date=day)
        .prefetch_related("custom_values__factor")
        .first()
    )
    previous = None if existing else services.previous_checkin(user, day)
    copying = previous is not None and request.GET.get("start") == "yesterday"
    initial: dict[str, Any] = {}
    if existing is not None:
        initial = checkin_initial(existing)
    elif previous is not None and copying:
        initial = checkin_initial(previous, copying=True)
    form = CheckInForm(
        posted(request),
        initial=initial,
        factors=list(CustomFactor.objects.filter(user=user)),
        show_menstruation=services.preferences_for(user).show_menstruation,
        alcohol=measure_for(user.country),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.save_checkin(
                user,
                day,
                form.checkin_values(),
                form.custom_values(),
                form.cleaned_data["also_noticed"],
            )
        except EmptyCheckIn as error:
            if not form.cleaned_data["also_noticed"]:
                show_refusal(form, error)
            else:
                messages.info(request, "What you noticed is noted. No other answer was given.")
                return redirect(day_url(day))
        except DiaryInputError as error:
            show_refusal(form, error)
        else:
            messages.success(request, "Your check-in is saved.")
            return redirect(day_url(day))
    context = {
        "form": form,
        "day": day,
        "is_today": day == today,
        "existing": existing,
        "previous": previous,
        "copying": copying,
        "ask_red_flags": services.asks_about_red_flags(user),
    }
    return render(request, "diary/checkin.html", context)


@login_required
def checkin_delete(request: AuthedRequest, day: dt.date) -> HttpResponse:
    found = get_checkin_for_date(request.user, day)
    return confirm_delete(
        request,
        "This day's check-in",
        lambda: services.delete_checkin(request.user, found),
        reverse("diary:checkin", args=[day]),
        day_url(day),
    )


# --- Stress events -------------------------------------------------------------------------


@login_required
def stress_new(request: AuthedRequest) -> HttpResponse:
    form = StressEventForm(posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            event, _ = services.log_stress_event(
                request.user,
                kind=data["kind"],
                strength=data["strength"],
                occurred_at=data["occurred_at"],
                notes=data["notes"],
                client_id=data["client_id"],
            )
        except DiaryInputError as error:
            show_refusal(form, error)
        else:
            messages.success(request, "Your stress moment is logged.")
            return redirect(day_url(event.local_date))
    return render(request, "diary/stress.html", {"form": form})


stress, stress_delete = timed_views(
    TimedKind(
        find=get_stress_event_for_user,
        form_class=StressEventForm,
        update=services.update_stress_event,
        delete=services.delete_stress_event,
        template="diary/stress.html",
        name="event",
        what="This stress moment",
        url_name="diary:stress",
    )
)


# --- Red flags -----------------------------------------------------------------------------


@login_required
@require_POST
def dismiss_red_flags(request: AuthedRequest) -> HttpResponse:
    services.dismiss_red_flags(request.user)
    return redirect(next_url(request, reverse("core:home")))


@login_required
@require_POST
def seen_doctor(request: AuthedRequest) -> HttpResponse:
    """ "I have seen a doctor about this": hide the advice and stop asking while logging."""
    services.record_seen_doctor(request.user)
    messages.success(
        request,
        "Noted. The diary will not ask about warning signs while you log; you can still "
        "report something new from the diary settings.",
    )
    return redirect(next_url(request, reverse("core:home")))


@login_required
def something_new(request: AuthedRequest) -> HttpResponse:
    """Report a new sign on its own, whenever the person chooses to."""
    form = RedFlagsForm(posted(request))
    if request.method == "POST" and form.is_valid():
        user = request.user
        services.note_red_flags(user, form.cleaned_data["also_noticed"], services.today_for(user))
        return redirect("core:home")
    return render(request, "diary/something_new.html", {"form": form})


@login_required
@require_POST
def rate_today(request: AuthedRequest) -> HttpResponse:
    """The "log less" mode's one rating a day; only the rating of today's check-in changes."""
    form = DailyRatingForm(request.POST)
    if form.is_valid():
        user = request.user
        services.save_checkin(user, services.today_for(user), form.cleaned_data)
        messages.success(request, "Today's rating is saved.")
    else:
        messages.warning(request, "Choose a number from 0 to 10.")
    return redirect(next_url(request, reverse("core:home")))

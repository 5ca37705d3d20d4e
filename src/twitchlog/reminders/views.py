from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from twitchlog.accounts.types import AuthedRequest
from twitchlog.core.forms import working_copy
from twitchlog.core.timezones import local_date
from twitchlog.reminders import push, services
from twitchlog.reminders.forms import ReminderForm, SubscriptionForm


@login_required
def settings_view(request: AuthedRequest) -> HttpResponse:
    """The reminder's time and channels, and buttons to pause it for a week or turn it off."""
    user = request.user
    current = services.settings_for(user)
    action = request.POST.get("action", "save") if request.method == "POST" else ""
    if action == "pause":
        services.pause_for_a_week(user)
        messages.success(request, "Reminders are paused for a week.")
        return redirect("reminders:settings")
    if action == "resume":
        services.update_settings(user, paused_until=None)
        messages.success(request, "Reminders are back on.")
        return redirect("reminders:settings")
    if action == "off":
        services.update_settings(user, enabled=False, paused_until=None)
        messages.success(request, "Reminders are off.")
        return redirect("reminders:settings")
    # The status line and the break panel show ``current``, what is stored; the form gets a
    # copy, since validating writes the values it accepted onto it even when it is refused.
    form = ReminderForm(request.POST if action == "save" else None, instance=working_copy(current))
    if action == "save" and form.is_valid():
        services.update_settings(user, **{name: form.cleaned_data[name] for name in form.fields})
        messages.success(request, "Your reminder settings are saved.")
        return redirect("reminders:settings")
    context = {
        "form": form,
        "current": current,
        "today": local_date(timezone.now(), user.time_zone),
        "public_key": push.public_key(),
        "devices": user.push_subscriptions.count(),
    }
    return render(request, "reminders/settings.html", context)


@login_required
@require_POST
def push_subscribe(request: AuthedRequest) -> JsonResponse:
    """Keep this browser's push subscription (sent by reminders/push.js)."""
    form = SubscriptionForm(request.POST)
    if not form.is_valid():
        return JsonResponse({"detail": "That subscription is incomplete."}, status=422)
    if not push.acceptable_endpoint(form.cleaned_data["endpoint"]):
        return JsonResponse({"detail": "That is not a browser's push service."}, status=422)
    services.subscribe(request.user, **form.cleaned_data)
    return JsonResponse({"detail": "Notifications are on for this device."}, status=201)


@login_required
@require_POST
def push_unsubscribe(request: AuthedRequest) -> JsonResponse:
    """Forget this browser's subscription; only one of the person's own is ever touched."""
    services.unsubscribe(request.user, request.POST.get("endpoint", "")[:1000])
    return JsonResponse({"detail": "Notifications are off for this device."})

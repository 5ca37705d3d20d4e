from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from twitchlog.accounts.types import AuthedRequest
from twitchlog.core.navigation import safe_next
from twitchlog.experiments import presenting, services
from twitchlog.experiments.access import get_experiment_for_user
from twitchlog.experiments.changes import CHANGES_BY_KEY
from twitchlog.experiments.forms import KeptForm, PlanForm, ReminderForm, default_start


@login_required
def index(request: AuthedRequest) -> HttpResponse:
    today = services.today_for(request.user)
    rows = [presenting.summary(e, today) for e in services.history(request.user)]
    return render(request, "experiments/index.html", {"rows": rows})


@login_required
def plan(request: AuthedRequest) -> HttpResponse:
    today = services.today_for(request.user)
    advice = None
    if request.method != "POST":
        initial = default_start(today)
        if request.GET.get("change") in CHANGES_BY_KEY:
            initial["change"] = request.GET["change"]
        return render(request, "experiments/plan.html", {"form": PlanForm(initial=initial)})
    form = PlanForm(request.POST, today=today)
    if form.is_valid():
        outcome, effect = form.outcome_and_effect()
        data = form.cleaned_data
        try:
            advice = services.advise(
                request.user, outcome, effect, data["block_days"], data["washout"]
            )
            if "register" in request.POST:
                pairs = data["pairs"] or advice.pairs
                experiment = services.register(request.user, form.plan(pairs))
                messages.success(request, "Your test is registered. Its plan is now fixed.")
                return redirect("experiments:detail", pk=experiment.pk)
        except services.ExperimentInputError as error:
            form.add_error(None, str(error))
    chosen = CHANGES_BY_KEY.get(form.data.get("change", ""))
    context = {
        "form": form,
        "advice": presenting.advice(advice) if advice else None,
        "note": chosen.note if chosen else "",
    }
    return render(request, "experiments/plan.html", context)


@login_required
def detail(request: AuthedRequest, pk: int) -> HttpResponse:
    experiment = get_experiment_for_user(request.user, pk)
    today = services.today_for(request.user)
    context: dict[str, Any] = {
        "view": presenting.detail(experiment, today),
        "kept_form": KeptForm(initial={"day": today}),
        "reminder_form": ReminderForm(initial={"reminder_time": experiment.reminder_time}),
    }
    return render(request, "experiments/detail.html", context)


@login_required
def kept(request: AuthedRequest, pk: int) -> HttpResponse:
    experiment = get_experiment_for_user(request.user, pk)
    today = services.today_for(request.user)
    form = KeptForm(request.POST or None, initial={"day": today})
    if request.method == "POST" and form.is_valid():
        try:
            services.mark_kept(
                request.user, experiment, form.cleaned_data["day"], form.cleaned_data["kept"]
            )
        except services.ExperimentInputError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Thank you, noted.")
            return redirect(safe_next(request) or "experiments:detail", pk=experiment.pk)
    context = {
        "experiment": experiment,
        "condition": presenting.condition_words(experiment, today),
        "form": form,
    }
    return render(request, "experiments/kept.html", context)


@login_required
def stop(request: AuthedRequest, pk: int) -> HttpResponse:
    experiment = get_experiment_for_user(request.user, pk)
    if request.method == "POST":
        if services.stop(request.user, experiment):
            messages.success(request, "The test is stopped. Its result says so.")
        return redirect("experiments:detail", pk=experiment.pk)
    return render(request, "experiments/stop.html", {"experiment": experiment})


@login_required
@require_POST
def reminder(request: AuthedRequest, pk: int) -> HttpResponse:
    experiment = get_experiment_for_user(request.user, pk)
    form = ReminderForm(request.POST)
    if form.is_valid():
        services.set_reminder(request.user, experiment, form.cleaned_data["reminder_time"])
        messages.success(request, "Reminder saved.")
    else:
        messages.error(request, "That time could not be read; write it like 20:30.")
    return redirect("experiments:detail", pk=experiment.pk)

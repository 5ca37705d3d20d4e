"""Shaping the diary and moving it in and out: custom factors, preferences, CSV files."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from twitchlog.accounts.types import AuthedRequest
from twitchlog.core.forms import working_copy
from twitchlog.diary import device_import, services, transfer
from twitchlog.diary.access import get_device_import_for_user, get_factor_for_user
from twitchlog.diary.columns import ColumnError
from twitchlog.diary.csvfile import CsvProblems
from twitchlog.diary.devices.limits import ExportError
from twitchlog.diary.forms import CustomFactorForm, ImportForm, PreferencesForm
from twitchlog.diary.models import CustomFactor, DeviceImport
from twitchlog.diary.views import confirm_delete, posted


@login_required
def factors(request: AuthedRequest) -> HttpResponse:
    user = request.user
    form = CustomFactorForm(posted(request), initial={"kind": CustomFactor.NUMERIC})
    if request.method == "POST" and form.is_valid():
        try:
            services.add_factor(
                user,
                form.cleaned_data["name"],
                form.cleaned_data["kind"],
                form.cleaned_data["unit"],
            )
        except ColumnError as error:
            form.add_error("name", str(error))
        else:
            messages.success(request, "The new factor is in your check-in from now on.")
            return redirect("diary:factors")
    listed = CustomFactor.objects.filter(user=user)
    return render(request, "diary/factors.html", {"form": form, "factors": listed})


@login_required
def factor(request: AuthedRequest, pk: int) -> HttpResponse:
    found = get_factor_for_user(request.user, pk)
    # The heading shows ``found`` as stored; a refused name must not replace it there.
    form = CustomFactorForm(posted(request), instance=working_copy(found))
    if request.method == "POST" and form.is_valid():
        changes = {name: form.cleaned_data[name] for name in form.changed_data}
        try:
            # A copy too: the service renames before it may refuse a change of kind.
            services.update_factor(request.user, working_copy(found), changes)
        except ColumnError as error:
            form.add_error("kind" if "kind" in changes else "name", str(error))
        else:
            messages.success(request, "Your changes are saved.")
            return redirect("diary:factors")
    return render(request, "diary/factor.html", {"form": form, "factor": found})


@login_required
def factor_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    found = get_factor_for_user(request.user, pk)
    return confirm_delete(
        request,
        "This factor and all its logged values",
        lambda: services.delete_factor(request.user, found),
        reverse("diary:factor", args=[found.pk]),
        reverse("diary:factors"),
    )


@login_required
def settings_view(request: AuthedRequest) -> HttpResponse:
    prefs = services.preferences_for(request.user)
    initial = {
        "show_menstruation": prefs.show_menstruation,
        "log_less": prefs.log_less,
        "seen_doctor": prefs.seen_doctor_on is not None,
    }
    form = PreferencesForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        services.save_preferences(
            request.user,
            form.cleaned_data["show_menstruation"],
            form.cleaned_data["log_less"],
            form.cleaned_data["seen_doctor"],
        )
        messages.success(request, "Your diary settings are saved.")
        return redirect("diary:settings")
    return render(request, "diary/settings.html", {"form": form})


def _csv_response(text: str, filename: str) -> HttpResponse:
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
def export_daily(request: AuthedRequest) -> HttpResponse:
    user = request.user
    today = services.today_for(user).isoformat()
    return _csv_response(transfer.export_daily(user), f"twitchlog-diary-{today}.csv")


@login_required
def export_episodes(request: AuthedRequest) -> HttpResponse:
    user = request.user
    today = services.today_for(user).isoformat()
    return _csv_response(transfer.export_episodes(user), f"twitchlog-episodes-{today}.csv")


@login_required
def import_daily(request: AuthedRequest) -> HttpResponse:
    form = ImportForm(posted(request), request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid() and form.device_export is not None:
        try:
            job = device_import.queue_upload(request.user, form.device_export)
        except ExportError as error:
            form.add_error("file", str(error))
        else:
            device_import.start_job(job)
            return redirect("diary:device_import", pk=job.pk)
    elif request.method == "POST" and form.is_valid():
        try:
            table = transfer.read_for(request.user, form.cleaned_data["file"])
        except CsvProblems as error:
            problems = error.problems
        else:
            result = transfer.import_daily(request.user, table)
            messages.success(
                request,
                f"Imported {result.days} day{'s' if result.days != 1 else ''}"
                + (f" and {len(result.new_factors)} new factor(s)" if result.new_factors else "")
                + ".",
            )
            return redirect("diary:timeline")
    status = 400 if problems else 200
    return render(request, "diary/import.html", {"form": form, "problems": problems}, status=status)


@login_required
def device_import_status(request: AuthedRequest, pk: int) -> HttpResponse:
    job = get_device_import_for_user(request.user, pk)
    state = device_import.job_state(job)
    summary = device_import.DeviceSummary.from_dict(job.summary) if job.summary else None
    return render(
        request,
        "diary/device_import.html",
        {
            "job": job,
            "state": state,
            "source": device_import.KINDS.get(job.kind, job.kind),
            "percent": round(job.progress * 100),
            "sentences": summary.sentences() if summary else [],
            "waiting": state in (DeviceImport.QUEUED, DeviceImport.RUNNING),
            # A failed job whose values did reach the diary must not say "Nothing was imported".
            "values_saved": job.error == device_import.RESULT_NOT_SAVED,
        },
    )
